"""Linking: order of methods, normalisation, fuzzy margin, the links file."""

import pandas as pd
import pytest

from conftest import inventory, submissions
from preventie.errors import PipelineError
from preventie.link import link_submissions, normalise_name, read_links

INVENTORY = inventory(
    [
        {"initiatief_id": "NI-0001", "naam": "Gezond Leven Zwolle"},
        {"initiatief_id": "NI-0002", "naam": "Welzijn op Recept Kerkrade"},
        {"initiatief_id": "NI-0003", "naam": "Welzijn op Recept Lelystad"},
        {"initiatief_id": "NI-0004", "naam": "Sámen Fit in de Wijk!"},
        {"initiatief_id": "NI-0005", "naam": "Vitaal Twente"},
        {"initiatief_id": "NI-0006", "naam": "Vitaal Twente"},
    ]
)


def link(rows, manual=None, threshold=90):
    return link_submissions(submissions(rows), INVENTORY, manual, threshold).set_index("submission_id")


def test_normalisation_lowercases_strips_accents_and_removes_punctuation():
    names = pd.Series(["  Sámen   Fit-in de Wijk! ", "'s-Gravenhage", "Súdwest-Fryslân", ""])
    assert normalise_name(names).tolist()[:3] == ["samen fitin de wijk", "sgravenhage", "sudwestfryslan"]
    assert pd.isna(normalise_name(names).iloc[3])


def test_token_that_is_an_inventory_id_links():
    out = link([{"token": "NI-0002", "naam_ingevuld": "iets heel anders"}])
    assert out.loc["1", "initiatief_id"] == "NI-0002" and out.loc["1", "methode"] == "token"
    assert out.loc["1", "score"] < 50  # a reviewer sees the name does not fit the token


def test_exact_normalised_name_links_when_unique():
    out = link([{"naam_ingevuld": "SAMEN fit, in DE wijk."}])
    assert out.loc["1", ["initiatief_id", "methode"]].tolist() == ["NI-0004", "naam"]
    assert out.loc["1", "score"] == 100


def test_unknown_token_falls_back_to_the_name_and_says_so():
    out = link([{"token": "NI-9999", "naam_ingevuld": "Gezond Leven Zwolle"}])
    assert out.loc["1", "methode"] == "naam"
    assert "NI-9999" in out.loc["1", "toelichting"]


def test_fuzzy_match_needs_threshold_and_margin():
    out = link([{"naam_ingevuld": "Gezond Leven Zwole"}, {"naam_ingevuld": "Gezond Leven"}])
    assert out.loc["1", ["initiatief_id", "methode"]].tolist() == ["NI-0001", "fuzzy"]
    assert out.loc["1", "score"] >= 90
    assert out.loc["2", "methode"] == "ongekoppeld"
    assert "onder drempel 90" in out.loc["2", "toelichting"]


def test_threshold_comes_from_policy():
    out = link([{"naam_ingevuld": "Gezond Leven"}], threshold=75)
    assert out.loc["1", "initiatief_id"] == "NI-0001"


def test_near_tie_is_not_linked():
    # equally close to Kerkrade and Lelystad: best must beat the runner-up by 5 points
    out = link([{"naam_ingevuld": "Welzijn op Recept"}], threshold=60)
    assert out.loc["1", "methode"] == "ongekoppeld"
    assert "niet 5 punten boven de tweede" in out.loc["1", "toelichting"]


def test_name_twice_in_inventory_is_not_linked_by_name():
    out = link([{"naam_ingevuld": "Vitaal Twente"}])
    assert out.loc["1", "methode"] == "ongekoppeld"
    assert "meer dan eens" in out.loc["1", "toelichting"]


def test_manual_link_wins_over_everything_and_negeer_is_kept_apart():
    manual = pd.Series(["NI-0003", "negeer"], index=["1", "2"])
    out = link([{"token": "NI-0002"}, {"token": "NI-0001"}, {"naam_ingevuld": "Welzijn op Recept"}], manual)
    assert out.loc["1", ["initiatief_id", "methode"]].tolist() == ["NI-0003", "handmatig"]
    assert out.loc["2", "methode"] == "negeer" and pd.isna(out.loc["2", "initiatief_id"])
    assert out.loc["3", "methode"] == "ongekoppeld"


def test_nothing_to_go_on_is_unlinked_not_dropped():
    out = link([{"token": None, "naam_ingevuld": None}])
    assert len(out) == 1 and out.loc["1", "methode"] == "ongekoppeld"
    assert out.loc["1", "toelichting"] == "geen token en geen naam"


def links_file(rows):
    return pd.DataFrame(rows, columns=["submission_id", "initiatief_id"])


def test_links_file_is_validated():
    subs = pd.Series(["1", "2"])
    ok = read_links(links_file([["1", "NI-0001"], ["2.0", "Negeer"]]), "l.csv", INVENTORY["initiatief_id"], subs)
    assert ok.to_dict() == {"1": "NI-0001", "2": "negeer"}


@pytest.mark.parametrize(
    "rows, message",
    [
        ([["1", "NI-0001"], ["1", "NI-0002"]], "meer dan eens"),
        ([["9", "NI-0001"]], "komt niet voor in de enquête-export.*9"),
        ([["1", "NI-0042"]], "staat niet in de inventarisatie: NI-0042"),
        ([["1", ""]], "lege cel"),
    ],
)
def test_bad_links_file_is_one_clear_error(rows, message):
    with pytest.raises(PipelineError, match=message):
        read_links(links_file(rows), "l.csv", INVENTORY["initiatief_id"], pd.Series(["1", "2"]))


def test_links_file_needs_its_columns():
    with pytest.raises(PipelineError, match="submission_id,initiatief_id"):
        read_links(pd.DataFrame({"id": ["1"]}), "l.csv", INVENTORY["initiatief_id"], pd.Series(["1"]))
