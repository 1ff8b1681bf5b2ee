"""The data package: every table of a year with its Table Schema and sha256, valid for Frictionless."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from preventie import io
from preventie.datapackage import FIELD_TYPES, data_package, fields_schema, resource, write_package

frictionless = pytest.importorskip("frictionless")


def validate(path):
    report = frictionless.validate(str(path))
    return report.valid, [error.type for task in report.tasks for error in task.errors]


def links():
    return pd.DataFrame(
        {
            "submission_id": pd.array(["1", "2", "3"], "string"),
            "initiatief_id": pd.array(["NI-1", None, None], "string"),
            "methode": pd.array(["token", "ongekoppeld", "negeer"], "string"),
            "score": pd.array([100.0, 12.5, None], "Float64"),
            "toelichting": pd.array(["token", "x", "koppelbestand"], "string"),
            "naam_ingevuld": pd.array(['=HYPERLINK("http://x")', "@SUM(A1)", "-"], "string"),  # written with a '
            "naam_inventaris": pd.array(["Gezond", None, None], "string"),
        }
    )


def identities():
    return pd.DataFrame(
        {
            "identiteit": pd.array(["a = b + c"], "string"),
            "links": pd.array([3], "Int64"),
            "rechts": pd.array([3], "Int64"),
            "uitwerking": pd.array(["1 + 2"], "string"),
            "klopt": pd.array([True], "boolean"),
        }
    )


@pytest.fixture
def package(tmp_path):
    """A year's folder with two tables as the pipeline writes them, and its datapackage.json."""
    (tmp_path / "koppeling").mkdir()
    (tmp_path / "tabellen").mkdir()
    io.write_table(links(), tmp_path / "koppeling/koppeling.csv", "koppeling")
    io.write_table(identities(), tmp_path / "tabellen/stroom_identiteiten.csv", "stroom_identiteiten")
    resources = [
        resource("koppeling", tmp_path / "koppeling/koppeling.csv", "koppeling/koppeling.csv"),
        resource(
            "stroom_identiteiten", tmp_path / "tabellen/stroom_identiteiten.csv", "tabellen/stroom_identiteiten.csv"
        ),
    ]
    write_package(data_package(2020, resources), tmp_path / "datapackage.json")
    return tmp_path / "datapackage.json"


def test_the_tables_as_written_are_valid(package):
    assert validate(package) == (True, [])
    described = json.loads(package.read_text(encoding="utf-8"))
    table = described["resources"][0]
    assert table["path"] == "koppeling/koppeling.csv" and table["hash"].startswith("sha256:")
    fields = {f["name"]: f for f in table["schema"]["fields"]}
    assert [f["name"] for f in table["schema"]["fields"]] == list(links().columns)
    assert fields["score"]["type"] == "number" and "gekoppelde initiatief" in fields["score"]["description"]
    klopt = described["resources"][1]["schema"]["fields"][-1]
    assert (klopt["type"], klopt["trueValues"], klopt["falseValues"]) == ("boolean", ["ja"], ["nee"])


def test_a_changed_file_is_caught(package):
    csv = package.parent / "koppeling/koppeling.csv"
    csv.write_bytes(csv.read_bytes().replace(b"12.5", b"12.6"))
    valid, errors = validate(package)
    assert not valid and "hash-count" in errors


def test_a_value_of_the_wrong_type_is_caught(package):
    csv = package.parent / "tabellen/stroom_identiteiten.csv"
    csv.write_text(csv.read_text(encoding="utf-8").replace(",ja", ",misschien"), encoding="utf-8")
    described = json.loads(package.read_text(encoding="utf-8"))
    described["resources"] = [resource("stroom_identiteiten", csv, "tabellen/stroom_identiteiten.csv")]
    write_package(described, package)  # a right hash: only the value is wrong
    valid, errors = validate(package)
    assert not valid and errors == ["type-error"]


def test_every_table_schema_translates():
    for name, spec in io._table_schemas().items():
        fields = fields_schema(name)["fields"]
        assert [f["name"] for f in fields] == list(spec["columns"]), name
        assert {c["type"] for c in spec["columns"].values()} <= set(FIELD_TYPES)


@pytest.mark.e2e
def test_frictionless_validate_passes_on_every_table_of_the_example(example_run):
    folder = example_run / "results/2020"
    result = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert json.loads(result.stdout)["valid"] is True
    # every CSV of the year is in it, but the figures' data (drawn from its tables) and the analysed set
    listed = [r["path"] for r in json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]]
    csvs = {p.relative_to(folder).as_posix() for p in folder.rglob("*.csv") if p.parent.name != "logs"}
    assert set(listed) == csvs - {"analyse/analysebestand.csv"} - {p for p in csvs if p.startswith("figuren/")}
    assert listed[0] == "waarschuwingen.csv" and listed[-1] == "factsheet/getallen.csv"
