"""Usable responses and duplicates: which submission counts for an initiative."""

import pandas as pd
import pytest

from conftest import included_answers, inventory, submissions
from preventie.response import select_responses, usability

INVENTORY = inventory([{"initiatief_id": f"NI-000{i}"} for i in range(1, 6)])


def links(mapping: dict[str, str | None], methods: dict[str, str] | None = None) -> pd.DataFrame:
    methods = methods or {}
    return pd.DataFrame(
        {
            "submission_id": list(mapping),
            "initiatief_id": pd.Series(list(mapping.values()), dtype="string"),
            "methode": [methods.get(k, "token" if v else "ongekoppeld") for k, v in mapping.items()],
        }
    )


def test_completed_is_usable_whatever_it_answered():
    subs = submissions([{"afgerond": True}])
    assert usability(subs, "use_if_inclusion_answered")["bruikbaar"].tolist() == [True]


def test_partial_is_usable_only_with_all_four_inclusion_items():
    subs = submissions(
        [
            {"afgerond": False, **included_answers()},
            {"afgerond": False, **included_answers(partijen=None)},  # set unanswered
            {"afgerond": False, **included_answers(n_interventies=None)},
        ]
    )
    state = usability(subs, "use_if_inclusion_answered")
    assert state["bruikbaar"].tolist() == [True, False, False]
    assert state["ontbrekende_inclusievragen"].tolist()[1:] == ["partijen", "n_interventies"]
    assert usability(subs, "ignore")["bruikbaar"].tolist() == [False, False, False]


def test_most_answers_wins_then_latest_then_highest_id():
    subs = submissions(
        [
            {"submission_id": "1", **included_answers(), "samenwerking": "formeel"},
            {"submission_id": "2", **included_answers()},  # fewer answers
            {"submission_id": "3", **included_answers(), "ingediend_op": "2020-11-05"},
            {"submission_id": "4", **included_answers(), "ingediend_op": "2020-11-09"},  # later wins
            {"submission_id": "9", **included_answers()},
            {"submission_id": "10", **included_answers()},  # same time: highest id (numeric) wins
        ]
    )
    lk = links({"1": "NI-0001", "2": "NI-0001", "3": "NI-0002", "4": "NI-0002", "9": "NI-0003", "10": "NI-0003"})
    result = select_responses(subs, lk, INVENTORY, "use_if_inclusion_answered")
    chosen = result.respons.set_index("initiatief_id")["inzending"]
    assert chosen[["NI-0001", "NI-0002", "NI-0003"]].tolist() == ["1", "4", "10"]
    why = result.vervallen.set_index("submission_id")
    assert why["reden"].astype(str).tolist() == ["dubbel"] * 3
    assert "minder antwoorden" in why.loc["2", "toelichting"]
    assert "eerder ingediend" in why.loc["3", "toelichting"]
    assert why.loc["9", "toelichting"] == "gekozen: 10; evenveel antwoorden en zelfde tijdstip, lagere id"


def test_text_ids_compare_as_text():
    subs = submissions(
        [{"submission_id": "R-9", **included_answers()}, {"submission_id": "R-10", **included_answers()}]
    )
    result = select_responses(subs, links({"R-9": "NI-0001", "R-10": "NI-0001"}), INVENTORY, "ignore")
    assert result.respons.set_index("initiatief_id").loc["NI-0001", "inzending"] == "R-9"


def test_every_discarded_submission_has_a_reason():
    subs = submissions(
        [
            {"submission_id": "1", **included_answers()},
            {"submission_id": "2", "afgerond": False},  # unusable, linked
            {"submission_id": "3", **included_answers()},  # unlinked
            {"submission_id": "4", **included_answers()},  # negeer
            {"submission_id": "5", "afgerond": False},  # only an unusable one for NI-0002
        ]
    )
    lk = links({"1": "NI-0001", "2": "NI-0001", "3": None, "4": None, "5": "NI-0002"}, {"4": "negeer"})
    result = select_responses(subs, lk, INVENTORY, "use_if_inclusion_answered")
    reasons = result.vervallen.set_index("submission_id")["reden"].astype(str).to_dict()
    assert reasons == {"2": "onbruikbaar", "3": "ongekoppeld", "4": "negeer", "5": "onbruikbaar"}
    resp = result.respons.set_index("initiatief_id")
    assert resp["respons"].tolist() == [True, False, False, False, False]
    assert resp.loc["NI-0002", "toelichting"] == "alleen onbruikbare inzendingen"
    assert resp.loc["NI-0003", "toelichting"] == "geen inzending"
    assert resp.loc["NI-0001", ["n_inzendingen", "n_bruikbaar"]].tolist() == [2, 1]
    # every submission is either chosen or discarded, never both, never neither
    assert len(result.answers) + len(result.vervallen) == len(subs)


def test_answers_of_chosen_submission_keep_only_asked_columns():
    subs = submissions([{"submission_id": "1", **included_answers(), "samenwerking": "informeel"}])
    result = select_responses(subs, links({"1": "NI-0005"}), INVENTORY, "ignore")
    answers = result.answers
    assert answers["initiatief_id"].tolist() == ["NI-0005"]
    assert answers["samenwerking"].tolist() == ["informeel"]
    assert "gemeente_betrokken" not in answers.columns


def test_unknown_policy_is_refused():
    with pytest.raises(ValueError):
        usability(submissions([{}]), "sometimes")
