"""Figures: what is drawn, layout without overlaps, legibility, repeatable bytes, alt texts, data views."""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from unittest.mock import patch

import geopandas
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.legend import Legend
from matplotlib.patches import Patch
from matplotlib.text import Text
from shapely.geometry import box

from preventie import canon, io
from preventie import config as cfg
from preventie.classify import CATEGORIES
from preventie.errors import PipelineError
from preventie.figures import (
    BOUNDARY_FILL,
    CATEGORY_MARKERS,
    FIGURES,
    FLOW_LABELS,
    INITIATIVE_LABELS,
    MIN_CONTRAST,
    MIN_FONT,
    PAD,
    WIDTH_IN,
    bars_parties,
    bubble_area,
    contrast_ratio,
    data_view,
    fits_apart,
    flow_diagram,
    flow_layout,
    kaart_samenwerking,
    map_collaboration,
    map_initiatives,
    party_order,
    ring_offsets,
    save,
    separate,
    text_width,
    trend_chart,
)
from preventie.naming import FIGURE_NAMES
from preventie.tables import FLOW_STEPS

ROOT = Path(__file__).resolve().parents[1]
BOUNDARIES = geopandas.GeoDataFrame(
    {"statcode": ["GM0001", "GM0002", "GM0003"], "statnaam": ["Aduard", "Bedum", "Cadzand"]},
    geometry=[box(0, 0, 10_000, 10_000), box(10_000, 0, 20_000, 10_000), box(0, 10_000, 10_000, 20_000)],
    crs=28992,
)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def records(codes, coalitions, categories=None):
    n = len(codes)
    return pd.DataFrame(
        {
            "initiatief_id": [f"NI-{i:04d}" for i in range(n)],
            "gemeente_code": codes,
            "preventiecoalitie": pd.array(coalitions, "boolean"),
            "categorie": pd.Categorical(categories or ["formele_afspraken"] * n, categories=list(CATEGORIES)),
        }
    )


def category_counts(data: pd.DataFrame) -> pd.DataFrame:
    counts = data["categorie"].value_counts().reindex(list(CATEGORIES), fill_value=0)
    return pd.DataFrame({"categorie": list(CATEGORIES), "n": counts.to_numpy()})


def labelled(figure, label):
    """The marker collections of the map with this legend label."""
    return [c for c in figure.figure.axes[0].collections if c.get_label() == label]


# --- map of the initiatives ---------------------------------------------------------------------------


def test_coalitions_are_marked_per_initiative_not_per_municipality():
    # GM0001: 7 initiatives of which 1 coalition; GM0002: 2 coalitions and nothing else; GM0003: 1 other
    codes = ["GM0001"] * 7 + ["GM0002"] * 2 + ["GM0003"]
    figure = map_initiatives(records(codes, [True] + [False] * 6 + [True, True, False]), BOUNDARIES)
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
    figure = map_initiatives(records(["GM0001", "GM0001", "GM0002", "GM0001"], [False, True, False, False]), BOUNDARIES)
    (others,) = labelled(figure, INITIATIVE_LABELS["andere_initiatieven"])
    assert len(others.get_offsets()) == 2  # GM0001 and GM0002, GM0003 has none
    rows = figure.data.set_index("gemeente_code")
    assert rows.loc["GM0001", "aantal"] == 3 and rows.loc["GM0001", "preventiecoalities"] == 1
    assert rows.loc["GM0002", "preventiecoalities"] == 0
    assert "4 geanalyseerde netwerkinitiatieven in 2 gemeenten" in figure.alt
    assert "De meeste initiatieven heeft Aduard: 3, waarvan 1 preventiecoalitie" in figure.alt


def test_unknown_municipality_code_is_reported_and_not_drawn():
    figure = map_initiatives(records(["GM0001", "GM9999"], [False, False]), BOUNDARIES)
    assert figure.warnings and "GM9999" in figure.warnings[0]
    rows = figure.data.set_index("gemeente_code")
    assert not bool(rows.loc["GM9999", "op_kaart"])
    points = [c.get_offsets() for c in figure.figure.axes[0].collections if c.get_label() in INITIATIVE_LABELS.values()]
    assert sum(len(p) for p in points) == 1


# --- map of the collaboration -----------------------------------------------------------------------------


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


