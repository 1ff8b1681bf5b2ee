rule carry_forward:
    """Non-responders: last year's own answers when the initiative still exists, for the questions
    this year asked too."""
    input:
        unpack(get_previous_answers),
        inventory=out(paths.INVENTORY),
        codebook_report=out(paths.CODEBOOK_REPORT),
        respons=out(paths.RESPONSE),
        code=code_of("carry_forward"),
    output:
        overname=reported(paths.CARRIED_OVER, "Overname"),
        carried=out(paths.CARRIED_ANSWERS),
    log:
        log_of("carry_forward"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["carry_forward"],
    params:
        inventory=get_inventory_path,
    script:
        adapter("carry_forward")
