rule tables:
    """Flow (identities checked), categories, initiatives per municipality (the maps' counts),
    characteristics with Wilson intervals (marked where not asked this year or too few), trend with
    the published figures, shares against last year, selective non-response and transitions since
    last year."""
    input:
        unpack(get_trend_classifications),
        unpack(get_previous_classification),
        inventory=out(paths.INVENTORY),
        codebook_report=out(paths.CODEBOOK_REPORT),
        links=out(paths.LINKS),
        respons=out(paths.RESPONSE),
        discarded=out(paths.DISCARDED),
        inclusion=out(paths.INCLUSION),
        overname=out(paths.CARRIED_OVER),
        analysis=out(paths.ANALYSIS),
        code=code_of("tables"),
    output:
        flow=table_output("stroom"),
        identities=reported(paths.table("stroom_identiteiten"), "Controle"),
        collaboration=table_output("samenwerking"),
        municipalities=table_output("gemeenten"),
        partijen=table_output("partijen"),
        vws_interventies=table_output("vws_interventies"),
        gli_programmas=table_output("gli_programmas"),
        afspraken=table_output("afspraken"),
        financiering=table_output("financiering"),
        doelgroepen=table_output("doelgroepen"),
        trend=table_output("trend"),
        published_test=reported(paths.table("gepubliceerd_toets"), "Controle"),
        change=table_output("verandering"),
        non_response=table_output("non_respons"),
        non_response_test=table_output("non_respons_toets"),
        transitions=table_output("overgangen"),
        transitions_test=table_output("overgangen_toets"),
    log:
        log_of("tables"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["tables"],
    params:
        published=get_published_series,
        min_denominator=config["policy"]["min_denominator"],
    script:
        adapter("tables")
