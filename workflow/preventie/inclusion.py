"""Inclusion: does a record (own response or carried forward) describe a network initiative?

E1 prevention, E2 not national, E3 at least three parties, E4 several interventions. Each
criterion is `voldaan`, `niet_voldaan` or `ontbreekt` (missing counts as not met). The first
failing criterion in the order E1..E4 is the exclusion reason of the flow; all failing ones
are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .frames import join_flags

MIN_PARTIES = 3
MIN_INTERVENTIONS = 2
NUMBER_WORDS = {2: "twee", 3: "drie", 4: "vier", 5: "vijf"}


@dataclass(frozen=True)
class Criterion:
    """A criterion in every phrasing the pipeline writes it, so that each place says the same."""

    name: str  # what it asks, as the inclusion table's reviewers and `preventie trace` read it
    method: str  # as the factsheet's methods list the criteria of a network initiative
    failed: str  # why responders fell out, after "... vielen af omdat ze"
    excluded: str  # in the flow's label for a reader, after "Geëxcludeerd: " (preventie.flow)
    term: str  # as one term of a sum in the factsheet's sentences (preventie.flow)
    box: str = ""  # in the flow diagram's box, where shorter than `excluded`

    @property
    def in_box(self) -> str:
        """The words in the flow diagram's box."""
        return self.box or self.excluded


DEFINITIONS = {
    "E1": Criterion(
        name="richt zich op preventie",
        method="gericht op in elk geval preventie",
        failed="zich niet op preventie richtten",
        excluded="geen preventie",
        term="niet gericht op preventie",
    ),
    "E2": Criterion(
        name="niet landelijk",
        method="actief binnen een wijk, gemeente, regio of provincie (dus niet landelijk)",
        failed="landelijk werkten",
        excluded="landelijk initiatief",
        term="landelijk",
        box="landelijk",
    ),
    "E3": Criterion(
        name=f"minstens {NUMBER_WORDS[MIN_PARTIES]} samenwerkende partijen",
        method=f"met minstens {NUMBER_WORDS[MIN_PARTIES]} partijen die samenwerken",
        failed=f"minder dan {NUMBER_WORDS[MIN_PARTIES]} samenwerkende partijen hadden",
        excluded=f"minder dan {MIN_PARTIES} partijen",
        term="te weinig partijen",
        box=f"< {MIN_PARTIES} partijen",
    ),
    "E4": Criterion(
        name=f"meerdere (minstens {NUMBER_WORDS[MIN_INTERVENTIONS]}) preventieve interventies",
        method=f"met meerdere (minstens {NUMBER_WORDS[MIN_INTERVENTIONS]}) preventieve interventies: activiteiten "
        "die de gezondheid van mensen beschermen of bevorderen, of de voorwaarden daarvoor scheppen",
        failed=f"minder dan {NUMBER_WORDS[MIN_INTERVENTIONS]} preventieve interventies aanboden",
        excluded=f"minder dan {MIN_INTERVENTIONS} preventieve interventies",
        term="te weinig interventies",
        box=f"< {MIN_INTERVENTIONS} interventies",
    ),
}
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
