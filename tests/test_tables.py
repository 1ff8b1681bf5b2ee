"""Flow table, identities, the collaboration table and the initiatives per municipality."""

import pandas as pd
import pytest

from conftest import included_answers, inventory, submissions
from preventie import canon, io, naming, paths
from preventie.classify import CATEGORIES
from preventie.errors import PipelineError
from preventie.flow import FLOW_LABELS, FLOW_STEPS, IDENTITIES
from preventie.response import DISCARD_REASONS
from preventie.tables import (
    ITEM_TABLES,
    MUNICIPALITY_COLUMNS,
    change_table,
    check_identities,
    collaboration_table,
    flow_counts,
    flow_members,
    flow_table,
    identity_table,
    item_table,
    municipality_table,
    non_response_table,
    transition_tables,
    trend_table,
)


def test_collaboration_table_counts_every_category_in_order():
    records = pd.DataFrame(
        {"categorie": pd.Categorical(["formele_afspraken"] * 3 + ["onbekend"], categories=list(CATEGORIES))}
    )
    table = collaboration_table(records)
    assert table["categorie"].tolist() == list(CATEGORIES)
    assert table.set_index("categorie").loc["formele_afspraken", ["n", "pct"]].tolist() == [3, 75.0]
    assert table["n"].sum() == 4
    assert table.loc[table["categorie"] == "in_gesprek", "pct"].item() == 0.0


def example_flow():
    inventory = pd.DataFrame({"initiatief_id": list("ABCDE")})
    respons = pd.DataFrame(
        {"initiatief_id": list("ABCDE"), "respons": pd.array([True, True, True, False, False], "boolean")}
    )
    inclusion = pd.DataFrame(
        {
            "initiatief_id": list("ABC"),
            "geincludeerd": pd.array([True, False, False], "boolean"),
            "reden": pd.array([None, "E1", "E3"], "string"),
        }
    )
    overname = pd.DataFrame({"initiatief_id": list("DE"), "uitkomst": ["overgenomen", "bestaat_niet"]})
    records = pd.DataFrame(
        {
            "initiatief_id": list("AD"),
            "preventiecoalitie": pd.array([True, True], "boolean"),
            "coalitie_startjaar": pd.array([2020, 2018], "Int64"),
        }
    )
    links = pd.DataFrame({"submission_id": list("123456")})
    discarded = pd.DataFrame({"submission_id": list("456"), "reden": ["ongekoppeld", "negeer", "dubbel"]})
    return inventory, respons, inclusion, overname, records, links, discarded, 2020


def example_counts():
    return flow_counts(*example_flow())


def test_flow_members_are_the_ids_each_step_counts():
    members = {step: list(ids) for step, ids in flow_members(*example_flow()).items()}
    assert members["respons"] == list("ABC") and members["non_respons"] == list("DE")
    assert members["excl_E3"] == ["C"] and members["overgenomen"] == ["D"]
    assert members["geanalyseerd"] == list("AD") and members["preventiecoalities_nieuw"] == ["A"]
    assert members["inzendingen_ongekoppeld"] == ["4"] and members["inzendingen_negeer"] == ["5"]
    assert members["inzendingen_dubbel"] == ["6"]
    assert {step: len(ids) for step, ids in members.items()} == example_counts()


def test_flow_counts_have_the_spec_steps_in_order():
    counts = example_counts()
    assert tuple(counts) == FLOW_STEPS
    assert counts["geidentificeerd"] == 5 and counts["excl_E3"] == 1 and counts["excl_E2"] == 0
    assert counts["preventiecoalities"] == 2 and counts["preventiecoalities_nieuw"] == 1
    # each step about submissions counts one reason of inzendingen_vervallen.csv: negeer is not ongekoppeld
    assert counts["inzendingen_ongekoppeld"] == 1 and counts["inzendingen_negeer"] == 1
    assert flow_table(counts)["stap"].tolist() == list(FLOW_STEPS)


def test_every_step_of_stroom_csv_has_its_label_from_one_source():
    table = flow_table(example_counts())
    assert table.columns.tolist() == ["stap", "label", "n"]
    assert dict(zip(table["stap"], table["label"])) == FLOW_LABELS
    assert len(set(FLOW_LABELS.values())) == len(FLOW_LABELS)  # no two steps read the same
    from preventie.figures import stroom

    assert stroom.FLOW_LABELS is FLOW_LABELS  # the flow diagram's data says the same words


