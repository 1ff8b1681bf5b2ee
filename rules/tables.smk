rule tables:
    """Flow (identities checked), categories, characteristics with Wilson intervals, trend,
    selective non-response and transitions since last year."""
    input:
        unpack(get_trend_classifications),
        unpack(get_previous_classification),
        inventory=out("ingest/inventaris.parquet"),
        links=out("koppeling/koppeling.csv"),
        respons=out("respons/respons.csv"),
        discarded=out("respons/inzendingen_vervallen.csv"),
        inclusion=out("inclusie/inclusie.csv"),
        overname=out("overname/overname.csv"),
        analysis=out("analyse/analysebestand.parquet"),
    output:
        flow=table_output("stroom"),
        identities=out("tabellen/stroom_identiteiten.csv"),
        collaboration=table_output("samenwerking"),
        partijen=table_output("partijen"),
        vws_interventies=table_output("vws_interventies"),
        gli_programmas=table_output("gli_programmas"),
        afspraken=table_output("afspraken"),
        financiering=table_output("financiering"),
        doelgroepen=table_output("doelgroepen"),
        trend=table_output("trend"),
        non_response=table_output("non_respons"),
        non_response_test=out("tabellen/non_respons_toets.csv"),
        transitions=table_output("overgangen"),
        transitions_test=out("tabellen/overgangen_toets.csv"),
    log:
        "logs/tables/{year}.log",
    params:
        historical=config["historical"],
    resources:
        mem_mb=1000,
    conda:
        "../workflow/envs/preventie.yaml"
    script:
        "../scripts/tables.py"
