rule carry_forward:
    """Non-responders: last year's own answers when the initiative still exists, for the questions
    this year asked too."""
    input:
        unpack(get_previous_answers),
        inventory=out("ingest/inventaris.parquet"),
        codebook_report=out("ingest/codeboekrapport.csv"),
        respons=out("respons/respons.csv"),
        code=code_of("carry_forward"),
    output:
        overname=reported("overname/overname.csv", "Overname"),
        carried=out("overname/overgenomen.parquet"),
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
