"""Invariants on random inputs: categories exhaustive and exclusive, flow identities hold."""

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import inventory, submissions
from preventie import canon
from preventie.carry_forward import carry_forward
from preventie.classify import CATEGORIES, RULES, analysis_records, classify
from preventie.errors import PipelineError
from preventie.inclusion import include_responders
from preventie.response import select_responses
from preventie.tables import collaboration_table, flow_counts, identity_table

ja_nee = st.sampled_from(["ja", "nee", None])
parties = st.one_of(st.none(), st.lists(st.sampled_from(list(canon.MULTIS["partijen"].options)), unique=True))
answers = st.fixed_dictionaries(
    {
        "doet_preventie": ja_nee,
        "reikwijdte": st.sampled_from([None, *canon.SINGLES["reikwijdte"].values]),
        "gemeente_betrokken": ja_nee,
        "zorgverzekeraar_betrokken": ja_nee,
        "samenwerking": st.sampled_from([None, *canon.SINGLES["samenwerking"].values]),
        "partijen": parties,
        "n_interventies": st.one_of(st.none(), st.integers(0, 6)),
    }
)


@given(st.lists(st.tuples(answers, st.booleans()), min_size=1, max_size=40))
def test_every_record_gets_exactly_one_known_category(rows):
    frame = submissions([a for a, _ in rows])
    frame["preventiecoalitie"] = pd.array([c for _, c in rows], "boolean")
    result = classify(frame)
    assert result["categorie"].notna().all()
    assert set(result["categorie"].astype(str)) <= set(CATEGORIES)
    assert set(result["regel"].astype(str)) <= set(RULES)
    table = collaboration_table(result)
    assert table["n"].sum() == len(frame)  # exclusive and exhaustive: counts add up
    # a coalition is always formal; formal without coalition needs both parties and S formeel
    coalition = frame["preventiecoalitie"].astype(bool)
    assert (result.loc[coalition, "categorie"] == "formele_afspraken").all()


submission_row = st.fixed_dictionaries(
    {
        "target": st.one_of(st.none(), st.integers(0, 7)),  # which initiative (None: unlinked)
        "negeer": st.booleans(),
        "afgerond": st.booleans(),
        "ingediend_op": st.sampled_from(["2020-10-01", "2020-11-01", "2020-11-02"]),
        "answers": answers,
    }
)
initiative = st.fixed_dictionaries(
    {
        "bestaat_nog": st.sampled_from(["ja", "nee", "onbekend", None]),
        "preventiecoalitie": st.booleans(),
        "nieuw": st.booleans(),
        "vorig_jaar": st.one_of(st.none(), answers),  # own response last year
    }
)


@settings(max_examples=60, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(initiative, min_size=8, max_size=8),
    st.lists(submission_row, min_size=0, max_size=25),
    st.booleans(),
    st.sampled_from(["use_if_inclusion_answered", "ignore"]),
)
def test_flow_identities_hold_on_random_years(initiatives, rows, has_previous, partial):
    ids = [f"NI-{i:04d}" for i in range(8)]
    inv = inventory(
        [
            {
                "initiatief_id": i,
                "bestaat_nog": x["bestaat_nog"],
                "preventiecoalitie": x["preventiecoalitie"],
                "coalitie_startjaar": (2020 if x["nieuw"] else 2018) if x["preventiecoalitie"] else None,
            }
            for i, x in zip(ids, initiatives)
        ]
    )
    subs = submissions(
        [
            {"submission_id": str(k), "afgerond": r["afgerond"], "ingediend_op": r["ingediend_op"], **r["answers"]}
            for k, r in enumerate(rows)
        ]
        or [{"submission_id": "leeg"}]
    ).iloc[: len(rows)]
    links = pd.DataFrame(
        {
            "submission_id": [str(k) for k in range(len(rows))],
            "initiatief_id": pd.array(
                [None if r["target"] is None or r["negeer"] else ids[r["target"]] for r in rows], "string"
            ),
            "methode": ["negeer" if r["negeer"] else ("ongekoppeld" if r["target"] is None else "token") for r in rows],
        }
    )
    previous = None
    if has_previous:
        last = [(i, x["vorig_jaar"]) for i, x in zip(ids, initiatives) if x["vorig_jaar"] is not None]
        previous = submissions([a for _, a in last] or [{}]).iloc[: len(last)]
        previous.insert(0, "initiatief_id", pd.array([i for i, _ in last], "string"))

    responses = select_responses(subs, links, inv, partial)
    inclusion = include_responders(responses.answers, 2020)
    responded = set(responses.respons.loc[responses.respons["respons"].astype(bool), "initiatief_id"])
    candidates = [
        x["bestaat_nog"]
        for i, x in zip(ids, initiatives)
        if has_previous and x["vorig_jaar"] is not None and i not in responded
    ]
    if candidates and all(e is None for e in candidates):  # nothing could be carried: refused
        with pytest.raises(PipelineError, match="bestaat_nog"):
            carry_forward(inv, responses.respons, previous, 2020)
        return
    carried = carry_forward(inv, responses.respons, previous, 2020)
    records = analysis_records(responses.answers, inclusion, carried.carried, inv, 2020)
    counts = flow_counts(inv, responses.respons, inclusion, carried.overname, records, links, responses.vervallen, 2020)
    identities = identity_table(counts, collaboration_table(records))
    assert identities["klopt"].all(), identities[~identities["klopt"]].to_string()
    assert records["initiatief_id"].is_unique
