"""The map of the collaboration: one marker per initiative, its shape and colour the degree of
collaboration between municipality and insurer (plasma for the ordered categories)."""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd

from ..classify import CATEGORIES
from ..errors import PipelineWarning
from ..numbers import format_number
from .maps import base_map, data_per_point, fits_apart, located, municipality_points, ring_offsets, separate
from .spec import FigureSpec, Sources
from .style import MARKER_EDGE, Figure, equal_area_size, width_warning
from .views import alphabetical, map_flag, municipality, texts

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


UNKNOWN_GREY = "#9a9a9a"
ORDER = {c: i for i, c in enumerate(CATEGORIES)}  # from 'onbekend' to 'formele_afspraken'; later on top


def category_colours() -> dict[str, str]:
    """Ordered categories light to dark (plasma: monotone lightness, distinct hues), 'onbekend' grey."""
    ordered = [c for c in CATEGORIES if c != "onbekend"]
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["plasma_r"]
    colours = {c: to_hex(cmap(0.05 + 0.9 * i / (len(ordered) - 1))) for i, c in enumerate(ordered)}
    return {"onbekend": UNKNOWN_GREY, **colours}


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
    """One marker per initiative; shape and colour give the collaboration category."""
    frame = records[["initiatief_id", "gemeente_code", "categorie"]].astype({"categorie": "object"})
    joined, warnings = located(frame, municipality_points(boundaries))
    joined = joined.assign(_order=joined["categorie"].map(ORDER)).sort_values(
        ["gemeente_code", "_order", "initiatief_id"], ignore_index=True
    )
    totals = dict(zip(counts["categorie"], counts["n"].astype(int)))
    fig, ax = base_map(boundaries)
    warnings += _place(ax, joined, spacing)
    _markers(ax, joined, totals)
    data = joined.assign(label=joined["categorie"].map(CATEGORIES), op_kaart=joined["x"].notna())[
        ["initiatief_id", "gemeente_code", "gemeente", "categorie", "label", "op_kaart"]
    ]
    warnings += width_warning(fig, "kaart_samenwerking")
    return Figure(fig, data, _alt(totals), warnings)


def _place(ax, joined: pd.DataFrame, spacing: float) -> list:
    """Where each marker goes (x_kaart, y_kaart): the initiatives of a municipality in rings around
    its point, then markers of neighbouring municipalities nudged apart so that none hides another.
    A map too full for that keeps its markers where they are, and says so."""
    xs, ys = joined["x"].to_numpy(dtype=float).copy(), joined["y"].to_numpy(dtype=float).copy()
    for _, idx in joined.groupby("gemeente_code").indices.items():
        offsets = ring_offsets(len(idx), spacing)
        xs[idx] += offsets[:, 0]
        ys[idx] += offsets[:, 1]
    warnings = []
    drawn = joined["x"].notna().to_numpy()
    distance = MARKER_DISTANCE * data_per_point(ax)
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
    return warnings


def _markers(ax, joined: pd.DataFrame, totals: dict[str, int]) -> None:
    """A marker per initiative on the map, a shape and colour per category, and their legend."""
    colours = category_colours()
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
            zorder=3 + ORDER[category],
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


def _alt(totals: dict[str, int]) -> str:
    listing = "; ".join(f"{CATEGORIES[c].lower()} {format_number(totals.get(c, 0))}" for c in reversed(CATEGORIES))
    return (
        f"Kaart van Nederland met een symbool per geanalyseerd netwerkinitiatief. Elke mate van samenwerking "
        f"tussen gemeente en zorgverzekeraar heeft een eigen vorm en kleur, van licht naar donker formeler: "
        f"{listing}."
    )


def view(data: pd.DataFrame) -> pd.DataFrame:
    """One row per municipality and degree of collaboration, with its number of initiatives:
    what the map shows, in a table as long as the municipalities and degrees that occur, however
    many initiatives there are (the figure's CSV keeps one row per initiative): Gemeente, Mate van
    samenwerking, Aantal initiatieven (and Op de kaart, see views.map_flag); sorted by
    municipality, then from 'Onbekend' to 'Formele afspraken'."""
    keys = texts(data["categorie"])
    rows = pd.DataFrame(
        {
            "Gemeente": municipality(data).to_numpy(),
            "Mate van samenwerking": keys.map(CATEGORIES).fillna(texts(data["label"])).to_numpy(),
            "_order": keys.map(ORDER).fillna(len(CATEGORIES)).to_numpy(),
            "_named": (texts(data["gemeente"]) != "").to_numpy(),
        }
    )
    rows = map_flag(rows, data)
    view = rows.groupby(list(rows.columns), sort=False).size().reset_index(name="Aantal initiatieven")
    columns = ["Gemeente", "Mate van samenwerking", "Aantal initiatieven"] + (
        ["Op de kaart"] if "Op de kaart" in view else []
    )
    ordered = alphabetical(view, view["_named"], "_order")
    return ordered[columns]


def make(sources: Sources) -> Figure:
    return map_collaboration(sources.records, sources.tables["samenwerking"], sources.boundaries)


FIGURE = FigureSpec(
    "kaart_samenwerking",
    "Mate van samenwerking tussen gemeente en zorgverzekeraar per netwerkinitiatief",
    ("samenwerking",),
    make,
    view,
)
