"""Inclusion criteria E1-E4: met, not met, missing; the first failing one."""

import pytest

from conftest import included_answers, submissions
from preventie.inclusion import evaluate, include_responders


def verdict(**answers):
    return evaluate(submissions([answers])).iloc[0]


def test_all_four_met_is_included():
    row = verdict(**included_answers())
    assert row[["E1", "E2", "E3", "E4"]].tolist() == ["voldaan"] * 4
    assert row["geincludeerd"] and str(row["reden"]) == "nan"


@pytest.mark.parametrize(
    "change, criterion, status",
    [
        ({"doet_preventie": "nee"}, "E1", "niet_voldaan"),
        ({"doet_preventie": None}, "E1", "ontbreekt"),
        ({"reikwijdte": "landelijk"}, "E2", "niet_voldaan"),
        ({"reikwijdte": None}, "E2", "ontbreekt"),
        ({"partijen": ["gemeente", "ggd"]}, "E3", "niet_voldaan"),
        ({"partijen": None}, "E3", "ontbreekt"),
        ({"n_interventies": 1}, "E4", "niet_voldaan"),
        ({"n_interventies": None}, "E4", "ontbreekt"),
    ],
)
def test_each_criterion_and_missing_counts_as_not_met(change, criterion, status):
    row = verdict(**included_answers(**change))
    assert row[criterion] == status
    assert not row["geincludeerd"]
    assert row["reden"] == criterion


@pytest.mark.parametrize("scope", ["wijk", "gemeente", "regio", "provincie"])
def test_every_local_scope_meets_e2(scope):
    assert verdict(**included_answers(reikwijdte=scope))["E2"] == "voldaan"


def test_boundaries_three_parties_two_interventions():
    row = verdict(**included_answers(partijen=["gemeente", "ggd", "overig"], n_interventies=2))
    assert row["geincludeerd"]


def test_first_failing_criterion_is_the_reason_all_are_kept():
    row = verdict(**included_answers(reikwijdte="landelijk", n_interventies=0, doet_preventie=None))
    assert row["reden"] == "E1"
    assert row["alle_redenen"] == "E1;E2;E4"


def test_items_a_codebook_did_not_ask_are_missing():
    subs = submissions([{"doet_preventie": "ja", "reikwijdte": "regio"}])  # no partijen, no n_interventies
    row = evaluate(subs).iloc[0]
    assert row[["E3", "E4"]].tolist() == ["ontbreekt", "ontbreekt"]


def test_inclusion_table_shows_inputs_and_source():
    answers = submissions([included_answers()])
    answers.insert(0, "initiatief_id", "NI-0001")
    table = include_responders(answers, 2020)
    assert table.loc[0, "bron"] == "respons_2020"
    assert table.loc[0, "n_partijen"] == 3
