"""Map geometry shared by both maps: the country with room for legends, a point per
municipality, and markers spread so that none hides another."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..errors import PipelineWarning
from .style import MIN_FONT, TEXT_MUTED, WIDTH_IN, pyplot

# Land light enough for every marker to stand out, borders dark enough to be seen (2:1 against the fill).
BOUNDARY_FILL, BOUNDARY_EDGE, BOUNDARY_WIDTH = "#ebebeb", "#a8a8a8", 0.35
SOURCE_LINE = "Grenzen: © CBS/Kadaster (PDOK)"


def municipality_points(boundaries) -> pd.DataFrame:
    """One point inside every municipality (statcode, naam, x, y) in the boundaries' CRS."""
    points = boundaries.geometry.representative_point()
    return pd.DataFrame(
        {
            "gemeente_code": boundaries["statcode"].to_numpy(),
            "gemeente": boundaries["statnaam"].to_numpy(),
            "x": points.x.to_numpy(),
            "y": points.y.to_numpy(),
        }
    )


LEGEND_ROOM = 0.42  # extra width left of the country (in units of its width) for the legends


def base_map(boundaries):
    """The country filling the figure, with room on the left (the North Sea side) for legends."""
    minx, miny, maxx, maxy = boundaries.total_bounds
    width, height = maxx - minx, maxy - miny
    left = minx - LEGEND_ROOM * width
    margin = 0.02 * height
    fig = pyplot().figure(figsize=(WIDTH_IN, WIDTH_IN * (height + 2 * margin) / (maxx - left + margin)))
    ax = fig.add_axes((0, 0, 1, 1))
    boundaries.plot(ax=ax, color=BOUNDARY_FILL, edgecolor=BOUNDARY_EDGE, linewidth=BOUNDARY_WIDTH)
    ax.set_xlim(left, maxx + margin)
    ax.set_ylim(miny - margin, maxy + margin)
    ax.set_aspect("equal")
    ax.set_axis_off()
    # Bottom left lies in the North Sea, so the source line never crosses the land.
    ax.text(
        0.01, 0.01, SOURCE_LINE, transform=ax.transAxes, ha="left", va="bottom", fontsize=MIN_FONT, color=TEXT_MUTED
    )
    return fig, ax


def data_per_point(ax) -> float:
    """Map units per typographic point (the axes fill the figure, aspect equal)."""
    left, right = ax.get_xlim()
    return (right - left) / (ax.figure.get_figwidth() * 72)


def legend_below(ax, legend, gap: float = 0.02) -> float:
    """The axes y (0–1) just below a drawn legend, to place the next legend there."""
    box = legend.get_window_extent(ax.figure.canvas.get_renderer()).transformed(ax.transAxes.inverted())
    return box.y0 - gap


def located(records: pd.DataFrame, points: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Records with the point of their municipality; codes without boundary are reported."""
    joined = records.merge(points, on="gemeente_code", how="left")
    missing = sorted(joined.loc[joined["x"].isna(), "gemeente_code"].unique())
    warnings = (
        [
            PipelineWarning(
                f"gemeentecode(s) niet in de grenzen van dit jaar, niet op de kaart: {', '.join(missing)}",
                "niet_op_kaart",
            )
        ]
        if missing
        else []
    )
    return joined, warnings


def ring_offsets(count: int, spacing: float) -> np.ndarray:
    """Deterministic offsets that spread `count` markers of one municipality around its point."""
    if count == 1:
        return np.zeros((1, 2))
    offsets, placed, ring = [], 0, 1
    while placed < count:
        capacity = 6 * ring
        take = min(capacity, count - placed)
        for k in range(take):
            angle = 2 * math.pi * k / take + (ring % 2) * math.pi / take
            offsets.append((spacing * ring * math.cos(angle), spacing * ring * math.sin(angle)))
        placed += take
        ring += 1
    return np.array(offsets)


def separate(points: np.ndarray, distance: float, iterations: int = 300) -> np.ndarray:
    """Points nudged apart until no two are closer than `distance`; deterministic.

    Each step moves both points of every pair that is too close half of the shortfall apart
    along the line between them, so a crowded area spreads a little and an isolated point stays.
    Only the pairs that are too close are looked at (a k-d tree finds them), so a step costs
    what the crowding costs, not the square of the number of points.
    """
    from scipy.spatial import cKDTree

    moved = np.asarray(points, dtype=float).copy()
    for _ in range(iterations):
        pairs = cKDTree(moved).query_pairs(distance, output_type="ndarray")
        pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]  # one order, whatever the tree's
        first, second = pairs[:, 0], pairs[:, 1]
        delta = moved[first] - moved[second]
        dist = np.hypot(delta[:, 0], delta[:, 1])
        close = (dist < distance) & (dist > 0)
        if not close.any():
            break
        first, second, delta, dist = first[close], second[close], delta[close], dist[close]
        step = delta * ((distance - dist) / 2 / dist * 0.5)[:, None]  # damped: pushed from several sides
        for axis in (0, 1):
            moved[:, axis] += np.bincount(first, step[:, axis], len(moved))
            moved[:, axis] -= np.bincount(second, step[:, axis], len(moved))
    return moved


def fits_apart(count: int, distance: float, ax) -> bool:
    """Whether `count` markers could stand `distance` apart on the map at all: together they
    would cover at most half of it. A fuller map cannot be spread out, and trying would cost
    time that grows with the square of the crowding for a map that still overlaps."""
    left, right = ax.get_xlim()
    bottom, top = ax.get_ylim()
    return count * distance**2 <= 0.5 * abs(right - left) * abs(top - bottom)
