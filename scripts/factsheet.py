"""Snakemake adapter for the factsheet stage (see workflow/preventie/factsheet/ and render.py)."""

import json
import os
import time
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from preventie import io
from preventie.factsheet.captions import FIGURES
from preventie.factsheet.context import TABLES, Inputs, build_context
from preventie.factsheet.printed_numbers import digit_words, number_list, read_source, untraced_digits
from preventie.factsheet.template import render_source
from preventie.factsheet.texts import check_metadata, foreign_years, parse_texts
from preventie.figures import data_view
from preventie.render import choose_renderer, find_quarto, render, renderer_sentence, tool_versions
from preventie.stage import log, run, warn


def read_texts(smk, folder: str, year: int):
    """The year's texts: Markdown per slot, metadata (checked against the year), the sources (if any)."""
    files = {Path(p).stem: Path(p).read_text(encoding="utf-8") for p in smk.input.get("texts", [])}
    metadata = (
        check_metadata(io.read_yaml(smk.input.metadata), smk.input.metadata, year)
        if "metadata" in smk.input.keys()
        else None
    )
    references = io.read_bibliography(smk.input.bibliography) if "bibliography" in smk.input.keys() else []
    return parse_texts(files, metadata, references, folder)


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
        name: {
            "alt": Path(alts[name]).read_text(encoding="utf-8"),
            "data": data_view(name, pd.read_csv(datas[name], dtype=str, keep_default_na=False)),
        }
        for name in FIGURES
    }
    texts = read_texts(smk, smk.params.texts, year)
    inputs = Inputs(
        year=year,
        tables={name: io.read_table(smk.input[name], name) for name in TABLES},
        figures=figures,
        texts=texts,
        renderer=renderer_sentence(versions, smk.params.pipeline),
        build_date=datetime.fromtimestamp(epoch, tz=UTC).date().isoformat(),
        min_denominator=smk.params.min_denominator,
    )
    for warning in foreign_years(texts, year, inputs.tables["trend"]["jaar"].astype(int), smk.params.texts):
        warn(warning)
    template = Path(smk.input.template)
    source = render_source(template.parent, template.name, build_context(inputs))
    qmd = Path(smk.output.qmd)
    qmd.write_text(source, encoding="utf-8")
    document = read_source(source)
    numbers = number_list(document)
    io.write_table(numbers, smk.output.numbers, "getallen")
    log.info("%d getallen in de tekst, elk met hun bron: %s", len(numbers), smk.output.numbers)
    words = (
        digit_words(Path(smk.input.digit_words).read_text(encoding="utf-8"))
        if "digit_words" in smk.input.keys()
        else []
    )
    for section, context in untraced_digits(document, words):
        warn(
            f"cijfer zonder bron in de tekst (paragraaf '{section}'): '{context}'. Een getal uit de enquête hoort uit "
            "een tabel te komen; een naam met een cijfer gaat in reports/teksten/cijferwoorden.txt",
            "cijfer_zonder_bron",
        )
    log.info(
        "bron geschreven: %s (teksten: %s; tekstboxen: %s; %d bronnen)",
        qmd,
        ", ".join(texts.slots) or "geen",
        ", ".join(texts.boxes) or "geen",
        len(texts.references),
    )

    documents = {Path(p).suffix.lstrip("."): Path(p) for p in smk.output.documents}
    figure_files = [*smk.input.figures_png, *smk.input.figures_svg]
    seconds = render(qmd, documents, figure_files, Path(smk.params.extension), renderer, quarto, epoch)
    for fmt, taken in seconds.items():
        log.info("%s: %s (%.1f s)", fmt, documents[fmt], taken)
    log.info(
        "weergegeven met %s (%s) in %.1f s",
        renderer,
        ", ".join(f"{k} {v}" for k, v in versions.items() if k != "renderer"),
        time.perf_counter() - started,
    )
    Path(smk.output.rendering).write_text(
        json.dumps({"formaten": list(smk.params.formats), **versions}, indent=2, sort_keys=True) + "\n",
        encoding="utf-8",
    )


run(snakemake, main)  # noqa: F821
