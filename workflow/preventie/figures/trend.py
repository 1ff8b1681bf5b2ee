"""The trend: analysed initiatives per year, split by afstemming where the split is known."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..numbers import format_number, format_percentage, percentage
from .spec import FigureSpec, Sources
from .style import MIN_FONT, OKABE_ITO, TEXT_DARK, TEXT_MUTED, WIDTH_IN, Figure, plt, text_colour_on, width_warning
from .views import floats, integers, texts

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
    """Analysed initiatives per year as stacked bars, with and without afstemming; one y-axis.

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
    return Figure(fig, data, alt, width_warning(fig, "trend"))


TREND_SOURCES = {
    "gepubliceerd": "Eerder gepubliceerd",
    "herberekend": "Herberekend, gelijk aan gepubliceerd",
    "herzien": "Herberekend en herzien",
    "nieuw": "Deze analyse",
}


def view(data: pd.DataFrame) -> pd.DataFrame:
    total, matched = integers(data["geanalyseerd"]), integers(data["afstemming"])
    unmatched = (
        integers(data["zonder_afstemming"])
        if "zonder_afstemming" in data
        else integers(pd.Series([None if pd.isna(a) else t - a for t, a in zip(total, matched)]))
    )

    def share(part):
        return floats(pd.Series([None if pd.isna(p) else percentage(p, t) for p, t in zip(part, total)]))

    # The year is a label, not a quantity: text, so that no formatter writes it as 2.020.
    return pd.DataFrame(
        {
            "Jaar": [str(y) for y in integers(data["jaar"])],
            "Geanalyseerde initiatieven": total.to_numpy(),
            "Met afstemming": matched.array,
            "Zonder afstemming": unmatched.array,
            "Percentage met afstemming": share(matched).to_numpy(),
            "Percentage zonder afstemming": share(unmatched).to_numpy(),
            "Bron": texts(data["bron"]).map(lambda b: TREND_SOURCES.get(b, b)).to_numpy(dtype=object),
            "Gepubliceerd aantal": integers(data["gepubliceerd"]).array,
        }
    )


def make(sources: Sources) -> Figure:
    return trend_chart(sources.tables["trend"])


FIGURE = FigureSpec(
    "trend", "Aantal geanalyseerde netwerkinitiatieven en aandeel met afstemming per jaar", ("trend",), make, view
)
