"""The flow from inventory to analysed initiatives: who is in each step, the counts, and the
identities between them. The counts come each from their own stage table, so the identities are
real checks: the run stops when one does not hold."""

from __future__ import annotations

import pandas as pd

from ..errors import PipelineError
from ..flow import FLOW_LABELS, FLOW_STEPS, IDENTITIES
from ..inclusion import CRITERIA


def flow_members(
    inventory: pd.DataFrame,
    respons: pd.DataFrame,
    inclusion: pd.DataFrame,
    overname: pd.DataFrame,
    records: pd.DataFrame,
    links: pd.DataFrame,
    discarded: pd.DataFrame,
    year: int,
) -> dict[str, pd.Series]:
    """The ids behind every flow step, each from the table that decides it: initiative ids,
    and submission ids for the steps about submissions (`flow_counts` counts them, so
    `preventie herleid` lists exactly what the flow counted)."""
    responded = respons["respons"].astype(bool)
    included = inclusion["geincludeerd"].astype(bool)
    outcome = overname["uitkomst"].astype("object")
    reason = discarded["reden"].astype("object")
    coalition = records["preventiecoalitie"].fillna(False).astype(bool)
    new = coalition & (records["coalitie_startjaar"] == year).fillna(False).astype(bool)
    ids, inclusion_ids = respons["initiatief_id"], inclusion["initiatief_id"]
    submissions = discarded["submission_id"]
    members = {
        "geidentificeerd": inventory["initiatief_id"],
        "respons": ids[responded],
        "non_respons": ids[~responded],
        "respons_geincludeerd": inclusion_ids[included],
        "respons_geexcludeerd": inclusion_ids[~included],
        **{f"excl_{c}": inclusion_ids[inclusion["reden"].astype("object") == c] for c in CRITERIA},
        "overgenomen": overname["initiatief_id"][outcome == "overgenomen"],
        "overgenomen_geexcludeerd": overname["initiatief_id"][outcome == "overgenomen_geexcludeerd"],
        **{
            f"niet_overgenomen_{o}": overname["initiatief_id"][outcome == o]
            for o in ("bestaat_niet", "bestaan_onbekend", "geen_respons_vorig_jaar", "geen_vorig_jaar")
        },
        "geanalyseerd": records["initiatief_id"],
        "preventiecoalities": records["initiatief_id"][coalition],
        "preventiecoalities_nieuw": records["initiatief_id"][new],
        "inzendingen": links["submission_id"],
        **{f"inzendingen_{r}": submissions[reason == r] for r in ("ongekoppeld", "negeer", "dubbel", "onbruikbaar")},
    }
    return {step: members[step] for step in FLOW_STEPS}


def flow_counts(*tables, **named) -> dict[str, int]:
    """Every flow step counted (arguments as `flow_members`)."""
    return {step: len(ids) for step, ids in flow_members(*tables, **named).items()}


def flow_table(counts: dict[str, int]) -> pd.DataFrame:
    """stroom.csv: each step with its label and count."""
    return pd.DataFrame(
        {
            "stap": list(counts),
            "label": [FLOW_LABELS[step] for step in counts],
            "n": pd.Series(list(counts.values()), dtype="int64"),
        }
    )


def identity_table(counts: dict[str, int], collaboration: pd.DataFrame) -> pd.DataFrame:
    """Each flow identity with both sides' values and whether it holds."""
    values = dict(counts, samenwerking=int(collaboration["n"].sum()))
    rows = []
    for left, terms in IDENTITIES:
        right = sum(values[t] for t in terms)
        rows.append(
            {
                "identiteit": f"{left} = {' + '.join(terms)}",
                "links": values[left],
                "rechts": right,
                "uitwerking": " + ".join(str(values[t]) for t in terms),
                "klopt": values[left] == right,
            }
        )
    return pd.DataFrame(rows)


def check_identities(identities: pd.DataFrame) -> None:
    """Stop the run when a flow identity does not hold."""
    broken = identities[~identities["klopt"]]
    if len(broken):
        first = broken.iloc[0]
        raise PipelineError(
            f"stroomidentiteit klopt niet: {first['identiteit']} "
            f"({first['links']} ≠ {first['uitwerking']} = {first['rechts']})"
            + (f"; en nog {len(broken) - 1} andere" if len(broken) > 1 else ""),
            hint="Dit wijst op een fout in de pijplijn; meld het met de tabellen uit deze run",
        )
