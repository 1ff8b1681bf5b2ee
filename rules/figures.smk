rule figures:
    """The five figures of the factsheet, each as PNG, SVG, alt text, data table and the reader's view of it."""
    input:
        geo=get_geo,
        analysis=out(paths.ANALYSIS),
        # the tables the figures read (preventie.figures: each figure's `tables`), by their name
        stroom=out(paths.table("stroom")),
        samenwerking=out(paths.table("samenwerking")),
        gemeenten=out(paths.table("gemeenten")),
        partijen=out(paths.table("partijen")),
        trend=out(paths.table("trend")),
        code=code_of("figures"),
    output:
        png=[figure_output(name) for name in FIGURE_NAMES],
        svg=[out(paths.figure(name, "svg")) for name in FIGURE_NAMES],
        alt=[out(paths.figure(name, "alt.txt")) for name in FIGURE_NAMES],
        data=[out(paths.figure(name, "csv")) for name in FIGURE_NAMES],
        views=[out(paths.figure(name, "lezer.parquet")) for name in FIGURE_NAMES],
    log:
        log_of("figures"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["figures"],
    script:
        adapter("figures")
