rule ingest:
    """Export + codebook -> canonical submissions (PII dropped); inventory validated."""
    input:
        unpack(get_ingest_input),
    output:
        submissions=out("ingest/inzendingen.parquet"),
        inventory=out("ingest/inventaris.parquet"),
        report=report(
            out("ingest/codeboekrapport.csv"),
            caption="../workflow/report/codeboekrapport.rst",
            category="Inlezen",
            subcategory="{year}",
        ),
    log:
        "logs/ingest/{year}.log",
    params:
        strict_codes=config["policy"]["strict_codes"],
        read_options=get_read_options,
    resources:
        mem_mb=2000,
    conda:
        "../workflow/envs/preventie.yaml"
    script:
        "../scripts/ingest.py"
