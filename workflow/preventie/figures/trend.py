"""The trend: analysed initiatives per year, split by afstemming where the split is known."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..numbers import format_number, format_percentage, percentage
from .spec import FigureSpec, Sources
from .style import MIN_FONT, OKABE_ITO, TEXT_DARK, TEXT_MUTED, WIDTH_IN, Figure, pyplot, text_colour_on, width_warning
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
    table = trend_data(trend)
    fig = draw(table)
    return Figure(fig, table, alt(table), width_warning(fig, "trend"))


def trend_data(trend: pd.DataFrame) -> pd.DataFrame:
    """What the bars show, a row per year: the total, the parts with and without afstemming and
    their shares (empty where the split is unknown), the source and the published count."""
    years = trend["jaar"].astype(int).to_numpy()
    counts = trend["geanalyseerd"].astype(int).to_numpy()
    known = trend["afstemming"].notna().to_numpy()
    matched = np.where(known, pd.to_numeric(trend["afstemming"]).fillna(0).astype(int).to_numpy(), 0)
    unmatched = counts - matched
    return pd.DataFrame(
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


def _columns(data: pd.DataFrame):
    """The data as arrays: years, totals, with and without afstemming (0 and the total where the
    split is unknown), whether it is known, the sources."""
    known = data["afstemming"].notna().to_numpy()
    counts = data["geanalyseerd"].to_numpy()
    matched = data["afstemming"].fillna(0).to_numpy(dtype=int)
    return data["jaar"].to_numpy(), counts, matched, counts - matched, known, data["bron"].to_numpy(dtype=object)


def draw(data: pd.DataFrame):
    """The bars, their legend, the notes under the chart, and the labels of parts and totals."""
    years, counts, matched, unmatched, known, sources = _columns(data)
    fig, ax = pyplot().subplots(figsize=(WIDTH_IN, 3.4))
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
    notes = _notes(data)
    fig.text(0.01, 0.01, "\n".join(notes), fontsize=MIN_FONT, color=TEXT_MUTED, va="bottom", ha="left", linespacing=1.3)
    fig.tight_layout(rect=(0, 0.035 + 0.045 * len(notes), 1, 1))
    _label_parts(ax, data, top)
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
    return fig


def _notes(data: pd.DataFrame) -> list[str]:
    """The lines under the chart: what afstemming is, and what each mark of a total means."""
    notes = ["Afstemming: informele of formele afspraken tussen gemeente en zorgverzekeraar."]
    published_counts = dict(zip(data["jaar"], data["gepubliceerd"]))
    for source, (mark, note) in TREND_MARKS.items():
        revised = [y for y, b in zip(data["jaar"], data["bron"]) if b == source]
        if revised:
            notes.append(f"{mark} {note}".format(was=", ".join(f"{published_counts[y]} in {y}" for y in revised)))
    return notes


def _label_parts(ax, data: pd.DataFrame, top: float) -> None:
    """Part labels inside their part when it is high enough, else beside the bar on the white background."""
    years, counts, matched, unmatched, known, _ = _columns(data)
    points_per_unit = ax.get_window_extent().height * 72 / ax.figure.dpi / top
    for x, c, a, u, k in zip(years, counts, matched, unmatched, known):
        if not k:
            continue
        for part, value, bottom in (("met", a, 0), ("zonder", u, a)):
            if value == 0:
                continue
            inside = value * points_per_unit >= 2 * MIN_FONT
            ax.text(
                x if inside else x + BAR_WIDTH / 2 + 0.04,
                bottom + value / 2,
                f"{format_number(value)} ({format_percentage(value, c)})",
                ha="center" if inside else "left",
                va="center",
                fontsize=MIN_FONT,
                color=text_colour_on(TREND_COLOURS[part]) if inside else TEXT_DARK,
                zorder=3,
            )


def alt(data: pd.DataFrame) -> str:
    """The totals per year, the share with afstemming, and where each total comes from."""
    years, counts, matched, _, known, sources = _columns(data)
    published_counts = dict(zip(years, data["gepubliceerd"]))
    totals = "; ".join(f"{format_number(c)} in {y}" for y, c in zip(years, counts))
    shares = "; ".join(
        f"{format_percentage(a, c)} in {y} ({format_number(a)} van {format_number(c)})"
        for y, c, a, k in zip(years, counts, matched, known)
        if k
    )
    published = [str(y) for y, b in zip(years, sources) if b == "gepubliceerd"]
    recomputed = [str(y) for y, b in zip(years, sources) if b == "herberekend"]
    revised = [f"{y} (gepubliceerd was {published_counts[y]})" for y, b in zip(years, sources) if b == "herzien"]
    unknown = [str(y) for y, k in zip(years, known) if not k]
    text = f"Gestapeld staafdiagram van het aantal geanalyseerde netwerkinitiatieven per jaar: {totals}."
    if shares:
        text += (
            f" Elke staaf is verdeeld in initiatieven met en zonder afstemming tussen gemeente en "
            f"zorgverzekeraar; met afstemming: {shares}."
        )
    if published:
        text += f" Het aantal van {' en '.join(published)} komt uit een eerdere factsheet."
    if recomputed:
        text += f" Het aantal van {' en '.join(recomputed)} is herberekend en gelijk aan het gepubliceerde."
    if revised:
        text += f" Het aantal van {' en '.join(revised)} is herberekend en herzien."
    if unknown:
        text += f" Voor {' en '.join(unknown)} is alleen het totaal bekend."
    return text


TREND_SOURCES = {
    "gepubliceerd": "Eerder gepubliceerd",
    "herberekend": "Herberekend, gelijk aan gepubliceerd",
    "herzien": "Herberekend en herzien",
    "nieuw": "Deze analyse",
}


def view(data: pd.DataFrame) -> pd.DataFrame:
    """Jaar, Geanalyseerde initiatieven, Met afstemming, Zonder afstemming, Percentage met
    afstemming, Percentage zonder afstemming, Bron (TREND_SOURCES: eerder gepubliceerd,
    herberekend, herzien or this analysis), Gepubliceerd aantal (empty where nothing was
    published)."""
    total, matched = integers(data["geanalyseerd"]), integers(data["afstemming"])
    unmatched = integers(data["zonder_afstemming"])

    def share(part):
        return floats([None if pd.isna(p) else percentage(p, t) for p, t in zip(part, total)])

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
