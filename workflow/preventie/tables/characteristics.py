"""The characteristics of the analysed initiatives: the collaboration categories and the item
tables (share per option, with Wilson intervals), each over the initiatives its question applies to."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .. import canon, stats
from ..classify import AFSTEMMING, CATEGORIES
from ..numbers import percentage


def collaboration_table(records: pd.DataFrame) -> pd.DataFrame:
    """samenwerking.csv: count and percentage of analysed initiatives per category."""
    counts = records["categorie"].value_counts().reindex(list(CATEGORIES), fill_value=0)
    total = int(counts.sum())
    return pd.DataFrame(
        {
            "categorie": list(CATEGORIES),
            "label": list(CATEGORIES.values()),
            "n": counts.to_numpy().astype("int64"),
            "pct": pd.Series([percentage(n, total) for n in counts], dtype="Float64"),
        }
    )


SET_COLUMNS = ["kenmerk", "n", "noemer", "ontbrekend", "pct", "ci_laag", "ci_hoog", "gevraagd", "opmerking"]
# Below this denominator the factsheet gives no percentage (config policy.min_denominator).
MIN_DENOMINATOR = 10
RECOGNISED_GLI = ("beweegkuur", "cool", "slimmer", "samen_sportief")


@dataclass(frozen=True)
class ExtraRow:
    """A row of an item table besides the item's options: the initiatives with any of `options` ticked."""

    label: str  # how a reader names the row (the factsheet's tables and sentences)
    options: tuple[str, ...]


@dataclass(frozen=True)
class ItemTable:
    """Which item a table describes, over which analysed initiatives, with which extra rows."""

    item: str
    population: str  # "alle", "gli" or "afstemming"
    extra: dict[str, ExtraRow] = field(default_factory=dict)

    @property
    def labels(self) -> dict[str, str]:
        """How a reader names each row: the item's options (a single question's values) and the extra rows."""
        own = canon.MULTIS[self.item].options if self.item in canon.MULTIS else canon.SINGLES[self.item].values
        return {**dict(own), **{code: row.label for code, row in self.extra.items()}}


ITEM_TABLES = {
    "partijen": ItemTable("partijen", "alle"),
    "vws_interventies": ItemTable(
        "vws_interventies",
        "alle",
        {
            "een_of_meer": ExtraRow(
                "Minstens één van deze interventies", tuple(canon.MULTIS["vws_interventies"].options)
            )
        },
    ),
    "gli_programmas": ItemTable(
        "gli_programmas", "gli", {"erkend": ExtraRow("Een erkend GLI-programma", RECOGNISED_GLI)}
    ),
    "afspraken": ItemTable("afspraken", "afstemming"),
    "financiering": ItemTable("financiering", "afstemming"),
    "doelgroepen": ItemTable("doelgroepen", "alle"),
}


def by_share(table: pd.DataFrame) -> list[str]:
    """The asked options of an item table by descending n/noemer; ties keep the table's order."""
    asked = table[table["noemer"].astype(int) > 0]
    share = asked["n"].astype(float) / asked["noemer"].astype(float)
    order = asked.assign(_share=share.to_numpy(), _i=range(len(asked)))
    return [str(k) for k in order.sort_values(["_share", "_i"], ascending=[False, True])["kenmerk"]]


def population(records: pd.DataFrame, which: str) -> pd.DataFrame:
    """The analysed initiatives an item applies to."""
    if which == "alle":
        return records
    if which == "gli":
        return records[records["vws_interventies_gli"].astype("boolean").fillna(False).astype(bool)]
    if which == "afstemming":
        return records[records["categorie"].astype("object").isin(AFSTEMMING)]
    raise ValueError(which)


def _row(code: str, n: int, denominator: int, base: int) -> dict:
    return {
        "kenmerk": code,
        "n": n,
        "noemer": denominator,
        "ontbrekend": base - denominator,
        **stats.proportion(n, denominator),
    }


def item_masks(base: pd.DataFrame, spec: ItemTable) -> dict[str, tuple[pd.Series, pd.Series]]:
    """Per row of an item table: which records of the population count in n and in the noemer.

    The denominator counts the records where the item (for a set: that option) is answered;
    an option the year's codebook did not have gives noemer 0. Extra rows ("een_of_meer",
    "erkend") count records with any of their options ticked, over the records that answered
    the set.
    """
    masks = {}
    if spec.item in canon.MULTIS:
        answered = canon.set_answered(base, spec.item).astype(bool)
        for code, row in spec.extra.items():
            cols = [canon.option_column(spec.item, o) for o in row.options if canon.option_column(spec.item, o) in base]
            ticked = base[cols].astype("boolean").fillna(False).any(axis=1) if cols else answered & False
            masks[code] = (ticked.astype(bool) & answered, answered)
        for option in canon.MULTIS[spec.item].options:
            col = canon.option_column(spec.item, option)
            values = base[col] if col in base else pd.Series(pd.NA, index=base.index, dtype="boolean")
            masks[option] = (values.eq(True).fillna(False).astype(bool), values.notna())
    else:
        values = base[spec.item].astype("object")
        for value in canon.SINGLES[spec.item].values:
            masks[value] = (values == value, values.notna())
    return masks


def row_asked(spec: ItemTable, code: str, asked: set[str]) -> bool:
    """Whether a row of an item table was in the year's questionnaire: its option (any of an extra
    row's options), or for a single question the question itself."""
    if spec.item not in canon.MULTIS:
        return spec.item in asked
    options = spec.extra[code].options if code in spec.extra else (code,)
    return any(canon.option_column(spec.item, o) in asked for o in options)


def remark(asked: bool, denominator: int, year: int, minimum: int) -> str:
    """What a reader of the table must know about a row: not asked that year (never filled from
    answers carried over from the year before), or a denominator too small for a percentage."""
    if not asked:
        return f"niet gevraagd in {year}"
    if 0 < denominator < minimum:
        return f"noemer kleiner dan {minimum}: geen percentage in de factsheet"
    return ""


def item_table(
    records: pd.DataFrame,
    spec: ItemTable,
    asked: set[str] | None = None,
    year: int | None = None,
    minimum: int = MIN_DENOMINATOR,
) -> pd.DataFrame:
    """kenmerk,n,noemer,ontbrekend,pct,ci_laag,ci_hoog for one item (rows as `item_masks`), with
    whether the row was asked in `year` (`asked`: the year's canonical columns, see
    `canon.asked_in`; None: every column the records have) and a remark for the reader."""
    base = population(records, spec.population)
    if asked is None:
        asked = set(records.columns)
    rows = []
    for code, (counted, answered) in item_masks(base, spec).items():
        row = _row(code, int(counted.sum()), int(answered.sum()), len(base))
        was_asked = row_asked(spec, code, asked)
        rows.append({**row, "gevraagd": was_asked, "opmerking": remark(was_asked, row["noemer"], year, minimum)})
    table = pd.DataFrame(rows, columns=SET_COLUMNS)
    for col in ("n", "noemer", "ontbrekend"):
        table[col] = table[col].astype("Int64")
    for col in ("pct", "ci_laag", "ci_hoog"):
        table[col] = table[col].astype("Float64")
    return table.astype({"gevraagd": "boolean", "opmerking": "string"})
