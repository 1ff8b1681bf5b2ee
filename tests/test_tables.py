"""Flow table, identities and the collaboration table: SPEC §3.6-3.7."""

import pandas as pd
import pytest

from preventie.classify import CATEGORIES
from preventie.errors import PipelineError
from preventie.tables import (FLOW_STEPS, check_identities, collaboration_table,
                              flow_counts, flow_table, identity_table)


def test_collaboration_table_counts_every_category_in_order():
    records = pd.DataFrame({"categorie": pd.Categorical(["formele_afspraken"] * 3 + ["onbekend"],
                                                         categories=list(CATEGORIES))})
    table = collaboration_table(records)
    assert table["categorie"].tolist() == list(CATEGORIES)
    assert table.set_index("categorie").loc["formele_afspraken", ["n", "pct"]].tolist() == [3, 75.0]
    assert table["n"].sum() == 4
    assert table.loc[table["categorie"] == "in_gesprek", "pct"].item() == 0.0


def example_counts():
    inventory = pd.DataFrame({"initiatief_id": list("ABCDE")})
    respons = pd.DataFrame({"respons": pd.array([True, True, True, False, False], "boolean")})
    inclusion = pd.DataFrame({"geincludeerd": pd.array([True, False, False], "boolean"),
                              "reden": pd.array([None, "E1", "E3"], "string")})
    overname = pd.DataFrame({"uitkomst": ["overgenomen", "bestaat_niet"]})
    records = pd.DataFrame({"preventiecoalitie": pd.array([True, True], "boolean"),
                            "coalitie_startjaar": pd.array([2020, 2018], "Int64")})
    links = pd.DataFrame({"submission_id": list("123456")})
    discarded = pd.DataFrame({"reden": ["ongekoppeld", "negeer", "dubbel"]})
    return flow_counts(inventory, respons, inclusion, overname, records, links, discarded, 2020)


def test_flow_counts_have_the_spec_steps_in_order():
    counts = example_counts()
    assert tuple(counts) == FLOW_STEPS
    assert counts["geidentificeerd"] == 5 and counts["excl_E3"] == 1 and counts["excl_E2"] == 0
    assert counts["preventiecoalities"] == 2 and counts["preventiecoalities_nieuw"] == 1
    assert counts["inzendingen_ongekoppeld"] == 2  # negeer counts as not linked
    assert flow_table(counts)["stap"].tolist() == list(FLOW_STEPS)


def test_identities_hold_on_consistent_counts():
    counts = example_counts()
    collab = pd.DataFrame({"n": [1, 1]})
    table = identity_table(counts, collab)
    assert table["klopt"].all()
    check_identities(table)


def test_broken_identity_stops_with_the_numbers():
    counts = example_counts()
    counts["respons_geexcludeerd"] += 1
    table = identity_table(counts, pd.DataFrame({"n": [2]}))
    assert not table["klopt"].all()
    with pytest.raises(PipelineError, match=r"respons = respons_geincludeerd \+ respons_geexcludeerd \(3 ≠ 1 \+ 3 = 4\)"):
        check_identities(table)


def test_category_total_must_equal_analysed():
    table = identity_table(example_counts(), pd.DataFrame({"n": [1, 1, 1]}))
    with pytest.raises(PipelineError, match="geanalyseerd = samenwerking"):
        check_identities(table)