def test_collaboration_markers_of_neighbours_never_overlap():
    points = np.array([[0.0, 0.0], [0.5, 0.0], [0.0, 0.4], [5.0, 5.0]])
    spread = separate(points, 2.0)
    distances = [np.hypot(*(a - b)) for a, b in itertools.combinations(spread, 2)]
    assert min(distances) >= 2.0 * 0.99
    assert np.allclose(spread[3], points[3])  # an isolated marker stays where it is
    assert np.array_equal(spread, separate(points, 2.0))


def all_pairs_separate(points, distance, iterations=300):
    """The reference: the same steps over the full matrix of distances (quadratic memory)."""
    moved = np.asarray(points, dtype=float).copy()
    for _ in range(iterations):
        delta = moved[:, None, :] - moved[None, :, :]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(dist, np.inf)
        close = (dist < distance) & (dist > 0)
        if not close.any():
            break
        push = np.where(close, (distance - dist) / 2 / np.where(close, dist, 1.0), 0.0)
        moved += (delta * push[..., None]).sum(axis=1) * 0.5
    return moved


def test_separating_only_close_pairs_gives_the_all_pairs_result():
    rng = np.random.default_rng(7)
    for n, spread in ((2, 1.0), (40, 6.0), (300, 20.0)):
        points = rng.normal(0, spread, size=(n, 2)).round(1)  # rounding makes exact duplicates too
        assert np.allclose(separate(points, 2.0), all_pairs_separate(points, 2.0), atol=1e-9)


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


def test_ring_offsets_are_distinct_and_deterministic():
    for n in (1, 2, 6, 7, 20):
        offsets = ring_offsets(n, 100.0)
        assert len({tuple(np.round(p, 6)) for p in offsets}) == n
        assert np.array_equal(offsets, ring_offsets(n, 100.0))


# --- both maps --------------------------------------------------------------------------------------


def both_maps(boundaries, codes, coalitions, categories):
    data = records(codes, coalitions, categories)
    return [map_initiatives(data, boundaries), map_collaboration(data, category_counts(data), boundaries)]


@pytest.mark.parametrize("which", [0, 1])
def test_municipal_borders_are_visible_and_markers_stay_in_front(which):
    figure = both_maps(BOUNDARIES, ["GM0001", "GM0002"], [True, False], ["onbekend", "formele_afspraken"])[which]
    land = figure.figure.axes[0].collections[0]  # the boundaries, drawn first
    fill, edge = land.get_facecolor()[0], land.get_edgecolor()[0]
    assert contrast_ratio(edge, fill) >= 1.8  # white on light grey (1.2:1) was invisible
    assert contrast_ratio(fill, "#ffffff") < 1.3  # the land stays light, the markers are the focus
    markers = [c for c in figure.figure.axes[0].collections[1:] if len(c.get_offsets())]
    assert markers and all(c.get_zorder() > land.get_zorder() for c in markers)


NATIONAL = {
    "GM0363": ("Amsterdam", 9, 0),
    "GM0599": ("Rotterdam", 7, 1),
    "GM0518": ("'s-Gravenhage", 5, 0),
    "GM0603": ("Rijswijk", 2, 0),
    "GM0855": ("Tilburg", 3, 2),
    "GM0014": ("Groningen", 4, 1),
    "GM0400": ("Den Helder", 1, 0),
    "GM0448": ("Texel", 1, 1),
    "GM1714": ("Sluis", 1, 1),
    "GM0935": ("Maastricht", 2, 0),
    "GM0362": ("Amstelveen", 3, 0),
    "GM0479": ("Zaanstad", 2, 1),
}


@pytest.fixture(scope="module")
def national_maps():
    boundaries = geopandas.read_file(ROOT / "resources/geo/gemeente_2020.geojson")
    codes, coalitions = [], []
    for code, (_, n, c) in NATIONAL.items():
        codes += [code] * n
        coalitions += [True] * c + [False] * (n - c)
    categories = [list(CATEGORIES)[i % len(CATEGORIES)] for i in range(len(codes))]
    return boundaries, both_maps(boundaries, codes, coalitions, categories)


def test_map_legends_and_source_line_stay_off_the_land(national_maps):
    boundaries, figures = national_maps
    land = boundaries.geometry.union_all()
    for figure in figures:
        fig, ax = figure.figure, figure.figure.axes[0]
        fig.canvas.draw()
        inverse = ax.transData.inverted()
        for artist in [*ax.findobj(Legend), *ax.texts]:
            (x0, y0), (x1, y1) = inverse.transform(artist.get_window_extent().get_points())
            assert not box(x0, y0, x1, y1).intersects(land), artist


