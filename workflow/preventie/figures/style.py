"""The house style of every figure: size, fonts, colours, contrast, and saving with fixed bytes.

Legibility rules, checked in the tests of the figures: every figure is at most `WIDTH_IN` wide
(the PDF places it at the 16.6 cm text width, about 1.04 times its size), so every text is at
least `MIN_FONT` (8 pt) as printed; every text has a WCAG contrast of at least 4.5:1 against
what is behind it (`contrast_ratio`); no text is cut off or overlaps another. Colours are
colour-blind safe (Okabe-Ito for groups).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..errors import PipelineWarning
from ..numbers import format_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure as MatplotlibFigure

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
MARKER_EDGE = "#1a1a1a"  # dark edge: every marker stands out against the land, whatever its fill
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


@cache
def pyplot():
    """matplotlib's pyplot (no display) in the house style, loaded when the first figure is drawn:
    the registry, the data and the reader's views need no matplotlib, so the factsheet, which
    shows the views, never loads it."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(STYLE)
    return plt


@dataclass
class Figure:
    """A drawn figure with the data behind it and its alt text."""

    figure: MatplotlibFigure
    data: pd.DataFrame
    alt: str
    warnings: list[str] = field(default_factory=list)


def percent_axis(axis) -> None:
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _: f"{format_number(v)}%"))


def relative_luminance(colour) -> float:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    from matplotlib.colors import to_rgb

    r, g, b = to_rgb(colour)
    return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b)


def contrast_ratio(foreground, background) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 (equal) to 21 (black on white)."""
    light, dark = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_on(background) -> str:
    """Dark or white text, whichever contrasts more with the background."""
    return max((TEXT_DARK, "#ffffff"), key=lambda c: contrast_ratio(c, background))


def marker_area(marker: str) -> float:
    """Area of a filled marker drawn at size 1 pt² (a circle: π/4)."""
    from matplotlib.markers import MarkerStyle

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


def width_warning(fig, name: str) -> list[str]:
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


# --- saving -----------------------------------------------------------------------------------------


def save(figure: Figure, png: str, svg: str) -> None:
    """PNG (200 dpi) and SVG without time stamps or software versions: repeatable bytes."""
    figure.figure.savefig(png, dpi=200, metadata={"Software": None})
    figure.figure.savefig(svg, metadata={"Date": None, "Creator": None})
    pyplot().close(figure.figure)
