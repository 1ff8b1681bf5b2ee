"""The map of the initiatives: per municipality a circle for its other initiatives and a diamond
for its coalitions; its reader view."""

from __future__ import annotations

import math

import numpy as np
import pytest
from matplotlib.legend import Legend

from figure_inputs import (
    BOUNDARIES,
    close_figures,  # noqa: F401 (autouse: every figure a test draws is closed)
    labelled,
    read_back,
    records,
)
from preventie.figures import data_view
from preventie.figures.kaart_initiatieven import INITIATIVE_LABELS, bubble_area, map_initiatives
from preventie.tables import municipality_table


def test_coalitions_are_marked_per_initiative_not_per_municipality():
    # GM0001: 7 initiatives of which 1 coalition; GM0002: 2 coalitions and nothing else; GM0003: 1 other
    codes = ["GM0001"] * 7 + ["GM0002"] * 2 + ["GM0003"]
    figure = map_initiatives(municipality_table(records(codes, [True] + [False] * 6 + [True, True, False])), BOUNDARIES)
    (others,) = labelled(figure, INITIATIVE_LABELS["andere_initiatieven"])
    (coalitions,) = labelled(figure, INITIATIVE_LABELS["preventiecoalities"])
    assert len(others.get_offsets()) == 2 and len(coalitions.get_offsets()) == 2  # GM0002 has no circle
    points = dict(
        zip(
            BOUNDARIES["statcode"],
            zip(BOUNDARIES.geometry.representative_point().x, BOUNDARIES.geometry.representative_point().y),
        )
    )
    circles = {tuple(p): s for p, s in zip(others.get_offsets().tolist(), others.get_sizes())}
    assert circles[points["GM0001"]] == pytest.approx(bubble_area(6))  # six others, not seven
    assert circles[points["GM0003"]] == pytest.approx(bubble_area(1))
    rows = figure.data.set_index("gemeente_code")
    assert rows.loc["GM0001", ["aantal", "preventiecoalities", "andere_initiatieven"]].tolist() == [7, 1, 6]
    assert rows.loc["GM0002", ["aantal", "preventiecoalities", "andere_initiatieven"]].tolist() == [2, 2, 0]
    assert list(figure.data.columns) == [
        "gemeente_code",
        "gemeente",
        "aantal",
        "preventiecoalities",
        "andere_initiatieven",
        "op_kaart",
    ]
    # one coalition marker for GM0001, beside (not on top of) its circle; GM0002's sits on its own point
    ax = figure.figure.axes[0]
    to_points = 72 / figure.figure.dpi
    centre = ax.transData.transform(points["GM0001"])
    diamonds = ax.transData.transform(coalitions.get_offsets())
    distance = min(np.hypot(*(d - centre)) for d in diamonds) * to_points
    assert distance >= math.sqrt(bubble_area(6)) / 2  # the diamond's centre lies outside the circle
    assert any(np.allclose(d, ax.transData.transform(points["GM0002"])) for d in diamonds)
    # the legend explains both markers
    texts = [t.get_text() for legend in ax.findobj(Legend) for t in legend.get_texts()]
    assert {"Andere netwerkinitiatieven", "Preventiecoalities"} <= set(texts)
    assert "de meeste initiatieven heeft aduard: 7, waarvan 1 preventiecoalitie" in figure.alt.lower()
    assert "De 3 preventiecoalities liggen in 2 gemeenten; meer dan één in Bedum (2)." in figure.alt


def test_map_has_a_circle_per_municipality_with_other_initiatives():
    figure = map_initiatives(
        municipality_table(records(["GM0001", "GM0001", "GM0002", "GM0001"], [False, True, False, False])), BOUNDARIES
    )
    (others,) = labelled(figure, INITIATIVE_LABELS["andere_initiatieven"])
    assert len(others.get_offsets()) == 2  # GM0001 and GM0002, GM0003 has none
    rows = figure.data.set_index("gemeente_code")
    assert rows.loc["GM0001", "aantal"] == 3 and rows.loc["GM0001", "preventiecoalities"] == 1
    assert rows.loc["GM0002", "preventiecoalities"] == 0
    assert "4 geanalyseerde netwerkinitiatieven in 2 gemeenten" in figure.alt
    assert "De meeste initiatieven heeft Aduard: 3, waarvan 1 preventiecoalitie" in figure.alt


def test_unknown_municipality_code_is_reported_and_not_drawn():
    figure = map_initiatives(municipality_table(records(["GM0001", "GM9999"], [False, False])), BOUNDARIES)
    assert figure.warnings and "GM9999" in figure.warnings[0]
    rows = figure.data.set_index("gemeente_code")
    assert not bool(rows.loc["GM9999", "op_kaart"])
    points = [c.get_offsets() for c in figure.figure.axes[0].collections if c.get_label() in INITIATIVE_LABELS.values()]
    assert sum(len(p) for p in points) == 1


def test_data_view_kaart_initiatieven(tmp_path):
    data = records(["GM0001"] * 7 + ["GM0002", "GM9999"], [True] + [False] * 8)
    figure = map_initiatives(
        municipality_table(data), BOUNDARIES.assign(statnaam=["Aduard", "'s-Gravenhage", "Cadzand"])
    )
    view = data_view("kaart_initiatieven", read_back(figure, tmp_path, "kaart_initiatieven"))
    assert (
        " | ".join(view.columns)
        == "Gemeente | Aantal initiatieven | Waarvan preventiecoalitie | Waarvan andere initiatieven | Op de kaart"
    )  # as a reader sees the header; GM9999 is not on the map
    assert view["Gemeente"].tolist() == ["Aduard", "'s-Gravenhage", "GM9999 (niet in de gemeentegrenzen)"]
    assert view.iloc[0, 1:].tolist() == [7, 1, 6, "ja"] and view.iloc[2]["Op de kaart"] == "nee"
    assert all(view[c].dtype == "int64" for c in view.columns[1:4])
    shown = data_view("kaart_initiatieven", map_initiatives(municipality_table(data.iloc[:8]), BOUNDARIES).data)
    assert "Op de kaart" not in shown.columns  # all on the map: the flag tells the reader nothing