def test_national_collaboration_markers_do_not_overlap(national_maps):
    _, (_, figure) = national_maps
    ax = figure.figure.axes[0]
    centres = (
        np.vstack([ax.transData.transform(c.get_offsets()) for c in ax.collections[1:] if len(c.get_offsets())])
        * 72
        / figure.figure.dpi
    )
    nearest = min(np.hypot(*(a - b)) for a, b in itertools.combinations(centres, 2))
    assert nearest >= 7.0  # points: the widest marker is about 7 pt


# --- flow diagram -------------------------------------------------------------------------------------


def flow_counts(scale: int = 1) -> dict[str, int]:
    counts = dict.fromkeys(FLOW_STEPS, 7 * scale)
    counts.update(non_respons=40 * scale, overgenomen=5 * scale)
    return counts


PUBLISHED_FLOW = {
    "geidentificeerd": 301,
    "respons": 195,
    "non_respons": 106,
    "respons_geincludeerd": 93,
    "respons_geexcludeerd": 102,
    "excl_E1": 41,
    "excl_E2": 8,
    "excl_E3": 30,
    "excl_E4": 23,
    "overgenomen": 23,
    "overgenomen_geexcludeerd": 4,
    "niet_overgenomen_bestaat_niet": 14,
    "niet_overgenomen_bestaan_onbekend": 19,
    "niet_overgenomen_geen_respons_vorig_jaar": 46,
    "niet_overgenomen_geen_vorig_jaar": 0,
    "geanalyseerd": 116,
    "preventiecoalities": 12,
    "preventiecoalities_nieuw": 4,
    "inzendingen": 215,
    "inzendingen_ongekoppeld": 3,
    "inzendingen_negeer": 1,
    "inzendingen_dubbel": 9,
    "inzendingen_onbruikbaar": 7,
}


def flow_table(counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"stap": list(counts), "n": list(counts.values())})


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


# --- bars -------------------------------------------------------------------------------------------


def parties_table(noemer_overig=116):
    options = list(canon.MULTIS["partijen"].options)  # gemeente, zorgverzekeraar, ..., overig
    n = [107, 79, 81, 64, 55, 55, 53, 52, 48, 39, 31, 14]
    noemer = [116] * 11 + [noemer_overig]
    return pd.DataFrame({"kenmerk": options, "n": n, "noemer": noemer})


def test_parties_gemeente_and_insurer_first_overig_last():
    order = party_order(parties_table())
    assert order[:3] == ["gemeente", "zorgverzekeraar", "huisarts_poh"] and order[-1] == "overig"
    assert party_order(parties_table(noemer_overig=0))[-1] == "beroepsonderwijs"  # not asked: left out
    figure = bars_parties(parties_table())
    ticks = sorted((t.get_position()[1], t.get_text()) for t in figure.figure.axes[0].get_yticklabels())
    assert ticks[-1][1] == "Gemeente" and ticks[-2][1] == "Zorgverzekeraar" and ticks[0][1] == "Overig"
    assert figure.data["percentage"].tolist()[:3] == ["92%", "68%", "70%"]
    assert "92%" in figure.alt and "68%" in figure.alt


# --- trend ------------------------------------------------------------------------------------------


def trend_table():
    return pd.DataFrame(
        {
            "jaar": [2018, 2019, 2020],
            "geanalyseerd": [81, 95, 116],
            "afstemming": pd.array([None, 44, 49], "Int64"),
            "pct_afstemming": pd.array([None, 46.3, 42.2], "Float64"),
            "bron": ["gepubliceerd", "herberekend", "nieuw"],
            "gepubliceerd": pd.array([81, 95, None], "Int64"),
        }
    )


def test_trend_marks_published_recomputed_and_new_years_and_states_the_numbers():
    figure = trend_chart(trend_table())
    texts = [t.get_text() for t in figure.figure.axes[0].texts]
    assert "81 *" in texts and "95 †" in texts and "116" in texts  # a new year is unmarked
    assert "81 in 2018; 95 in 2019; 116 in 2020" in figure.alt and "42% in 2020" in figure.alt
    assert "Het aantal van 2018 komt uit een eerdere factsheet" in figure.alt
    assert "Het aantal van 2019 is herberekend en gelijk aan het gepubliceerde" in figure.alt
    notes = " ".join(t.get_text() for t in figure.figure.texts)
    assert "* Gepubliceerd aantal uit een eerdere factsheet, niet herberekend." in notes
    assert "† Herberekend uit de gegevens; gelijk aan het gepubliceerde aantal." in notes


