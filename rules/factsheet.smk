rule factsheet:
    """Resolved factsheet source from the tables, rendered to HTML, PDF and DOCX (Quarto or pandoc)."""
    input:
        unpack(get_factsheet_texts),
        unpack(get_factsheet_tables),
        unpack(get_factsheet_style),
        figures_png=[out(f"figuren/{name}.png") for name in FIGURE_NAMES],
        figures_svg=[out(f"figuren/{name}.svg") for name in FIGURE_NAMES],
        figures_alt=[out(f"figuren/{name}.alt.txt") for name in FIGURE_NAMES],
        figures_data=[out(f"figuren/{name}.csv") for name in FIGURE_NAMES],
        code=code_of("factsheet"),
    output:
        qmd=out("factsheet/factsheet_{year}.qmd"),
        numbers=reported("factsheet/getallen.csv", "Factsheet"),
        documents=[factsheet_document(ext) for ext in config["report"]["formats"]],
        rendering=out("factsheet/weergave.json"),
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
