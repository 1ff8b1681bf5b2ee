rule carry_forward:
    """Non-responders: last year's own answers when the initiative still exists."""
    input:
        unpack(get_previous_answers),
        inventory=out("ingest/inventaris.parquet"),
        respons=out("respons/respons.csv"),
    output:
        overname=report(
            out("overname/overname.csv"),
            caption="../workflow/report/overname.rst",
            category="Overname",
            subcategory="{year}",
        ),
        carried=out("overname/overgenomen.parquet"),
    log:
        "logs/carry_forward/{year}.log",
    resources:
        mem_mb=1000,
    conda:
        "../workflow/envs/preventie.yaml"
    script:
        "../scripts/carry_forward.py"
