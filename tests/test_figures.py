"""Figures: what is drawn, layout without overlaps, repeatable bytes, alt texts."""

from __future__ import annotations

import itertools

import geopandas
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import box

from preventie import config as cfg
from preventie.classify import CATEGORIES
from preventie.errors import PipelineError
from preventie.figures import (COALITION_LABELS, PAD, bars_parties, flow_diagram, flow_layout, map_collaboration,
                               map_initiatives, party_order, ring_offsets, save, text_width, trend_chart)
from preventie.naming import FIGURE_NAMES
from preventie.tables import FLOW_STEPS

BOUNDARIES = geopandas.GeoDataFrame(
    {"statcode": ["GM0001", "GM0002", "GM0003"], "statnaam": ["Aduard", "Bedum", "Cadzand"]},
    geometry=[box(0, 0, 10_000, 10_000), box(10_000, 0, 20_000, 10_000), box(0, 10_000, 10_000, 20_000)],
    crs=28992,
)


def records(codes, coalitions, categories=None):
    n = len(codes)
    return pd.DataFrame({
        "initiatief_id": [f"NI-{i:04d}" for i in range(n)],
        "gemeente_code": codes,
        "preventiecoalitie": pd.array(coalitions, "boolean"),
        "categorie": pd.Categorical(categories or ["formele_afspraken"] * n, categories=list(CATEGORIES)),
    })


def test_map_has_one_marker_per_municipality_with_initiatives():
    figure = map_initiatives(records(["GM0001", "GM0001", "GM0002", "GM0001"], [False, True, False, False]),
                             BOUNDARIES)
    points = [c.get_offsets() for c in figure.figure.axes[0].collections if c.get_label() in COALITION_LABELS.values()]
    assert sum(len(p) for p in points) == 2   # GM0001 and GM0002, GM0003 has none
    rows = figure.data.set_index("gemeente_code")
    assert rows.loc["GM0001", "aantal"] == 3 and bool(rows.loc["GM0001", "met_preventiecoalitie"])
    assert not bool(rows.loc["GM0002", "met_preventiecoalitie"])
    assert "4 geanalyseerde netwerkinitiatieven in 2 gemeenten" in figure.alt
    assert "de grootste is Aduard met 3" in figure.alt


def test_unknown_municipality_code_is_reported_and_not_drawn():
    figure = map_initiatives(records(["GM0001", "GM9999"], [False, False]), BOUNDARIES)
    assert figure.warnings and "GM9999" in figure.warnings[0]
    rows = figure.data.set_index("gemeente_code")
    assert not bool(rows.loc["GM9999", "op_kaart"])
    points = [c.get_offsets() for c in figure.figure.axes[0].collections if c.get_label() in COALITION_LABELS.values()]
    assert sum(len(p) for p in points) == 1


def test_collaboration_map_spreads_initiatives_of_one_municipality():
    data = records(["GM0001"] * 4 + ["GM0002"], [False] * 5,
                   ["formele_afspraken", "onbekend", "in_gesprek", "formele_afspraken", "alleen_een"])
    counts = pd.DataFrame({"categorie": list(CATEGORIES), "n": [1, 0, 1, 0, 1, 0, 2]})
    figure = map_collaboration(data, counts, BOUNDARIES)
    offsets = np.vstack([c.get_offsets() for c in figure.figure.axes[0].collections
                         if c.get_offsets().size and not c.get_label().startswith("_")])
    assert len(offsets) == 5 and len({tuple(p) for p in offsets}) == 5   # no marker hides another
    labels = [t.get_text() for t in figure.figure.axes[0].get_legend().get_texts()]
    assert labels[0] == "Onbekend (n = 1)" and labels[-1] == "Formele afspraken (n = 2)"


def test_ring_offsets_are_distinct_and_deterministic():
    for n in (1, 2, 6, 7, 20):
        offsets = ring_offsets(n, 100.0)
        assert len({tuple(np.round(p, 6)) for p in offsets}) == n
        assert np.array_equal(offsets, ring_offsets(n, 100.0))


