"""Snakemake adapter for the figures stage (see workflow/preventie/figures/)."""

from pathlib import Path

from preventie import io
from preventie.figures import FIGURES, Sources, data_view, read_data, write_data
from preventie.figures.style import save
from preventie.stage import log, run, warn


def main(smk):
    sources = Sources(
        year=int(smk.wildcards.year),
        records=io.read_parquet(smk.input.analysis),
        boundaries=io.read_boundaries(smk.input.geo),
        tables={name: io.read_table(smk.input[name], name) for spec in FIGURES.values() for name in spec.tables},
    )

    def path(kind, name, suffix):
        """The output of one figure, found by its file name (never by position)."""
        return next(p for p in smk.output[kind] if Path(p).name == f"{name}{suffix}")

    for name, spec in FIGURES.items():
        figure = spec.make(sources)
        for warning in figure.warnings:
            warn(f"{name}: {warning}", getattr(warning, "kind", None))
        save(figure, path("png", name, ".png"), path("svg", name, ".svg"))
        Path(path("alt", name, ".alt.txt")).write_text(figure.alt + "\n", encoding="utf-8")
        write_data(name, figure.data, path("data", name, ".csv"))
        # the reader's view of the data as the CSV gives it, which the factsheet shows under the figure
        view = data_view(name, read_data(name, path("data", name, ".csv")))
        io.write_parquet(view, path("views", name, ".lezer.parquet"))
        log.info("%s: %d rijen data; voor de lezer: %s", name, len(figure.data), ", ".join(view.columns))


run(snakemake, main)  # noqa: F821
