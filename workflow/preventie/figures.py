"""Figures: the five figures of the factsheet, each with the data it plots and an alt text.

Every figure function takes tables (and boundaries), draws on a new matplotlib figure and
returns a `Figure` with the plotted data and a Dutch alt text, so that the HTML factsheet
can show the numbers behind every figure. Colours are colour-blind safe (Okabe-Ito for
groups, viridis for the ordered collaboration categories); labels are Dutch.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.font_manager import FontProperties  # noqa: E402
from matplotlib.patches import FancyBboxPatch  # noqa: E402
from matplotlib.textpath import TextPath  # noqa: E402
from matplotlib.ticker import FuncFormatter  # noqa: E402

from . import canon  # noqa: E402
from .classify import CATEGORIES  # noqa: E402
from .numbers import format_number, format_percentage  # noqa: E402
from .tables import by_share  # noqa: E402
WIDTH_IN = 6.3  # text width of the A4 factsheet
FONT = "DejaVu Sans"
OKABE_ITO = {"oranje": "#E69F00", "hemelblauw": "#56B4E9", "groen": "#009E73", "geel": "#F0E442",
             "blauw": "#0072B2", "vermiljoen": "#D55E00", "paars": "#CC79A7", "zwart": "#000000"}
COALITION_COLOURS = {False: OKABE_ITO["hemelblauw"], True: OKABE_ITO["vermiljoen"]}
# A bubble is a municipality: its colour says whether any of its initiatives is a coalition.
COALITION_LABELS = {False: "Geen preventiecoalitie", True: "Minstens één preventiecoalitie"}
UNKNOWN_GREY = "#9a9a9a"
BOUNDARY_FILL, BOUNDARY_EDGE = "#eeeeee", "#ffffff"
SOURCE_LINE = "Grenzen: © CBS/Kadaster (PDOK)"
STYLE = {
    "font.family": FONT,
    "font.size": 8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 9,
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


# --- maps -----------------------------------------------------------------------------------------


def municipality_points(boundaries) -> pd.DataFrame:
    """One point inside every municipality (statcode, naam, x, y) in the boundaries' CRS."""
    points = boundaries.geometry.representative_point()
    return pd.DataFrame({"gemeente_code": boundaries["statcode"].to_numpy(),
                         "gemeente": boundaries["statnaam"].to_numpy(),
                         "x": points.x.to_numpy(), "y": points.y.to_numpy()})


LEGEND_ROOM = 0.42  # extra width left of the country (in units of its width) for the legends


def _base_map(boundaries):
    """The country filling the figure, with room on the left (the North Sea side) for legends."""
    minx, miny, maxx, maxy = boundaries.total_bounds
    width, height = maxx - minx, maxy - miny
    left = minx - LEGEND_ROOM * width
    margin = 0.02 * height
    fig = plt.figure(figsize=(WIDTH_IN, WIDTH_IN * (height + 2 * margin) / (maxx - left + margin)))
    ax = fig.add_axes((0, 0, 1, 1))
    boundaries.plot(ax=ax, color=BOUNDARY_FILL, edgecolor=BOUNDARY_EDGE, linewidth=0.4)
    ax.set_xlim(left, maxx + margin)
    ax.set_ylim(miny - margin, maxy + margin)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.text(0.995, 0.005, SOURCE_LINE, transform=ax.transAxes, ha="right", va="bottom", fontsize=6.5,
            color="#555555")
    return fig, ax