def test_trend_marks_a_revised_year_with_what_was_published():
    trend = trend_table()
    trend["geanalyseerd"] = [81, 97, 116]
    trend["bron"] = ["gepubliceerd", "herzien", "nieuw"]
    figure = trend_chart(trend)
    assert "97 ‡" in [t.get_text() for t in figure.figure.axes[0].texts]
    notes = " ".join(t.get_text() for t in figure.figure.texts)
    assert "‡ Herberekend en herzien; gepubliceerd was 95 in 2019 (zie de tekst)." in notes
    assert "Het aantal van 2019 (gepubliceerd was 95) is herberekend en herzien." in figure.alt


def test_trend_has_one_value_axis_with_bars_split_by_afstemming():
    figure = trend_chart(trend_table())
    assert len(figure.figure.axes) == 1  # no second y-axis
    ax = figure.figure.axes[0]
    bars = sorted((round(p.get_x() + p.get_width() / 2), p.get_y(), p.get_height()) for p in ax.patches)
    assert bars == [(2018, 0, 81), (2019, 0, 44), (2019, 44, 51), (2020, 0, 49), (2020, 49, 67)]
    texts = [t.get_text() for t in ax.texts]
    assert {"44 (46%)", "51 (54%)", "49 (42%)", "67 (58%)"} <= set(texts)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["Met afstemming", "Zonder afstemming", "Verdeling niet bekend"]
    data = figure.data.set_index("jaar")
    assert data.loc[2020, ["afstemming", "zonder_afstemming"]].tolist() == [49, 67]
    assert data.loc[2020, "pct_zonder_afstemming"] == pytest.approx(57.8)
    assert pd.isna(data.loc[2018, "zonder_afstemming"])


def test_trend_label_of_a_thin_part_moves_beside_its_bar():
    trend = pd.DataFrame(
        {
            "jaar": [2019, 2020],
            "geanalyseerd": [95, 116],
            "afstemming": pd.array([2, 49], "Int64"),
            "pct_afstemming": pd.array([2.1, 42.2], "Float64"),
            "bron": ["nieuw", "nieuw"],
            "gepubliceerd": pd.array([None, None], "Int64"),
        }
    )
    ax = trend_chart(trend).figure.axes[0]
    (thin,) = [t for t in ax.texts if t.get_text() == "2 (2%)"]
    assert thin.get_position()[0] > 2019 + 0.3 and thin.get_ha() == "left"  # beside the bar, on white


# --- legibility of every figure ------------------------------------------------------------------------


def all_figures():
    data = records(["GM0001"] * 7 + ["GM0002", "GM0003"], [True] + [False] * 8, [*CATEGORIES, "onbekend", "in_gesprek"])
    return {
        "kaart_initiatieven": map_initiatives(data, BOUNDARIES),
        "partijen": bars_parties(parties_table()),
        "kaart_samenwerking": map_collaboration(data, category_counts(data), BOUNDARIES),
        "stroom": flow_diagram(flow_table(PUBLISHED_FLOW), 2020),
        "trend": trend_chart(trend_table()),
    }


@pytest.fixture(scope="module")
def drawn():
    figures = all_figures()
    for figure in figures.values():
        figure.figure.canvas.draw()
    return figures


def drawn_texts(fig) -> list[Text]:
    """Every text the figure draws: visible, not empty, tick labels only for ticks in view."""
    hidden = set()
    for ax in fig.axes:
        for axis, (low, high) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if not low - 1e-9 <= tick.get_loc() <= high + 1e-9 or not axis.get_visible() or not ax.axison:
                    hidden |= {id(tick.label1), id(tick.label2)}
            if not ax.axison or not axis.get_visible():  # a map: no axes, so no axis labels either
                hidden |= {id(axis.label), id(axis.offsetText)}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in hidden]


def background_of(text, fig) -> list:
    """What lies behind a text: the top patch under its centre (a bar, a box), else the axes or figure.

    On a map a text may lie on the sea (the axes) or on the land, so both count."""
    centre = text.get_window_extent().get_points().mean(axis=0)
    ax = text.axes
    if ax is None:
        inside = [a for a in fig.axes if a.get_window_extent().contains(*centre)]
        ax = inside[0] if inside else None
    if ax is not None:
        under = [p for p in ax.patches if isinstance(p, Patch) and p.get_visible() and p.contains_point(centre)]
        if under:
            return [max(enumerate(under), key=lambda ip: (ip[1].get_zorder(), ip[0]))[1].get_facecolor()]
        if not ax.axison and ax.collections:  # a map: the land may be behind the text
            return [ax.get_facecolor(), BOUNDARY_FILL]
        return [ax.get_facecolor()]
    return [fig.get_facecolor()]


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_text_contrasts_4_5_to_1_with_what_is_behind_it(drawn, name):
    fig = drawn[name].figure
    for text in drawn_texts(fig):
        for background in background_of(text, fig):
            ratio = contrast_ratio(text.get_color(), background)
            assert ratio >= MIN_CONTRAST, (text.get_text(), text.get_color(), background, round(ratio, 2))


