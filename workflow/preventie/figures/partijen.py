"""The bars of the involved parties, in percent of the initiatives."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import canon
from ..numbers import format_number, format_percentage, percentage
from ..tables import by_share
from .spec import FigureSpec, Sources
from .style import MIN_FONT, OKABE_ITO, TEXT_DARK, WIDTH_IN, Figure, percent_axis, pyplot
from .views import floats, integers, texts


def party_order(table: pd.DataFrame) -> list[str]:
    """gemeente and zorgverzekeraar first, then by descending share, 'overig' last; unasked left out."""
    order = by_share(table)
    first = [k for k in ("gemeente", "zorgverzekeraar") if k in order]
    last = [k for k in ("overig",) if k in order]
    return first + [k for k in order if k not in first + last] + last


def bars_parties(table: pd.DataFrame) -> Figure:
    """Involved parties as horizontal bars in percent."""
    rows = table.set_index("kenmerk")
    order = party_order(table)
    labels = canon.MULTIS["partijen"].options
    n = rows.loc[order, "n"].astype(int).to_numpy()
    noemer = rows.loc[order, "noemer"].astype(int).to_numpy()
    pct = 100 * n / noemer
    fig, ax = pyplot().subplots(figsize=(WIDTH_IN, 0.3 * len(order) + 0.9))
    y = np.arange(len(order))[::-1]
    colours = [OKABE_ITO["blauw"] if k in ("gemeente", "zorgverzekeraar") else OKABE_ITO["hemelblauw"] for k in order]
    ax.barh(y, pct, color=colours, height=0.7)
    for yi, p, k, d in zip(y, pct, n, noemer):
        ax.text(p + 1, yi, format_percentage(k, d), va="center", fontsize=MIN_FONT, color=TEXT_DARK)
    ax.set_yticks(y, [labels[k] for k in order])
    ax.set_xlim(0, 112)
    ax.set_xticks(range(0, 101, 20))
    ax.spines["bottom"].set_bounds(0, 100)  # room right of 100% is for the labels, not the scale
    percent_axis(ax.xaxis)
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


def view(data: pd.DataFrame) -> pd.DataFrame:
    """Partij, Aantal initiatieven, Noemer, Percentage; in the order of the bars."""
    n, noemer = integers(data["n"]), integers(data["noemer"])
    return pd.DataFrame(
        {
            "Partij": texts(data["label"]).to_numpy(),
            "Aantal initiatieven": n.to_numpy(),
            "Noemer": noemer.to_numpy(),
            "Percentage": floats([percentage(a, b) for a, b in zip(n, noemer)]).to_numpy(),
        }
    )


def make(sources: Sources) -> Figure:
    return bars_parties(sources.tables["partijen"])


FIGURE = FigureSpec("partijen", "Betrokken partijen bij de netwerkinitiatieven", ("partijen",), make, view)
