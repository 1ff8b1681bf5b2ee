rule classify:
    """Analysed initiatives (included responders + carried) and their collaboration category, back-tested
    against the year's published figures."""
    input:
        answers=out("respons/antwoorden.parquet"),
        inclusion=out("inclusie/inclusie.csv"),
        carried=out("overname/overgenomen.parquet"),
        inventory=out("ingest/inventaris.parquet"),
        code=code_of("classify"),
    output:
        parquet=out("analyse/analysebestand.parquet"),
        csv=out("analyse/analysebestand.csv"),
        sav=out("analyse/analysebestand.sav"),
        classification=reported("analyse/classificatie.csv", "Analyse"),
    log:
        log_of("classify"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["classify"],
    params:
        published=get_published,
    script:
        adapter("classify")