def test_contrast_check_finds_orange_labels_on_white():
    assert contrast_ratio("#D55E00", "#ffffff") < MIN_CONTRAST <= contrast_ratio("#1a1a1a", "#ffffff")
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_every_text_is_at_least_8_pt_as_printed(drawn, name):
    fig = drawn[name].figure
    assert fig.get_figwidth() <= WIDTH_IN + 1e-9  # placed at the text width: never printed smaller
    for text in drawn_texts(fig):
        assert text.get_fontsize() >= MIN_FONT, (text.get_text(), text.get_fontsize())


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_no_text_is_cut_off_or_overlaps_another(drawn, name):
    fig = drawn[name].figure
    texts = drawn_texts(fig)
    frame = fig.bbox
    extents = [(t.get_text(), t.get_window_extent()) for t in texts]
    for label, extent in extents:
        assert (
            extent.x0 >= frame.x0 - 0.5
            and extent.y0 >= frame.y0 - 0.5
            and extent.x1 <= frame.x1 + 0.5
            and extent.y1 <= frame.y1 + 0.5
        ), label
    for (a, ea), (b, eb) in itertools.combinations(extents, 2):
        overlap = min(ea.x1, eb.x1) - max(ea.x0, eb.x0), min(ea.y1, eb.y1) - max(ea.y0, eb.y0)
        assert not (overlap[0] > 1 and overlap[1] > 1), (a, b)


def test_svg_text_is_never_below_8_pt(tmp_path):
    for name, figure in all_figures().items():
        save(figure, tmp_path / f"{name}.png", tmp_path / f"{name}.svg")
        svg = (tmp_path / f"{name}.svg").read_text(encoding="utf-8")
        texts = re.findall(r"<text [^>]*>", svg)
        sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", svg)]
        assert len(sizes) == len(texts), name  # every text states its size (px = pt in matplotlib's SVG)
        assert sizes and min(sizes) >= MIN_FONT, (name, sorted(set(sizes)))


# --- data as the reader sees it --------------------------------------------------------------------------


def read_back(figure, tmp_path, name) -> pd.DataFrame:
    """The figure's CSV as the factsheet stage reads it: every cell as text."""
    path = tmp_path / f"{name}.csv"
    io.write_csv(figure.data, path)
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def test_data_view_stroom(tmp_path):
    figure = flow_diagram(flow_table(PUBLISHED_FLOW), 2020)
    view = data_view("stroom", read_back(figure, tmp_path, "stroom"))
    assert list(view.columns) == ["Stap", "Aantal"] and len(view) == len(FLOW_STEPS)
    rows = dict(zip(view["Stap"], view["Aantal"]))
    assert rows["Respons, voldoet aan de criteria"] == 93 and rows["Geanalyseerd (respons en overgenomen)"] == 116
    assert not set(view["Stap"]) & set(FLOW_STEPS)  # no pipeline keys
    assert view["Aantal"].dtype == "int64"
    assert set(FLOW_LABELS) == set(FLOW_STEPS)


def test_data_view_kaart_initiatieven(tmp_path):
    data = records(["GM0001"] * 7 + ["GM0002", "GM9999"], [True] + [False] * 8)
    figure = map_initiatives(data, BOUNDARIES.assign(statnaam=["Aduard", "'s-Gravenhage", "Cadzand"]))
    view = data_view("kaart_initiatieven", read_back(figure, tmp_path, "kaart_initiatieven"))
    assert list(view.columns) == [
        "Gemeente",
        "Aantal initiatieven",
        "Waarvan preventiecoalitie",
        "Waarvan andere initiatieven",
        "Op de kaart",
    ]  # GM9999 is not on the map
    assert view["Gemeente"].tolist() == ["Aduard", "'s-Gravenhage", "GM9999 (niet in de gemeentegrenzen)"]
    assert view.iloc[0, 1:].tolist() == [7, 1, 6, "ja"] and view.iloc[2]["Op de kaart"] == "nee"
    assert all(view[c].dtype == "int64" for c in view.columns[1:4])
    shown = data_view("kaart_initiatieven", map_initiatives(data.iloc[:8], BOUNDARIES).data)
    assert "Op de kaart" not in shown.columns  # all on the map: the flag tells the reader nothing


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


