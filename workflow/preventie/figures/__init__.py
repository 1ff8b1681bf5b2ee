"""Figures: the five figures of the factsheet, each with the data it plots and an alt text.

One module per figure, named by its output (`kaart_initiatieven`, `partijen`,
`kaart_samenwerking`, `trend`, `stroom`): its data, its drawing, its alt text and its reader
view, with its caption in its `FIGURE` (`spec.FigureSpec`). `FIGURES` below is the registry: the
figures in the order of the factsheet, which the figures stage draws, the factsheet captions and
numbers, and whose names name the outputs (naming.FIGURE_NAMES, the same names for the workflow
while it parses). The house style and saving are in `style`, the map geometry in `maps`, the
helpers of the reader's views in `views`. Labels are Dutch.

Each figure's data table has a schema in tables.yaml (figuur_<name>), written with `write_data`
and read back with `read_data` like every table. `data_view(name, data)` turns it into the table
a Dutch reader sees under the figure: Dutch headers and labels, no helper columns, numbers as
numbers.
"""

from __future__ import annotations

import pandas as pd

from .. import io
from ..naming import FIGURE_NAMES
from . import kaart_initiatieven, kaart_samenwerking, partijen, stroom, trend
from .spec import FigureSpec, Sources

__all__ = ["FIGURES", "FigureSpec", "Sources", "data_view", "read_data", "write_data"]

_SPECS = {m.FIGURE.name: m.FIGURE for m in (kaart_initiatieven, kaart_samenwerking, partijen, stroom, trend)}
# The registry: every figure in the order of the factsheet (figure N is the N-th), keyed by
# naming.FIGURE_NAMES, the names the workflow gives the outputs while it parses (without pandas).
FIGURES: dict[str, FigureSpec] = {name: _SPECS[name] for name in FIGURE_NAMES}
assert set(FIGURES) == set(_SPECS), "every figure module is named in naming.FIGURE_NAMES"


def write_data(name: str, data: pd.DataFrame, path) -> None:
    """A figure's data table as its CSV (figuren/<name>.csv), checked against its schema."""
    io.write_table(data, path, FIGURES[name].schema)


def read_data(name: str, path) -> pd.DataFrame:
    """A figure's data table as the figures stage wrote it, typed by its schema."""
    return io.read_table(path, FIGURES[name].schema)


def data_view(name: str, data: pd.DataFrame) -> pd.DataFrame:
    """The data table of figure `name` as a Dutch reader sees it under the figure in the factsheet.

    `data` is `Figure.data`, or the figure's CSV read back with its schema (`read_data`). The result
    has Dutch headers, Dutch labels instead of pipeline keys, no helper columns; counts are int64
    (Int64 where a value is missing), percentages float64 (0–100, one decimal, NaN where missing),
    text is str and flags are 'ja'/'nee'; a year is a label, so text ('2020'). The columns of each
    figure are in the docstring of its module's `view`.

    Both maps add a last column 'Op de kaart' (ja/nee) only when some municipality has no boundary
    that year, so that the reader sees why it is missing from the map.
    """
    if name not in FIGURES:
        raise ValueError(f"onbekende figuur: {name!r}; bekend zijn {', '.join(FIGURES)}")
    return FIGURES[name].view(data.reset_index(drop=True))
