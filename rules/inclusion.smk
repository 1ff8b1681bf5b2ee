rule inclusion:
    """Inclusion criteria E1..E4 for this year's responders."""
    input:
        answers=out(paths.ANSWERS),
        code=code_of("inclusion"),
    output:
        inclusion=reported(paths.INCLUSION, "Inclusie"),
    log:
        log_of("inclusion"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["inclusion"],
    script:
        adapter("inclusion")
