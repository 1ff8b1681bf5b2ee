rule classify:
    """Analysed initiatives (included responders + carried) and their collaboration category, back-tested
    against the year's published figures."""
    input:
        answers=out(paths.ANSWERS),
        inclusion=out(paths.INCLUSION),
        carried=out(paths.CARRIED_ANSWERS),
        inventory=out(paths.INVENTORY),
        code=code_of("classify"),
    output:
        parquet=out(paths.ANALYSIS),
        csv=out(paths.ANALYSIS_CSV),
        sav=out(paths.ANALYSIS_SAV),
        classification=reported(paths.CLASSIFICATION, "Analyse"),
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
