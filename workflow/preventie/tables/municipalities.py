"""The analysed initiatives per municipality: the counts the maps draw, in one table of the tables
stage, so that the audit workbook and the data package hold them too."""

from __future__ import annotations

import pandas as pd

from ..classify import CATEGORIES

MUNICIPALITY_COLUMNS = ["gemeente_code", "aantal", "preventiecoalities", "andere_initiatieven", *CATEGORIES]


def municipality_table(records: pd.DataFrame) -> pd.DataFrame:
    """gemeenten.csv: per municipality code its analysed initiatives, of which coalitions and others,
    and per collaboration category; sorted by code. No geography: the figures add names and points."""
    frame = pd.DataFrame(
        {
            "gemeente_code": records["gemeente_code"].astype("string"),
            "coalitie": records["preventiecoalitie"].fillna(False).astype(bool).astype("int64"),
            "categorie": pd.Categorical(records["categorie"].astype("object"), categories=list(CATEGORIES)),
        }
    )
    grouped = frame.groupby("gemeente_code", sort=True)
    table = pd.DataFrame({"aantal": grouped.size(), "preventiecoalities": grouped["coalitie"].sum()})
    table["andere_initiatieven"] = table["aantal"] - table["preventiecoalities"]
    per_category = frame.groupby(["gemeente_code", "categorie"], observed=False).size().unstack("categorie")
    table = table.join(per_category.reindex(index=table.index, columns=list(CATEGORIES), fill_value=0))
    table.columns = [str(c) for c in table.columns]
    return table.reset_index().astype({c: "int64" for c in MUNICIPALITY_COLUMNS[1:]})[MUNICIPALITY_COLUMNS]
