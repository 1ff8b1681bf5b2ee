"""Figures: the five figures of the factsheet, each with the data it plots and an alt text.

Every figure function takes tables (and boundaries), draws on a new matplotlib figure and
returns a `Figure` with the plotted data and a Dutch alt text, so that the HTML factsheet
can show the numbers behind every figure. One module per figure, named by its output
(`kaart_initiatieven`, `partijen`, `kaart_samenwerking`, `stroom`, `trend`); the house style
and saving are in `style`, the map geometry in `maps`, the helpers of the reader's views in
`views`. Labels are Dutch.

`data_view(name, data)` turns the data table of a figure (as drawn, or as read back from its
CSV as text) into the table a Dutch reader sees under the figure: Dutch headers and labels,
no helper columns, numbers as numbers.
"""

from __future__ import annotations

import pandas as pd

from ..tables import FLOW_LABELS
from . import kaart_initiatieven, kaart_samenwerking, partijen, stroom, trend
from .kaart_initiatieven import INITIATIVE_LABELS, bubble_area, map_initiatives
from .kaart_samenwerking import CATEGORY_MARKERS, category_colours, map_collaboration
from .maps import BOUNDARY_EDGE, BOUNDARY_FILL, fits_apart, municipality_points, ring_offsets, separate
from .partijen import bars_parties, party_order
from .stroom import PAD, flow_diagram, flow_layout, text_width
from .style import (
    MIN_CONTRAST,
    MIN_FONT,
    OKABE_ITO,
    WIDTH_IN,
    Figure,
    contrast_ratio,
    equal_area_size,
    marker_area,
    save,
    text_colour_on,
)
from .trend import trend_chart

__all__ = [
    "Figure",
    "WIDTH_IN",
    "MIN_FONT",
    "MIN_CONTRAST",
    "OKABE_ITO",
    "INITIATIVE_LABELS",
    "CATEGORY_MARKERS",
    "BOUNDARY_FILL",
    "BOUNDARY_EDGE",
    "FLOW_LABELS",
    "PAD",
    "category_colours",
    "contrast_ratio",
    "text_colour_on",
    "marker_area",
    "equal_area_size",
    "bubble_area",
    "municipality_points",
    "ring_offsets",
    "separate",
    "fits_apart",
    "map_initiatives",
    "map_collaboration",
    "party_order",
    "bars_parties",
    "trend_chart",
    "text_width",
    "flow_layout",
    "flow_diagram",
    "data_view",
    "save",
]

DATA_VIEWS = {
    "stroom": stroom.view,
    "kaart_initiatieven": kaart_initiatieven.view,
    "kaart_samenwerking": kaart_samenwerking.view,
    "partijen": partijen.view,
    "trend": trend.view,
}


def data_view(name: str, data: pd.DataFrame) -> pd.DataFrame:
    """The data table of figure `name` as a Dutch reader sees it under the figure in the factsheet.

    `data` is `Figure.data`, or the figure's CSV read back as text
    (`pd.read_csv(path, dtype=str, keep_default_na=False)`); types are converted here. The result
    has Dutch headers, Dutch labels instead of pipeline keys, no helper columns; counts are int64
    (Int64 where a value is missing), percentages float64 (0–100, one decimal, NaN where missing),
    text is str and flags are 'ja'/'nee'; a year is a label, so text ('2020'). Columns per figure:

    - stroom: Stap (the step in words, see FLOW_LABELS), Aantal.
    - kaart_initiatieven: Gemeente, Aantal initiatieven, Waarvan preventiecoalitie, Waarvan andere
      initiatieven; sorted by municipality.
    - kaart_samenwerking: Gemeente, Mate van samenwerking, Aantal initiatieven (one row per
      municipality and degree); sorted by municipality, then from 'Onbekend' to 'Formele afspraken'.
    - partijen: Partij, Aantal initiatieven, Noemer, Percentage; in the order of the bars.
    - trend: Jaar, Geanalyseerde initiatieven, Met afstemming, Zonder afstemming, Percentage met
      afstemming, Percentage zonder afstemming, Bron (TREND_SOURCES: eerder gepubliceerd,
      herberekend, herzien or this analysis), Gepubliceerd aantal (empty where nothing was published).

    Both maps add a last column 'Op de kaart' (ja/nee) only when some municipality has no boundary
    that year, so that the reader sees why it is missing from the map.
    """
    if name not in DATA_VIEWS:
        raise ValueError(f"onbekende figuur: {name!r}; bekend zijn {', '.join(DATA_VIEWS)}")
    return DATA_VIEWS[name](data.reset_index(drop=True))
