"""Two clean runs give the same bytes for every output; the manifest and report cover them."""

from __future__ import annotations

import base64
import json
import re
import shutil
import tomllib
from contextlib import chdir

import pytest

from conftest import copy_project, run_snakemake
from preventie.manifest import code_fingerprint, sha256
from preventie.naming import GATHERING, STAGES

# the stages of a year, each with its rule and script: the analysis, then what gathers it
RULES = (*STAGES, *GATHERING)

pytestmark = pytest.mark.e2e


def manifest(run, year):
    return json.loads((run / f"results/{year}/manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def second_run(tmp_path_factory):
    """A second clean run of the example, in a copy of the project of its own."""
    second = copy_project(tmp_path_factory.mktemp("tweede"))
    result = run_snakemake(second)
    assert result.returncode == 0, result.stderr[-3000:]
    return second


def test_two_clean_runs_give_identical_files(example_run, second_run):
    first, again = manifest(example_run, 2020), manifest(second_run, 2020)
    differing = sorted(k for k in first["uitvoer"] if first["uitvoer"][k] != again["uitvoer"].get(k))
    assert differing == []
    assert first == again
    # 2019 is built only as far as 2020 needs it (no manifest of its own): compare its files directly
    earlier = sorted(p.relative_to(example_run) for p in (example_run / "results/2019").rglob("*") if p.is_file())
    assert earlier and not any(p.name == "manifest.json" for p in earlier)
    for path in earlier:
        if path.parent.name != "logs":
            assert (example_run / path).read_bytes() == (second_run / path).read_bytes(), path


@pytest.mark.skipif(
    shutil.which("quarto") is None,
    reason="Quarto is niet geïnstalleerd op deze machine (zie README: 'Quarto installeren')",
)
def test_quarto_renders_byte_identical_documents_twice(example_run, second_run):
    folders = [run / "results/2020/factsheet" for run in (example_run, second_run)]
    for folder in folders:
        assert json.loads((folder / "weergave.json").read_text(encoding="utf-8"))["renderer"] == "quarto"
    for name in ("factsheet_2020.html", "factsheet_2020.pdf", "factsheet_2020.docx"):
        assert (folders[0] / name).read_bytes() == (folders[1] / name).read_bytes(), name


@pytest.mark.parametrize("year", [2020])
def test_manifest_covers_every_output_and_input(example_run, year):
    data = manifest(example_run, year)
    folder = example_run / "results" / str(year)
    files = {str(p.relative_to(example_run)) for p in folder.rglob("*") if p.is_file() and p.parent.name != "logs"}
    assert set(data["uitvoer"]) == files - {f"results/{year}/manifest.json"}
    assert f"resources/example/enquete_{year}.sav" in data["invoer"]
    assert f"resources/geo/gemeente_{year}.geojson" in data["invoer"]
    assert data["pakketten"]["snakemake"] and data["configuratie"]["years"][str(year)]
    assert re.fullmatch(r"[0-9a-f]{64}", data["pijplijn"]["code_sha256"])
    # the code: per stage the files it runs; every output under the one stage that made it
    stages = data["stappen"]
    # the factsheet is a stage of the factsheet's year only
    assert set(stages) == {*RULES, "manifest"} - (set() if year == 2020 else {"factsheet"})
    made = [output for stage in stages.values() for output in stage["uitvoer"]]
    assert sorted(made) == sorted([*data["uitvoer"], f"results/{year}/manifest.json"])
    code = sorted({path for stage in stages.values() for path in stage["code"]})
    assert list(data["pijplijn"]["code"]) == code
    with chdir(example_run):
        assert data["pijplijn"]["code_sha256"] == code_fingerprint(code)
        assert all(stage["code_sha256"] == code_fingerprint(stage["code"]) for stage in stages.values())
        assert data["pijplijn"]["code"] == {path: sha256(path) for path in code}
    assert {f"scripts/{name}.py" for name in stages} <= set(code)
    assert (
        data["pijplijn"]["versie"] == tomllib.loads((example_run / "pyproject.toml").read_text())["project"]["version"]
    )
    if year == 2020:
        assert data["weergave"]["renderer"] in ("pandoc", "quarto")
        assert "results/2019/respons/antwoorden.parquet" in data["invoer"]  # carry-forward's input
        assert "resources/geo/gemeente_2019.geojson" in data["invoer"]  # where a former code lies
        assert "results/2019/analyse/classificatie.csv" in data["invoer"]  # trend, shares, back test
        assert "results/2020/factsheet/factsheet_2020.pdf" in data["uitvoer"]


def report_data(path) -> dict:
    """The report's own data, as its page script holds it: description, categories, results."""
    html = path.read_text(encoding="utf-8")
    decoder = json.JSONDecoder()
    data = {}
    for name in ("workflow_desc", "results", "categories"):
        # the data the template writes last (the scripts embedded before it use such names too)
        start = html.rindex(f"var {name} = ") + len(f"var {name} = ")
        data[name] = decoder.raw_decode(html, start)[0]
    return data


def embedded(result: dict) -> bytes:
    return base64.b64decode(result["data_uri"].rsplit("base64,", 1)[1])


def test_snakemake_report_is_the_review_package(example_run):
    result = run_snakemake(example_run, "--report", "report.html")
    assert result.returncode == 0, result.stderr[-2000:]
    report = (example_run / "report.html").read_text(encoding="utf-8")
    for caption in (
        "Stroom van initiatieven",
        "Betrokken partijen bij de geanalyseerde",
        "Figuur: stroomschema",
        "Auditwerkmap",
    ):
        assert caption in report, caption
    data = report_data(example_run / "report.html")
    package = {
        "Factsheet": ["factsheet/factsheet_2020.html", "factsheet/factsheet_2020.pdf", "factsheet/getallen.csv"],
        "Controle": [
            "waarschuwingen.csv",
            "tabellen/stroom_identiteiten.csv",
            "tabellen/gepubliceerd_toets.csv",
            "datapackage.json",
            "manifest.json",
        ],
        "Tabellen": ["tabellen/non_respons_toets.csv", "tabellen/overgangen_toets.csv", "tabellen/stroom.csv"],
    }
    for category, files in package.items():
        shown = data["categories"][category]["2020"]
        for name in files:
            path = f"results/2020/{name}"
            assert path in shown, (category, path)
            # the reviewer gets the file itself, byte for byte, with its caption
            assert embedded(data["results"][path]) == (example_run / path).read_bytes(), path
            assert data["results"][path]["caption"], path
    # the first page: what the pipeline does, how to read the report, the version and code hash of the run
    description = data["workflow_desc"]
    assert "Wat de pijplijn doet" in description and "Hoe lees je dit rapport" in description
    pipeline = manifest(example_run, 2020)["pijplijn"]
    assert pipeline["versie"] in description and pipeline["code_sha256"] in description
    assert "showCategory(&#39;Controle&#39;)" in description or "showCategory('Controle')" in description
