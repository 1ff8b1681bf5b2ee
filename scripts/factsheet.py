"""Snakemake adapter for the factsheet stage (see workflow/preventie/factsheet.py and render.py)."""

import json
import os
import time
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from preventie import io
from preventie.factsheet import FIGURES, TABLES, Inputs, build_context, render_source
from preventie.render import choose_renderer, find_quarto, render, renderer_sentence, tool_versions
from preventie.stage import log, run


def main(smk):
    year = int(smk.wildcards.year)
    started = time.perf_counter()
    epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    quarto = find_quarto()
    renderer = choose_renderer(smk.params.renderer, quarto)
    versions = tool_versions(renderer, quarto)

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
        renderer=renderer_sentence(versions),
        build_date=datetime.fromtimestamp(epoch, tz=timezone.utc).date().isoformat(),
    )
    template = Path(smk.input.template)
    source = render_source(template.parent, template.name, build_context(inputs))
    qmd = Path(smk.output.qmd)
    qmd.write_text(source, encoding="utf-8")
    log.info("bron geschreven: %s (%d teksten uit de interviews)", qmd, len(inputs.texts))

    documents = {Path(p).suffix.lstrip("."): Path(p) for p in smk.output.documents}
    figure_files = [*smk.input.figures_png, *smk.input.figures_svg]
    seconds = render(qmd, documents, figure_files, Path(smk.params.extension), renderer, quarto, epoch)
    for fmt, taken in seconds.items():
        log.info("%s: %s (%.1f s)", fmt, documents[fmt], taken)
    log.info("weergegeven met %s (%s) in %.1f s", renderer,
             ", ".join(f"{k} {v}" for k, v in versions.items() if k != "renderer"), time.perf_counter() - started)
    Path(smk.output.rendering).write_text(
        json.dumps({"formaten": list(smk.params.formats), **versions}, indent=2, sort_keys=True) + "\n",
        encoding="utf-8")


run(snakemake, main)  # noqa: F821