def test_the_submission_steps_are_the_reasons_of_the_discarded_submissions():
    """inzendingen_<reden> counts the submissions with that reason in inzendingen_vervallen.csv, so
    a count has one name in koppeling.csv (methode), inzendingen_vervallen.csv (reden) and stroom.csv."""
    steps = tuple(f"inzendingen_{reason}" for reason in DISCARD_REASONS)
    assert set(steps) <= set(FLOW_STEPS)
    assert set(dict(IDENTITIES)["inzendingen"]) == {"respons", *steps}


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
    with pytest.raises(
        PipelineError, match=r"respons = respons_geincludeerd \+ respons_geexcludeerd \(3 ≠ 1 \+ 3 = 4\)"
    ):
        check_identities(table)


def test_category_total_must_equal_analysed():
    table = identity_table(example_counts(), pd.DataFrame({"n": [1, 1, 1]}))
    with pytest.raises(PipelineError, match="geanalyseerd = samenwerking"):
        check_identities(table)


# --- characteristics, trend, non-response, transitions -----------------------------------------


def analysed(rows):
    """Analysed records with a category, from answer dicts (category given per row)."""
    frame = submissions([{k: v for k, v in r.items() if k != "categorie"} for r in rows])
    frame["categorie"] = pd.Categorical([r.get("categorie", "onbekend") for r in rows], categories=list(CATEGORIES))
    return canon.conform(frame, ["submission_id", "categorie"])


def by_code(table):
    return table.set_index("kenmerk")


def test_set_table_counts_over_answered_records_and_lists_the_missing():
    records = analysed(
        [
            included_answers(partijen=["gemeente", "ggd", "welzijn"]),
            included_answers(partijen=["gemeente", "zorgverzekeraar", "ggd"]),
            included_answers(partijen=None),
        ]
    )
    table = by_code(item_table(records, ITEM_TABLES["partijen"]))
    assert table.loc["gemeente", ["n", "noemer", "ontbrekend", "pct"]].tolist() == [2, 2, 1, 100.0]
    assert table.loc["zorgverzekeraar", ["n", "pct"]].tolist() == [1, 50.0]
    assert list(table.index) == list(canon.MULTIS["partijen"].options)


def test_option_not_asked_gives_noemer_zero_and_no_percentage():
    records = analysed([included_answers(vws_interventies=["gli"], gli_programmas=["cool"])])
    records["gli_programmas_samen_sportief"] = pd.array([pd.NA], "boolean")  # as when the codebook lacks it
    table = by_code(item_table(records, ITEM_TABLES["gli_programmas"]))
    assert table.loc["samen_sportief", ["n", "noemer", "ontbrekend"]].tolist() == [0, 0, 1]
    assert pd.isna(table.loc["samen_sportief", "pct"]) and pd.isna(table.loc["samen_sportief", "ci_laag"])
    assert table.loc["erkend", ["n", "noemer"]].tolist() == [1, 1]


def test_whole_item_not_asked_is_not_a_crash():
    records = analysed([included_answers()]).drop(columns=[c for c in canon.set_columns("doelgroepen")])
    table = item_table(records, ITEM_TABLES["doelgroepen"])
    assert (table["noemer"] == 0).all() and table["pct"].isna().all()


def test_one_or_more_and_recognised_rows():
    records = analysed(
        [
            included_answers(vws_interventies=["gli", "diabetes"], gli_programmas=["anders"]),
            included_answers(vws_interventies=[], gli_programmas=["cool"]),  # answered anyway: not in the GLI base
            included_answers(vws_interventies=["gli"], gli_programmas=["slimmer", "anders"]),
            included_answers(vws_interventies=None),
        ]
    )
    vws = by_code(item_table(records, ITEM_TABLES["vws_interventies"]))
    assert vws.loc["een_of_meer", ["n", "noemer", "ontbrekend"]].tolist() == [2, 3, 1]
    gli = by_code(item_table(records, ITEM_TABLES["gli_programmas"]))
    assert gli.loc["erkend", ["n", "noemer"]].tolist() == [1, 2]
    assert gli.loc["anders", ["n", "noemer"]].tolist() == [2, 2]
    assert list(gli.index)[0] == "erkend"


def test_agreements_only_over_informal_and_formal():
    records = analysed(
        [
            {**included_answers(afspraken="beide"), "categorie": "formele_afspraken"},
            {**included_answers(afspraken="inhoud"), "categorie": "informele_afspraken"},
            {**included_answers(), "categorie": "formele_afspraken"},  # not answered
            {**included_answers(afspraken="beide"), "categorie": "in_gesprek"},  # outside the base
        ]
    )
    table = by_code(item_table(records, ITEM_TABLES["afspraken"]))
    assert table.loc["beide", ["n", "noemer", "ontbrekend"]].tolist() == [1, 2, 1]


def classified(categories):
    return pd.DataFrame({"categorie": categories})


