"""The map of the initiatives: per municipality a circle for its other initiatives and a
diamond for its preventiecoalities."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..numbers import format_number
from .maps import base_map, data_per_point, legend_below, located, municipality_points
from .spec import FigureSpec, Sources
from .style import MARKER_EDGE, OKABE_ITO, Figure, equal_area_size, width_warning
from .views import alphabetical, integers, map_flag, municipality, texts

# Map of the initiatives: per municipality a circle for the initiatives that are no coalition and
# a diamond for the preventiecoalities, each with an area proportional to its count.
INITIATIVE_COLUMNS = ("andere_initiatieven", "preventiecoalities")
INITIATIVE_LABELS = {"andere_initiatieven": "Andere netwerkinitiatieven", "preventiecoalities": "Preventiecoalities"}
INITIATIVE_MARKERS = {"andere_initiatieven": "o", "preventiecoalities": "D"}
INITIATIVE_COLOURS = {"andere_initiatieven": OKABE_ITO["hemelblauw"], "preventiecoalities": OKABE_ITO["vermiljoen"]}
COUNT_COLUMNS = ["aantal", "preventiecoalities", "andere_initiatieven"]  # read from tabellen/gemeenten.csv


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


def map_initiatives(counts: pd.DataFrame, boundaries) -> Figure:
    """Per municipality a circle for its other initiatives and a diamond for its coalitions.

    `counts` is the tables stage's gemeenten.csv (tables.municipality_table), the one owner of the
    counts. Both markers have an area proportional to their count (the same scale); the diamond
    sits on the circle's upper right edge, so a municipality with seven initiatives of which one
    coalition shows a circle for six and a diamond for one.
    """
    joined, warnings = per_municipality(counts, boundaries)
    fig = draw(joined[joined["op_kaart"]], boundaries)
    data = joined[
        ["gemeente_code", "gemeente", "aantal", "preventiecoalities", "andere_initiatieven", "op_kaart"]
    ].sort_values("gemeente_code", ignore_index=True)
    warnings += width_warning(fig, "kaart_initiatieven")
    return Figure(fig, data, _initiatives_alt(joined), warnings)


def per_municipality(counts: pd.DataFrame, boundaries) -> tuple[pd.DataFrame, list]:
    """The counts per municipality with its point and whether it is on the map; a code without
    boundary is reported."""
    per = counts[["gemeente_code", *COUNT_COLUMNS]].astype(dict.fromkeys(COUNT_COLUMNS, "int64"))
    joined, warnings = located(per, municipality_points(boundaries))
    joined["op_kaart"] = joined["x"].notna()
    return joined, warnings


def draw(shown: pd.DataFrame, boundaries):
    """The country with a circle and a diamond per municipality on the map, and both legends."""
    fig, ax = base_map(boundaries)
    per_point = data_per_point(ax)
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
    _legends(ax, shown)
    return fig


def _handle(column: str, count: int = 1, filled: bool = True):
    """A legend symbol of one kind of marker, at the size of `count` initiatives."""
    from matplotlib.lines import Line2D

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


def _legends(ax, shown: pd.DataFrame) -> None:
    """The kinds of marker, and below them the sizes: both in the North Sea."""
    from matplotlib.legend_handler import HandlerTuple

    kinds = ax.legend(
        [_handle(c, 3) for c in INITIATIVE_COLUMNS],
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
        [tuple(_handle(c, n, filled=False) for c in INITIATIVE_COLUMNS) for n in sizes],
        [format_number(n) for n in sizes],
        title="Aantal per symbool (oppervlak)",
        loc="upper left",
        bbox_to_anchor=(0.0, legend_below(ax, kinds)),
        frameon=False,
        alignment="left",
        labelspacing=1.3,
        handlelength=4.4,
        handletextpad=0.8,
        handler_map={tuple: HandlerTuple(ndivide=None, pad=0.8)},
    )


def _initiatives_alt(joined: pd.DataFrame) -> str:
    shown = joined[joined["op_kaart"]].sort_values(["aantal", "gemeente_code"], ascending=[False, True])
    total = int(joined["preventiecoalities"].sum())
    alt = (
        f"Kaart van Nederland met de {format_number(int(joined['aantal'].sum()))} geanalyseerde netwerkinitiatieven in "
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


def view(data: pd.DataFrame) -> pd.DataFrame:
    """Gemeente, Aantal initiatieven, Waarvan preventiecoalitie, Waarvan andere initiatieven (and
    Op de kaart, see views.map_flag); sorted by municipality."""
    view = pd.DataFrame(
        {
            "Gemeente": municipality(data).to_numpy(),
            "Aantal initiatieven": integers(data["aantal"]).to_numpy(),
            "Waarvan preventiecoalitie": integers(data["preventiecoalities"]).to_numpy(),
            "Waarvan andere initiatieven": integers(data["andere_initiatieven"]).to_numpy(),
        }
    )
    return alphabetical(map_flag(view, data), texts(data["gemeente"]) != "")


def make(sources: Sources) -> Figure:
    return map_initiatives(sources.tables["gemeenten"], sources.boundaries)


FIGURE = FigureSpec(
    "kaart_initiatieven",
    "Spreiding van de geanalyseerde netwerkinitiatieven over Nederland, naar preventiecoalitie",
    ("gemeenten",),
    make,
    view,
)
