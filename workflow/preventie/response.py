"""Response: which initiatives responded, which submission counts for each, and why others do not.

A submission is usable when completed, or (policy `use_if_inclusion_answered`) when it is
not completed but answered all four inclusion items. An initiative responded when it has
a usable linked submission; of several, the one with the most answers is kept (ties:
latest submission time, then highest submission id). Every other submission is listed
with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import canon
from .frames import as_mask, is_in, join_flags

PARTIAL_POLICIES = ("use_if_inclusion_answered", "ignore")
LINKED_METHODS = ("handmatig", "token", "naam", "fuzzy")
DISCARD_REASONS = ("ongekoppeld", "negeer", "onbruikbaar", "dubbel")


@dataclass
class Responses:
    """Per initiative (`respons`), discarded submissions (`vervallen`) and chosen answers."""

    respons: pd.DataFrame
    vervallen: pd.DataFrame
    answers: pd.DataFrame


def usability(submissions: pd.DataFrame, partial: str) -> pd.DataFrame:
    """Per submission: usable, the inclusion items it lacks, and the answer count."""
    if partial not in PARTIAL_POLICIES:
        raise ValueError(f"unknown partial policy {partial!r}")
    lacking = pd.DataFrame(
        {item: ~canon.answered(submissions, item) for item in canon.INCLUSION_ITEMS}, index=submissions.index
    )
    inclusion_answered = ~lacking.any(axis=1)
    completed = submissions["afgerond"].fillna(False).astype(bool)
    usable = completed | (inclusion_answered & (partial == "use_if_inclusion_answered"))
    missing_items = join_flags(lacking)
    return pd.DataFrame(
        {
            "bruikbaar": usable.astype("boolean"),
            "afgerond": completed.astype("boolean"),
            "ontbrekende_inclusievragen": pd.Series(missing_items, index=submissions.index, dtype="string"),
            "n_antwoorden": canon.count_answers(submissions),
        },
        index=submissions.index,
    )


def id_order(ids: pd.Series) -> pd.Series:
    """A sort key for submission ids: numeric when every id is a number, text otherwise."""
    numbers = pd.to_numeric(ids, errors="coerce")
    if numbers.notna().all():
        return numbers.astype("float64")
    return ids.astype("string")


def select_responses(
    submissions: pd.DataFrame, links: pd.DataFrame, inventory: pd.DataFrame, partial: str
) -> Responses:
    """Choose one usable submission per initiative and account for every other submission."""
    subs = submissions.reset_index(drop=True)
    state = subs[["submission_id", "ingediend_op"]].join(usability(subs, partial))
    link_cols = links[["submission_id", "initiatief_id", "methode"]].astype({"submission_id": "string"})
    state = state.merge(link_cols, on="submission_id", how="left", validate="one_to_one")
    state["gekoppeld"] = state["methode"].isin(LINKED_METHODS) & state["initiatief_id"].notna()
    state["_id_key"] = id_order(state["submission_id"])

    candidates = state[state["gekoppeld"] & state["bruikbaar"].astype(bool)]
    ranked = candidates.sort_values(
        ["initiatief_id", "n_antwoorden", "ingediend_op", "_id_key"],
        ascending=[True, False, False, False],
        na_position="last",
        kind="stable",
    )
    chosen = ranked.drop_duplicates("initiatief_id", keep="first")
    state["gekozen"] = is_in(state["submission_id"], chosen["submission_id"])

    vervallen = _discarded(state, chosen)
    respons = _per_initiative(inventory, state, chosen)
    answers = _answers(subs, chosen)
    return Responses(respons, vervallen, answers)


def _discarded(state: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Every submission that does not count, with its reason and an explanation."""
    kept_cols = {"submission_id": "kept_id", "n_antwoorden": "kept_n", "ingediend_op": "kept_t"}
    kept = chosen[["initiatief_id", *kept_cols]].rename(columns=kept_cols)
    rest = state[~state["gekozen"]].merge(kept, on="initiatief_id", how="left")  # chosen ids are never NA
    usable = rest["bruikbaar"].astype(bool)
    reason = np.select(
        [as_mask(rest["methode"] == "negeer"), ~as_mask(rest["gekoppeld"]), ~usable.to_numpy()],
        ["negeer", "ongekoppeld", "onbruikbaar"],
        default="dubbel",
    )
    why_duplicate = np.select(
        [as_mask(rest["n_antwoorden"] < rest["kept_n"]), as_mask(rest["ingediend_op"] < rest["kept_t"])],
        [
            "minder antwoorden (" + rest["n_antwoorden"].astype(str) + " < " + rest["kept_n"].astype(str) + ")",
            "evenveel antwoorden, eerder ingediend",
        ],
        default="evenveel antwoorden en zelfde tijdstip, lagere id",
    )
    explanation = np.select(
        [reason == "negeer", reason == "ongekoppeld", reason == "onbruikbaar"],
        [
            "koppelbestand zegt negeer",
            "niet aan een initiatief gekoppeld (zie koppeling)",
            "niet afgerond; ontbreekt: " + rest["ontbrekende_inclusievragen"].fillna(""),
        ],
        default="gekozen: "
        + rest["kept_id"].fillna("").astype(str)
        + "; "
        + pd.Series(why_duplicate, index=rest.index),
    )
    out = pd.DataFrame(
        {
            "submission_id": rest["submission_id"],
            "initiatief_id": rest["initiatief_id"].astype("string"),
            "reden": pd.Categorical(reason, categories=DISCARD_REASONS),
            "toelichting": pd.Series(explanation, index=rest.index, dtype="string"),
            "afgerond": rest["afgerond"],
            "n_antwoorden": rest["n_antwoorden"],
        }
    )
    return out.sort_values("submission_id", key=id_order, ignore_index=True)


