"""Carry-forward: order of the rules, carried variables, never chained."""

import pandas as pd

from conftest import included_answers, inventory, submissions
from preventie.carry_forward import carry_forward
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
