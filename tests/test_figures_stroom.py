"""The flow diagram: boxes that never overlap and fit their text, drawn from the table; its reader view."""

from __future__ import annotations

import itertools

import pytest

from figure_inputs import (
    PUBLISHED_FLOW,
    close_figures,  # noqa: F401 (autouse: every figure a test draws is closed)
    flow_counts,
    flow_table,
    read_back,
)
from preventie.figures import data_view
from preventie.figures.stroom import PAD, flow_diagram, flow_layout, text_width
from preventie.figures.style import WIDTH_IN
from preventie.flow import FLOW_LABELS, FLOW_STEPS


@pytest.mark.parametrize("scale", [1, 1000])
def test_flow_boxes_never_overlap_and_fit_their_text(scale):
    boxes = flow_layout(flow_counts(scale), 2019)
    assert {b.key for b in boxes} >= {"geidentificeerd", "respons", "non_respons", "geanalyseerd"}
    for a, b in itertools.combinations(boxes, 2):
        assert not a.overlaps(b), (a.key, b.key)
    for b in boxes:
        for i, line in enumerate(b.lines):
            assert text_width(line, bold=i == 0) + 2 * PAD <= b.width + 1e-6, line


def test_flow_diagram_is_drawn_from_the_table():
    figure = flow_diagram(flow_table(flow_counts()), 2020)
    texts = [t.get_text() for t in figure.figure.axes[0].texts]
    assert "Geïdentificeerd: 7" in texts and "Overgenomen: 5" in texts and "gegevens uit 2019" in texts
    assert figure.data["stap"].tolist() == list(FLOW_STEPS)


def test_flow_diagram_of_a_real_year_fits_the_text_width_at_8_pt():
    figure = flow_diagram(flow_table(PUBLISHED_FLOW), 2020)
    assert figure.figure.get_figwidth() == pytest.approx(WIDTH_IN) and not figure.warnings
    wide = flow_diagram(flow_table(flow_counts(100_000)), 2020)  # absurd counts: wider, and said so
    assert wide.figure.get_figwidth() > WIDTH_IN and "breder dan de tekst" in wide.warnings[0]


def test_data_view_stroom(tmp_path):
    figure = flow_diagram(flow_table(PUBLISHED_FLOW), 2020)
    view = data_view("stroom", read_back(figure, tmp_path, "stroom"))
    assert list(view.columns) == ["Stap", "Aantal"] and len(view) == len(FLOW_STEPS)
    rows = dict(zip(view["Stap"], view["Aantal"]))
    assert rows["Respons, voldoet aan de criteria"] == 93 and rows["Geanalyseerd (respons en overgenomen)"] == 116
    assert not set(view["Stap"]) & set(FLOW_STEPS)  # no pipeline keys
    assert view["Aantal"].dtype == "int64"
    assert set(FLOW_LABELS) == set(FLOW_STEPS)
