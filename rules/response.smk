rule response:
    """Usable responses: one chosen submission per initiative; discarded ones with reason."""
    input:
        submissions=out(paths.SUBMISSIONS),
        inventory=out(paths.INVENTORY),
        links=out(paths.LINKS),
        code=code_of("response"),
    output:
        respons=reported(paths.RESPONSE, "Respons"),
        discarded=reported(paths.DISCARDED, "Respons"),
        answers=out(paths.ANSWERS),
    log:
        log_of("response"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["response"],
    params:
        partial=config["policy"]["partial"],
    script:
        adapter("response")
