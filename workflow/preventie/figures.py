"""Figures: the five figures of the factsheet, each with the data it plots and an alt text.

Every figure function takes tables (and boundaries), draws on a new matplotlib figure and
returns a `Figure` with the plotted data and a Dutch alt text, so that the HTML factsheet
can show the numbers behind every figure. Colours are colour-blind safe (Okabe-Ito for
groups, plasma for the ordered collaboration categories, which also differ in marker shape);
labels are Dutch.

Legibility rules, checked in tests/test_figures.py: every figure is at most `WIDTH_IN` wide
(the PDF places it at the 16.6 cm text width, about 1.04 times its size), so every text is at
least `MIN_FONT` (8 pt) as printed; every text has a WCAG contrast of at least 4.5:1 against
what is behind it (`contrast_ratio`); no text is cut off or overlaps another.

`data_view(name, data)` turns the data table of a figure (as drawn, or as read back from its
CSV as text) into the table a Dutch reader sees under the figure: Dutch headers and labels,
no helper columns, numbers as numbers.
"""

from __future__ import annotations

import math
import re
import textwrap
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.legend_handler import HandlerTuple  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.markers import MarkerStyle  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402
from matplotlib.textpath import TextPath  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402
from scipy.spatial import cKDTree  # noqa: E402

from . import canon  # noqa: E402
from .classify import CATEGORIES  # noqa: E402
from .errors import PipelineWarning  # noqa: E402
from .inclusion import MIN_INTERVENTIONS, MIN_PARTIES  # noqa: E402
from .io import restore  # noqa: E402
from .numbers import format_number, format_percentage, percentage  # noqa: E402
from .tables import FLOW_LABELS, by_share  # noqa: E402

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
    "category_colours",
    "contrast_ratio",
    "text_colour_on",
    "marker_area",
    "equal_area_size",
    "bubble_area",
    "municipality_points",
    "ring_offsets",
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

WIDTH_IN = 6.3  # text width of the A4 factsheet (16.6 cm); no figure is wider, so text never prints smaller
FONT = "DejaVu Sans"
MIN_FONT = 8.0  # pt, every text in every figure
MIN_CONTRAST = 4.5  # WCAG AA for text
TEXT_DARK = "#1a1a1a"
TEXT_MUTED = "#555555"  # source lines and footnotes: 7.5:1 on white, 6.3:1 on the land fill
OKABE_ITO = {
    "oranje": "#E69F00",
    "hemelblauw": "#56B4E9",
    "groen": "#009E73",
    "geel": "#F0E442",
    "blauw": "#0072B2",
    "vermiljoen": "#D55E00",
    "paars": "#CC79A7",
    "zwart": "#000000",
}
# Map of the initiatives: per municipality a circle for the initiatives that are no coalition and
# a diamond for the preventiecoalities, each with an area proportional to its count.
INITIATIVE_COLUMNS = ("andere_initiatieven", "preventiecoalities")
INITIATIVE_LABELS = {"andere_initiatieven": "Andere netwerkinitiatieven", "preventiecoalities": "Preventiecoalities"}
INITIATIVE_MARKERS = {"andere_initiatieven": "o", "preventiecoalities": "D"}
INITIATIVE_COLOURS = {"andere_initiatieven": OKABE_ITO["hemelblauw"], "preventiecoalities": OKABE_ITO["vermiljoen"]}
# Collaboration map: a shape per category besides its colour, so that colour is never the only cue.
CATEGORY_MARKERS = {
    "onbekend": "X",
    "geen_van_beide": "v",
    "alleen_een": "^",
    "apart_betrokken": "D",
    "in_gesprek": "P",
    "informele_afspraken": "s",
    "formele_afspraken": "o",
}
MARKER_EDGE = "#1a1a1a"  # dark edge: every marker stands out against the land, whatever its fill
UNKNOWN_GREY = "#9a9a9a"
# Land light enough for every marker to stand out, borders dark enough to be seen (2:1 against the fill).
BOUNDARY_FILL, BOUNDARY_EDGE, BOUNDARY_WIDTH = "#ebebeb", "#a8a8a8", 0.35
SOURCE_LINE = "Grenzen: © CBS/Kadaster (PDOK)"
STYLE = {
    "font.family": FONT,
    "font.size": MIN_FONT,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 9,
    "legend.fontsize": MIN_FONT,
    "legend.title_fontsize": MIN_FONT + 0.5,
    "svg.hashsalt": "preventie",
    "svg.fonttype": "none",  # SVG text stays text: sharp at any width, searchable, read aloud
}
plt.rcParams.update(STYLE)


def category_colours() -> dict[str, str]:
    """Ordered categories light to dark (plasma: monotone lightness, distinct hues), 'onbekend' grey."""
    ordered = [c for c in CATEGORIES if c != "onbekend"]
    cmap = matplotlib.colormaps["plasma_r"]
    colours = {c: matplotlib.colors.to_hex(cmap(0.05 + 0.9 * i / (len(ordered) - 1))) for i, c in enumerate(ordered)}
    return {"onbekend": UNKNOWN_GREY, **colours}


@dataclass
class Figure:
    """A drawn figure with the data behind it and its alt text."""

    figure: plt.Figure
    data: pd.DataFrame
    alt: str
    warnings: list[str] = field(default_factory=list)


def _percent_axis(axis) -> None:
    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{format_number(v)}%"))


# --- colour and marker helpers --------------------------------------------------------------------


