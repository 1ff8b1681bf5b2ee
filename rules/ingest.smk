rule ingest:
    """Export + codebook -> canonical submissions (PII dropped); inventory validated."""
    input:
        unpack(get_ingest_input),
        unpack(get_earlier_geo),
        code=code_of("ingest"),
    output:
        submissions=out(paths.SUBMISSIONS),
        inventory=out(paths.INVENTORY),
        report=reported(paths.CODEBOOK_REPORT, "Inlezen"),
    log:
        log_of("ingest"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["ingest"],
    params:
        strict_codes=config["policy"]["strict_codes"],
        read_options=get_read_options,
    script:
        adapter("ingest")
