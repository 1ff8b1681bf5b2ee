"""The committed synthetic example inputs (resources/example/) and their generator.

These tests look at the input files only; that the pipeline reproduces the published
figures from them is tested in test_golden.py.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "example"
GENERATOR = EXAMPLE / "generate.py"
PACKAGE = EXAMPLE / "voorbeeld"  # the generator itself; generate.py is its entry point
SCHEMA = ROOT / "workflow" / "schemas" / "codebook.schema.yaml"
NOT_GENERATED = {"generate.py", "README.md"}
YEARS = (2019, 2020)
INVENTORY_COLUMNS = [
    "initiatief_id",
    "naam",
    "bron",
    "gemeente_code",
    "preventiecoalitie",
    "coalitie_startjaar",
    "bestaat_nog",
]


def committed_files() -> list[str]:
    return sorted(p.name for p in EXAMPLE.iterdir() if p.is_file() and p.name not in NOT_GENERATED)


def codebook(year: int) -> dict:
    with open(EXAMPLE / f"codeboek_{year}.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def inventory(year: int) -> pd.DataFrame:
    return pd.read_csv(EXAMPLE / f"inventaris_{year}.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("voorbeeld")
    result = subprocess.run(
        [sys.executable, str(GENERATOR), "--out", str(out)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return out


def test_generator_reproduces_the_committed_files_byte_for_byte(regenerated):
    written = sorted(p.name for p in regenerated.iterdir() if p.is_file())
    assert written == committed_files()
    different = [n for n in written if (regenerated / n).read_bytes() != (EXAMPLE / n).read_bytes()]
    assert not different, f"opnieuw genereren geeft andere bytes voor {different}"


def test_the_generator_imports_nothing_of_the_pipeline():
    """The example is an independent check of the pipeline: the generator copies its names and rules."""
    sources = [GENERATOR, *sorted(PACKAGE.glob("*.py"))]
    assert len(sources) > 10
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                modules = [node.module]
            else:
                continue
            assert not [m for m in modules if m.split(".")[0] == "preventie"], f"{path.name} importeert {modules}"


@pytest.mark.parametrize("year", YEARS)
def test_codebook_is_valid_against_the_schema(year):
    import jsonschema

    with open(SCHEMA, encoding="utf-8") as fh:
        schema = yaml.safe_load(fh)
    doc = json.loads(json.dumps(codebook(year)))  # YAML int keys (codes) -> JSON strings
    jsonschema.Draft202012Validator(schema).validate(doc)
    assert doc["year"] == year


def test_the_two_years_differ_in_names_and_codes():
    old, new = codebook(2019), codebook(2020)
    for item in old["single"]:
        assert old["single"][item]["var"] != new["single"][item]["var"]
    assert old["keys"]["completed"] != new["keys"]["completed"]
    assert old["single"]["samenwerking"]["map"] != new["single"]["samenwerking"]["map"]
    assert "alle_inwoners" not in old["multi"]["doelgroepen"]
    assert "alle_inwoners" in new["multi"]["doelgroepen"]
    assert "overig" not in old["multi"]["financiering"]
    for book in (old, new):
        assert "samen_sportief" not in book["multi"]["gli_programmas"]  # niet gevraagd in 2019/2020


def coded_variables(book: dict) -> list[str]:
    out = [book["keys"]["completed"]["var"]]
    out += [spec["var"] for spec in book["single"].values()]
    for name, options in book["multi"].items():
        if name not in ("selected", "not_selected"):
            out += list(options.values())
    return out


@pytest.mark.parametrize("year", YEARS)
def test_survey_has_labels_pii_and_every_codebook_variable(year):
    book = codebook(year)
    data, meta = pyreadstat.read_sav(str(EXAMPLE / f"enquete_{year}.sav"), apply_value_formats=False)
    labels = meta.column_names_to_labels
    assert all(labels.get(c) for c in data.columns), "elke variabele heeft een Nederlands label"
    for var in coded_variables(book):
        assert var in data.columns, var
        assert meta.variable_value_labels.get(var), f"{var} mist waardelabels"
    for var in book["pii"]:
        assert var in data.columns
        assert (data[var].fillna("") != "").any(), f"PII-kolom {var} is leeg"
    for var in book["keys"].values():
        if isinstance(var, str):
            assert var in data.columns
    assert data[book["keys"]["submission_id"]].is_unique
    assert meta.creation_time.year == year  # vaste kopregel-datum, geen tijdstempel van vandaag


def test_2019_declares_99_as_user_missing():
    path = str(EXAMPLE / "enquete_2019.sav")
    raw, meta = pyreadstat.read_sav(path, user_missing=True)
    assert meta.missing_ranges["v6_aantal"] == [{"lo": 99.0, "hi": 99.0}]
    assert (raw["v6_aantal"] == 99).any()
    plain, _ = pyreadstat.read_sav(path)
    assert not (plain["v6_aantal"] == 99).any()  # leest als ontbrekend
    assert plain["datum_einde"].str.fullmatch(r"(\d\d-\d\d-\d{4} \d\d:\d\d)?").all()


@pytest.mark.parametrize(("year", "rows"), [(2019, 260), (2020, 301)])
def test_inventory_rows_ids_and_municipality_codes(year, rows):
    inv = inventory(year)
    assert list(inv.columns) == INVENTORY_COLUMNS
    assert len(inv) == rows
    assert inv["initiatief_id"].is_unique
    assert inv["initiatief_id"].str.fullmatch(r"NI-\d{4}").all()
    with open(ROOT / "resources" / "geo" / f"gemeente_{year}.geojson", encoding="utf-8") as fh:
        codes = {f["properties"]["statcode"] for f in json.load(fh)["features"]}
    assert set(inv["gemeente_code"]) <= codes
    assert set(inv["preventiecoalitie"]) == {"ja", "nee"}
    coalition = inv["preventiecoalitie"] == "ja"
    assert (inv.loc[coalition, "coalitie_startjaar"].astype(int) <= year).all()
    assert (inv.loc[~coalition, "coalitie_startjaar"] == "").all()
    assert set(inv["bestaat_nog"]) <= {"ja", "nee", "onbekend", ""}


def test_inventory_encodings_differ_per_year():
    old = (EXAMPLE / "inventaris_2019.csv").read_bytes()
    new = (EXAMPLE / "inventaris_2020.csv").read_bytes()
    assert old.startswith(b"\xef\xbb\xbf") and b"\r\n" in old  # Excel-export: BOM + CRLF
    assert not new.startswith(b"\xef\xbb\xbf") and b"\r" not in new  # UTF-8 zonder BOM, LF


def test_ids_are_stable_across_years():
    old = inventory(2019).set_index("initiatief_id")
    new = inventory(2020).set_index("initiatief_id")
    both = old.index.intersection(new.index)
    assert len(both) > 200
    assert (old.loc[both, "naam"] == new.loc[both, "naam"]).all()
    assert (old.loc[both, "gemeente_code"] == new.loc[both, "gemeente_code"]).all()
    assert (new.loc[both, "bron"] == "vorige_inventarisatie").all()
    started = new.loc[both, "coalitie_startjaar"]
    earlier = started.ne("") & started.ne("2020")
    assert (old.loc[both][earlier]["preventiecoalitie"] == "ja").all()


def test_links_file_points_at_2020_submissions_and_inventory():
    links = pd.read_csv(EXAMPLE / "koppelingen_2020.csv", dtype=str)
    assert list(links.columns) == ["submission_id", "initiatief_id"]
    data, _ = pyreadstat.read_sav(str(EXAMPLE / "enquete_2020.sav"), usecols=["respondent_id"])
    ids = {str(int(v)) for v in data["respondent_id"]}
    assert set(links["submission_id"]) <= ids
    known = set(inventory(2020)["initiatief_id"]) | {"negeer"}
    assert set(links["initiatief_id"]) <= known
    assert (links["initiatief_id"] == "negeer").sum() == 1


def test_pii_values_are_distinctive():
    """The privacy tests search outputs for these strings; none may occur in a name."""
    names = " | ".join(pd.concat([inventory(y)["naam"] for y in YEARS]))
    for year in YEARS:
        book = codebook(year)
        data, _ = pyreadstat.read_sav(str(EXAMPLE / f"enquete_{year}.sav"), usecols=book["pii"])
        for var in book["pii"]:
            for value in data[var].dropna():
                if value:
                    assert value not in names, value
        emails = data[book["pii"][1]].dropna()
        assert emails[emails != ""].str.fullmatch(r"[a-z0-9.]+@voorbeeld-[a-z]+\.nl").all()
        phones = data[book["pii"][2]].dropna()
        assert phones[phones != ""].map(lambda p: bool(re.fullmatch(r"06-\d{8}", p))).all()