def _per_initiative(inventory: pd.DataFrame, state: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """One row per inventory initiative: responded or not, and with which submission."""
    linked = state[state["gekoppeld"]]
    n_linked = linked.groupby("initiatief_id").size()
    n_usable = linked[linked["bruikbaar"].astype(bool)].groupby("initiatief_id").size()
    best = chosen.set_index("initiatief_id")
    ids = inventory["initiatief_id"].reset_index(drop=True)
    responded = is_in(ids, best.index)
    n_linked_per = ids.map(n_linked).fillna(0).astype("Int64")
    out = pd.DataFrame(
        {
            "initiatief_id": ids.astype("string"),
            "respons": responded.astype("boolean"),
            "inzending": ids.map(best["submission_id"]).astype("string"),
            "n_inzendingen": n_linked_per,
            "n_bruikbaar": ids.map(n_usable).fillna(0).astype("Int64"),
            "afgerond": ids.map(best["afgerond"]).astype("boolean"),
            "n_antwoorden": ids.map(best["n_antwoorden"]).astype("Int64"),
        }
    )
    explanation = np.select(
        [responded.to_numpy(), as_mask(n_linked_per > 0)],
        ["", "alleen onbruikbare inzendingen"],
        default="geen inzending",
    )
    out["toelichting"] = pd.Series(explanation, dtype="string").mask(explanation == "", pd.NA)
    return out.sort_values("initiatief_id", ignore_index=True)


def _answers(subs: pd.DataFrame, chosen: pd.DataFrame) -> pd.DataFrame:
    """Canonical answers of each chosen submission, keyed by initiative."""
    picked = chosen[["initiatief_id", "submission_id"]].merge(subs, on="submission_id", how="left")
    columns = ["initiatief_id", "submission_id", "ingediend_op", "afgerond"] + canon.asked_columns(subs)
    picked["initiatief_id"] = picked["initiatief_id"].astype("string")
    return picked[columns].sort_values("initiatief_id", ignore_index=True)
