"""The map of the collaboration: a marker per initiative, shape and colour by degree; its reader view."""

from __future__ import annotations

from unittest.mock import patch

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from figure_inputs import (
    BOUNDARIES,
    category_counts,
    close_figures,  # noqa: F401 (autouse: every figure a test draws is closed)
    read_back,
    records,
)
from preventie.classify import CATEGORIES
from preventie.figures import data_view, kaart_samenwerking
from preventie.figures.kaart_samenwerking import CATEGORY_MARKERS, map_collaboration
from preventie.figures.maps import BOUNDARY_FILL, fits_apart
from preventie.figures.style import contrast_ratio


def test_collaboration_map_spreads_initiatives_of_one_municipality():
    data = records(
        ["GM0001"] * 4 + ["GM0002"],
        [False] * 5,
        ["formele_afspraken", "onbekend", "in_gesprek", "formele_afspraken", "alleen_een"],
    )
    counts = pd.DataFrame({"categorie": list(CATEGORIES), "n": [1, 0, 1, 0, 1, 0, 2]})
    figure = map_collaboration(data, counts, BOUNDARIES)
    offsets = np.vstack(
        [
            c.get_offsets()
            for c in figure.figure.axes[0].collections
            if c.get_offsets().size and not c.get_label().startswith("_")
        ]
    )
    assert len(offsets) == 5 and len({tuple(p) for p in offsets}) == 5  # no marker hides another
    labels = [t.get_text() for t in figure.figure.axes[0].get_legend().get_texts()]
    assert labels[0] == "Onbekend (n = 1)" and labels[-1] == "Formele afspraken (n = 2)"


def test_collaboration_categories_differ_in_shape_not_only_in_colour():
    data = records(["GM0001"] * 7, [False] * 7, list(CATEGORIES))
    figure = map_collaboration(data, category_counts(data), BOUNDARIES)
    ax = figure.figure.axes[0]
    markers = [c for c in ax.collections if c.get_label() and not c.get_label().startswith("_")]
    assert len(markers) == len(CATEGORIES) == 7
    shapes = {tuple(np.round(c.get_paths()[0].vertices, 4).ravel()) for c in markers}
    assert len(shapes) == 7  # seven different marker shapes
    assert len(set(CATEGORY_MARKERS.values())) == 7 and list(CATEGORY_MARKERS) == list(CATEGORIES)
    assert len({tuple(c.get_facecolor()[0]) for c in markers}) == 7  # and seven colours
    legend_shapes = {tuple(np.round(h.get_paths()[0].vertices, 4).ravel()) for h in ax.get_legend().legend_handles}
    assert len(legend_shapes) == 7  # the legend shows the shapes too
    for c in markers:  # a dark edge on every marker: it stands out against the land (3:1, as for graphics)
        assert contrast_ratio(c.get_edgecolor()[0], BOUNDARY_FILL) >= 3, c.get_label()


def test_a_map_too_full_to_spread_keeps_its_markers_and_says_so():
    fig, ax = plt.subplots(figsize=(4, 5))
    ax.set_xlim(0, 100)
    ax.set_ylim(0, 100)
    assert fits_apart(50, 10.0, ax) and not fits_apart(51, 10.0, ax)  # 51 markers of 10 x 10 > half of 100 x 100
    plt.close(fig)
    data = records(["GM0001", "GM0002"] * 3, [False] * 6, ["in_gesprek"] * 6)
    with patch.object(kaart_samenwerking, "MARKER_DISTANCE", 1000.0):  # markers as big as the country
        figure = map_collaboration(data, category_counts(data), BOUNDARIES)
    assert any("6 symbolen passen niet naast elkaar" in w for w in figure.warnings)
    (markers,) = [c for c in figure.figure.axes[0].collections[1:] if len(c.get_offsets())]
    assert len(markers.get_offsets()) == 6  # all drawn


def test_data_view_kaart_samenwerking(tmp_path):
    data = records(["GM0002", "GM0001", "GM0001"], [False] * 3, ["onbekend", "formele_afspraken", "onbekend"])
    figure = map_collaboration(data, category_counts(data), BOUNDARIES)
    view = data_view("kaart_samenwerking", read_back(figure, tmp_path, "kaart_samenwerking"))
    assert list(view.columns) == ["Gemeente", "Mate van samenwerking", "Aantal initiatieven"]
    assert view.values.tolist() == [  # counted per municipality and degree, however many initiatives
        ["Aduard", "Onbekend", 1],
        ["Aduard", "Formele afspraken", 1],
        ["Bedum", "Onbekend", 1],
    ]
    assert view["Aantal initiatieven"].dtype == "int64"
    more = records(["GM0001"] * 5 + ["GM9999"], [False] * 6, ["onbekend"] * 3 + ["formele_afspraken"] * 3)
    view = data_view("kaart_samenwerking", map_collaboration(more, category_counts(more), BOUNDARIES).data)
    assert view.values.tolist() == [
        ["Aduard", "Onbekend", 3, "ja"],
        ["Aduard", "Formele afspraken", 2, "ja"],
        ["GM9999 (niet in de gemeentegrenzen)", "Formele afspraken", 1, "nee"],
    ]
