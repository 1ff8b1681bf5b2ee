rule response:
    """Usable responses: one chosen submission per initiative; discarded ones with reason."""
    input:
        submissions=out("ingest/inzendingen.parquet"),
        inventory=out("ingest/inventaris.parquet"),
        links=out("koppeling/koppeling.csv"),
        code=code_of("response"),
    output:
        respons=reported("respons/respons.csv", "Respons"),
        discarded=reported("respons/inzendingen_vervallen.csv", "Respons"),
        answers=out("respons/antwoorden.parquet"),
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
