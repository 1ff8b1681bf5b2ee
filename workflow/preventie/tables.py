"""Tables: the flow of initiatives through the evaluation and the collaboration categories.

The flow counts come each from their own stage table, so the identities between them are
real checks: the run stops when one does not hold.
"""

from __future__ import annotations

import pandas as pd

from .classify import CATEGORIES
from .errors import PipelineError
from .numbers import percentage

FLOW_STEPS = (
    "geidentificeerd",
    "respons",
    "non_respons",
    "respons_geincludeerd",
    "respons_geexcludeerd",
    "excl_E1",
    "excl_E2",
    "excl_E3",
    "excl_E4",
    "overgenomen",
    "overgenomen_geexcludeerd",
    "niet_overgenomen_bestaat_niet",
    "niet_overgenomen_bestaan_onbekend",
    "niet_overgenomen_geen_respons_vorig_jaar",
    "niet_overgenomen_geen_vorig_jaar",
    "geanalyseerd",
    "preventiecoalities",
    "preventiecoalities_nieuw",
    "inzendingen",
    "inzendingen_ongekoppeld",
    "inzendingen_dubbel",
    "inzendingen_onbruikbaar",
)


def collaboration_table(records: pd.DataFrame) -> pd.DataFrame:
    """samenwerking.csv: count and percentage of analysed initiatives per category."""
    counts = records["categorie"].value_counts().reindex(list(CATEGORIES), fill_value=0)
    total = int(counts.sum())
    return pd.DataFrame(
        {
            "categorie": list(CATEGORIES),
            "label": list(CATEGORIES.values()),
            "n": counts.to_numpy().astype("int64"),
            "pct": pd.Series([percentage(n, total) for n in counts], dtype="Float64"),
        }
    )


def _count(series: pd.Series, value) -> int:
    return int((series.astype("object") == value).sum())


def flow_counts(
    inventory: pd.DataFrame,
    respons: pd.DataFrame,
    inclusion: pd.DataFrame,
    overname: pd.DataFrame,
    records: pd.DataFrame,
    links: pd.DataFrame,
    discarded: pd.DataFrame,
    year: int,
) -> dict[str, int]:
    """Every flow step, each counted from the table that decides it."""
    responded = respons["respons"].astype(bool)
    included = inclusion["geincludeerd"].astype(bool)
    outcome = overname["uitkomst"]
    reason = discarded["reden"]
    coalition = records["preventiecoalitie"].fillna(False).astype(bool)
    counts = {
        "geidentificeerd": len(inventory),
        "respons": int(responded.sum()),
        "non_respons": int((~responded).sum()),
        "respons_geincludeerd": int(included.sum()),
        "respons_geexcludeerd": int((~included).sum()),
        **{f"excl_{c}": _count(inclusion["reden"], c) for c in ("E1", "E2", "E3", "E4")},
        "overgenomen": _count(outcome, "overgenomen"),
        "overgenomen_geexcludeerd": _count(outcome, "overgenomen_geexcludeerd"),
        **{
            f"niet_overgenomen_{o}": _count(outcome, o)
            for o in ("bestaat_niet", "bestaan_onbekend", "geen_respons_vorig_jaar", "geen_vorig_jaar")
        },
        "geanalyseerd": len(records),
        "preventiecoalities": int(coalition.sum()),
        "preventiecoalities_nieuw": int((coalition & (records["coalitie_startjaar"] == year).fillna(False)).sum()),
        "inzendingen": len(links),
        "inzendingen_ongekoppeld": _count(reason, "ongekoppeld") + _count(reason, "negeer"),
        "inzendingen_dubbel": _count(reason, "dubbel"),
        "inzendingen_onbruikbaar": _count(reason, "onbruikbaar"),
    }
    return {step: counts[step] for step in FLOW_STEPS}


def flow_table(counts: dict[str, int]) -> pd.DataFrame:
    return pd.DataFrame({"stap": list(counts), "n": pd.Series(list(counts.values()), dtype="int64")})


# (left side, right-hand terms) of each identity; 'samenwerking' is the category total.
IDENTITIES = (
    ("geidentificeerd", ("respons", "non_respons")),
    ("respons", ("respons_geincludeerd", "respons_geexcludeerd")),
    ("respons_geexcludeerd", ("excl_E1", "excl_E2", "excl_E3", "excl_E4")),
    (
        "non_respons",
        (
            "overgenomen",
            "overgenomen_geexcludeerd",
            "niet_overgenomen_bestaat_niet",
            "niet_overgenomen_bestaan_onbekend",
            "niet_overgenomen_geen_respons_vorig_jaar",
            "niet_overgenomen_geen_vorig_jaar",
        ),
    ),
    ("geanalyseerd", ("respons_geincludeerd", "overgenomen")),
    ("geanalyseerd", ("samenwerking",)),
    ("inzendingen", ("respons", "inzendingen_ongekoppeld", "inzendingen_dubbel", "inzendingen_onbruikbaar")),
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
