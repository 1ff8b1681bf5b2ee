"""Classify: the collaboration category of every analysed initiative, with rule and signals.

Rules, first that applies (G gemeente_betrokken, Z zorgverzekeraar_betrokken, S samenwerking):
R1 a preventiecoalitie is formal by definition; R2 G and Z ja: S decides; R3 exactly one of
G, Z ja and the other nee; R4 both nee; R5 anything else is unknown. Signals point at
contradictions for a reviewer; they never change the category.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from . import canon
from .frames import is_in, join_flags

# The categories with their labels: onbekend, then from the least to the most formal (the order
# of the tables, the figures and the transitions between years).
CATEGORIES = {
    "onbekend": "Onbekend",
    "geen_van_beide": "Geen van beide betrokken",
    "alleen_een": "Alleen gemeente of zorgverzekeraar betrokken",
    "apart_betrokken": "Gemeente en zorgverzekeraar apart betrokken",
    "in_gesprek": "Gemeente en zorgverzekeraar zijn in gesprek",
    "informele_afspraken": "Informele afspraken",
    "formele_afspraken": "Formele afspraken",
}
AFSTEMMING = ("informele_afspraken", "formele_afspraken")
RULES = {
    "R1_preventiecoalitie": "preventiecoalitie, formeel per definitie",
    "R2_beide_betrokken": "gemeente en zorgverzekeraar betrokken; samenwerking bepaalt",
    "R3_een_betrokken": "precies één van beide betrokken",
    "R4_geen_betrokken": "geen van beide betrokken",
    "R5_onvolledig": "betrokkenheid onbekend",
}
SIGNALS = {
    "coalitie_niet_formeel": "preventiecoalitie, maar samenwerking niet formeel",
    "samenwerking_zonder_beide": "samenwerking ingevuld terwijl gemeente of zorgverzekeraar niet betrokken",
    "partijenlijst_wijkt_af": "partijenlijst spreekt betrokkenheid gemeente/zorgverzekeraar tegen",
}
BY_COLLABORATION = {
    "formeel": "formele_afspraken",
    "informeel": "informele_afspraken",
    "in_gesprek": "in_gesprek",
    "geen_contact": "apart_betrokken",
}


def _values(records: pd.DataFrame, column: str) -> pd.Series:
    if column in records.columns:
        return records[column].astype("object")
    return pd.Series(None, index=records.index, dtype="object")


def _disagrees(involved: pd.Series, ticked: pd.Series) -> pd.Series:
    """Both known, and the party list says otherwise than the involvement question."""
    known = involved.notna() & ticked.notna()
    return known & ((involved == "ja") != ticked.astype("object").eq(True))


def classify(records: pd.DataFrame) -> pd.DataFrame:
    """categorie, regel and signalen per record (same index)."""
    g = _values(records, "gemeente_betrokken")
    z = _values(records, "zorgverzekeraar_betrokken")
    s = _values(records, "samenwerking")
    coalition = records["preventiecoalitie"].fillna(False).astype(bool)

    both = (g == "ja") & (z == "ja")
    one = ((g == "ja") & (z == "nee")) | ((g == "nee") & (z == "ja"))
    none_ = (g == "nee") & (z == "nee")
    rule = np.select(
        [coalition, both, one, none_],
        ["R1_preventiecoalitie", "R2_beide_betrokken", "R3_een_betrokken", "R4_geen_betrokken"],
        default="R5_onvolledig",
    )
    by_s = s.map(BY_COLLABORATION).fillna("onbekend")
    category = np.select(
        [
            rule == "R1_preventiecoalitie",
            rule == "R2_beide_betrokken",
            rule == "R3_een_betrokken",
            rule == "R4_geen_betrokken",
        ],
        ["formele_afspraken", by_s.to_numpy(dtype=object), "alleen_een", "geen_van_beide"],
        default="onbekend",
    )
    signals = pd.DataFrame(
        {
            "coalitie_niet_formeel": coalition & s.notna() & (s != "formeel"),
            "samenwerking_zonder_beide": s.notna() & ((g == "nee") | (z == "nee")),
            "partijenlijst_wijkt_af": _disagrees(g, _values(records, "partijen_gemeente"))
            | _disagrees(z, _values(records, "partijen_zorgverzekeraar")),
        },
        index=records.index,
    )
    return pd.DataFrame(
        {
            "categorie": pd.Categorical(category, categories=list(CATEGORIES)),
            "regel": pd.Categorical(rule, categories=list(RULES)),
            "signalen": join_flags(signals, sep=";"),
        },
        index=records.index,
    )


INVENTORY_FIELDS = ["naam", "gemeente_code", "preventiecoalitie", "coalitie_startjaar"]
LEADING = [
    "initiatief_id",
    "naam",
    "bron",
    "submission_id",
    "gemeente_code",
    "preventiecoalitie",
    "coalitie_startjaar",
    "categorie",
    "regel",
    "signalen",
    "overgenomen_variabelen",
]


def analysis_records(
    answers: pd.DataFrame,
    inclusion: pd.DataFrame,
    carried: pd.DataFrame,
    inventory: pd.DataFrame,
    year: int,
) -> pd.DataFrame:
    """One row per analysed initiative: included responders plus carried records, classified."""
    included_ids = inclusion.loc[inclusion["geincludeerd"].astype(bool), "initiatief_id"]
    own = answers[is_in(answers["initiatief_id"], included_ids)].copy()
    own["bron"] = f"respons_{year}"
    own["overgenomen_variabelen"] = pd.NA
    frames = [
        canon.conform(f, ["initiatief_id", "bron", "submission_id", "overgenomen_variabelen"]) for f in (own, carried)
    ]
    records = pd.concat(frames, ignore_index=True)
    inv = inventory.set_index("initiatief_id")[INVENTORY_FIELDS]
    records = records.join(inv, on="initiatief_id")
    records = pd.concat([records, classify(records)], axis=1)
    records["bron"] = records["bron"].astype("string")
    records["overgenomen_variabelen"] = records["overgenomen_variabelen"].astype("string")
    ordered = records[LEADING + canon.answer_columns()]
    return ordered.sort_values("initiatief_id", ignore_index=True)


def classification_table(records: pd.DataFrame) -> pd.DataFrame:
    """classificatie.csv: id, source of the answers, category with its Dutch label, rule and signals."""
    out = records[["initiatief_id", "bron", "categorie", "regel", "signalen"]].copy()
    out.insert(3, "label", records["categorie"].map(CATEGORIES).astype("string"))
    return out
