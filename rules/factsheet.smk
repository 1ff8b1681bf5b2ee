rule factsheet:
    """Resolved factsheet source from the tables, rendered to HTML, PDF and DOCX (Quarto or pandoc)."""
    input:
        unpack(get_factsheet_texts),
        unpack(get_factsheet_tables),
        unpack(get_factsheet_style),
        figures_png=[out(paths.figure(name, "png")) for name in FIGURE_NAMES],
        figures_svg=[out(paths.figure(name, "svg")) for name in FIGURE_NAMES],
        figures_alt=[out(paths.figure(name, "alt.txt")) for name in FIGURE_NAMES],
        figures_views=[out(paths.figure(name, "lezer.parquet")) for name in FIGURE_NAMES],
        code=code_of("factsheet"),
    output:
        qmd=out(paths.factsheet("{year}", "qmd")),
        numbers=reported(paths.NUMBERS, "Factsheet"),
        documents=[factsheet_document(ext) for ext in config["report"]["formats"]],
        rendering=out(paths.RENDERING),
    log:
        log_of("factsheet"),
    conda:
        CONDA_ENV
    resources:
        **RESOURCES["factsheet"],
    params:
        renderer=config["report"]["renderer"],
        formats=config["report"]["formats"],
        min_denominator=config["policy"]["min_denominator"],
        extension=FACTSHEET_EXTENSION,
        texts=get_texts_folder,
        pipeline=PIPELINE_LABEL,
    script:
        adapter("factsheet")
