"""Classification: the five rules in order and the three signals."""

import pandas as pd
import pytest

from conftest import included_answers, inventory, submissions
from preventie.classify import CATEGORIES, analysis_records, classify


def one(coalition=False, **answers):
    frame = submissions([answers])
    frame["preventiecoalitie"] = pd.array([coalition], "boolean")
    return classify(frame).iloc[0]


@pytest.mark.parametrize(
    "answers, category, rule",
    [
        (
            {"gemeente_betrokken": "ja", "zorgverzekeraar_betrokken": "ja", "samenwerking": "formeel"},
            "formele_afspraken",
            "R2_beide_betrokken",
        ),
        (
            {"gemeente_betrokken": "ja", "zorgverzekeraar_betrokken": "ja", "samenwerking": "informeel"},
            "informele_afspraken",
            "R2_beide_betrokken",
        ),
        (
            {"gemeente_betrokken": "ja", "zorgverzekeraar_betrokken": "ja", "samenwerking": "in_gesprek"},
            "in_gesprek",
            "R2_beide_betrokken",
        ),
        (
            {"gemeente_betrokken": "ja", "zorgverzekeraar_betrokken": "ja", "samenwerking": "geen_contact"},
            "apart_betrokken",
            "R2_beide_betrokken",
        ),
        ({"gemeente_betrokken": "ja", "zorgverzekeraar_betrokken": "ja"}, "onbekend", "R2_beide_betrokken"),
        ({"gemeente_betrokken": "ja", "zorgverzekeraar_betrokken": "nee"}, "alleen_een", "R3_een_betrokken"),
        ({"gemeente_betrokken": "nee", "zorgverzekeraar_betrokken": "ja"}, "alleen_een", "R3_een_betrokken"),
        ({"gemeente_betrokken": "nee", "zorgverzekeraar_betrokken": "nee"}, "geen_van_beide", "R4_geen_betrokken"),
        ({"gemeente_betrokken": "ja"}, "onbekend", "R5_onvolledig"),
        ({"zorgverzekeraar_betrokken": "nee"}, "onbekend", "R5_onvolledig"),
        ({}, "onbekend", "R5_onvolledig"),
    ],
)
def test_rules(answers, category, rule):
    row = one(**answers)
    assert (row["categorie"], row["regel"]) == (category, rule)


def test_coalition_is_formal_by_definition_with_signal_when_answer_differs():
    row = one(coalition=True, gemeente_betrokken="nee", zorgverzekeraar_betrokken="nee", samenwerking="informeel")
    assert (row["categorie"], row["regel"]) == ("formele_afspraken", "R1_preventiecoalitie")
    assert "coalitie_niet_formeel" in row["signalen"]
    assert pd.isna(one(coalition=True, samenwerking="formeel")["signalen"])
    assert pd.isna(one(coalition=True)["signalen"])  # no answer: nothing contradicts


def test_collaboration_given_while_a_party_is_not_involved_is_signalled():
    row = one(gemeente_betrokken="nee", zorgverzekeraar_betrokken="nee", samenwerking="geen_contact")
    assert row["categorie"] == "geen_van_beide"
    assert row["signalen"] == "samenwerking_zonder_beide"


def test_party_list_disagreeing_with_involvement_is_signalled():
    row = one(
        gemeente_betrokken="ja",
        zorgverzekeraar_betrokken="ja",
        samenwerking="formeel",
        partijen=["gemeente", "ggd", "welzijn"],
    )
    assert row["signalen"] == "partijenlijst_wijkt_af"
    agree = one(
        gemeente_betrokken="ja",
        zorgverzekeraar_betrokken="ja",
        samenwerking="formeel",
        partijen=["gemeente", "zorgverzekeraar", "welzijn"],
    )
    assert pd.isna(agree["signalen"])
    unknown = one(gemeente_betrokken="ja", partijen=None)  # set unanswered: nothing to compare
    assert pd.isna(unknown["signalen"])


def test_analysis_records_join_own_and_carried_and_inventory():
    answers = submissions(
        [
            {"submission_id": "1", **included_answers(gemeente_betrokken="ja", zorgverzekeraar_betrokken="nee")},
            {"submission_id": "2", **included_answers(doet_preventie="nee")},
        ]
    )
    answers.insert(0, "initiatief_id", pd.array(["A", "B"], "string"))
    inclusion = pd.DataFrame({"initiatief_id": ["A", "B"], "geincludeerd": pd.array([True, False], "boolean")})
    carried = submissions([{"submission_id": "s9", **included_answers(samenwerking="formeel")}])
    carried.insert(0, "initiatief_id", pd.array(["C"], "string"))
    carried.insert(1, "bron", "overgenomen_2019")
    carried["overgenomen_variabelen"] = "doet_preventie;samenwerking"
    inv = inventory([{"initiatief_id": i, "naam": f"Initiatief {i}"} for i in "ABC"]).assign(
        preventiecoalitie=pd.array([False, False, True], "boolean")
    )
    records = analysis_records(answers, inclusion, carried, inv, 2020)
    assert records["initiatief_id"].tolist() == ["A", "C"]
    assert records["bron"].tolist() == ["respons_2020", "overgenomen_2019"]
    assert records["categorie"].tolist() == ["alleen_een", "formele_afspraken"]
    assert records.loc[1, "naam"] == "Initiatief C"
    assert list(records["categorie"].cat.categories) == list(CATEGORIES)
    assert "afspraken" in records.columns and records["afspraken"].isna().all()  # conformed, never guessed
