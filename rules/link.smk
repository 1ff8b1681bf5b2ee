rule link:
    """Every submission -> inventory initiative, with method, score and reason."""
    input:
        unpack(get_links_input),
        submissions=out("ingest/inzendingen.parquet"),
        inventory=out("ingest/inventaris.parquet"),
    output:
        links=report(
            out("koppeling/koppeling.csv"),
            caption="../workflow/report/koppeling.rst",
            category="Koppeling",
            subcategory="{year}",
        ),
    log:
        "logs/link/{year}.log",
    params:
        fuzzy_threshold=config["policy"]["fuzzy_threshold"],
        read_options=get_read_options,
    resources:
        mem_mb=2000,
    conda:
        "../workflow/envs/preventie.yaml"
    script:
        "../scripts/link.py"
