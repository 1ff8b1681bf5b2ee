"""A raw export as read: its data with the labels its format carries, and how it was read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import pandas as pd

SPSS_SUFFIXES = (".sav", ".zsav")  # .zsav: SPSS's compressed system file
# .txt: what Excel writes as 'Unicode-tekst' (UTF-16, tabs); .tsv: tab-separated
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
INPUT_SUFFIXES = (*SPSS_SUFFIXES, *TEXT_SUFFIXES, ".xlsx")
KINDS = {
    **dict.fromkeys(SPSS_SUFFIXES, "SPSS-bestand"),
    **dict.fromkeys(TEXT_SUFFIXES, "CSV-bestand"),
    ".xlsx": "Excel-bestand",
}


@dataclass
class RawExport:
    """A raw table as read, with whatever labels the format carries and how it was read."""

    data: pd.DataFrame
    variable_labels: dict[str, str] = field(default_factory=dict)
    value_labels: dict[str, dict[object, str]] = field(default_factory=dict)
    encoding: str | None = None  # of a CSV: as set or detected
    separator: str | None = None
    empty_rows: int = 0  # fully empty rows, dropped
    # SPSS 'Missing Values': per variable the declared codes as (lo, hi) ranges (lo == hi for one
    # code). They stay codes in `data`: what a code means is the codebook's to say.
    declared_missing: dict[str, list[tuple[object, object]]] = field(default_factory=dict)
    # variables of the file that are not in `data`, with the reason (unreadable, and not needed)
    unread: dict[str, str] = field(default_factory=dict)
    layout: list[str] = field(default_factory=list)  # where the names and rows were found, for the log

    def describe(self) -> str:
        """How the file was read, for the log."""
        parts = [f"{len(self.data)} rijen", f"{len(self.data.columns)} kolommen"]
        if self.encoding:
            parts.append(f"tekenset {self.encoding}, scheidingsteken {self.separator!r}")
        if self.empty_rows:
            parts.append(f"{self.empty_rows} lege rij(en) overgeslagen")
        parts += self.layout
        if self.declared_missing:
            parts.append(f"codes als ontbrekend verklaard (SPSS) bij {', '.join(self.declared_missing)}")
        if self.unread:
            parts.append("niet ingelezen: " + "; ".join(f"{var} ({why})" for var, why in self.unread.items()))
        return ", ".join(parts)

    def declared(self, var: str) -> pd.Series:
        """Which values of `var` its SPSS file declares missing ('Missing Values')."""
        return declared_mask(self.data[var], self.declared_missing.get(var, []))


def declared_mask(values: pd.Series, ranges: list[tuple[object, object]]) -> pd.Series:
    """Which values fall in SPSS 'Missing Values' ranges (lo, hi; one code as lo == hi)."""
    mask = pd.Series(False, index=values.index)
    for lo, hi in ranges:
        if isinstance(lo, str):  # SPSS declares single text codes, no ranges
            mask |= values.astype("string").str.rstrip().eq(lo.rstrip()).fillna(False)
        elif pd.api.types.is_datetime64_any_dtype(values):  # a date variable: seconds since SPSS's epoch
            mask |= values.between(SPSS_EPOCH + timedelta(seconds=lo), SPSS_EPOCH + timedelta(seconds=hi))
        elif pd.api.types.is_numeric_dtype(values):
            mask |= values.between(lo, hi)
    return mask.astype(bool)


SPSS_EPOCH = datetime(1582, 10, 14)
