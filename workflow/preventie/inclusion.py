"""Inclusion: does a record (own response or carried forward) describe a network initiative?

E1 prevention, E2 not national, E3 at least three parties, E4 several interventions. Each
criterion is `voldaan`, `niet_voldaan` or `ontbreekt` (missing counts as not met). The first
failing criterion in the order E1..E4 is the exclusion reason of the flow; all failing ones
are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .frames import join_flags
from .yamlfile import read_yaml

MIN_PARTIES = 3
MIN_INTERVENTIONS = 2
NUMBER_WORDS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf"}


# The criteria's words (workflow/schemas/criteria.yaml), with the thresholds above filled in.
CRITERIA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "criteria.yaml"


@dataclass(frozen=True)
class Criterion:
    """A criterion in every phrasing the pipeline writes it, so that each place says the same
    (what each phrasing is for: criteria.yaml)."""

    name: str
    method: str
    failed: str
    excluded: str
    term: str
    box: str = ""

    @property
    def in_box(self) -> str:
        """The words in the flow diagram's box."""
        return self.box or self.excluded


def read_criteria(path: Path = CRITERIA_FILE) -> dict[str, Criterion]:
    """Each criterion's phrasings, by code, in the order of the file, with the thresholds filled in."""
    numbers = {
        "min_parties": MIN_PARTIES,
        "min_parties_word": NUMBER_WORDS[MIN_PARTIES],
        "min_interventions": MIN_INTERVENTIONS,
        "min_interventions_word": NUMBER_WORDS[MIN_INTERVENTIONS],
    }
    return {
        code: Criterion(**{kind: text.format(**numbers) for kind, text in phrasings.items()})
        for code, phrasings in read_yaml(path).items()
    }


DEFINITIONS = read_criteria()
# Each criterion by what it asks, in the order E1..E4 (the first failing one is the reason).
CRITERIA = {code: criterion.name for code, criterion in DEFINITIONS.items()}
STATUSES = ("voldaan", "niet_voldaan", "ontbreekt")
LOCAL_SCOPES = ("wijk", "gemeente", "regio", "provincie")
# The canonical values each criterion looks at, shown next to the verdict for reviewers.
INPUTS = ("doet_preventie", "reikwijdte", "n_partijen", "n_interventies")


def _column(records: pd.DataFrame, name: str) -> pd.Series:
    if name in records.columns:
        return records[name]
    return pd.Series(pd.NA, index=records.index, dtype="object")


def criterion_status(met: pd.Series, known: pd.Series) -> pd.Series:
    """voldaan / niet_voldaan / ontbreekt from 'met' and 'answered' masks."""
    status = pd.Series("niet_voldaan", index=met.index, dtype="object")
    status[met.fillna(False).astype(bool) & known] = "voldaan"
    status[~known] = "ontbreekt"
    return pd.Series(pd.Categorical(status, categories=STATUSES), index=met.index)


def evaluate(records: pd.DataFrame) -> pd.DataFrame:
    """E1..E4, included, first reason and all reasons, per record (same index)."""
    prevention = _column(records, "doet_preventie")
    scope = _column(records, "reikwijdte")
    parties = pd.to_numeric(_column(records, "n_partijen"), errors="coerce")
    interventions = pd.to_numeric(_column(records, "n_interventies"), errors="coerce")
    statuses = pd.DataFrame(
        {
            "E1": criterion_status(prevention.astype("object") == "ja", prevention.notna()),
            "E2": criterion_status(scope.astype("object").isin(LOCAL_SCOPES), scope.notna()),
            "E3": criterion_status(parties >= MIN_PARTIES, parties.notna()),
            "E4": criterion_status(interventions >= MIN_INTERVENTIONS, interventions.notna()),
        },
        index=records.index,
    )
    failing = statuses != "voldaan"
    out = statuses.copy()
    out["geincludeerd"] = (~failing.any(axis=1)).astype("boolean")
    first = failing.idxmax(axis=1).where(failing.any(axis=1))
    out["reden"] = pd.Categorical(first, categories=list(CRITERIA))
    out["alle_redenen"] = join_flags(failing, sep=";")
    return out


def include_responders(answers: pd.DataFrame, year: int) -> pd.DataFrame:
    """The inclusion table of this year's responders (inclusie.csv)."""
    verdict = evaluate(answers)
    shown = pd.DataFrame({c: _column(answers, c) for c in INPUTS}, index=answers.index)
    out = pd.concat([answers[["initiatief_id", "submission_id"]], shown, verdict], axis=1)
    out.insert(2, "bron", f"respons_{year}")
    return out.sort_values("initiatief_id", ignore_index=True)
