rule carry_forward:
    """Non-responders: last year's own answers when the initiative still exists."""
    input:
        unpack(get_previous_answers),
        inventory=out("ingest/inventaris.parquet"),
        respons=out("respons/respons.csv"),
    output:
        overname=reported("overname/overname.csv", "Overname"),
        carried=out("overname/overgenomen.parquet"),
    log:
        log_of("carry_forward"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["carry_forward"],
    script:
        adapter("carry_forward")