def _relative_luminance(colour) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = matplotlib.colors.to_rgb(colour)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(foreground, background) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (equal) to 21 (black on white)."""
    light, dark = sorted((_relative_luminance(foreground), _relative_luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_on(background) -> str:
    """Dark or white text, whichever contrasts more with the background."""
    return max((TEXT_DARK, "#ffffff"), key=lambda c: contrast_ratio(c, background))


def marker_area(marker: str) -> float:
    """Area of a filled marker drawn at size 1 pt² (a circle: π/4)."""
    style = MarkerStyle(marker)
    path = style.get_path().transformed(style.get_transform())
    area = 0.0
    for polygon in path.to_polygons():
        x, y = polygon[:, 0], polygon[:, 1]
        area += abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))) / 2
    return area


def equal_area_size(size, marker: str):
    """Scatter size for `marker` with the area of a circle of scatter size `size`."""
    return size * marker_area("o") / marker_area(marker)


# --- maps -----------------------------------------------------------------------------------------


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


def _base_map(boundaries):
    """The country filling the figure, with room on the left (the North Sea side) for legends."""
    minx, miny, maxx, maxy = boundaries.total_bounds
    width, height = maxx - minx, maxy - miny
    left = minx - LEGEND_ROOM * width
    margin = 0.02 * height
    fig = plt.figure(figsize=(WIDTH_IN, WIDTH_IN * (height + 2 * margin) / (maxx - left + margin)))
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


def _data_per_point(ax) -> float:
    """Map units per typographic point (the axes fill the figure, aspect equal)."""
    left, right = ax.get_xlim()
    return (right - left) / (ax.figure.get_figwidth() * 72)


def _legend_below(ax, legend, gap: float = 0.02) -> float:
    """The axes y (0–1) just below a drawn legend, to place the next legend there."""
    box = legend.get_window_extent(ax.figure.canvas.get_renderer()).transformed(ax.transAxes.inverted())
    return box.y0 - gap


def _located(records: pd.DataFrame, points: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
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


def bubble_area(count):
    """Marker area in pt² (of a circle) proportional to a number of initiatives."""
    return 20.0 * count


def _size_steps(maximum: int) -> list[int]:
    return sorted({1, max(1, int(round(maximum / 3))), max(1, int(maximum))})


def diamond_offset(others, diamond_size):
    """Distance in points from a municipality's circle centre to its diamond's centre (upper right).

    The diamond's lower left edge overlaps the circle's edge by 30% of the smaller of the two
    (circle radius, diamond half side), so the two read as a pair and neither hides the other;
    without a circle the diamond is centred on the municipality.
    """
    others = np.asarray(others, dtype=float)
    radius = np.sqrt(bubble_area(others)) / 2
    half_side = np.sqrt(np.asarray(diamond_size, dtype=float)) / 2  # 'D' is a square turned 45°
    return np.where(others > 0, radius + half_side - 0.3 * np.minimum(radius, half_side), 0.0)


def map_initiatives(records: pd.DataFrame, boundaries) -> Figure:
    """Figure 1: per municipality a circle for its other initiatives and a diamond for its coalitions.

    Both markers have an area proportional to their count (the same scale); the diamond sits on
    the circle's upper right edge, so a municipality with seven initiatives of which one coalition
    shows a circle for six and a diamond for one.
    """
    coalition = records["preventiecoalitie"].fillna(False).astype(bool).astype(int)
    per = (
        records.assign(_coalitie=coalition)
        .groupby("gemeente_code", as_index=False)
        .agg(aantal=("initiatief_id", "size"), preventiecoalities=("_coalitie", "sum"))
    )
    per["andere_initiatieven"] = per["aantal"] - per["preventiecoalities"]
    joined, warnings = _located(per, municipality_points(boundaries))
    joined["op_kaart"] = joined["x"].notna()
    shown = joined[joined["op_kaart"]]
    fig, ax = _base_map(boundaries)
    per_point = _data_per_point(ax)
    # Circles, largest first so that a small one is never hidden under a large one.
    others = shown[shown["andere_initiatieven"] > 0].sort_values(
        ["andere_initiatieven", "gemeente_code"], ascending=[False, True]
    )
    ax.scatter(
        others["x"],
        others["y"],
        s=bubble_area(others["andere_initiatieven"]),
        marker=INITIATIVE_MARKERS["andere_initiatieven"],
        c=INITIATIVE_COLOURS["andere_initiatieven"],
        edgecolors=MARKER_EDGE,
        linewidths=0.5,
        alpha=0.9,
        label=INITIATIVE_LABELS["andere_initiatieven"],
        zorder=3,
    )
    # Diamonds on the upper right edge of their municipality's circle (centred when there is none).
    coalitions = shown[shown["preventiecoalities"] > 0].sort_values(
        ["preventiecoalities", "gemeente_code"], ascending=[False, True]
    )
    marker = INITIATIVE_MARKERS["preventiecoalities"]
    sizes = equal_area_size(bubble_area(coalitions["preventiecoalities"].to_numpy(dtype=float)), marker)
    step = diamond_offset(coalitions["andere_initiatieven"].to_numpy(dtype=float), sizes) * per_point / math.sqrt(2)
    ax.scatter(
        coalitions["x"] + step,
        coalitions["y"] + step,
        s=sizes,
        marker=marker,
        c=INITIATIVE_COLOURS["preventiecoalities"],
        edgecolors=MARKER_EDGE,
        linewidths=0.5,
        label=INITIATIVE_LABELS["preventiecoalities"],
        zorder=4,
    )

    def handle(column, count=1, filled=True):
        m = INITIATIVE_MARKERS[column]
        return Line2D(
            [],
            [],
            linestyle="none",
            marker=m,
            markersize=math.sqrt(equal_area_size(bubble_area(count), m)),
            markerfacecolor=INITIATIVE_COLOURS[column] if filled else "none",
            markeredgecolor=MARKER_EDGE,
            markeredgewidth=0.6,
        )

    kinds = ax.legend(
        [handle(c, 3) for c in INITIATIVE_COLUMNS],
        [INITIATIVE_LABELS[c] for c in INITIATIVE_COLUMNS],
        title="Netwerkinitiatieven per gemeente",
        loc="upper left",
        bbox_to_anchor=(0.0, 1.0),
        frameon=False,
        alignment="left",
        handletextpad=0.8,
    )
    ax.add_artist(kinds)
    sizes = _size_steps(
        int(max(shown["andere_initiatieven"].max(), shown["preventiecoalities"].max(), 1)) if len(shown) else 1
    )
    ax.legend(
        [tuple(handle(c, n, filled=False) for c in INITIATIVE_COLUMNS) for n in sizes],
        [format_number(n) for n in sizes],
        title="Aantal per symbool (oppervlak)",
        loc="upper left",
        bbox_to_anchor=(0.0, _legend_below(ax, kinds)),
        frameon=False,
        alignment="left",
        labelspacing=1.3,
        handlelength=4.4,
        handletextpad=0.8,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0.8)},
    )
    data = joined[
        ["gemeente_code", "gemeente", "aantal", "preventiecoalities", "andere_initiatieven", "op_kaart"]
    ].sort_values("gemeente_code", ignore_index=True)
    warnings += _width_warning(fig, "kaart_initiatieven")
    return Figure(fig, data, _initiatives_alt(records, joined), warnings)


def _initiatives_alt(records: pd.DataFrame, joined: pd.DataFrame) -> str:
    shown = joined[joined["op_kaart"]].sort_values(["aantal", "gemeente_code"], ascending=[False, True])
    total = int(records["preventiecoalitie"].fillna(False).astype(bool).sum())
    alt = (
        f"Kaart van Nederland met de {format_number(len(records))} geanalyseerde netwerkinitiatieven in "
        f"{format_number(int(joined['op_kaart'].sum()))} gemeenten. Per gemeente staat een lichtblauwe bol voor "
        f"de initiatieven die geen preventiecoalitie zijn en een vermiljoen ruit voor de preventiecoalities, "
        f"elk groter naarmate het er meer zijn."
    )
    if len(shown):
        top = shown.iloc[0]
        n = int(top["preventiecoalities"])
        alt += (
            f" De meeste initiatieven heeft {top['gemeente']}: {format_number(int(top['aantal']))}, waarvan "
            f"{'geen' if n == 0 else format_number(n)} preventiecoalitie."
        )
    if total == 1:
        place = joined.loc[joined["preventiecoalities"] > 0, "gemeente"].fillna("een gemeente buiten de kaart")
        alt += f" De enige preventiecoalitie ligt in {place.iloc[0]}."
    elif total:
        with_coalition = joined[joined["preventiecoalities"] > 0]
        alt += f" De {format_number(total)} preventiecoalities liggen in {format_number(len(with_coalition))} gemeenten"
        several = with_coalition[with_coalition["preventiecoalities"] > 1].sort_values(
            ["preventiecoalities", "gemeente_code"], ascending=[False, True]
        )
        if 0 < len(several) <= 5:
            places = [
                f"{g} ({format_number(int(n))})" for g, n in zip(several["gemeente"], several["preventiecoalities"])
            ]
            listed = places[0] if len(places) == 1 else f"{', '.join(places[:-1])} en {places[-1]}"
            alt += f"; meer dan één in {listed}"
        alt += "."
    else:
        alt += " Geen van de initiatieven is een preventiecoalitie."
    return alt


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


COLLABORATION_SIZE = 30.0  # pt², as the area of a circle; every shape gets the same area
MARKER_DISTANCE = 7.5  # pt between marker centres: the widest shape (a triangle) is about 7 pt
LEGEND_WRAP = 34  # characters per legend line, so that the legend stays in the North Sea


def _wrapped(text: str, suffix: str, width: int = LEGEND_WRAP) -> str:
    """A legend label over lines of at most `width` characters; the suffix is never split."""
    lines = textwrap.wrap(text, width)
    if len(lines[-1]) + 1 + len(suffix) <= width:
        lines[-1] += f" {suffix}"
    else:
        lines.append(suffix)
    return "\n".join(lines)


def map_collaboration(records: pd.DataFrame, counts: pd.DataFrame, boundaries, spacing: float = 5200.0) -> Figure:
    """Figure 3: one marker per initiative; shape and colour give the collaboration category."""
    order = {c: i for i, c in enumerate(CATEGORIES)}
    frame = records[["initiatief_id", "gemeente_code", "categorie"]].astype({"categorie": "object"})
    joined, warnings = _located(frame, municipality_points(boundaries))
    joined = joined.assign(_order=joined["categorie"].map(order)).sort_values(
        ["gemeente_code", "_order", "initiatief_id"], ignore_index=True
    )
    xs, ys = joined["x"].to_numpy(dtype=float).copy(), joined["y"].to_numpy(dtype=float).copy()
    for _, idx in joined.groupby("gemeente_code").indices.items():
        offsets = ring_offsets(len(idx), spacing)
        xs[idx] += offsets[:, 0]
        ys[idx] += offsets[:, 1]
    colours = category_colours()
    totals = dict(zip(counts["categorie"], counts["n"].astype(int)))
    fig, ax = _base_map(boundaries)
    # Markers of neighbouring municipalities are nudged apart so that none hides another.
    drawn = joined["x"].notna().to_numpy()
    distance = MARKER_DISTANCE * _data_per_point(ax)
    if fits_apart(int(drawn.sum()), distance, ax):
        spread = separate(np.column_stack([xs[drawn], ys[drawn]]), distance)
        xs[drawn], ys[drawn] = spread[:, 0], spread[:, 1]
    else:
        warnings.append(
            PipelineWarning(
                f"kaart_samenwerking: {int(drawn.sum())} symbolen passen niet naast elkaar op de kaart; "
                "ze overlappen (een symbool per initiatief is bij zoveel initiatieven niet leesbaar)",
                "symbolen_overlappen",
            )
        )
    joined["x_kaart"], joined["y_kaart"] = xs, ys
    for category in CATEGORIES:
        part = joined[(joined["categorie"] == category) & joined["x"].notna()]
        marker = CATEGORY_MARKERS[category]
        label = _wrapped(CATEGORIES[category], f"(n = {format_number(totals.get(category, 0))})")
        ax.scatter(
            part["x_kaart"],
            part["y_kaart"],
            s=equal_area_size(COLLABORATION_SIZE, marker),
            marker=marker,
            c=colours[category],
            edgecolors=MARKER_EDGE,
            linewidths=0.6,
            zorder=3 + order[category],
            label=label,
        )
    ax.legend(
        title="Mate van samenwerking",
        loc="upper left",
        frameon=False,
        alignment="left",
        markerscale=1.3,
        labelspacing=0.6,
    )
    data = joined.assign(label=joined["categorie"].map(CATEGORIES), op_kaart=joined["x"].notna())[
        ["initiatief_id", "gemeente_code", "gemeente", "categorie", "label", "op_kaart"]
    ]
    listing = "; ".join(f"{CATEGORIES[c].lower()} {format_number(totals.get(c, 0))}" for c in reversed(CATEGORIES))
    alt = (
        f"Kaart van Nederland met een symbool per geanalyseerd netwerkinitiatief. Elke mate van samenwerking "
        f"tussen gemeente en zorgverzekeraar heeft een eigen vorm en kleur, van licht naar donker formeler: "
        f"{listing}."
    )
    warnings += _width_warning(fig, "kaart_samenwerking")
    return Figure(fig, data, alt, warnings)


def _width_warning(fig, name: str) -> list[str]:
    """A figure wider than the text width is printed smaller, and its text below MIN_FONT."""
    if fig.get_figwidth() <= WIDTH_IN + 1e-9:
        return []
    return [
        PipelineWarning(
            f"{name}: {fig.get_figwidth():.2f} inch breed, breder dan de tekst ({WIDTH_IN} inch); de tekst wordt "
            f"kleiner dan {format_number(MIN_FONT)} pt afgedrukt",
            "figuur_te_breed",
        )
    ]


# --- bars -------------------------------------------------------------------------------------------


def party_order(table: pd.DataFrame) -> list[str]:
    """gemeente and zorgverzekeraar first, then by descending share, 'overig' last; unasked left out."""
    order = by_share(table)
    first = [k for k in ("gemeente", "zorgverzekeraar") if k in order]
    last = [k for k in ("overig",) if k in order]
    return first + [k for k in order if k not in first + last] + last


def bars_parties(table: pd.DataFrame) -> Figure:
    """Figure 2: involved parties as horizontal bars in percent."""
    rows = table.set_index("kenmerk")
    order = party_order(table)
    labels = canon.MULTIS["partijen"].options
    n = rows.loc[order, "n"].astype(int).to_numpy()
    noemer = rows.loc[order, "noemer"].astype(int).to_numpy()
    pct = 100 * n / noemer
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.3 * len(order) + 0.9))
    y = np.arange(len(order))[::-1]
    colours = [OKABE_ITO["blauw"] if k in ("gemeente", "zorgverzekeraar") else OKABE_ITO["hemelblauw"] for k in order]
    ax.barh(y, pct, color=colours, height=0.7)
    for yi, p, k, d in zip(y, pct, n, noemer):
        ax.text(p + 1, yi, format_percentage(k, d), va="center", fontsize=MIN_FONT, color=TEXT_DARK)
    ax.set_yticks(y, [labels[k] for k in order])
    ax.set_xlim(0, 112)
    ax.set_xticks(range(0, 101, 20))
    ax.spines["bottom"].set_bounds(0, 100)  # room right of 100% is for the labels, not the scale
    _percent_axis(ax.xaxis)
    ax.set_xlabel(f"Percentage van de netwerkinitiatieven (n = {format_number(int(noemer.max()))})")
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    data = pd.DataFrame(
        {
            "kenmerk": order,
            "label": [labels[k] for k in order],
            "n": n,
            "noemer": noemer,
            "percentage": [format_percentage(k, d) for k, d in zip(n, noemer)],
        }
    )
    others = ", ".join(f"{labels[k].lower()} {format_percentage(a, b)}" for k, a, b in list(zip(order, n, noemer))[2:5])
    alt = (
        f"Staafdiagram van de betrokken partijen: de gemeente is betrokken bij "
        f"{data.loc[0, 'percentage']} van de netwerkinitiatieven en de zorgverzekeraar bij "
        f"{data.loc[1, 'percentage']}; daarna volgen {others}."
    )
    return Figure(fig, data, alt)


TREND_PARTS = ("met", "zonder", "onverdeeld")
# How a total is marked by where it comes from (tables.TREND_SOURCES; a new year is unmarked).
TREND_MARKS = {
    "gepubliceerd": ("*", "Gepubliceerd aantal uit een eerdere factsheet, niet herberekend."),
    "herberekend": ("†", "Herberekend uit de gegevens; gelijk aan het gepubliceerde aantal."),
    "herzien": ("‡", "Herberekend en herzien; gepubliceerd was {was} (zie de tekst)."),
}
TREND_COLOURS = {"met": OKABE_ITO["blauw"], "zonder": OKABE_ITO["hemelblauw"], "onverdeeld": "#c8c8c8"}
TREND_LABELS = {"met": "Met afstemming", "zonder": "Zonder afstemming", "onverdeeld": "Verdeling niet bekend"}
BAR_WIDTH = 0.6


def trend_chart(trend: pd.DataFrame) -> Figure:
    """Figure 5: analysed initiatives per year as stacked bars, with and without afstemming; one y-axis.

    A year without the split (a historical year with only its published total) is one grey bar.
    Each total says where it comes from (TREND_MARKS): only published, recomputed and equal to
    what was published, or recomputed with a declared revision; a new year is unmarked. Each part
    is labelled with its count and share, in white or dark text, whichever contrasts more with the bar.
    """
    years = trend["jaar"].astype(int).to_numpy()
    counts = trend["geanalyseerd"].astype(int).to_numpy()
    sources = trend["bron"].astype(str).to_numpy()
    historical = sources == "gepubliceerd"
    known = trend["afstemming"].notna().to_numpy()
    matched = np.where(known, pd.to_numeric(trend["afstemming"]).fillna(0).astype(int).to_numpy(), 0)
    unmatched = counts - matched
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.4))
    top = max(counts) * 1.12
    ax.set_ylim(0, top)
    ax.set_xlim(years.min() - 0.6, years.max() + 0.6)
    parts = {
        "met": (matched, np.zeros_like(counts), known),
        "zonder": (unmatched, matched, known),
        "onverdeeld": (counts, np.zeros_like(counts), ~known),
    }
    for part in TREND_PARTS:
        heights, bottoms, which = parts[part]
        if which.any():
            ax.bar(
                years[which],
                heights[which],
                BAR_WIDTH,
                bottom=bottoms[which],
                color=TREND_COLOURS[part],
                label=TREND_LABELS[part],
                zorder=2,
            )
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("Geanalyseerde netwerkinitiatieven")
    ax.tick_params(axis="x", length=0)
    ax.legend(
        loc="lower left",
        bbox_to_anchor=(0.0, 1.0),
        ncol=len([p for p in TREND_PARTS if parts[p][2].any()]),
        frameon=False,
        handlelength=1.2,
        columnspacing=1.6,
        borderaxespad=0.2,
    )
    notes = ["Afstemming: informele of formele afspraken tussen gemeente en zorgverzekeraar."]
    published_counts = dict(zip(years, trend["gepubliceerd"]))
    for source, (mark, note) in TREND_MARKS.items():
        revised = [y for y, b in zip(years, sources) if b == source]
        if revised:
            notes.append(f"{mark} {note}".format(was=", ".join(f"{published_counts[y]} in {y}" for y in revised)))
    fig.text(0.01, 0.01, "\n".join(notes), fontsize=MIN_FONT, color=TEXT_MUTED, va="bottom", ha="left", linespacing=1.3)
    fig.tight_layout(rect=(0, 0.035 + 0.045 * len(notes), 1, 1))
    # Part labels inside their part when it is high enough, else beside the bar on the white background.
    points_per_unit = ax.get_window_extent().height * 72 / fig.dpi / top
    for x, c, a, u, k in zip(years, counts, matched, unmatched, known):
        if not k:
            continue
        for part, value, bottom in (("met", a, 0), ("zonder", u, a)):
            if value == 0:
                continue
            text = f"{format_number(value)} ({format_percentage(value, c)})"
            middle = bottom + value / 2
            if value * points_per_unit >= 2 * MIN_FONT:
                ax.text(
                    x,
                    middle,
                    text,
                    ha="center",
                    va="center",
                    fontsize=MIN_FONT,
                    color=text_colour_on(TREND_COLOURS[part]),
                    zorder=3,
                )
            else:
                ax.text(
                    x + BAR_WIDTH / 2 + 0.04,
                    middle,
                    text,
                    ha="left",
                    va="center",
                    fontsize=MIN_FONT,
                    color=TEXT_DARK,
                    zorder=3,
                )
    for x, c, source in zip(years, counts, sources):
        mark = TREND_MARKS.get(source)
        ax.text(
            x,
            c + top * 0.015,
            format_number(c) + (f" {mark[0]}" if mark else ""),
            ha="center",
            va="bottom",
            fontsize=MIN_FONT,
            color=TEXT_DARK,
            zorder=3,
        )
    data = pd.DataFrame(
        {
            "jaar": years,
            "geanalyseerd": counts,
            "afstemming": pd.array([int(a) if k else None for a, k in zip(matched, known)], dtype="Int64"),
            "zonder_afstemming": pd.array([int(u) if k else None for u, k in zip(unmatched, known)], dtype="Int64"),
            "pct_afstemming": pd.array(
                [percentage(a, c) if k else None for a, c, k in zip(matched, counts, known)], dtype="Float64"
            ),
            "pct_zonder_afstemming": pd.array(
                [percentage(u, c) if k else None for u, c, k in zip(unmatched, counts, known)], dtype="Float64"
            ),
            "bron": trend["bron"].astype("string").to_numpy(),
            "gepubliceerd": pd.array(trend["gepubliceerd"], dtype="Int64"),
        }
    )
    totals = "; ".join(f"{format_number(c)} in {y}" for y, c in zip(years, counts))
    shares = "; ".join(
        f"{format_percentage(a, c)} in {y} ({format_number(a)} van {format_number(c)})"
        for y, c, a, k in zip(years, counts, matched, known)
        if k
    )
    published = [str(y) for y, h in zip(years, historical) if h]
    recomputed = [str(y) for y, b in zip(years, sources) if b == "herberekend"]
    revised = [f"{y} (gepubliceerd was {published_counts[y]})" for y, b in zip(years, sources) if b == "herzien"]
    unknown = [str(y) for y, k in zip(years, known) if not k]
    alt = f"Gestapeld staafdiagram van het aantal geanalyseerde netwerkinitiatieven per jaar: {totals}."
    if shares:
        alt += (
            f" Elke staaf is verdeeld in initiatieven met en zonder afstemming tussen gemeente en "
            f"zorgverzekeraar; met afstemming: {shares}."
        )
    if published:
        alt += f" Het aantal van {' en '.join(published)} komt uit een eerdere factsheet."
    if recomputed:
        alt += f" Het aantal van {' en '.join(recomputed)} is herberekend en gelijk aan het gepubliceerde."
    if revised:
        alt += f" Het aantal van {' en '.join(revised)} is herberekend en herzien."
    if unknown:
        alt += f" Voor {' en '.join(unknown)} is alleen het totaal bekend."
    return Figure(fig, data, alt, _width_warning(fig, "trend"))


# --- flow diagram -------------------------------------------------------------------------------------

FLOW_FONT = MIN_FONT
PAD, GAP_X, GAP_Y, LINE = 5.0, 10.0, 22.0, 11.0  # points
FOOT = 16.0  # points below the diagram for the line about the submissions


@dataclass(frozen=True)
class Box:
    key: str
    lines: tuple[str, ...]
    x: float
    y: float  # bottom
    width: float
    height: float
    emphasis: bool = False

    def overlaps(self, other: Box) -> bool:
        return not (
            self.x + self.width <= other.x
            or other.x + other.width <= self.x
            or self.y + self.height <= other.y
            or other.y + other.height <= self.y
        )


def text_width(text: str, size: float = FLOW_FONT, bold: bool = False) -> float:
    """Width of a text in points, measured with the font that draws it."""
    prop = FontProperties(family=FONT, weight="bold" if bold else "normal")
    return TextPath((0, 0), text, size=size, prop=prop).get_extents().width


def _flow_rows(counts: dict[str, int], previous_year: int) -> list[list[tuple[str, tuple[str, ...], bool]]]:
    g = lambda key: format_number(counts[key])  # noqa: E731
    return [
        [("geidentificeerd", (f"Geïdentificeerd: {g('geidentificeerd')}",), True)],
        [
            ("respons", (f"Respons: {g('respons')}",), True),
            ("non_respons", (f"Non-respons: {g('non_respons')}",), True),
        ],
        [
            (
                "geexcludeerd",
                (
                    f"Geëxcludeerd: {g('respons_geexcludeerd')}",
                    f"geen preventie: {g('excl_E1')}",
                    f"landelijk: {g('excl_E2')}",
                    f"< {MIN_PARTIES} partijen: {g('excl_E3')}",
                    f"< {MIN_INTERVENTIONS} interventies: {g('excl_E4')}",
                ),
                False,
            ),
            ("geincludeerd", (f"Geïncludeerd: {g('respons_geincludeerd')}",), True),
            # two lines, so that the row fits the text width at 8 pt
            ("overgenomen", (f"Overgenomen: {g('overgenomen')}", f"gegevens uit {previous_year}"), True),
            (
                "niet_overgenomen",
                (
                    f"Niet meegenomen: {format_number(counts['non_respons'] - counts['overgenomen'])}",
                    *(
                        f"{label}: {g(key)}"
                        for key, label in (
                            ("niet_overgenomen_bestaat_niet", "bestaat niet meer"),
                            ("niet_overgenomen_bestaan_onbekend", "bestaan onbekend"),
                            ("niet_overgenomen_geen_respons_vorig_jaar", f"geen eigen respons {previous_year}"),
                            ("niet_overgenomen_geen_vorig_jaar", f"geen gegevens over {previous_year}"),
                            ("overgenomen_geexcludeerd", "overgenomen, geëxcludeerd"),
                        )
                        if counts[key] > 0
                    ),
                ),
                False,
            ),
        ],
        [("geanalyseerd", (f"Geanalyseerd: {g('geanalyseerd')}",), True)],
    ]


FLOW_EDGES = (
    ("geidentificeerd", "respons"),
    ("geidentificeerd", "non_respons"),
    ("respons", "geincludeerd"),
    ("respons", "geexcludeerd"),
    ("non_respons", "overgenomen"),
    ("non_respons", "niet_overgenomen"),
    ("geincludeerd", "geanalyseerd"),
    ("overgenomen", "geanalyseerd"),
)


def flow_layout(counts: dict[str, int], previous_year: int) -> list[Box]:
    """Boxes in points, rows top to bottom, each row centred; sized to their text, never overlapping."""
    rows = _flow_rows(counts, previous_year)
    sized = []
    for row in rows:
        sized.append(
            [
                (
                    key,
                    lines,
                    bold,
                    max(text_width(line, bold=i == 0) for i, line in enumerate(lines)) + 2 * PAD,
                    LINE * len(lines) + 2 * PAD - 2,
                )
                for key, lines, bold in row
            ]
        )
    total_width = max(sum(w for *_, w, _ in row) + GAP_X * (len(row) - 1) for row in sized)
    boxes, top = [], sum(max(h for *_, h in row) for row in sized) + GAP_Y * (len(sized) - 1)
    for row in sized:
        row_width = sum(w for *_, w, _ in row) + GAP_X * (len(row) - 1)
        x = (total_width - row_width) / 2
        row_height = max(h for *_, h in row)
        for key, lines, bold, w, h in row:
            boxes.append(Box(key, lines, x, top - h, w, h, bold))
            x += w + GAP_X
        top -= row_height + GAP_Y
    return boxes


def flow_diagram(flow: pd.DataFrame, year: int) -> Figure:
    """Figure 4: from identified to analysed initiatives, drawn from stroom.csv.

    The figure is the text width wide (the diagram centred in it), so that it prints at the same
    scale as the other figures; a diagram wider than that widens the figure and is reported.
    """
    counts = dict(zip(flow["stap"], flow["n"].astype(int)))
    boxes = flow_layout(counts, year - 1)
    width = max(b.x + b.width for b in boxes)
    height = max(b.y + b.height for b in boxes)
    margin = 6.0
    figure_width = max(WIDTH_IN * 72, width + 2 * margin)
    side = (figure_width - width) / 2
    fig = plt.figure(figsize=(figure_width / 72, (height + 2 * margin + FOOT) / 72))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-side, width + side)
    ax.set_ylim(-margin - FOOT, height + margin)
    ax.set_axis_off()
    by_key = {b.key: b for b in boxes}
    for parent, child in FLOW_EDGES:
        a, b = by_key[parent], by_key[child]
        ax.annotate(
            "",
            xy=(b.x + b.width / 2, b.y + b.height),
            xytext=(a.x + a.width / 2, a.y),
            arrowprops={"arrowstyle": "-|>", "color": "#555555", "lw": 0.8, "shrinkA": 1, "shrinkB": 1},
        )
    for box in boxes:
        face = "#e8f0f8" if box.emphasis else "#f7f7f7"
        ax.add_patch(
            FancyBboxPatch(
                (box.x, box.y),
                box.width,
                box.height,
                boxstyle="round,pad=0,rounding_size=3",
                facecolor=face,
                edgecolor="#154273" if box.emphasis else "#9a9a9a",
                lw=0.8,
            )
        )
        for i, line in enumerate(box.lines):
            ax.text(
                box.x + PAD,
                box.y + box.height - PAD - (i + 0.5) * LINE,
                line,
                va="center",
                ha="left",
                fontsize=FLOW_FONT,
                fontweight="bold" if i == 0 else "normal",
                color=TEXT_DARK,
            )
    ax.text(
        -side + margin,
        -margin - FOOT + 4,
        f"Inzendingen: {format_number(counts['inzendingen'])}, waarvan niet te koppelen "
        f"{format_number(counts['inzendingen_ongekoppeld'])}, genegeerd "
        f"{format_number(counts['inzendingen_negeer'])}, dubbel "
        f"{format_number(counts['inzendingen_dubbel'])} en onbruikbaar "
        f"{format_number(counts['inzendingen_onbruikbaar'])}.",
        fontsize=MIN_FONT,
        color=TEXT_MUTED,
        va="bottom",
    )
    data = flow[["stap", "n"]].copy()
    alt = (
        f"Stroomschema: {format_number(counts['geidentificeerd'])} initiatieven geïdentificeerd; "
        f"{format_number(counts['respons'])} reageerden, van wie {format_number(counts['respons_geincludeerd'])} "
        f"geïncludeerd en {format_number(counts['respons_geexcludeerd'])} geëxcludeerd; van de "
        f"{format_number(counts['non_respons'])} andere zijn er {format_number(counts['overgenomen'])} "
        f"overgenomen uit {year - 1}; samen {format_number(counts['geanalyseerd'])} geanalyseerd."
    )
    return Figure(fig, data, alt, _width_warning(fig, "stroom"))


# --- the data as a reader sees it ----------------------------------------------------------------------

TREND_SOURCES = {
    "gepubliceerd": "Eerder gepubliceerd",
    "herberekend": "Herberekend, gelijk aan gepubliceerd",
    "herzien": "Herberekend en herzien",
    "nieuw": "Deze analyse",
}


def _missing(value) -> bool:
    return (
        value is None
        or (not isinstance(value, str) and pd.isna(value))
        or (isinstance(value, str) and value.strip() == "")
    )


def _integers(values: pd.Series) -> pd.Series:
    """Whole numbers from numbers or their text; int64, or Int64 when some are empty."""
    numbers = [None if _missing(v) else int(float(v)) for v in values]
    if any(v is None for v in numbers):
        return pd.Series(pd.array(numbers, dtype="Int64"), index=values.index)
    return pd.Series(numbers, index=values.index, dtype="int64")


def _floats(values: pd.Series) -> pd.Series:
    """Numbers from numbers or their text; float64 with NaN for empty."""
    return pd.Series([math.nan if _missing(v) else float(v) for v in values], index=values.index, dtype="float64")


def _texts(values: pd.Series) -> pd.Series:
    """Text as the reader should see it: empty for missing, a CSV's formula guard removed."""
    text = pd.Series(["" if _missing(v) else str(v) for v in values], index=values.index, dtype="string")
    return restore(text).astype(object)


