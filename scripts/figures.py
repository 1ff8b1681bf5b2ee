"""Snakemake adapter for the figures stage (see workflow/preventie/figures/)."""

from pathlib import Path

import pandas as pd

from preventie import io
from preventie.figures import (
    bars_parties,
    data_view,
    flow_diagram,
    map_collaboration,
    map_initiatives,
    save,
    trend_chart,
)
from preventie.naming import FIGURE_NAMES
from preventie.stage import log, run, warn


def main(smk):
    year = int(smk.wildcards.year)
    boundaries = io.read_boundaries(smk.input.geo)
    records = io.read_parquet(smk.input.analysis)
    collaboration = io.read_table(smk.input.collaboration, "samenwerking")
    figures = {
        "kaart_initiatieven": map_initiatives(records, boundaries),
        "partijen": bars_parties(io.read_table(smk.input.partijen, "partijen")),
        "kaart_samenwerking": map_collaboration(records, collaboration, boundaries),
        "stroom": flow_diagram(io.read_table(smk.input.flow, "stroom"), year),
        "trend": trend_chart(io.read_table(smk.input.trend, "trend")),
    }

    def path(kind, name, suffix):
        """The output of one figure, found by its file name (never by position)."""
        return next(p for p in smk.output[kind] if Path(p).name == f"{name}{suffix}")

    for name in FIGURE_NAMES:
        figure = figures[name]
        for warning in figure.warnings:
            warn(f"{name}: {warning}", getattr(warning, "kind", None))
        save(figure, path("png", name, ".png"), path("svg", name, ".svg"))
        Path(path("alt", name, ".alt.txt")).write_text(figure.alt + "\n", encoding="utf-8")
        io.write_csv(figure.data, path("data", name, ".csv"))
        # the factsheet reads the CSV back as text and shows data_view of it: fail here, not there
        view = data_view(name, pd.read_csv(path("data", name, ".csv"), dtype=str, keep_default_na=False))
        log.info("%s: %d rijen data; voor de lezer: %s", name, len(figure.data), ", ".join(view.columns))


run(snakemake, main)  # noqa: F821