def flow_counts(scale: int = 1) -> dict[str, int]:
    counts = dict.fromkeys(FLOW_STEPS, 7 * scale)
    counts.update(non_respons=40 * scale, overgenomen=5 * scale)
    return counts


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
    flow = pd.DataFrame({"stap": list(FLOW_STEPS), "n": list(flow_counts().values())})
    figure = flow_diagram(flow, 2020)
    texts = [t.get_text() for t in figure.figure.axes[0].texts]
    assert "Geïdentificeerd: 7" in texts and "Overgenomen uit 2019: 5" in texts
    assert figure.data["stap"].tolist() == list(FLOW_STEPS)


def parties_table(noemer_overig=116):
    options = ["gemeente", "zorgverzekeraar", "huisarts_poh", "welzijn", "thuiszorg", "ggd", "paramedici",
               "sociaal_werk", "inwoners", "kennisinstituut", "beroepsonderwijs", "overig"]
    n = [107, 79, 81, 64, 55, 55, 53, 52, 48, 39, 31, 14]
    noemer = [116] * 11 + [noemer_overig]
    return pd.DataFrame({"kenmerk": options, "n": n, "noemer": noemer})


def test_parties_gemeente_and_insurer_first_overig_last():
    order = party_order(parties_table())
    assert order[:3] == ["gemeente", "zorgverzekeraar", "huisarts_poh"] and order[-1] == "overig"
    assert party_order(parties_table(noemer_overig=0))[-1] == "beroepsonderwijs"   # not asked: left out
    figure = bars_parties(parties_table())
    ticks = sorted((t.get_position()[1], t.get_text()) for t in figure.figure.axes[0].get_yticklabels())
    assert ticks[-1][1] == "Gemeente" and ticks[-2][1] == "Zorgverzekeraar" and ticks[0][1] == "Overig"
    assert figure.data["percentage"].tolist()[:3] == ["92%", "68%", "70%"]
    assert "92%" in figure.alt and "68%" in figure.alt


def test_trend_marks_published_years_and_states_the_numbers():
    trend = pd.DataFrame({"jaar": [2018, 2019, 2020], "geanalyseerd": [81, 95, 116],
                          "afstemming": pd.array([None, 44, 49], "Int64"),
                          "pct_afstemming": pd.array([None, 46.3, 42.2], "Float64"),
                          "bron": ["historisch", "pijplijn", "pijplijn"]})
    figure = trend_chart(trend)
    texts = [t.get_text() for t in figure.figure.axes[0].texts]
    assert "81 *" in texts and "116" in texts
    assert "81 in 2018; 95 in 2019; 116 in 2020" in figure.alt and "42% in 2020" in figure.alt


def test_saved_bytes_repeat(tmp_path):
    paths = []
    for run in ("a", "b"):
        figure = map_initiatives(records(["GM0001", "GM0002"], [True, False]), BOUNDARIES)
        save(figure, tmp_path / f"{run}.png", tmp_path / f"{run}.svg")
        paths.append((tmp_path / f"{run}.png", tmp_path / f"{run}.svg"))
    assert paths[0][0].read_bytes() == paths[1][0].read_bytes()
    assert paths[0][1].read_bytes() == paths[1][1].read_bytes()
    svg = paths[0][1].read_text(encoding="utf-8")
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert "<text " in svg and "Aantal initiatieven" in svg  # labels are text, not outlines


def test_missing_boundary_file_is_a_clear_start_up_error(tmp_path):
    conf = {"year": 2020, "years": {2020: {"inventory": "i", "survey": "s", "codebook": "c"}},
            "geo": {"municipalities": "geo/gemeente_{year}.geojson"}}
    for name in ("i", "s", "c"):
        (tmp_path / name).write_text("x")
    with pytest.raises(PipelineError, match="'geo.municipalities': geen gemeentegrenzen voor 2020: "
                                            "geo/gemeente_2020.geojson"):
        cfg.check_config(conf, tmp_path)


@pytest.mark.e2e
def test_example_figures_exist_for_both_years(example_run):
    for year in (2019, 2020):
        folder = example_run / f"results/{year}/figuren"
        for name in FIGURE_NAMES:
            for suffix in (".png", ".svg", ".alt.txt", ".csv"):
                assert (folder / f"{name}{suffix}").stat().st_size > 0, (year, name, suffix)
