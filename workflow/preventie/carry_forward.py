"""Carry-forward: last year's own answers for this year's non-responders that still exist.

In order: `bestaat_nog` nee -> bestaat_niet; onbekend or empty -> bestaan_onbekend; no
usable response of its own last year -> geen_respons_vorig_jaar; otherwise last year's
canonical answers are taken and the inclusion criteria decide between overgenomen and
overgenomen_geexcludeerd. Only the variables both years' codebooks have are carried: a question
this year did not ask stays unasked, never filled with last year's answers. Last year's
*response* output holds own responses only, so carry-forward is never chained.

`bestaat_nog` is the desk research on the non-responders; without it nothing can be carried,
so a column that is empty for every candidate (or missing) stops the run, and some empty
cells are a warning with the initiatives they concern.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import canon
from .errors import PipelineError, PipelineWarning, list_items
from .frames import is_in
from .inclusion import CRITERIA, evaluate

OUTCOMES = (
    "overgenomen",
    "overgenomen_geexcludeerd",
    "bestaat_niet",
    "bestaan_onbekend",
    "geen_respons_vorig_jaar",
    "geen_vorig_jaar",
)


@dataclass
class CarryForward:
    """Per non-responder outcome (`overname`), the carried, included records, and warnings."""

    overname: pd.DataFrame
    carried: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def existence_problem(candidates: pd.DataFrame, year: int, source: str) -> str | None:
    """Check `bestaat_nog` of the non-responders that answered themselves last year (the only ones
    it decides about): empty for all of them (or the column missing) is an error, since nothing
    could be carried; empty for some is returned as a warning naming them."""
    empty = candidates["bestaat_nog"].isna().to_numpy()
    if not len(candidates) or not empty.any():
        return None
    who = f"initiatieven die in {year} niet reageerden en in {year - 1} zelf de vragenlijst invulden"
    meaning = (
        f"De kolom zegt of het initiatief in {year} nog bestaat (deskresearch: ja, nee of onbekend); "
        f"alleen bij 'ja' worden de antwoorden van {year - 1} overgenomen"
    )
    if empty.all():
        raise PipelineError(
            f"leeg, of de kolom ontbreekt, voor alle {len(candidates)} {who}",
            file=source,
            variable="bestaat_nog",
            hint=f"{meaning}. Vul de kolom in voor deze initiatieven",
        )
    ids = candidates.loc[empty, "initiatief_id"].tolist()
    return PipelineWarning(
        f"{source}: variabele 'bestaat_nog': leeg bij {len(ids)} van de {len(candidates)} {who}; hun antwoorden van "
        f"{year - 1} zijn niet overgenomen (bestaan_onbekend): {list_items(ids)}",
        "bestaan_onbekend",
    )


def carry_forward(
    inventory: pd.DataFrame,
    respons: pd.DataFrame,
    previous_answers: pd.DataFrame | None,
    year: int,
    asked: set[str] | None = None,
    source: str = "inventarisatie",
) -> CarryForward:
    """Decide for every non-responder of `year`; `previous_answers` is None in the first year of the
    series. `asked`: this year's canonical columns (None: all), so a question this year did not ask
    is not carried; `source` names the inventory in messages about `bestaat_nog`."""
    responded = respons.loc[respons["respons"].astype(bool), "initiatief_id"]
    non = inventory[~is_in(inventory["initiatief_id"], responded)].reset_index(drop=True)
    has_previous = previous_answers is not None
    if previous_answers is None:
        previous_answers = pd.DataFrame(
            {"initiatief_id": pd.Series(dtype="string"), "submission_id": pd.Series(dtype="string")}
        )
    prev = previous_answers.set_index("initiatief_id")
    answered_last_year = is_in(non["initiatief_id"], prev.index)
    problem = existence_problem(non[answered_last_year.to_numpy()], year, source) if has_previous else None

    outcome = first_outcome(non["bestaat_nog"].astype("object"), answered_last_year, has_previous)
    is_candidate = outcome == "kandidaat"
    records = prev.loc[non.loc[is_candidate, "initiatief_id"]].reset_index()
    verdict = evaluate(records)
    included = dict(zip(records["initiatief_id"], verdict["geincludeerd"].astype(bool)))
    outcome[is_candidate] = np.where(
        non.loc[is_candidate, "initiatief_id"].map(included).to_numpy(bool),
        "overgenomen",
        "overgenomen_geexcludeerd",
    )

    carried_columns = [c for c in canon.asked_columns(previous_answers) if asked is None or c in asked]
    verdict.index = records["initiatief_id"].to_numpy()
    overname = overname_table(
        non, outcome, answered_last_year if has_previous else None, prev, verdict, ";".join(carried_columns)
    )
    keep = records[verdict["geincludeerd"].astype(bool).to_numpy()].copy()
    keep = keep.drop(columns=[c for c in canon.asked_columns(keep) if c not in carried_columns])
    keep.insert(2, "bron", f"overgenomen_{year - 1}")
    keep["overgenomen_variabelen"] = ";".join(carried_columns)
    return CarryForward(
        overname.sort_values("initiatief_id", ignore_index=True),
        keep.sort_values("initiatief_id", ignore_index=True),
        [problem] if problem else [],
    )


def first_outcome(exists: pd.Series, answered_last_year: pd.Series, has_previous: bool) -> np.ndarray:
    """Each non-responder's outcome before inclusion: the first reason not to carry it, in the order
    of OUTCOMES, or "kandidaat" (answered last year and still exists)."""
    return np.select(
        [
            np.full(len(exists), not has_previous),
            (exists == "nee").to_numpy(),
            exists.isna().to_numpy() | (exists == "onbekend").to_numpy(),
            ~answered_last_year.to_numpy(),
        ],
        ["geen_vorig_jaar", "bestaat_niet", "bestaan_onbekend", "geen_respons_vorig_jaar"],
        default="kandidaat",
    ).astype(object)  # object, so longer outcome names are not truncated to the array's width


def overname_table(
    non: pd.DataFrame,
    outcome: np.ndarray,
    answered_last_year: pd.Series | None,
    prev: pd.DataFrame,
    verdict: pd.DataFrame,
    carried_vars: str,
) -> pd.DataFrame:
    """overname.csv: per non-responder its outcome, last year's submission and criteria when it was
    a candidate, and the variables carried; `answered_last_year` is None in the first year."""
    is_candidate = np.isin(outcome, ("overgenomen", "overgenomen_geexcludeerd"))
    overname = pd.DataFrame(
        {
            "initiatief_id": non["initiatief_id"].astype("string"),
            "uitkomst": pd.Categorical(outcome, categories=OUTCOMES),
            "bestaat_nog": non["bestaat_nog"],
            "respons_vorig_jaar": (
                answered_last_year.astype("boolean")
                if answered_last_year is not None
                else pd.Series(pd.NA, index=non.index, dtype="boolean")
            ),
        }
    )
    overname["inzending_vorig_jaar"] = (
        non["initiatief_id"]
        .map(prev["submission_id"] if len(prev) else pd.Series(dtype="string"))
        .astype("string")
        .where(is_candidate)
    )
    for col in list(CRITERIA) + ["reden"]:
        overname[col] = non["initiatief_id"].map(verdict[col].astype("object")).astype("string")
    overname["overgenomen_variabelen"] = pd.Series(
        np.where(is_candidate, carried_vars, None), index=non.index, dtype="string"
    )
    return overname
