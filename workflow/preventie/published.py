"""Published figures: every year the pipeline analyses is back-tested against what was published.

Config `historical` holds, per year, the published number of analysed initiatives and, if given,
the seven category counts (`config.published`). A recomputed year whose figures differ stops the
run with what was published and what was computed, unless the config declares a revision for
that year with its reason; the factsheet then says which published figure was revised, as
statistical agencies do. A revision declared for figures that do not differ is an error too: the
factsheet would announce a change that is not there.
"""

from __future__ import annotations

import pandas as pd

from .classify import CATEGORIES
from .errors import PipelineError

COLUMNS = ["jaar", "grootheid", "gepubliceerd", "berekend", "klopt", "herzien", "toelichting"]
ANALYSED = "geanalyseerd"


def back_test(year: int, classification: pd.DataFrame, figures: dict | None) -> pd.DataFrame:
    """One row per published figure of `year` (none when nothing was published): the published
    value, the recomputed one from the year's classification, whether they agree, and whether a
    revision is declared (with its reason)."""
    rows = []
    if figures is not None:
        category = classification["categorie"].astype("object")
        computed = {ANALYSED: len(classification)}
        expected = {ANALYSED: figures["analysed"]}
        for code in CATEGORIES if figures["categories"] else ():
            computed[code] = int((category == code).sum())
            expected[code] = figures["categories"][code]
        revision = figures["revision"]
        for name, value in expected.items():
            rows.append(
                {
                    "jaar": year,
                    "grootheid": name,
                    "gepubliceerd": value,
                    "berekend": computed[name],
                    "klopt": value == computed[name],
                    "herzien": revision is not None,
                    "toelichting": revision or "",
                }
            )
    return _typed(rows)


def _typed(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS).astype(
        {
            "jaar": "Int64",
            "grootheid": "string",
            "gepubliceerd": "Int64",
            "berekend": "Int64",
            "klopt": "boolean",
            "herzien": "boolean",
            "toelichting": "string",
        }
    )


def combined(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The back tests of several years as one table, in the order given."""
    return pd.concat([_typed([]), *tables], ignore_index=True)


def label(name: str) -> str:
    """A published figure as a reader names it."""
    return "geanalyseerde initiatieven" if name == ANALYSED else CATEGORIES[name].lower()


def differences(table: pd.DataFrame) -> str:
    """'geanalyseerd: gepubliceerd 95, berekend 93; ...' for the figures that differ."""
    differ = table[~table["klopt"].astype(bool)]
    return "; ".join(
        f"{row.grootheid}: gepubliceerd {row.gepubliceerd}, berekend {row.berekend}" for row in differ.itertuples()
    )


def check(table: pd.DataFrame, year: int) -> None:
    """Stop when a recomputed figure differs from the published one without a declared revision,
    or when a revision is declared while nothing differs."""
    if table.empty:
        return
    differ = ~table["klopt"].astype(bool)
    revised = bool(table["herzien"].astype(bool).any())
    if differ.any() and not revised:
        raise PipelineError(
            f"de herberekening van {year} wijkt af van de gepubliceerde cijfers: {differences(table)}",
            hint=f"Zoek de oorzaak (codeboek, koppelingen, overname, inventarisatie) of leg de herziening met haar "
            f"reden vast in de configuratie: historical.{year}.revision",
        )
    if revised and not differ.any():
        raise PipelineError(
            f"historical.{year}.revision geeft een herziening op, maar de herberekening van {year} is gelijk aan de "
            "gepubliceerde cijfers",
            hint="Verwijder de herziening, anders meldt de factsheet een wijziging die er niet is",
        )


def revisions(table: pd.DataFrame) -> pd.DataFrame:
    """The published figures that a declared revision changed."""
    return table[table["herzien"].astype(bool) & ~table["klopt"].astype(bool)].reset_index(drop=True)
