"""Snakemake adapter for the factsheet stage (see workflow/preventie/factsheet/ and render.py)."""

import os
import time
from datetime import UTC, datetime
from pathlib import Path

from preventie import io
from preventie.factsheet.captions import read_figures
from preventie.factsheet.context import TABLES, Inputs, build_context
from preventie.factsheet.printed_numbers import digit_warnings, digit_words, number_list, read_source
from preventie.factsheet.template import render_source
from preventie.factsheet.texts import foreign_years, read_texts
from preventie.render import choose_renderer, find_quarto, render, renderer_sentence, rendering_record, tool_versions
from preventie.stage import log, run, warn


def optional(smk, name: str) -> str | None:
    """An input the year may lack (its metadata, the bibliography, the digit words)."""
    return smk.input[name] if name in smk.input.keys() else None


def main(smk):
    year = int(smk.wildcards.year)
    started = time.perf_counter()
    epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    quarto = find_quarto()
    renderer = choose_renderer(smk.params.renderer, quarto)
    versions = tool_versions(renderer, quarto)

    texts = read_texts(
        smk.input.get("texts", []), optional(smk, "metadata"), optional(smk, "bibliography"), smk.params.texts, year
    )
    inputs = Inputs(
        year=year,
        tables={name: io.read_table(smk.input[name], name) for name in TABLES},
        figures=read_figures(smk.input.figures_alt, smk.input.figures_views),
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
    words = optional(smk, "digit_words")
    for warning in digit_warnings(document, digit_words(Path(words).read_text(encoding="utf-8")) if words else []):
        warn(warning)
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
    Path(smk.output.rendering).write_text(rendering_record(smk.params.formats, versions), encoding="utf-8")


run(snakemake, main)  # noqa: F821