def test_trend_combines_published_and_computed_years_and_says_where_each_comes_from():
    table = trend_table(
        {
            2019: classified(["formele_afspraken", "informele_afspraken", "onbekend", "alleen_een"]),
            2020: classified(["formele_afspraken"] * 3 + ["in_gesprek"]),
            2021: classified(["in_gesprek"]),
        },
        {
            2018: {"analysed": 81, "categories": None, "revision": None},
            2019: {"analysed": 4, "categories": None, "revision": None},
            2020: {"analysed": 5, "categories": None, "revision": "Twee inzendingen alsnog gekoppeld."},
            2022: {"analysed": 99, "categories": None, "revision": None},  # after the factsheet's year
        },
    )
    assert table["jaar"].tolist() == [2018, 2019, 2020, 2021]
    assert table["bron"].tolist() == ["gepubliceerd", "herberekend", "herzien", "nieuw"]
    assert table["gepubliceerd"].tolist()[:3] == [81, 4, 5] and pd.isna(table.loc[3, "gepubliceerd"])
    assert table.loc[1, ["afstemming", "pct_afstemming", "formeel"]].tolist() == [2, 50.0, 1]
    assert pd.isna(table.loc[0, "pct_afstemming"])


def test_a_question_not_asked_this_year_is_marked_in_its_table_and_small_denominators_too():
    records = analysed([included_answers(afspraken="beide"), included_answers(afspraken="inhoud")])
    records["categorie"] = "formele_afspraken"
    asked = set(canon.answer_columns()) - set(canon.set_columns("financiering"))
    table = by_code(item_table(records, ITEM_TABLES["financiering"], asked, 2021))
    assert (table["noemer"] == 0).all() and not table["gevraagd"].any()
    assert set(table["opmerking"]) == {"niet gevraagd in 2021"}
    agreements = by_code(item_table(records, ITEM_TABLES["afspraken"], asked, 2021, minimum=10))
    assert agreements.loc["beide", ["n", "noemer", "pct"]].tolist() == [1, 2, 50.0]  # the table keeps them
    assert agreements.loc["beide", "opmerking"] == "noemer kleiner dan 10: geen percentage in de factsheet"
    assert bool(agreements.loc["beide", "gevraagd"])


def test_an_extra_row_is_asked_when_one_of_its_options_is():
    records = analysed([included_answers(vws_interventies=["gli"], gli_programmas=["cool"])])
    asked = set(canon.answer_columns()) - {"gli_programmas_samen_sportief"}
    table = by_code(item_table(records, ITEM_TABLES["gli_programmas"], asked, 2020))
    assert bool(table.loc["erkend", "gevraagd"]) and not bool(table.loc["samen_sportief", "gevraagd"])


def test_non_response_by_source_with_chi_square():
    inv = inventory(
        [{"initiatief_id": f"I{i}", "bron": "vorige_inventarisatie" if i < 20 else "sleutelfiguur"} for i in range(40)]
    )
    respons = pd.DataFrame(
        {
            "initiatief_id": inv["initiatief_id"],
            "respons": pd.array([i < 16 or 20 <= i < 24 for i in range(40)], "boolean"),
        }
    )
    table, test = non_response_table(inv, respons)
    rows = table.set_index("bron")
    assert rows.loc["vorige_inventarisatie", ["respons", "pct"]].tolist() == [16, 80.0]
    assert rows.loc["totaal", ["geidentificeerd", "respons"]].tolist() == [40, 20]
    assert rows.loc["zonmw_jzojp", "geidentificeerd"] == 0 and pd.isna(rows.loc["zonmw_jzojp", "pct"])
    values = test.set_index("grootheid")["waarde"]
    assert values["chi2_statistiek"] == pytest.approx(14.4, abs=1e-4)  # 2x2: 16/4 vs 4/16
    assert values["chi2_vrijheidsgraden"] == 1


def test_transitions_count_only_initiatives_that_answered_in_both_years():
    previous = pd.DataFrame(
        {
            "initiatief_id": ["A", "B", "C", "D", "F"],
            "categorie": ["in_gesprek", "formele_afspraken", "alleen_een", "onbekend", "in_gesprek"],
            "bron": ["respons_2019", "respons_2019", "respons_2019", "respons_2019", "overgenomen_2018"],
        }
    )
    current = pd.DataFrame(
        {
            "initiatief_id": ["A", "B", "C", "E", "F"],
            "categorie": ["formele_afspraken", "formele_afspraken", "geen_van_beide", "onbekend", "formele_afspraken"],
            "bron": ["respons_2020", "overgenomen_2019", "respons_2020", "respons_2020", "respons_2020"],
        }
    )
    table, test = transition_tables(previous, current)
    assert len(table) == 49 and table["n"].sum() == 2  # A and C; B carried into 2020, F into 2019
    values = test.set_index("grootheid")["waarde"]
    assert values[["in_beide_jaren", "overgenomen_niet_meegeteld", "zelf_in_beide_jaren"]].tolist() == [4, 2, 2]
    assert values[["formeler", "gelijk", "minder_formeel"]].tolist() == [1, 0, 1]
    assert values["mcnemar_niet_naar_formeel"] == 1 and values["mcnemar_formeel_naar_niet"] == 0


