"""Carry-forward: order of the rules, carried variables, never chained."""

import pandas as pd
import pytest

from conftest import included_answers, inventory, submissions
from preventie import canon
from preventie.carry_forward import carry_forward
from preventie.errors import PipelineError
from preventie.response import select_responses


def respons(responded: dict[str, bool]) -> pd.DataFrame:
    return pd.DataFrame({"initiatief_id": list(responded), "respons": pd.array(list(responded.values()), "boolean")})


def previous(rows: dict[str, dict]) -> pd.DataFrame:
    frame = submissions(list(rows.values()))
    frame.insert(0, "initiatief_id", pd.Series(list(rows), dtype="string"))
    return frame.drop(columns=["token", "naam_ingevuld"])


INV = inventory(
    [
        {"initiatief_id": "A", "bestaat_nog": "ja"},  # responded this year
        {"initiatief_id": "B", "bestaat_nog": "nee"},
        {"initiatief_id": "C", "bestaat_nog": "onbekend"},
        {"initiatief_id": "D", "bestaat_nog": None},
        {"initiatief_id": "E", "bestaat_nog": "ja"},  # no response last year
        {"initiatief_id": "F", "bestaat_nog": "ja"},  # carried, included
        {"initiatief_id": "G", "bestaat_nog": "ja"},  # carried, excluded
    ]
)
RESPONS = respons({"A": True, "B": False, "C": False, "D": False, "E": False, "F": False, "G": False})
PREVIOUS = previous(
    {
        "B": included_answers(),  # answered last year, but no longer exists: rule 1 comes first
        "C": included_answers(),
        "F": included_answers(samenwerking="formeel"),
        "G": included_answers(reikwijdte="landelijk"),
    }
)


def test_outcome_per_non_responder_in_spec_order():
    result = carry_forward(INV, RESPONS, PREVIOUS, 2020)
    outcome = result.overname.set_index("initiatief_id")["uitkomst"].astype(str).to_dict()
    assert outcome == {
        "B": "bestaat_niet",
        "C": "bestaan_onbekend",
        "D": "bestaan_onbekend",
        "E": "geen_respons_vorig_jaar",
        "F": "overgenomen",
        "G": "overgenomen_geexcludeerd",
    }
    overname = result.overname.set_index("initiatief_id")
    assert overname.loc["G", "reden"] == "E2" and overname.loc["G", "E2"] == "niet_voldaan"
    assert overname.loc["E", "respons_vorig_jaar"] == False  # noqa: E712


def test_carried_records_keep_source_answers_and_variable_list():
    carried = carry_forward(INV, RESPONS, PREVIOUS, 2020).carried
    assert carried["initiatief_id"].tolist() == ["F"]
    assert carried.loc[0, "bron"] == "overgenomen_2019"
    assert carried.loc[0, "samenwerking"] == "formeel"
    variables = carried.loc[0, "overgenomen_variabelen"].split(";")
    assert "samenwerking" in variables and "partijen_gemeente" in variables
    assert "afspraken" not in variables  # last year's codebook did not have it


def test_without_previous_year_every_non_responder_is_geen_vorig_jaar():
    result = carry_forward(INV, RESPONS, None, 2019)
    assert set(result.overname["uitkomst"].astype(str)) == {"geen_vorig_jaar"}
    assert result.overname["respons_vorig_jaar"].isna().all()
    assert result.carried.empty


def test_never_chained_over_three_years():
    """Responded in Y-2 only: carried into Y-1, but not into Y (Y-1 was not its own response)."""
    inv = inventory([{"initiatief_id": "X", "bestaat_nog": "ja"}])
    y2_subs = submissions([{"submission_id": "s1", **included_answers()}])
    links = pd.DataFrame({"submission_id": ["s1"], "initiatief_id": pd.array(["X"], "string"), "methode": ["token"]})
    y2 = select_responses(y2_subs, links, inv, "ignore")
    no_links = links.iloc[0:0]
    y1 = select_responses(submissions([{"submission_id": "leeg"}]).iloc[0:0], no_links, inv, "ignore")
    into_y1 = carry_forward(inv, y1.respons, y2.answers, 2019)
    assert into_y1.overname["uitkomst"].astype(str).tolist() == ["overgenomen"]
    y0 = select_responses(submissions([{"submission_id": "leeg"}]).iloc[0:0], no_links, inv, "ignore")
    into_y = carry_forward(inv, y0.respons, y1.answers, 2020)  # Y-1's *response* output
    assert into_y.overname["uitkomst"].astype(str).tolist() == ["geen_respons_vorig_jaar"]


def test_a_question_this_year_did_not_ask_is_never_filled_from_last_years_answers():
    """2021 dropped the financing question: the record carried from 2020 keeps no financing answers."""
    inv = inventory([{"initiatief_id": "F", "bestaat_nog": "ja"}])
    last_year = previous({"F": included_answers(financiering=["wmo", "wpg"], samenwerking="formeel")})
    asked = set(canon.answer_columns()) - set(canon.set_columns("financiering"))
    carried = carry_forward(inv, respons({"F": False}), last_year, 2021, asked).carried
    assert carried.loc[0, "samenwerking"] == "formeel"
    assert not any(c.startswith("financiering_") for c in carried.columns)
    assert "financiering_wmo" not in carried.loc[0, "overgenomen_variabelen"].split(";")
    assert "samenwerking" in carried.loc[0, "overgenomen_variabelen"].split(";")


def test_bestaat_nog_empty_for_every_candidate_is_refused_naming_the_column_and_its_meaning():
    inv = inventory([{"initiatief_id": "F", "bestaat_nog": None}, {"initiatief_id": "G", "bestaat_nog": None}])
    last_year = previous({"F": included_answers(), "G": included_answers()})
    with pytest.raises(PipelineError) as err:
        carry_forward(inv, respons({"F": False, "G": False}), last_year, 2021, source="data/inventaris_2021.csv")
    assert str(err.value).startswith(
        "data/inventaris_2021.csv: variabele 'bestaat_nog': leeg, of de kolom ontbreekt, voor alle 2 initiatieven "
        "die in 2021 niet reageerden en in 2020 zelf de vragenlijst invulden. De kolom zegt of het initiatief in 2021 "
        "nog bestaat (deskresearch: ja, nee of onbekend)"
    )


def test_bestaat_nog_empty_for_some_candidates_is_a_warning_with_their_ids():
    result = carry_forward(INV, RESPONS, PREVIOUS, 2020, source="inventaris.csv")
    # B, C and F, G answered last year; only D... is empty but did not answer last year; C is 'onbekend'
    assert result.warnings == []
    inv = inventory([{"initiatief_id": "F", "bestaat_nog": "ja"}, {"initiatief_id": "G", "bestaat_nog": None}])
    last_year = previous({"F": included_answers(), "G": included_answers()})
    warned = carry_forward(inv, respons({"F": False, "G": False}), last_year, 2021, source="inventaris.csv")
    assert warned.warnings == [
        "inventaris.csv: variabele 'bestaat_nog': leeg bij 1 van de 2 initiatieven die in 2021 niet reageerden en "
        "in 2020 zelf de vragenlijst invulden; hun antwoorden van 2020 zijn niet overgenomen (bestaan_onbekend): G"
    ]
    assert warned.overname.set_index("initiatief_id").loc["G", "uitkomst"] == "bestaan_onbekend"
