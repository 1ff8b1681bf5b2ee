rule figures:
    """The five figures of the factsheet, each as PNG, SVG, alt text and data table."""
    input:
        geo=get_geo,
        analysis=out("analyse/analysebestand.parquet"),
        # the tables the figures read (preventie.figures: each figure's `tables`), by their name
        stroom=out("tabellen/stroom.csv"),
        samenwerking=out("tabellen/samenwerking.csv"),
        partijen=out("tabellen/partijen.csv"),
        trend=out("tabellen/trend.csv"),
        code=code_of("figures"),
    output:
        png=[figure_output(name) for name in FIGURE_NAMES],
        svg=[out(f"figuren/{name}.svg") for name in FIGURE_NAMES],
        alt=[out(f"figuren/{name}.alt.txt") for name in FIGURE_NAMES],
        data=[out(f"figuren/{name}.csv") for name in FIGURE_NAMES],
    log:
        log_of("figures"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["figures"],
    script:
        adapter("figures")