def test_a_share_rises_or_falls_only_when_the_test_says_so():
    def classification(formal: int, other: int) -> pd.DataFrame:
        return pd.DataFrame({"categorie": ["formele_afspraken"] * formal + ["alleen_een"] * other})

    same = change_table({2019: classification(30, 65), 2020: classification(36, 80)}, 2020).set_index("kenmerk")
    assert same.loc["formeel", "toets"] == "chi-kwadraat" and not same.loc["formeel", "significant"]
    assert same.loc["afstemming", "pct_vorig"] == 31.6 and same.loc["afstemming", "n_nu"] == 36
    rise = change_table({2019: classification(20, 80), 2020: classification(50, 50)}, 2020).set_index("kenmerk")
    assert rise.loc["formeel", "significant"] and rise.loc["formeel", "p_waarde"] < 0.05
    small = change_table({2019: classification(1, 9), 2020: classification(6, 4)}, 2020).set_index("kenmerk")
    assert small.loc["formeel", "toets"] == "Fisher exact"  # expected counts below 5
    assert small.loc["formeel", "p_waarde"] == 0.0573 and not small.loc["formeel", "significant"]
    assert change_table({2020: classification(1, 1)}, 2020).empty  # no last year: nothing to compare


def test_transitions_without_previous_year():
    table, test = transition_tables(
        None, pd.DataFrame({"initiatief_id": ["A"], "categorie": ["onbekend"], "bron": ["respons_2019"]})
    )
    assert table["n"].sum() == 0 and "geen vorig jaar" in test.loc[0, "toelichting"]


def municipality_records():
    """Four initiatives in GM0003 and GM0001 (unsorted), one coalition, a coalition left empty."""
    return pd.DataFrame(
        {
            "initiatief_id": ["A", "B", "C", "D"],
            "gemeente_code": ["GM0003", "GM0001", "GM0003", "GM0003"],
            "preventiecoalitie": pd.array([True, False, None, False], "boolean"),
            "categorie": pd.Categorical(
                ["formele_afspraken", "onbekend", "in_gesprek", "formele_afspraken"], categories=list(CATEGORIES)
            ),
        }
    )


def test_municipality_counts_add_up_to_the_analysed_initiatives():
    records = municipality_records()
    table = municipality_table(records)
    assert list(table.columns) == ["gemeente_code", "aantal", "preventiecoalities", "andere_initiatieven", *CATEGORIES]
    assert table["gemeente_code"].tolist() == ["GM0001", "GM0003"]  # one row per code, sorted
    assert table["aantal"].sum() == len(records)
    assert (table["preventiecoalities"] + table["andere_initiatieven"] == table["aantal"]).all()
    assert (table[list(CATEGORIES)].sum(axis=1) == table["aantal"]).all()
    assert table[list(CATEGORIES)].sum().tolist() == collaboration_table(records)["n"].tolist()


def test_a_municipality_with_two_categories():
    row = municipality_table(municipality_records()).set_index("gemeente_code").loc["GM0003"]
    assert row[["aantal", "preventiecoalities", "andere_initiatieven"]].tolist() == [3, 1, 2]
    assert row["formele_afspraken"] == 2 and row["in_gesprek"] == 1
    assert (
        row.drop(["aantal", "preventiecoalities", "andere_initiatieven", "formele_afspraken", "in_gesprek"]).eq(0).all()
    )


def test_municipality_table_has_the_types_of_its_schema(tmp_path):
    schema = io.table_schema("gemeenten")["columns"]
    assert list(schema) == MUNICIPALITY_COLUMNS
    assert {c: spec["type"] for c, spec in schema.items()} == {
        "gemeente_code": "string",
        **dict.fromkeys(MUNICIPALITY_COLUMNS[1:], "integer"),
    }
    table = municipality_table(municipality_records())
    io.write_table(table, tmp_path / "gemeenten.csv", "gemeenten")
    back = io.read_table(tmp_path / "gemeenten.csv", "gemeenten")
    assert back.astype({c: "int64" for c in MUNICIPALITY_COLUMNS[1:]}).equals(table)
    assert municipality_table(municipality_records().iloc[:0]).empty


def test_the_municipalities_are_a_sheet_of_the_audit_not_of_the_factsheet():
    assert ("gemeenten", "gemeenten", paths.table("gemeenten")) in naming.AUDIT_SHEETS
    assert "gemeenten" not in naming.FACTSHEET_TABLES
