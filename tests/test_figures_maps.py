"""The geometry of both maps: markers spread apart, borders visible, legends off the land."""

from __future__ import annotations

import itertools

import geopandas
import numpy as np
import pytest
from matplotlib.legend import Legend
from shapely.geometry import box

from conftest import ROOT
from figure_inputs import (
    BOUNDARIES,
    category_counts,
    close_figures,  # noqa: F401 (autouse: every figure a test draws is closed)
    records,
)
from preventie import config as cfg
from preventie.classify import CATEGORIES
from preventie.errors import PipelineError
from preventie.figures.kaart_initiatieven import map_initiatives
from preventie.figures.kaart_samenwerking import map_collaboration
from preventie.figures.maps import ring_offsets, separate
from preventie.figures.style import contrast_ratio
from preventie.tables import municipality_table


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


def test_ring_offsets_are_distinct_and_deterministic():
    for n in (1, 2, 6, 7, 20):
        offsets = ring_offsets(n, 100.0)
        assert len({tuple(np.round(p, 6)) for p in offsets}) == n
        assert np.array_equal(offsets, ring_offsets(n, 100.0))


def both_maps(boundaries, codes, coalitions, categories):
    data = records(codes, coalitions, categories)
    return [
        map_initiatives(municipality_table(data), boundaries),
        map_collaboration(data, category_counts(data), boundaries),
    ]


@pytest.mark.parametrize("which", [0, 1])
def test_municipal_borders_are_visible_and_markers_stay_in_front(which):
    figure = both_maps(BOUNDARIES, ["GM0001", "GM0002"], [True, False], ["onbekend", "formele_afspraken"])[which]
    land = figure.figure.axes[0].collections[0]  # the boundaries, drawn first
    fill, edge = land.get_facecolor()[0], land.get_edgecolor()[0]
    assert contrast_ratio(edge, fill) >= 1.8  # white on light grey (1.2:1) was invisible
    assert contrast_ratio(fill, "#ffffff") < 1.3  # the land stays light, the markers are the focus
    markers = [c for c in figure.figure.axes[0].collections[1:] if len(c.get_offsets())]
    assert markers and all(c.get_zorder() > land.get_zorder() for c in markers)


# Initiatives and coalitions per municipality, spread over the country with neighbours close together
# (Amsterdam, Amstelveen and Zaanstad; 's-Gravenhage and Rijswijk), four to a line.
# fmt: off
NATIONAL = {
    "GM0363": (9, 0), "GM0599": (7, 1), "GM0518": (5, 0), "GM0603": (2, 0),  # Amsterdam Rotterdam Den Haag Rijswijk
    "GM0855": (3, 2), "GM0014": (4, 1), "GM0400": (1, 0), "GM0448": (1, 1),  # Tilburg Groningen Den Helder Texel
    "GM1714": (1, 1), "GM0935": (2, 0), "GM0362": (3, 0), "GM0479": (2, 1),  # Sluis Maastricht Amstelveen Zaanstad
}
# fmt: on


@pytest.fixture(scope="module")
def national_maps():
    boundaries = geopandas.read_file(ROOT / "resources/geo/gemeente_2020.geojson")
    codes, coalitions = [], []
    for code, (n, c) in NATIONAL.items():
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