def test_data_view_partijen(tmp_path):
    figure = bars_parties(parties_table())
    view = data_view("partijen", read_back(figure, tmp_path, "partijen"))
    assert list(view.columns) == ["Partij", "Aantal initiatieven", "Noemer", "Percentage"]
    assert view.iloc[0].tolist() == ["Gemeente", 107, 116, 92.2]
    assert view["Aantal initiatieven"].dtype == "int64" and view["Percentage"].dtype == "float64"


def test_data_view_trend(tmp_path):
    figure = trend_chart(trend_table())
    view = data_view("trend", read_back(figure, tmp_path, "trend"))
    assert list(view.columns) == [
        "Jaar",
        "Geanalyseerde initiatieven",
        "Met afstemming",
        "Zonder afstemming",
        "Percentage met afstemming",
        "Percentage zonder afstemming",
        "Bron",
        "Gepubliceerd aantal",
    ]
    assert view.iloc[2].tolist()[:7] == ["2020", 116, 49, 67, 42.2, 57.8, "Deze analyse"]  # a year is a label
    assert pd.isna(view.iloc[2]["Gepubliceerd aantal"])
    assert view.iloc[0]["Bron"] == "Eerder gepubliceerd" and pd.isna(view.iloc[0]["Met afstemming"])
    assert view.iloc[1][["Bron", "Gepubliceerd aantal"]].tolist() == ["Herberekend, gelijk aan gepubliceerd", 95]
    assert pd.isna(view.iloc[0]["Percentage met afstemming"])
    assert view["Geanalyseerde initiatieven"].dtype == "int64" and view["Met afstemming"].dtype == "Int64"


@pytest.mark.parametrize("name", FIGURE_NAMES)
def test_data_view_is_the_same_from_the_figure_and_from_its_csv(tmp_path, name):
    figure = all_figures()[name]
    from_csv = data_view(name, read_back(figure, tmp_path, name))
    pd.testing.assert_frame_equal(data_view(name, figure.data), from_csv, check_dtype=False)
    for column in from_csv.columns:  # numbers stay numbers, text is text (a year is a label)
        if not pd.api.types.is_numeric_dtype(from_csv[column]) and column != "Jaar":
            texts = from_csv[column].dropna()
            assert all(isinstance(v, str) and not re.fullmatch(r"[\d.,]+", v) for v in texts), column


def test_the_registry_is_in_the_factsheet_s_order_and_names_the_outputs():
    template = (ROOT / "reports/factsheet.qmd.j2").read_text(encoding="utf-8")
    placed = re.findall(r"\{\{ figuur\(figuren\.(\w+)\) \}\}", template)
    assert placed == list(FIGURES) == list(FIGURE_NAMES)  # figure N of the factsheet is the N-th
    assert all(spec.name == name and spec.caption for name, spec in FIGURES.items())


def test_data_view_knows_only_the_five_figures():
    with pytest.raises(ValueError, match="onbekende figuur"):
        data_view("taart", pd.DataFrame())


# --- saving -----------------------------------------------------------------------------------------


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
    assert "<text " in svg and "Aantal per symbool" in svg  # labels are text, not outlines


def test_missing_boundary_file_is_a_clear_start_up_error(tmp_path):
    conf = {
        "year": 2020,
        "first_year": 2020,
        "years": {2020: {"inventory": "i", "survey": "s", "codebook": "c"}},
        "geo": {"municipalities": "geo/gemeente_{year}.geojson"},
    }
    for name in ("i", "s", "c"):
        (tmp_path / name).write_text("x")
    with pytest.raises(
        PipelineError, match="'geo.municipalities': geen gemeentegrenzen voor 2020: geo/gemeente_2020.geojson"
    ):
        cfg.check_config(conf, tmp_path)


@pytest.mark.e2e
def test_example_figures_exist_for_the_factsheet_year_only(example_run):
    folder = example_run / "results/2020/figuren"
    for name in FIGURE_NAMES:
        for suffix in (".png", ".svg", ".alt.txt", ".csv"):
            assert (folder / f"{name}{suffix}").stat().st_size > 0, (name, suffix)
    assert not (example_run / "results/2019/figuren").exists()  # 2019 is only analysed, for the comparison
