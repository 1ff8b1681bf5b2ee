"""The figures as the factsheet includes them: caption, alt text and the data under each, as a
Markdown table."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..figures import FIGURES as FIGURE_REGISTRY
from ..io import read_parquet
from ..numbers import format_number
from ..render import FIGURE_FOLDER

# Figures in order of appearance: name -> caption (the filter adds "Figuur N: "), from the registry.
FIGURES = {name: figure.caption for name, figure in FIGURE_REGISTRY.items()}
MAP_SOURCE = "Bron: enquête netwerkinitiatieven; grenzen © CBS/Kadaster (PDOK)."


def read_figures(alts: list[str], views: list[str]) -> dict[str, dict[str, object]]:
    """Per figure, from what the figures stage wrote (<name>.alt.txt, <name>.lezer.parquet): its alt
    text and its data as a reader sees it (made there by figures.data_view, typed as it was made)."""
    alt_of = {Path(p).name.removesuffix(".alt.txt"): p for p in alts}
    view_of = {Path(p).name.removesuffix(".lezer.parquet"): p for p in views}
    return {
        name: {"alt": Path(alt_of[name]).read_text(encoding="utf-8"), "data": read_parquet(view_of[name])}
        for name in FIGURES
    }


def figure_context(figures: dict[str, dict[str, object]], year: int) -> dict:
    """Per figure (name -> {"alt", "data"}): its cross-reference label, path, caption, alt text and data table."""
    out = {}
    for name, caption in FIGURES.items():
        figure = figures[name]
        source = f" {MAP_SOURCE}" if name.startswith("kaart") else ""
        out[name] = {
            "label": "fig:" + name.replace("_", "-"),
            "pad": f"../{FIGURE_FOLDER}/{name}",
            "bijschrift": f"{caption} ({year}).{source}",
            "alt": str(figure["alt"]).strip().replace('"', "'"),
            "tabel": data_table_markdown(figure["data"]),
        }
    return out


# Characters that Markdown could read as markup inside a table cell.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#$@^~])")


def markdown_cell(value) -> str:
    """One table cell as literal Markdown text; numbers in Dutch notation (decimal comma)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        text = format_number(value, 0 if value.is_integer() else 1)
    else:
        text = format_number(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)
    return MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def data_table_markdown(data: pd.DataFrame) -> str:
    """The data behind a figure as a Markdown pipe table, numbers right-aligned. The filter
    gives it its caption; the house style sets its column widths (factsheet.lua)."""
    header = [markdown_cell(c) for c in data.columns]
    numeric = [pd.api.types.is_numeric_dtype(data[c]) and not pd.api.types.is_bool_dtype(data[c]) for c in data.columns]
    rows = [[markdown_cell(v) for v in row] for row in data.astype(object).itertuples(index=False)]
    separator = ["---:" if number else ":---" for number in numeric]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in (header, separator, *rows))
