"""The flow diagram, from identified to analysed initiatives, with its box layout."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..flow import (
    CARRIED_BOX_NOTE,
    FLOW_LABELS,
    FLOW_TERMS,
    NOT_CARRIED_BOX,
    NOT_CARRIED_STEPS,
    STEPS,
    SUBMISSIONS_NOT_COUNTED,
    box,
)
from ..inclusion import CRITERIA
from ..numbers import format_number
from .spec import FigureSpec, Sources
from .style import FONT, MIN_FONT, TEXT_DARK, TEXT_MUTED, WIDTH_IN, Figure, pyplot, width_warning
from .views import integers, texts

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
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextPath

    prop = FontProperties(family=FONT, weight="bold" if bold else "normal")
    return TextPath((0, 0), text, size=size, prop=prop).get_extents().width


def _flow_rows(counts: dict[str, int], previous_year: int) -> list[list[tuple[str, tuple[str, ...], bool]]]:
    """The boxes of the diagram by row: (name, lines, bold first line); every word from preventie.flow."""

    def line(step: str, text: str | None = None) -> str:
        return f"{box(text or STEPS[step].box, previous_year)}: {format_number(counts[step])}"

    return [
        [("geidentificeerd", (line("geidentificeerd"),), True)],
        [("respons", (line("respons"),), True), ("non_respons", (line("non_respons"),), True)],
        [
            (
                "geexcludeerd",
                (line("respons_geexcludeerd"), *(line(f"excl_{code}") for code in CRITERIA)),
                False,
            ),
            ("geincludeerd", (line("respons_geincludeerd"),), True),
            # two lines, so that the row fits the text width at 8 pt
            ("overgenomen", (line("overgenomen"), box(CARRIED_BOX_NOTE, previous_year)), True),
            (
                "niet_overgenomen",
                (
                    f"{NOT_CARRIED_BOX}: {format_number(counts['non_respons'] - counts['overgenomen'])}",
                    *(line(step) for step in NOT_CARRIED_STEPS if counts[step] > 0),
                ),
                False,
            ),
        ],
        [("geanalyseerd", (line("geanalyseerd"),), True)],
    ]


def _footer(counts: dict[str, int]) -> str:
    """The line under the diagram: the submissions and what did not count, in the vocabulary's terms."""
    parts = [f"{FLOW_TERMS[step]} {format_number(counts[step])}" for step in SUBMISSIONS_NOT_COUNTED]
    total = f"{STEPS['inzendingen'].box}: {format_number(counts['inzendingen'])}"
    return f"{total}, waarvan {', '.join(parts[:-1])} en {parts[-1]}."


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
    """From identified to analysed initiatives, drawn from stroom.csv.

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
    fig = pyplot().figure(figsize=(figure_width / 72, (height + 2 * margin + FOOT) / 72))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(-side, width + side)
    ax.set_ylim(-margin - FOOT, height + margin)
    ax.set_axis_off()
    _draw_boxes(ax, boxes)
    ax.text(
        -side + margin,
        -margin - FOOT + 4,
        _footer(counts),
        fontsize=MIN_FONT,
        color=TEXT_MUTED,
        va="bottom",
    )
    data = flow[["stap", "n"]].copy()
    return Figure(fig, data, _alt(counts, year), width_warning(fig, "stroom"))


def _draw_boxes(ax, boxes: list[Box]) -> None:
    """The arrows from each step to the next, then the boxes with their text on top."""
    from matplotlib.patches import FancyBboxPatch

    by_key = {b.key: b for b in boxes}
    for parent, child in FLOW_EDGES:
        a, b = by_key[parent], by_key[child]
        ax.annotate(
            "",
            xy=(b.x + b.width / 2, b.y + b.height),
            xytext=(a.x + a.width / 2, a.y),
            arrowprops={"arrowstyle": "-|>", "color": "#555555", "lw": 0.8, "shrinkA": 1, "shrinkB": 1},
        )
    for shape in boxes:
        face = "#e8f0f8" if shape.emphasis else "#f7f7f7"
        ax.add_patch(
            FancyBboxPatch(
                (shape.x, shape.y),
                shape.width,
                shape.height,
                boxstyle="round,pad=0,rounding_size=3",
                facecolor=face,
                edgecolor="#154273" if shape.emphasis else "#9a9a9a",
                lw=0.8,
            )
        )
        for i, line in enumerate(shape.lines):
            ax.text(
                shape.x + PAD,
                shape.y + shape.height - PAD - (i + 0.5) * LINE,
                line,
                va="center",
                ha="left",
                fontsize=FLOW_FONT,
                fontweight="bold" if i == 0 else "normal",
                color=TEXT_DARK,
            )


def _alt(counts: dict[str, int], year: int) -> str:
    return (
        f"Stroomschema: {format_number(counts['geidentificeerd'])} initiatieven geïdentificeerd; "
        f"{format_number(counts['respons'])} reageerden, van wie {format_number(counts['respons_geincludeerd'])} "
        f"geïncludeerd en {format_number(counts['respons_geexcludeerd'])} geëxcludeerd; van de "
        f"{format_number(counts['non_respons'])} andere zijn er {format_number(counts['overgenomen'])} "
        f"overgenomen uit {year - 1}; samen {format_number(counts['geanalyseerd'])} geanalyseerd."
    )


def view(data: pd.DataFrame) -> pd.DataFrame:
    """Stap (the step in words, flow.FLOW_LABELS), Aantal; a step without words is an error."""
    unknown = sorted(set(texts(data["stap"])) - set(FLOW_LABELS))
    if unknown:
        raise ValueError(f"stroom: stap zonder omschrijving: {', '.join(unknown)}")
    return pd.DataFrame(
        {
            "Stap": texts(data["stap"]).map(FLOW_LABELS).to_numpy(dtype=object),
            "Aantal": integers(data["n"]).to_numpy(),
        }
    )


def make(sources: Sources) -> Figure:
    return flow_diagram(sources.tables["stroom"], sources.year)


FIGURE = FigureSpec("stroom", "Van inventarisatie tot geanalyseerde netwerkinitiatieven", ("stroom",), make, view)