def _flags(values: pd.Series) -> pd.Series:
    """ja/nee from booleans or their text (True/False, ja/nee)."""
    words = {"ja": True, "true": True, "1": True, "nee": False, "false": False, "0": False}

    def flag(v):
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if _missing(v):
            return None
        return words[str(v).strip().lower()]

    return pd.Series([{True: "ja", False: "nee", None: ""}[flag(v)] for v in values], index=values.index, dtype=object)


def _municipality(data: pd.DataFrame) -> pd.Series:
    """Municipality name; the code where the boundaries of the year have no name for it."""
    names, codes = _texts(data["gemeente"]), _texts(data["gemeente_code"])
    return pd.Series(
        [n if n else f"{c} (niet in de gemeentegrenzen)" for n, c in zip(names, codes)], index=data.index, dtype=object
    )


def _alphabetical(view: pd.DataFrame, named: pd.Series, *then: str) -> pd.DataFrame:
    """Sorted by municipality as in a Dutch index ('s-Gravenhage under G), then by `then`;
    codes without a name (not in that year's boundaries) last."""
    key = view["Gemeente"].map(lambda name: re.sub(r"^'s-", "", name).casefold())
    return (
        view.assign(_unnamed=~named.to_numpy(), _key=key.to_numpy())
        .sort_values(["_unnamed", "_key", *then], kind="stable")
        .drop(columns=["_unnamed", "_key"])
        .reset_index(drop=True)
    )


