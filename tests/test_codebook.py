"""Codebook: format, canonical names and values, code normalisation."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from preventie.codebook import count_given, is_given, load_codebook, normalise_code, normalise_codes, parse_codebook
from preventie.errors import PipelineError


def minimal(**extra) -> dict:
    book = {
        "year": 2020,
        "keys": {"submission_id": "id", "completed": {"var": "status", "values": [1]}},
    }
    book.update(extra)
    return book


@pytest.mark.parametrize(
    "raw, expected",
    [
        (1, "1"),
        (1.0, "1"),
        ("1", "1"),
        (" 1.0 ", "1"),
        (np.int64(2), "2"),
        (np.float64(9.0), "9"),
        (2.5, "2.5"),
        ("01", "1"),
        ("ja", "ja"),
        ("", None),
        ("   ", None),
        (None, None),
        (math.nan, None),
        (pd.NA, None),
        ("1,2", "1,2"),  # a list of codes in one cell is not silently read as a decimal
        ("1,00", "1"),  # a whole number as Dutch spreadsheets write it
        (" 2,0 ", "2"),
    ],
)
def test_codes_match_by_value(raw, expected):
    assert normalise_code(raw) == expected


ANY_CELL = st.one_of(
    st.none(),
    st.just(pd.NA),
    st.just(pd.NaT),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(alphabet=" \t\n\u00a01,.0ab-", max_size=6),
)


@settings(max_examples=500, deadline=None)
@given(st.lists(ANY_CELL, max_size=30))
def test_a_value_is_given_exactly_when_it_normalises_to_a_code(values):
    assert [is_given(v) for v in values] == [normalise_code(v) is not None for v in values]
    assert count_given(pd.Series(values, dtype=object)) == int(
        normalise_codes(pd.Series(values, dtype=object)).notna().sum()
    )


@pytest.mark.parametrize(
    "values",
    [
        pd.Series([1.0, np.nan, np.inf, -np.inf, 2.5]),
        pd.Series([1, None, 3], dtype="Int64"),
        pd.Series([1.5, None, np.inf], dtype="Float64"),
        pd.Series([True, False]),
        pd.Series([True, None], dtype="boolean"),
        pd.Series(pd.to_datetime(["2020-11-01", None])),
        pd.Series(["a", None, " ", ""], dtype="string"),
    ],
)
def test_a_typed_column_counts_the_codes_it_normalises_to(values):
    assert count_given(values) == int(normalise_codes(values).notna().sum())


@settings(max_examples=300, deadline=None)
@given(st.lists(ANY_CELL, max_size=30), st.sampled_from(["object", "float64", "int64", "bool", "string"]))
def test_normalising_a_column_is_normalising_each_value(values, dtype):
    """Per distinct value, and for a column of numbers or text without going through Python
    objects: the same codes as normalise_code cell by cell."""
    if dtype == "float64":
        values = [float(v) if isinstance(v, (int, float)) and abs(v) < 1e300 else np.nan for v in values]
        values += [-0.0, 0.0, 1.0, np.inf]
    elif dtype in ("int64", "bool"):
        values = [v if isinstance(v, int) and abs(v) < 2**63 else 0 for v in values]
        values = [bool(v) for v in values] if dtype == "bool" else values
    elif dtype == "string":
        values = [v if isinstance(v, str) else None for v in values]
    column = pd.Series(values, dtype=dtype)
    assert normalise_codes(column).tolist() == [normalise_code(v) or pd.NA for v in column.astype(object)]


def test_normalise_codes_keeps_index_and_missing():
    s = pd.Series([1.0, None, "2", ""], index=[10, 11, 12, 13], dtype=object)
    out = normalise_codes(s)
    assert out.index.tolist() == [10, 11, 12, 13]
    assert out.tolist()[0] == "1" and out.tolist()[2] == "2"
    assert out.isna().tolist() == [False, True, False, True]


def test_spec_example_codebook_parses():
    book = parse_codebook(
        minimal(
            pii=["naam"],
            single={"doet_preventie": {"var": "Q02", "map": {1: "ja", 2: "nee", 9: None}}},
            numeric={"n_interventies": {"var": "Q06"}},
            multi={"selected": [1], "partijen": {"zorgverzekeraar": "Q04_02", "gemeente": "Q04_01"}},
        ),
        "cb.yaml",
    )
    assert book.single["doet_preventie"].map == {"1": "ja", "2": "nee", "9": None}
    assert book.selected == frozenset({"1"})
    # options come back in canonical order, whatever the codebook's order
    assert list(book.multi["partijen"]) == ["gemeente", "zorgverzekeraar"]
    assert book.answer_vars()["partijen_gemeente"] == "Q04_01"
    assert book.completed_values == frozenset({"1"})


def test_multi_selected_defaults_to_one():
    book = parse_codebook(minimal(multi={"partijen": {"gemeente": "a"}}), "cb.yaml")
    assert book.selected == frozenset({"1"})


def test_unknown_canonical_variable_suggests_the_closest():
    with pytest.raises(PipelineError, match="doet_preventi.*Bedoelt u 'doet_preventie'"):
        parse_codebook(minimal(single={"doet_preventi": {"var": "Q02", "map": {1: "ja"}}}), "cb.yaml")


def test_unknown_target_value_is_an_error():
    with pytest.raises(PipelineError, match="doelwaarde 'misschien'"):
        parse_codebook(minimal(single={"doet_preventie": {"var": "Q02", "map": {1: "misschien"}}}), "cb.yaml")


def test_unknown_option_is_an_error():
    with pytest.raises(PipelineError, match="onbekende optie 'huisarts'.*huisarts_poh"):
        parse_codebook(minimal(multi={"partijen": {"huisarts": "Q4"}}), "cb.yaml")


def test_same_code_twice_after_normalisation_is_an_error():
    with pytest.raises(PipelineError, match="twee keer"):
        parse_codebook(minimal(single={"doet_preventie": {"var": "Q02", "map": {1: "ja", "1.0": "nee"}}}), "x")


def test_pii_variable_cannot_also_be_an_answer():
    with pytest.raises(PipelineError, match="Q41.*pii.*numeric|Q41.*zowel"):
        parse_codebook(minimal(pii=["Q41"], numeric={"n_interventies": {"var": "Q41"}}), "cb.yaml")


def test_schema_errors_name_the_key():
    bad = minimal()
    bad["keys"]["completed"] = {"var": "status"}
    with pytest.raises(PipelineError, match=r"cb.yaml: codeboek ongeldig bij 'keys.completed'.*values"):
        parse_codebook(bad, "cb.yaml")


def test_codebook_year_must_match_the_configured_year():
    with pytest.raises(PipelineError, match="codeboek is voor 2020, maar wordt gebruikt voor 2021"):
        parse_codebook(minimal(), "cb.yaml", year=2021)


def test_unreadable_yaml_is_one_clear_error(tmp_path):
    path = tmp_path / "cb.yaml"
    path.write_text("year: 2020\nkeys: [unclosed\n", encoding="utf-8")
    with pytest.raises(PipelineError, match="geen geldige YAML"):
        load_codebook(str(path))


def test_a_draft_codebook_is_refused_until_reviewed():
    with pytest.raises(PipelineError, match=r"nog een concept.*CONTROLEREN.*concept: true") as err:
        parse_codebook(minimal(concept=True), "concept.yaml")
    assert "concept.yaml" in str(err.value)
    assert parse_codebook(minimal(concept=False), "nagekeken.yaml").year == minimal()["year"]


# --- codes as written: YAML 1.2, where Yes/No/On/Off are text ------------------------------------

QUALTRICS_CODEBOOK = """\
year: 2020
concept: false
keys:
  submission_id: id
  completed: {var: Finished, values: [1]}
