rule link:
    """Every submission -> inventory initiative, with method, score and reason."""
    input:
        unpack(get_links_input),
        submissions=out(paths.SUBMISSIONS),
        inventory=out(paths.INVENTORY),
        code=code_of("link"),
    output:
        links=reported(paths.LINKS, "Koppeling"),
    log:
        log_of("link"),
    conda:
        CONDA_ENV
    threads: link_threads
    resources:
        **RESOURCES["link"],
    params:
        fuzzy_threshold=config["policy"]["fuzzy_threshold"],
        read_options=get_read_options,
    script:
        adapter("link")
