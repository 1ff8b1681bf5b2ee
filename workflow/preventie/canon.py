"""The canonical variables that every year's codebook maps its raw export onto.

Later stages only ever see these names. A year's codebook may leave variables or
options out (its questionnaire did not ask them); they are then missing for that year,
never guessed. The Dutch labels are the ones used in tables, figures and the `.sav`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass(frozen=True)
class Single:
    """A question with one answer; `values` maps canonical code to Dutch label, in display order."""

    name: str
    label: str
    values: dict[str, str]


@dataclass(frozen=True)
class Numeric:
    """A whole, non-negative number."""

    name: str
    label: str


@dataclass(frozen=True)
class MultiSet:
    """A multiple-response question: one raw variable per option."""

    name: str
    label: str
    options: dict[str, str]


JA_NEE = {"ja": "Ja", "nee": "Nee"}

SINGLES: dict[str, Single] = {
    s.name: s
    for s in (
        Single("doet_preventie", "Initiatief richt zich op preventie", JA_NEE),
        Single(
            "reikwijdte",
            "Geografische reikwijdte",
            {
                "wijk": "Wijk",
                "gemeente": "Gemeente",
                "regio": "Regio",
                "provincie": "Provincie",
                "landelijk": "Landelijk",
            },
        ),
        Single("gemeente_betrokken", "Gemeente betrokken", JA_NEE),
        Single("zorgverzekeraar_betrokken", "Zorgverzekeraar betrokken", JA_NEE),
        Single(
            "samenwerking",
            "Samenwerking gemeente en zorgverzekeraar",
            {
                "geen_contact": "Geen onderling contact",
                "in_gesprek": "In gesprek",
                "informeel": "Informele afspraken",
                "formeel": "Formele afspraken",
            },
        ),
        Single(
            "afspraken",
            "Onderwerp van de afspraken",
            {
                "inhoud": "Inhoudelijke invulling",
                "financiering": "Financiering",
                "beide": "Inhoud en financiering",
            },
        ),
    )
}

NUMERICS: dict[str, Numeric] = {n.name: n for n in (Numeric("n_interventies", "Aantal preventieve interventies"),)}

MULTIS: dict[str, MultiSet] = {
    m.name: m
    for m in (
        MultiSet(
            "partijen",
            "Betrokken partijen",
            {
                "gemeente": "Gemeente",
                "zorgverzekeraar": "Zorgverzekeraar",
                "huisarts_poh": "Huisarts en praktijkondersteuner",
                "welzijn": "Welzijnsorganisaties",
                "thuiszorg": "Thuiszorg",
                "ggd": "GGD",
                "paramedici": "Paramedici",
                "sociaal_werk": "Sociaal werk",
                "inwoners": "Inwoners",
                "kennisinstituut": "Kennisinstituten/universiteiten",
                "beroepsonderwijs": "Beroepsonderwijs",
                "overig": "Overig",
            },
        ),
        MultiSet(
            "vws_interventies",
            "Interventies uit de interventiegerichte aanpak van VWS",
            {
                "welzijn_op_recept": "Welzijn op Recept",
                "gli": "Gecombineerde leefstijlinterventie (GLI)",
                "valpreventie": "Valpreventie",
                "kinderen_overgewicht": "Aanpak overgewicht bij kinderen",
                "diabetes": "Interventies bij diabetes",
            },
        ),
        MultiSet(
            "gli_programmas",
            "Aangeboden GLI-programma's",
            {
                "beweegkuur": "Beweegkuur",
                "cool": "CooL",
                "slimmer": "SLIMMER",
                "samen_sportief": "Samen Sportief in Beweging",
                "anders": "Andere leefstijlinterventie",
            },
        ),
        MultiSet(
            "financiering",
            "Financieringsbronnen",
            {
                "wmo": "Wmo",
                "zvw": "Zvw",
                "wpg": "Wpg",
                "overig": "Overig",
            },
        ),
        MultiSet(
            "doelgroepen",
            "Doelgroepen",
            {
                "ouderen": "(Kwetsbare) ouderen",
                "psychisch": "Mensen met psychische klachten",
                "jongeren": "Jongeren",
                "overgewicht": "Mensen met overgewicht",
                "lage_ses": "Mensen met een lage SES",
                "mantelzorgers": "Mantelzorgers",
                "onderwijs": "Onderwijs (leerlingen, leerkrachten)",
                "alle_inwoners": "Alle inwoners",
            },
        ),
    )
}

# The four answers the inclusion criteria need; a partial submission that has them is usable.
INCLUSION_ITEMS = ("doet_preventie", "reikwijdte", "partijen", "n_interventies")

# Key columns of a canonical submission, in output order.
SUBMISSION_KEYS = ("submission_id", "token", "naam_ingevuld", "ingediend_op", "afgerond")

N_PARTIJEN = "n_partijen"


def option_column(set_name: str, option: str) -> str:
    """Column name of one option of a multiple-response set."""
    return f"{set_name}_{option}"


def set_columns(set_name: str) -> list[str]:
    """All option columns of a set, in canonical order."""
    return [option_column(set_name, o) for o in MULTIS[set_name].options]


def answer_columns() -> list[str]:
    """Every canonical answer column in fixed order (singles, numerics, sets, derived)."""
    cols = list(SINGLES) + list(NUMERICS)
    for name in MULTIS:
        cols += set_columns(name)
    return cols + [N_PARTIJEN]


def column_dtype(column: str):
    """The fixed dtype of a canonical answer column."""
    if column in SINGLES:
        return pd.CategoricalDtype(list(SINGLES[column].values), ordered=False)
    if column in NUMERICS or column == N_PARTIJEN:
        return pd.Int64Dtype()
    return pd.BooleanDtype()


def column_label(column: str) -> str:
    """Dutch variable label of a canonical answer column."""
    if column in SINGLES:
        return SINGLES[column].label
    if column in NUMERICS:
        return NUMERICS[column].label
    if column == N_PARTIJEN:
        return "Aantal betrokken partijen"
    for name, mset in MULTIS.items():
        for option, label in mset.options.items():
            if column == option_column(name, option):
                return f"{mset.label}: {label}"
    raise KeyError(column)


def asked_columns(df: pd.DataFrame) -> list[str]:
    """The canonical answer columns present in a frame (the ones its codebook asked)."""
    return [c for c in answer_columns() if c in df.columns]


def asked_in(report: pd.DataFrame) -> set[str]:
    """The canonical columns a year's codebook has, from its codebook report (`in_codeboek`),
    plus n_partijen where partijen was asked: every other canonical column was not asked that year."""
    asked = set(report.loc[report["in_codeboek"].astype(bool), "canoniek"].astype(str))
    if any(c in asked for c in set_columns("partijen")):
        asked.add(N_PARTIJEN)
    return asked


def conform(df: pd.DataFrame, leading: list[str]) -> pd.DataFrame:
    """Give `df` every canonical answer column (missing ones all-NA) after `leading` columns."""
    out = df.copy()
    for col in answer_columns():
        if col not in out.columns:
            out[col] = pd.Series(pd.NA, index=out.index, dtype=column_dtype(col))
        else:
            out[col] = out[col].astype(column_dtype(col))
    return out[leading + answer_columns()]


def set_answered(df: pd.DataFrame, set_name: str) -> pd.Series:
    """True where the set was answered: its options are all-missing or all-known per row."""
    cols = [c for c in set_columns(set_name) if c in df.columns]
    if not cols:
        return pd.Series(False, index=df.index, dtype="boolean")
    return df[cols].notna().any(axis=1).astype("boolean")


def answered(df: pd.DataFrame, item: str) -> pd.Series:
    """True where a single, numeric or set item is answered (absent items are unanswered)."""
    if item in MULTIS:
        return set_answered(df, item)
    if item not in df.columns:
        return pd.Series(False, index=df.index, dtype="boolean")
    return df[item].notna().astype("boolean")


def count_answers(df: pd.DataFrame) -> pd.Series:
    """Answered items per row: non-missing singles and numerics plus answered sets."""
    items = list(SINGLES) + list(NUMERICS) + list(MULTIS)
    total = pd.Series(0, index=df.index, dtype="Int64")
    for item in items:
        total += answered(df, item).astype("Int64")
    return total
