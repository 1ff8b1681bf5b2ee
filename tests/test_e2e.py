"""End to end with Snakemake: the three-year DAG, bad input, config handling, lint."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import copy_project, run_snakemake
from fixtures import PII_EMAIL, edit, fail_with, write_three_years

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def three_years(tmp_path_factory) -> Path:
    """The three-year fixture, run once."""
    workdir = copy_project(tmp_path_factory.mktemp("drie_jaar"))
    write_three_years(workdir)
    result = run_snakemake(workdir, "--configfile", "fixture/config.yaml")
    assert result.returncode == 0, result.stderr[-4000:]
    workdir.joinpath("stderr.txt").write_text(result.stderr, encoding="utf-8")
    return workdir


def overname(workdir: Path, year: int) -> dict[str, str]:
    table = pd.read_csv(workdir / f"fixture_results/{year}/overname/overname.csv")
    return dict(zip(table["initiatief_id"], table["uitkomst"]))


def test_carry_forward_runs_through_the_dag_and_is_never_chained(three_years):
    assert overname(three_years, 2018) == {"T3": "geen_vorig_jaar", "T4": "geen_vorig_jaar"}
    assert overname(three_years, 2019) == {"T2": "overgenomen", "T4": "bestaat_niet"}
    # T2 was carried into 2019, not its own response there: not carried again into 2020
    assert overname(three_years, 2020) == {
        "T2": "geen_respons_vorig_jaar", "T3": "overgenomen_geexcludeerd", "T4": "bestaat_niet"}
    flow = pd.read_csv(three_years / "fixture_results/2020/tabellen/stroom.csv").set_index("stap")["n"]
    assert flow["geidentificeerd"] == 4 and flow["geanalyseerd"] == 1 and flow["inzendingen_ongekoppeld"] == 1


def test_missing_previous_year_is_a_visible_warning(three_years):
    stderr = three_years.joinpath("stderr.txt").read_text(encoding="utf-8")
    assert re.search(r"WAARSCHUWING \[carry_forward 2018\]: geen data voor 2017", stderr)


def test_pii_of_the_export_appears_in_no_output_or_log(three_years):
    for path in list((three_years / "fixture_results").rglob("*")) + list((three_years / "logs").rglob("*")):
        if path.is_file():
            assert PII_EMAIL.encode() not in path.read_bytes(), path


def test_lint_reports_nothing(tmp_path):
    workdir = copy_project(tmp_path)
    result = run_snakemake(workdir, "--lint")
    text = result.stdout + result.stderr
    assert result.returncode == 0, text
    assert "Lints for" not in text, text


def test_user_years_replace_the_example(tmp_path):
    workdir = copy_project(tmp_path)
    write_three_years(workdir)
    result = run_snakemake(workdir, "--configfile", "fixture/config.yaml", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "resources/example" not in result.stdout + result.stderr
    assert "fixture/enquete_2018.csv" in result.stdout + result.stderr


# --- bad input: one clear line, non-zero exit, no partial output -----------------------------


@pytest.fixture
def broken(tmp_path) -> Path:
    workdir = copy_project(tmp_path)
    write_three_years(workdir)
    return workdir


def test_unmapped_code(broken):
    edit(broken / "fixture/enquete_2020.csv", "1,T1,,1,,1,2,", "1,T1,,1,,7,2,")
    line = fail_with(broken, "ingest")
    assert "fixture/enquete_2020.csv" in line and "'Q02'" in line and "7" in line and "inzendingen: 1" in line


def test_missing_variable(broken):
    edit(broken / "fixture/enquete_2019.csv", ",Q06,", ",Q6,")
    line = fail_with(broken, "ingest")
    assert "Q06 (dichtstbij: Q6" in line and "enquete_2019.csv" in line


def test_duplicate_inventory_id(broken):
    edit(broken / "fixture/inventaris_2020.csv", "T4,Valpreventie", "T1,Valpreventie")
    line = fail_with(broken, "ingest")
    assert "inventaris_2020.csv" in line and "initiatief_id komt meer dan eens voor: T1" in line


def test_missing_inventory_column(broken):
    path = broken / "fixture/inventaris_2018.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(",".join(line.split(",")[:3] + line.split(",")[4:]) for line in text) + "\n")
    line = fail_with(broken, "ingest")
    assert "inventaris_2018.csv" in line and "gemeente_code" in line


def test_unreadable_file(broken):
    (broken / "fixture/enquete_2020.xlsx").write_bytes(b"not a workbook")
    edit(broken / "fixture/config.yaml", "fixture/enquete_2020.csv", "fixture/enquete_2020.xlsx")
    line = fail_with(broken, "ingest")
    assert "enquete_2020.xlsx" in line and "Excel-bestand" in line


def test_bad_links_file(broken):
    (broken / "fixture/links.csv").write_text("submission_id,initiatief_id\n2,T9\n", encoding="utf-8")
    edit(broken / "fixture/config.yaml", "links: null", "links: fixture/links.csv")
    line = fail_with(broken, "koppeling")
    assert "fixture/links.csv" in line and "T9" in line


def test_config_error_names_the_key(broken):
    result = run_snakemake(broken, "--configfile", "fixture/config.yaml", "--config", "year=2021")
    assert result.returncode != 0
    assert "'year': 2021 staat niet onder 'years'" in result.stderr
