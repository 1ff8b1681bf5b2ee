"""End to end with Snakemake: the three-year DAG, config handling, lint (bad input: test_bad_input.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from conftest import copy_project, run_snakemake
from fixtures import PII_EMAIL, write_three_years

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
        "T2": "geen_respons_vorig_jaar",
        "T3": "overgenomen_geexcludeerd",
        "T4": "bestaat_niet",
    }
    flow = pd.read_csv(three_years / "fixture_results/2020/tabellen/stroom.csv").set_index("stap")["n"]
    assert flow["geidentificeerd"] == 4 and flow["geanalyseerd"] == 1 and flow["inzendingen_ongekoppeld"] == 1


def test_missing_previous_year_is_a_visible_warning(three_years):
    stderr = three_years.joinpath("stderr.txt").read_text(encoding="utf-8")
    assert re.search(r"WAARSCHUWING \[carry_forward 2018\]: geen data voor 2017", stderr)


def test_pii_of_the_export_appears_in_no_output_or_log(three_years):
    logs = list((three_years / "fixture_results").glob("*/logs/*.log"))
    assert logs  # the logs live in the results folder
    for path in (three_years / "fixture_results").rglob("*"):
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
