rule classify:
    """Analysed initiatives (included responders + carried) and their collaboration category."""
    input:
        answers=out("respons/antwoorden.parquet"),
        inclusion=out("inclusie/inclusie.csv"),
        carried=out("overname/overgenomen.parquet"),
        inventory=out("ingest/inventaris.parquet"),
    output:
        parquet=out("analyse/analysebestand.parquet"),
        csv=out("analyse/analysebestand.csv"),
        sav=out("analyse/analysebestand.sav"),
        classification=report(
            out("analyse/classificatie.csv"),
            caption="../workflow/report/classificatie.rst",
            category="Analyse",
            subcategory="{year}",
        ),
    log:
        "logs/classify/{year}.log",
    resources:
        mem_mb=2000,
    conda:
        "../workflow/envs/preventie.yaml"
    script:
        "../scripts/classify.py"
