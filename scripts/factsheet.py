"""Snakemake adapter for the factsheet stage (see workflow/preventie/factsheet.py)."""

import json
import os
import shutil
import time
from pathlib import Path

import pandas as pd

from preventie import io
from preventie.factsheet import (FIGURES, TABLES, Inputs, build_context, choose_renderer,
                                 find_quarto, render_source, render_with_pandoc,
                                 render_with_quarto, tool_versions)
from preventie.stage import log, run


def main(smk):
    year = int(smk.wildcards.year)
    started = time.perf_counter()
    alts = {Path(p).name.removesuffix(".alt.txt"): p for p in smk.input.figures_alt}
    datas = {Path(p).stem: p for p in smk.input.figures_data}
    figures = {
        name: {"alt": Path(alts[name]).read_text(encoding="utf-8"),
               "data": pd.read_csv(datas[name], dtype=str, keep_default_na=False)}
        for name in FIGURES
    }
    inputs = Inputs(
        year=year,
        tables={name: io.read_table(smk.input[name], name) for name in TABLES},
        figures=figures,
        texts=[Path(p).read_text(encoding="utf-8").strip() for p in sorted(smk.input.get("texts", []))],
    )
    template = Path(smk.input.template)
    source = render_source(template.parent, template.name, build_context(inputs))
    qmd = Path(smk.output.qmd)
    qmd.write_text(source, encoding="utf-8")
    for key in ("css", "typst_template", "reference_docx"):
        shutil.copyfile(smk.input[key], smk.output[key])
    log.info("bron geschreven: %s (%d teksten uit de interviews)", qmd, len(inputs.texts))

    quarto = find_quarto()
    renderer = choose_renderer(smk.params.renderer, quarto)
    if renderer == "quarto":
        render_with_quarto(qmd, smk.params.formats, quarto)
    else:
        render_with_pandoc(qmd, smk.params.formats, Path(smk.output.css).parent,
                           timestamp=int(os.environ["SOURCE_DATE_EPOCH"]))
    versions = tool_versions(renderer, quarto)
    log.info("weergegeven met %s (%s) in %.1f s", renderer,
             ", ".join(f"{k} {v}" for k, v in versions.items() if k != "renderer"), time.perf_counter() - started)
    Path(smk.output.rendering).write_text(
        json.dumps({"formaten": list(smk.params.formats), **versions}, indent=2, sort_keys=True) + "\n",
        encoding="utf-8")


run(snakemake, main)  # noqa: F821
