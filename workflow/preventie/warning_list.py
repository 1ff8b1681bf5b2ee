"""Warnings: every warning of a year's run in one table, for the audit workbook and the report.

Each stage writes its warnings, with their kind, next to its log (preventie.stage); this stage
puts those of every stage that ran for the year's results together: the year's own stages and
those of the years before it whose results it uses (last year's analysed set, the responses of
the year before that). A warning that only reached the terminal or a log before is now where a
reviewer looks.

Inputs: results/<jaar>/logs/<stage>.waarschuwingen.csv of every such stage (of every such year).
Outputs: results/<jaar>/waarschuwingen.csv (schema waarschuwingen).
"""

from __future__ import annotations

import pandas as pd

from .naming import STAGES
from .privacy import mask

COLUMNS = ["jaar", "stap", "nr", "soort", "melding"]


def combine(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The warnings of several stages as one table: by year, then by stage in the order the data
    flows (naming.STAGES; any other stage after them, by name), then in the order they were given;
    every text masked (it was when it was logged: this holds for a log written otherwise too)."""
    frames = [t[COLUMNS] for t in tables if len(t)]
    if not frames:
        return stage_table([], "", 0)
    table = pd.concat(frames, ignore_index=True)
    order = {stage: i for i, stage in enumerate(STAGES)}
    position = table["stap"].map(lambda stage: order.get(stage, len(order))).astype("int64")
    table = (
        table.assign(_position=position)
        .sort_values(["jaar", "_position", "stap", "nr"], kind="stable")
        .drop(columns="_position")
        .reset_index(drop=True)
    )
    table["melding"] = table["melding"].map(mask, na_action="ignore").astype("string")
    return table.astype({"jaar": "int64", "stap": "string", "nr": "int64", "soort": "string"})


def stage_table(warnings: list[tuple[str, str]], stage: str, year: int) -> pd.DataFrame:
    """The warnings of one stage, as (kind, text) in the order given, as the table waarschuwingen."""
    return pd.DataFrame(
        {
            "jaar": pd.Series([year] * len(warnings), dtype="int64"),
            "stap": pd.Series([stage] * len(warnings), dtype="string"),
            "nr": pd.Series(range(1, len(warnings) + 1), dtype="int64"),
            "soort": pd.Series([kind for kind, _ in warnings], dtype="string"),
            "melding": pd.Series([text for _, text in warnings], dtype="string"),
        }
    )


def counts(table: pd.DataFrame) -> str:
    """'2019: 1, 2020: 3 (ongekoppeld 1, persoonsgegevens 2)': how many per year and kind, for the log."""
    if table.empty:
        return "geen"
    parts = []
    for year, rows in table.groupby("jaar", sort=True):
        kinds = rows["soort"].value_counts().sort_index()
        parts.append(f"{year}: {len(rows)} ({', '.join(f'{k} {n}' for k, n in kinds.items())})")
    return "; ".join(parts)