def _map_flag(view: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """'Op de kaart' only matters when something is not on the map; then it is shown."""
    if "op_kaart" in data and (_flags(data["op_kaart"]) == "nee").any():
        view["Op de kaart"] = _flags(data["op_kaart"]).to_numpy()
    return view


def _view_stroom(data: pd.DataFrame) -> pd.DataFrame:
    unknown = sorted(set(_texts(data["stap"])) - set(FLOW_LABELS))
    if unknown:
        raise ValueError(f"stroom: stap zonder omschrijving: {', '.join(unknown)}")
    return pd.DataFrame(
        {
            "Stap": _texts(data["stap"]).map(FLOW_LABELS).to_numpy(dtype=object),
            "Aantal": _integers(data["n"]).to_numpy(),
        }
    )


def _view_kaart_initiatieven(data: pd.DataFrame) -> pd.DataFrame:
    view = pd.DataFrame(
        {
            "Gemeente": _municipality(data).to_numpy(),
            "Aantal initiatieven": _integers(data["aantal"]).to_numpy(),
            "Waarvan preventiecoalitie": _integers(data["preventiecoalities"]).to_numpy(),
            "Waarvan andere initiatieven": _integers(data["andere_initiatieven"]).to_numpy(),
        }
    )
    return _alphabetical(_map_flag(view, data), _texts(data["gemeente"]) != "")


def _view_kaart_samenwerking(data: pd.DataFrame) -> pd.DataFrame:
    """One row per municipality and degree of collaboration, with its number of initiatives:
    what the map shows, in a table as long as the municipalities and degrees that occur, however
    many initiatives there are (the figure's CSV keeps one row per initiative)."""
    keys = _texts(data["categorie"])
    rows = pd.DataFrame(
        {
            "Gemeente": _municipality(data).to_numpy(),
            "Mate van samenwerking": keys.map(CATEGORIES).fillna(_texts(data["label"])).to_numpy(),
            "_order": keys.map({c: i for i, c in enumerate(CATEGORIES)}).fillna(len(CATEGORIES)).to_numpy(),
            "_named": (_texts(data["gemeente"]) != "").to_numpy(),
        }
    )
    rows = _map_flag(rows, data)
    view = rows.groupby(list(rows.columns), sort=False).size().reset_index(name="Aantal initiatieven")
    columns = ["Gemeente", "Mate van samenwerking", "Aantal initiatieven"] + (
        ["Op de kaart"] if "Op de kaart" in view else []
    )
    ordered = _alphabetical(view, view["_named"], "_order")
    return ordered[columns]


def _view_partijen(data: pd.DataFrame) -> pd.DataFrame:
    n, noemer = _integers(data["n"]), _integers(data["noemer"])
    return pd.DataFrame(
        {
            "Partij": _texts(data["label"]).to_numpy(),
            "Aantal initiatieven": n.to_numpy(),
            "Noemer": noemer.to_numpy(),
            "Percentage": _floats(pd.Series([percentage(a, b) for a, b in zip(n, noemer)])).to_numpy(),
        }
    )


def _view_trend(data: pd.DataFrame) -> pd.DataFrame:
    total, matched = _integers(data["geanalyseerd"]), _integers(data["afstemming"])
    unmatched = (
        _integers(data["zonder_afstemming"])
        if "zonder_afstemming" in data
        else _integers(pd.Series([None if pd.isna(a) else t - a for t, a in zip(total, matched)]))
    )

    def share(part):
        return _floats(pd.Series([None if pd.isna(p) else percentage(p, t) for p, t in zip(part, total)]))

    # The year is a label, not a quantity: text, so that no formatter writes it as 2.020.
    return pd.DataFrame(
        {
            "Jaar": [str(y) for y in _integers(data["jaar"])],
            "Geanalyseerde initiatieven": total.to_numpy(),
            "Met afstemming": matched.array,
            "Zonder afstemming": unmatched.array,
            "Percentage met afstemming": share(matched).to_numpy(),
            "Percentage zonder afstemming": share(unmatched).to_numpy(),
            "Bron": _texts(data["bron"]).map(lambda b: TREND_SOURCES.get(b, b)).to_numpy(dtype=object),
            "Gepubliceerd aantal": _integers(data["gepubliceerd"]).array,
        }
    )


DATA_VIEWS = {
    "stroom": _view_stroom,
    "kaart_initiatieven": _view_kaart_initiatieven,
    "kaart_samenwerking": _view_kaart_samenwerking,
    "partijen": _view_partijen,
    "trend": _view_trend,
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


# --- saving -----------------------------------------------------------------------------------------


def save(figure: Figure, png: str, svg: str) -> None:
    """PNG (200 dpi) and SVG without time stamps or software versions: repeatable bytes."""
    figure.figure.savefig(png, dpi=200, metadata={"Software": None})
    figure.figure.savefig(svg, metadata={"Date": None, "Creator": None})
    plt.close(figure.figure)