def _located(records: pd.DataFrame, points: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Records with the point of their municipality; codes without boundary are reported."""
    joined = records.merge(points, on="gemeente_code", how="left")
    missing = sorted(joined.loc[joined["x"].isna(), "gemeente_code"].unique())
    warnings = ([f"gemeentecode(s) niet in de grenzen van dit jaar, niet op de kaart: {', '.join(missing)}"]
                if missing else [])
    return joined, warnings


def bubble_area(count: int) -> float:
    """Marker area in pt² proportional to the number of initiatives."""
    return 16.0 * count


def map_initiatives(records: pd.DataFrame, boundaries) -> Figure:
    """Figure 1: one bubble per municipality, area = initiatives, colour = with/without coalition."""
    per = (records.assign(coalitie=records["preventiecoalitie"].fillna(False).astype(bool))
           .groupby("gemeente_code", as_index=False)
           .agg(aantal=("initiatief_id", "size"), met_preventiecoalitie=("coalitie", "any")))
    joined, warnings = _located(per, municipality_points(boundaries))
    joined["op_kaart"] = joined["x"].notna()
    shown = joined[joined["op_kaart"]].sort_values(["aantal", "gemeente_code"], ascending=[False, True])
    fig, ax = _base_map(boundaries)
    for coalition in (False, True):
        part = shown[shown["met_preventiecoalitie"] == coalition]
        ax.scatter(part["x"], part["y"], s=bubble_area(1) * part["aantal"], c=COALITION_COLOURS[coalition],
                   edgecolors="#333333", linewidths=0.4, alpha=0.85, label=COALITION_LABELS[coalition], zorder=3)
    handles = [plt.scatter([], [], s=60, c=COALITION_COLOURS[c], edgecolors="#333333", linewidths=0.4)
               for c in (False, True)]
    legend = ax.legend(handles, [COALITION_LABELS[c] for c in (False, True)], title="Netwerkinitiatieven in de gemeente",
                       loc="upper left",
                       frameon=False, fontsize=7, title_fontsize=7.5, alignment="left")
    ax.add_artist(legend)
    sizes = sorted({1, max(1, int(round(shown["aantal"].max() / 3))), int(shown["aantal"].max())})
    size_handles = [plt.scatter([], [], s=bubble_area(n), c="none", edgecolors="#333333", linewidths=0.6)
                    for n in sizes]
    ax.legend(size_handles, [format_number(n) for n in sizes], title="Aantal initiatieven", loc="upper left",
              bbox_to_anchor=(0.0, 0.84), frameon=False, fontsize=7, title_fontsize=7.5, labelspacing=1.3,
              borderpad=0.8, alignment="left")
    data = joined[["gemeente_code", "gemeente", "aantal", "met_preventiecoalitie", "op_kaart"]].sort_values(
        "gemeente_code", ignore_index=True)
    top = shown.iloc[0]
    coalitions = int(records["preventiecoalitie"].fillna(False).astype(bool).sum())
    alt = (f"Kaart van Nederland met de {format_number(len(records))} geanalyseerde netwerkinitiatieven in "
           f"{format_number(int(joined['op_kaart'].sum()))} gemeenten, als bollen die groter zijn naarmate een "
           f"gemeente meer initiatieven heeft; de grootste is {top['gemeente']} met {format_number(top['aantal'])}. "
           f"{format_number(coalitions)} initiatieven zijn preventiecoalities; gemeenten met minstens één "
           f"preventiecoalitie hebben een bol in vermiljoen.")
    return Figure(fig, data, alt, warnings)


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


def map_collaboration(records: pd.DataFrame, counts: pd.DataFrame, boundaries, spacing: float = 4600.0) -> Figure:
    """Figure 3: one marker per initiative, coloured by collaboration category."""
    order = {c: i for i, c in enumerate(CATEGORIES)}
    frame = records[["initiatief_id", "gemeente_code", "categorie"]].astype({"categorie": "object"})
    joined, warnings = _located(frame, municipality_points(boundaries))
    joined = joined.assign(_order=joined["categorie"].map(order)).sort_values(
        ["gemeente_code", "_order", "initiatief_id"], ignore_index=True)
    xs, ys = joined["x"].to_numpy(dtype=float).copy(), joined["y"].to_numpy(dtype=float).copy()
    for _, idx in joined.groupby("gemeente_code").indices.items():
        offsets = ring_offsets(len(idx), spacing)
        xs[idx] += offsets[:, 0]
        ys[idx] += offsets[:, 1]
    joined["x_kaart"], joined["y_kaart"] = xs, ys
    colours = category_colours()
    totals = dict(zip(counts["categorie"], counts["n"].astype(int)))
    fig, ax = _base_map(boundaries)
    for category in CATEGORIES:
        part = joined[(joined["categorie"] == category) & joined["x"].notna()]
        ax.scatter(part["x_kaart"], part["y_kaart"], s=24, c=colours[category], edgecolors="#222222",
                   linewidths=0.35, zorder=3 + order[category],
                   label=f"{CATEGORIES[category]} (n = {format_number(totals.get(category, 0))})")
    ax.legend(title="Mate van samenwerking", loc="upper left", frameon=False, fontsize=7, title_fontsize=7.5,
              alignment="left", markerscale=1.3)
    data = joined.assign(label=joined["categorie"].map(CATEGORIES), op_kaart=joined["x"].notna())[
        ["initiatief_id", "gemeente_code", "gemeente", "categorie", "label", "op_kaart"]]
    listing = "; ".join(f"{CATEGORIES[c].lower()} {format_number(totals.get(c, 0))}" for c in reversed(CATEGORIES))
    alt = (f"Kaart van Nederland met een stip per geanalyseerd netwerkinitiatief, gekleurd naar de mate van "
           f"samenwerking tussen gemeente en zorgverzekeraar (van licht naar donker formeler): {listing}.")
    return Figure(fig, data, alt, warnings)


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
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 0.28 * len(order) + 0.9))
    y = np.arange(len(order))[::-1]
    colours = [OKABE_ITO["blauw"] if k in ("gemeente", "zorgverzekeraar") else OKABE_ITO["hemelblauw"]
               for k in order]
    ax.barh(y, pct, color=colours, height=0.7)
    for yi, p, k, d in zip(y, pct, n, noemer):
        ax.text(p + 1, yi, format_percentage(k, d), va="center", fontsize=7)
    ax.set_yticks(y, [labels[k] for k in order])
    ax.set_xlim(0, 108)
    ax.set_xticks(range(0, 101, 20))
    _percent_axis(ax.xaxis)
    ax.set_xlabel(f"Percentage van de netwerkinitiatieven (n = {format_number(int(noemer.max()))})")
    ax.tick_params(axis="y", length=0)
    fig.tight_layout()
    data = pd.DataFrame({"kenmerk": order, "label": [labels[k] for k in order], "n": n, "noemer": noemer,
                         "percentage": [format_percentage(k, d) for k, d in zip(n, noemer)]})
    others = ", ".join(f"{labels[k].lower()} {format_percentage(a, b)}" for k, a, b in
                       list(zip(order, n, noemer))[2:5])
    alt = (f"Staafdiagram van de betrokken partijen: de gemeente is betrokken bij "
           f"{data.loc[0, 'percentage']} van de netwerkinitiatieven en de zorgverzekeraar bij "
           f"{data.loc[1, 'percentage']}; daarna volgen {others}.")
    return Figure(fig, data, alt)


def trend_chart(trend: pd.DataFrame) -> Figure:
    """Figure 5: analysed initiatives per year (bars) and the share with afstemming (points)."""
    years = trend["jaar"].astype(int).to_numpy()
    counts = trend["geanalyseerd"].astype(int).to_numpy()
    historical = (trend["bron"] == "historisch").to_numpy()
    fig, ax = plt.subplots(figsize=(WIDTH_IN, 3.0))
    colours = np.where(historical, "#b7d7ee", OKABE_ITO["blauw"])
    ax.bar(years, counts, color=colours, width=0.6)
    for x, c, h in zip(years, counts, historical):
        ax.text(x, c + max(counts) * 0.02, format_number(c) + (" *" if h else ""), ha="center", fontsize=7)
    ax.set_xticks(years, [str(y) for y in years])
    ax.set_ylabel("Geanalyseerde netwerkinitiatieven")
    ax.set_ylim(0, max(counts) * 1.18)
    known = trend["pct_afstemming"].notna().to_numpy()
    share_ax = ax.twinx()
    share_ax.spines["right"].set_visible(True)
    shares = trend.loc[known, "pct_afstemming"].astype(float)
    share_ax.plot(years[known], shares, color=OKABE_ITO["vermiljoen"], marker="o", linewidth=1.5)
    for x, a, g, p in zip(years[known], trend.loc[known, "afstemming"], trend.loc[known, "geanalyseerd"], shares):
        share_ax.annotate(format_percentage(int(a), int(g)), (x, p), xytext=(0, 7), textcoords="offset points",
                          ha="center", fontsize=7, color=OKABE_ITO["vermiljoen"])
    share_ax.set_ylim(0, 100)
    _percent_axis(share_ax.yaxis)
    share_ax.set_ylabel("Aandeel met afstemming", color=OKABE_ITO["vermiljoen"])
    if historical.any():
        fig.text(0.02, 0.015, "* gepubliceerd aantal uit een eerdere factsheet", fontsize=6.5, color="#555555")
    fig.tight_layout(rect=(0, 0.04, 1, 1))
    data = trend[["jaar", "geanalyseerd", "afstemming", "pct_afstemming", "bron"]].copy()
    parts = "; ".join(f"{format_number(c)} in {y}" for y, c in zip(years, counts))
    shares = "; ".join(f"{format_percentage(int(a), int(g))} in {int(y)}" for y, a, g in
                       zip(trend["jaar"], trend["afstemming"], trend["geanalyseerd"]) if pd.notna(a))
    alt = (f"Staafdiagram van het aantal geanalyseerde netwerkinitiatieven per jaar: {parts}."
           + (f" Het aandeel met afstemming tussen gemeente en zorgverzekeraar (lijn): {shares}." if shares else ""))
    return Figure(fig, data, alt)


# --- flow diagram -------------------------------------------------------------------------------------

FLOW_FONT = 7.0
PAD, GAP_X, GAP_Y, LINE = 5.0, 10.0, 22.0, 9.5  # points


@dataclass(frozen=True)
class Box:
    key: str
    lines: tuple[str, ...]
    x: float
    y: float  # bottom
    width: float
    height: float
    emphasis: bool = False

    def overlaps(self, other: "Box") -> bool:
        return not (self.x + self.width <= other.x or other.x + other.width <= self.x
                    or self.y + self.height <= other.y or other.y + other.height <= self.y)


def text_width(text: str, size: float = FLOW_FONT, bold: bool = False) -> float:
    """Width of a text in points, measured with the font that draws it."""
    prop = FontProperties(family=FONT, weight="bold" if bold else "normal")
    return TextPath((0, 0), text, size=size, prop=prop).get_extents().width


def _flow_rows(counts: dict[str, int], previous_year: int) -> list[list[tuple[str, tuple[str, ...], bool]]]:
    g = lambda key: format_number(counts[key])  # noqa: E731
    return [
        [("geidentificeerd", (f"Geïdentificeerd: {g('geidentificeerd')}",), True)],
        [("respons", (f"Respons: {g('respons')}",), True), ("non_respons", (f"Non-respons: {g('non_respons')}",), True)],
        [
            ("geexcludeerd", (f"Geëxcludeerd: {g('respons_geexcludeerd')}", f"E1 geen preventie: {g('excl_E1')}",
                              f"E2 landelijk: {g('excl_E2')}", f"E3 < 3 partijen: {g('excl_E3')}",
                              f"E4 < 2 interventies: {g('excl_E4')}"), False),
            ("geincludeerd", (f"Geïncludeerd: {g('respons_geincludeerd')}",), True),
            ("overgenomen", (f"Overgenomen uit {previous_year}: {g('overgenomen')}",), True),
            ("niet_overgenomen", (
                f"Niet meegenomen: {format_number(counts['non_respons'] - counts['overgenomen'])}",
                *(f"{label}: {g(key)}" for key, label in (
                    ("niet_overgenomen_bestaat_niet", "bestaat niet meer"),
                    ("niet_overgenomen_bestaan_onbekend", "bestaan onbekend"),
                    ("niet_overgenomen_geen_respons_vorig_jaar", f"geen eigen respons {previous_year}"),
                    ("niet_overgenomen_geen_vorig_jaar", f"geen gegevens over {previous_year}"),
                    ("overgenomen_geexcludeerd", "overgenomen, geëxcludeerd"),
                ) if counts[key] > 0)), False),
        ],
        [("geanalyseerd", (f"Geanalyseerd: {g('geanalyseerd')}",), True)],
    ]


FLOW_EDGES = (("geidentificeerd", "respons"), ("geidentificeerd", "non_respons"), ("respons", "geincludeerd"),
              ("respons", "geexcludeerd"), ("non_respons", "overgenomen"), ("non_respons", "niet_overgenomen"),
              ("geincludeerd", "geanalyseerd"), ("overgenomen", "geanalyseerd"))


def flow_layout(counts: dict[str, int], previous_year: int) -> list[Box]:
    """Boxes in points, rows top to bottom, each row centred; sized to their text, never overlapping."""
    rows = _flow_rows(counts, previous_year)
    sized = []
    for row in rows:
        sized.append([(key, lines, bold,
                       max(text_width(line, bold=(i == 0 and bold) or i == 0) for i, line in enumerate(lines)) + 2 * PAD,
                       LINE * len(lines) + 2 * PAD - 2) for key, lines, bold in row])
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
    """Figure 4: from identified to analysed initiatives, drawn from stroom.csv."""
    counts = dict(zip(flow["stap"], flow["n"].astype(int)))
    boxes = flow_layout(counts, year - 1)
    width = max(b.x + b.width for b in boxes)
    height = max(b.y + b.height for b in boxes)
    margin = 6.0
    fig = plt.figure(figsize=((width + 2 * margin) / 72, (height + 2 * margin + 14) / 72))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-margin, width + margin)
    ax.set_ylim(-margin - 14, height + margin)
    ax.set_axis_off()
    by_key = {b.key: b for b in boxes}
    for parent, child in FLOW_EDGES:
        a, b = by_key[parent], by_key[child]
        ax.annotate("", xy=(b.x + b.width / 2, b.y + b.height), xytext=(a.x + a.width / 2, a.y),
                    arrowprops={"arrowstyle": "-|>", "color": "#555555", "lw": 0.8, "shrinkA": 1, "shrinkB": 1})
    for box in boxes:
        face = "#e8f0f8" if box.emphasis else "#f7f7f7"
        ax.add_patch(FancyBboxPatch((box.x, box.y), box.width, box.height, boxstyle="round,pad=0,rounding_size=3",
                                    facecolor=face, edgecolor="#154273" if box.emphasis else "#9a9a9a", lw=0.8))
        for i, line in enumerate(box.lines):
            ax.text(box.x + PAD, box.y + box.height - PAD - (i + 0.5) * LINE, line, va="center", ha="left",
                    fontsize=FLOW_FONT, fontweight="bold" if i == 0 else "normal", color="#1a1a1a")
    ax.text(0, -margin - 8, f"Inzendingen: {format_number(counts['inzendingen'])}, waarvan niet gekoppeld "
            f"{format_number(counts['inzendingen_ongekoppeld'])}, dubbel {format_number(counts['inzendingen_dubbel'])}"
            f" en onbruikbaar {format_number(counts['inzendingen_onbruikbaar'])}.", fontsize=6.5, color="#555555")
    data = flow[["stap", "n"]].copy()
    alt = (f"Stroomschema: {format_number(counts['geidentificeerd'])} initiatieven geïdentificeerd; "
           f"{format_number(counts['respons'])} reageerden, van wie {format_number(counts['respons_geincludeerd'])} "
           f"geïncludeerd en {format_number(counts['respons_geexcludeerd'])} geëxcludeerd; van de "
           f"{format_number(counts['non_respons'])} andere zijn er {format_number(counts['overgenomen'])} "
           f"overgenomen uit {year - 1}; samen {format_number(counts['geanalyseerd'])} geanalyseerd.")
    return Figure(fig, data, alt)


# --- saving -----------------------------------------------------------------------------------------


def save(figure: Figure, png: str, svg: str) -> None:
    """PNG (200 dpi) and SVG without time stamps or software versions: repeatable bytes."""
    figure.figure.savefig(png, dpi=200, metadata={"Software": None})
    figure.figure.savefig(svg, metadata={"Date": None, "Creator": None})
    plt.close(figure.figure)