single:
  doet_preventie: {var: Q02, map: {Yes: ja, No: nee, On: ja, Off: nee, Y: ja, N: nee, yes: ja, no: nee, 9: null}}
multi:
  selected: [Yes]
  not_selected: [No, Off]
  partijen: {gemeente: Q04_1, zorgverzekeraar: Q04_2}
"""


def test_yes_no_on_off_in_a_codebook_are_the_codes_as_written(tmp_path):
    path = tmp_path / "codeboek.yaml"
    path.write_text(QUALTRICS_CODEBOOK, encoding="utf-8")
    book = load_codebook(str(path))
    assert book.single["doet_preventie"].map == {
        "Yes": "ja",
        "No": "nee",
        "On": "ja",
        "Off": "nee",
        "Y": "ja",
        "N": "nee",
        "yes": "ja",
        "no": "nee",
        "9": None,
    }
    assert book.selected == frozenset({"Yes"}) and book.not_selected == frozenset({"No", "Off"})
    assert book.completed_values == frozenset({"1"})


def test_a_qualtrics_export_with_yes_and_no_is_read_with_its_codebook(tmp_path):
    from preventie.exports import RawExport
    from preventie.ingest import ingest_survey

    path = tmp_path / "codeboek.yaml"
    path.write_text(QUALTRICS_CODEBOOK, encoding="utf-8")
    export = RawExport(
        pd.DataFrame(
            {
                "id": ["R_1", "R_2", "R_3"],
                "Finished": [1, 1, 0],
                "Q02": ["Yes", "No", "9"],
                "Q04_1": ["Yes", "No", "Off"],
                "Q04_2": ["No", "Yes", "Yes"],
            }
        )
    )
    subs = ingest_survey(export, load_codebook(str(path)), "enquete.csv").submissions
    assert subs["doet_preventie"].tolist()[:2] == ["ja", "nee"] and pd.isna(subs["doet_preventie"][2])
    assert subs["partijen_gemeente"].tolist() == [True, False, False]
    assert subs["afgerond"].tolist() == [True, True, False]


@pytest.mark.parametrize("word", ["Yes", "No", "On", "Off", "Y", "N", "yes", "no"])
def test_yes_or_no_as_a_target_value_is_named_as_written(tmp_path, word):
    path = tmp_path / "codeboek.yaml"
    path.write_text(QUALTRICS_CODEBOOK.replace("9: null", f"8: {word}"), encoding="utf-8")
    with pytest.raises(PipelineError, match=f"doelwaarde '{word}' bestaat niet"):
        load_codebook(str(path))


@pytest.mark.parametrize("word", ["yes", "no", "On", "off"])
def test_a_yes_or_no_where_true_or_false_belongs_says_so(tmp_path, word):
    path = tmp_path / "codeboek.yaml"
    path.write_text(QUALTRICS_CODEBOOK.replace("concept: false", f"concept: {word}"), encoding="utf-8")
    with pytest.raises(PipelineError) as err:
        load_codebook(str(path))
    assert str(err.value) == (
        f"{path}: codeboek ongeldig bij 'concept': '{word}' is not of type 'boolean'. Schrijf true of false: "
        f"'{word}' is tekst (YAML 1.2)"
    )


def test_concept_true_and_false_and_null_targets_keep_working(tmp_path):
    path = tmp_path / "codeboek.yaml"
    path.write_text(QUALTRICS_CODEBOOK.replace("concept: false", "concept: true"), encoding="utf-8")
    with pytest.raises(PipelineError, match="nog een concept"):
        load_codebook(str(path))
    path.write_text(QUALTRICS_CODEBOOK.replace("concept: false", "concept: False"), encoding="utf-8")
    assert load_codebook(str(path)).single["doet_preventie"].map["9"] is None
