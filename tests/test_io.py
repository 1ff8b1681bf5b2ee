"""Deterministic writers: CSV, parquet, SPSS (header time fixed), table schemas."""

import time

import pandas as pd
import pyreadstat
import pytest

from preventie import io


def frame():
    return pd.DataFrame(
        {
            "id": pd.array(["a", "b"], "string"),
            "keuze": pd.Categorical(["ja", None], categories=["ja", "nee"]),
            "vlag": pd.array([True, None], "boolean"),
            "aantal": pd.array([3, None], "Int64"),
        }
    )


def test_sav_bytes_do_not_depend_on_the_clock_and_labels_survive(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1605830400")  # 2020-11-20 00:00:00 UTC
    first, second = tmp_path / "a.sav", tmp_path / "b.sav"
    io.write_sav(frame(), first, {"keuze": "Keuze"}, {"keuze": {"ja": "Ja", "nee": "Nee"}})
    time.sleep(1.1)
    io.write_sav(frame(), second, {"keuze": "Keuze"}, {"keuze": {"ja": "Ja", "nee": "Nee"}})
    assert first.read_bytes() == second.read_bytes()
    header = first.read_bytes()[92:109]
    assert header == b"20 Nov 2000:00:00"
    data, meta = pyreadstat.read_sav(str(first))  # the header is still a valid SPSS header
    assert data["keuze"].tolist()[0] == 1.0 and pd.isna(data["keuze"].iloc[1])
    assert meta.variable_value_labels["keuze"] == {1.0: "Ja", 2.0: "Nee"}
    assert meta.variable_value_labels["vlag"] == {1.0: "Ja", 0.0: "Nee"}
    assert dict(zip(meta.column_names, meta.column_labels))["keuze"] == "Keuze"


def test_csv_booleans_as_ja_nee_and_lf_line_ends(tmp_path):
    path = tmp_path / "t.csv"
    io.write_csv(frame(), path)
    assert path.read_bytes() == b"id,keuze,vlag,aantal\na,ja,ja,3\nb,,,\n"


def test_parquet_bytes_are_repeatable(tmp_path):
    io.write_parquet(frame(), tmp_path / "a.parquet")
    io.write_parquet(frame(), tmp_path / "b.parquet")
    assert (tmp_path / "a.parquet").read_bytes() == (tmp_path / "b.parquet").read_bytes()
    back = io.read_parquet(tmp_path / "a.parquet")
    assert back.dtypes.astype(str).tolist() == frame().dtypes.astype(str).tolist()


def test_tables_round_trip_with_their_schema_types(tmp_path):
    table = pd.DataFrame(
        {
            "stap": pd.array(["respons"], "string"),
            "label": pd.array(["Respons"], "string"),
            "n": pd.array([195], "Int64"),
        }
    )
    io.write_table(table, tmp_path / "stroom.csv", "stroom")
    back = io.read_table(tmp_path / "stroom.csv", "stroom")
    assert back["n"].dtype == "Int64" and back["n"].item() == 195


def test_table_with_wrong_columns_or_types_is_a_programming_error(tmp_path):
    with pytest.raises(ValueError, match="differ from schema"):
        io.write_table(pd.DataFrame({"n": [1]}), tmp_path / "x.csv", "stroom")
    wrong = pd.DataFrame({"stap": ["respons"], "label": ["Respons"], "n": ["195"]})
    with pytest.raises(ValueError, match="column n has dtype"):
        io.write_table(wrong, tmp_path / "x.csv", "stroom")


def test_formula_text_is_neutralised_in_csv_and_restored_on_reading(tmp_path):
    table = pd.DataFrame(
        {
            "stap": pd.array(['=HYPERLINK("x")', "+31", "-", "@a", "'s-Gravenhage", "gewoon"], "string"),
            "label": pd.array(["l"] * 6, "string"),
            "n": pd.array([-1, 2, 3, 4, 5, 6], "Int64"),
        }
    )
    io.write_table(table, tmp_path / "stroom.csv", "stroom")
    lines = (tmp_path / "stroom.csv").read_text(encoding="utf-8").splitlines()
    assert lines[1].startswith("\"'=HYPERLINK") and lines[2] == "'+31,l,2" and lines[3] == "'-,l,3"
    assert lines[4] == "'@a,l,4" and lines[5] == "'s-Gravenhage,l,5"  # names keep their own quote
    assert lines[1].endswith(",-1")  # numbers are not text
    back = io.read_table(tmp_path / "stroom.csv", "stroom")
    assert back["stap"].tolist() == table["stap"].tolist() and back["n"].tolist() == table["n"].tolist()


def test_table_schemas_read_as_the_plain_safe_loader_reads_them():
    """The schemas are read with libyaml's parser for speed; what they say must not change."""
    import yaml

    io._table_schemas.cache_clear()
    assert io._table_schemas() == yaml.safe_load(io.TABLE_SCHEMAS.read_text(encoding="utf-8"))
