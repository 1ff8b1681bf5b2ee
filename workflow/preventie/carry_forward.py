"""Carry-forward: last year's own answers for this year's non-responders that still exist.

In order: `bestaat_nog` nee -> bestaat_niet; onbekend or empty -> bestaan_onbekend; no
usable response of its own last year -> geen_respons_vorig_jaar; otherwise last year's
canonical answers are taken (the variables last year's codebook had) and the inclusion
criteria decide between overgenomen and overgenomen_geexcludeerd. Last year's *response*
output holds own responses only, so carry-forward is never chained.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import canon
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
    """Per non-responder outcome (`overname`) and the carried, included records."""

    overname: pd.DataFrame
    carried: pd.DataFrame


def carry_forward(
    inventory: pd.DataFrame,
    respons: pd.DataFrame,
    previous_answers: pd.DataFrame | None,
    year: int,
) -> CarryForward:
    """Decide for every non-responder of `year`; `previous_answers` is None without year-1 data."""
    responded = respons.loc[respons["respons"].astype(bool), "initiatief_id"]
    non = inventory[~inventory["initiatief_id"].isin(responded)].reset_index(drop=True)
    exists = non["bestaat_nog"].astype("object")

    if previous_answers is None:
        previous_answers = pd.DataFrame(
            {"initiatief_id": pd.Series(dtype="string"), "submission_id": pd.Series(dtype="string")}
        )
        has_previous = False
    else:
        has_previous = True
    prev = previous_answers.set_index("initiatief_id")
    answered_last_year = non["initiatief_id"].isin(prev.index)

    outcome = np.select(
        [
            np.full(len(non), not has_previous),
            (exists == "nee").to_numpy(),
            exists.isna().to_numpy() | (exists == "onbekend").to_numpy(),
            ~answered_last_year.to_numpy(),
        ],
        ["geen_vorig_jaar", "bestaat_niet", "bestaan_onbekend", "geen_respons_vorig_jaar"],
        default="kandidaat",
    ).astype(object)  # object, so longer outcome names are not truncated to the array's width
    candidate_ids = non.loc[outcome == "kandidaat", "initiatief_id"]
    records = prev.loc[candidate_ids].reset_index()
    verdict = evaluate(records)
    included = dict(zip(records["initiatief_id"], verdict["geincludeerd"].astype(bool)))
    is_candidate = outcome == "kandidaat"
    outcome[is_candidate] = np.where(
        non.loc[is_candidate, "initiatief_id"].map(included).to_numpy(bool),
        "overgenomen",
        "overgenomen_geexcludeerd",
    )

    carried_vars = ";".join(canon.asked_columns(previous_answers))
    overname = pd.DataFrame(
        {
            "initiatief_id": non["initiatief_id"].astype("string"),
            "uitkomst": pd.Categorical(outcome, categories=OUTCOMES),
            "bestaat_nog": non["bestaat_nog"],
            "respons_vorig_jaar": (
                answered_last_year.astype("boolean")
                if has_previous
                else pd.Series(pd.NA, index=non.index, dtype="boolean")
            ),
        }
    )
    verdict.index = records["initiatief_id"].to_numpy()
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

    keep = records[verdict["geincludeerd"].astype(bool).to_numpy()].copy()
    keep.insert(2, "bron", f"overgenomen_{year - 1}")
    keep["overgenomen_variabelen"] = carried_vars
    return CarryForward(
        overname.sort_values("initiatief_id", ignore_index=True),
        keep.sort_values("initiatief_id", ignore_index=True),
    )
