"""End to end with Snakemake: the three-year DAG, config handling, lint (bad input: test_bad_input.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import copy_project, run_snakemake
from fixtures import PII_EMAIL, write_three_years
from preventie.naming import STAGES

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
    assert overname(three_years, 2019) == {"T2": "overgenomen", "T4": "bestaat_niet"}
    # T2 was carried into 2019, not its own response there: not carried again into 2020
    assert overname(three_years, 2020) == {
        "T2": "geen_respons_vorig_jaar",
        "T3": "overgenomen_geexcludeerd",
        "T4": "bestaat_niet",
    }
    flow = pd.read_csv(three_years / "fixture_results/2020/tabellen/stroom.csv").set_index("stap")["n"]
    assert flow["geidentificeerd"] == 4 and flow["geanalyseerd"] == 1 and flow["inzendingen_ongekoppeld"] == 1


def test_only_what_the_factsheet_needs_is_built(three_years):
    """2020's factsheet needs 2019's analysed set and 2018's own responses, nothing more of them."""
    results = three_years / "fixture_results"
    assert (results / "2019/analyse/classificatie.csv").exists() and not (results / "2019/tabellen").exists()
    assert (results / "2018/respons/antwoorden.parquet").exists() and not (results / "2018/overname").exists()
    assert not (results / "2019/manifest.json").exists() and (results / "2020/manifest.json").exists()


@pytest.mark.parametrize(
    "years, first_year, missing",
    [((2019, 2020), 2018, 2018), ((2020,), 2018, 2019)],
)
def test_a_year_analysed_without_its_previous_year_is_refused_at_start(tmp_path, years, first_year, missing):
    workdir = copy_project(tmp_path)
    config = write_three_years(workdir)
    conf = yaml.safe_load(config.read_text(encoding="utf-8"))
    conf["years"] = {y: conf["years"][y] for y in years}
    conf["first_year"] = first_year
    config.write_text(yaml.safe_dump(conf), encoding="utf-8")
    result = run_snakemake(workdir, "--configfile", "fixture/config.yaml", "--dry-run")
    assert result.returncode != 0
    fout = [line for line in result.stderr.splitlines() if line.startswith("FOUT")]
    assert len(fout) == 1 and fout[0].startswith(
        f"FOUT [configuratie]: ongeldige configuratie bij 'years': {missing} ontbreekt"
    ), result.stderr
    assert f"Voeg {missing} toe onder 'years'" in fout[0]


def test_pii_of_the_export_appears_in_no_output_or_log(three_years):
    logs = list((three_years / "fixture_results").glob("*/logs/*.log"))
    assert logs  # the logs live in the results folder
    for path in (three_years / "fixture_results").rglob("*"):
        if path.is_file():
            assert PII_EMAIL.encode() not in path.read_bytes(), path


def test_every_warning_on_the_terminal_is_in_the_years_warnings_table(three_years):
    """Each stage that ran for 2020's results (also 2019's up to its analysed set and 2018's up to
    its responses) gave its warnings to waarschuwingen.csv: the same lines as on the terminal."""
    terminal = sorted(
        (int(m[2]), m[1], m[3])
        for m in re.finditer(r"^WAARSCHUWING \[(\w+) (\d{4})\]: (.*)$", (three_years / "stderr.txt").read_text(), re.M)
    )
    table = pd.read_csv(three_years / "fixture_results/2020/waarschuwingen.csv", keep_default_na=False)
    assert terminal and sorted(zip(table["jaar"], table["stap"], table["melding"])) == terminal
    assert "overig" not in set(table["soort"])  # every warning says what kind it is
    for year, stages in ((2018, STAGES[:3]), (2019, STAGES[:6]), (2020, STAGES)):  # respons, analyse, all
        ran = {
            p.name.split(".")[0] for p in (three_years / f"fixture_results/{year}/logs").glob("*.waarschuwingen.csv")
        }
        assert ran >= set(stages) and (year == 2020 or ran == set(stages)), year


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
