"""The link decisions on the example scaled ×10 and ×100 (the inputs of tests/benchmark.py) stay
what they were: whatever makes the fuzzy search faster must give the same link, method and score
for every submission. A record of them is kept in tests/koppeling_sha256.json, apart from the
reasons (the text a reviewer reads), so that a reason may be reworded without hiding a changed
decision. The example itself (×1) is in tests/voorbeeld_sha256.json (test_identical.py).

Regenerate the record only after checking that a change of decisions is meant:

    PYTHONPATH=workflow .venv/bin/python tests/test_link_scaled.py
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pandas as pd
import pytest
from benchmark import YEARS, scale_example, write_config

from conftest import ROOT, copy_project, run_snakemake

RECORD = ROOT / "tests" / "koppeling_sha256.json"
SCALES = (10, 100)
DECISIONS = ["submission_id", "initiatief_id", "methode", "score"]


def link_tables(workdir: Path, k: int, inputs: Path) -> dict[int, pd.DataFrame]:
    """koppeling.csv of both years of the example ×k, made by Snakemake in `workdir`."""
    configfile = write_config(workdir, k, scale_example(k, inputs))
    targets = [f"results_x{k}/{year}/koppeling/koppeling.csv" for year in YEARS]
    result = run_snakemake(workdir, *targets, "--configfile", str(configfile))
    assert result.returncode == 0, result.stderr[-4000:]
    return {year: pd.read_csv(workdir / target, dtype=str) for year, target in zip(YEARS, targets)}


def digests(links: pd.DataFrame) -> dict[str, str]:
    """sha256 of the decisions (link, method, score per submission) and of the reasons."""

    def sha(columns: list[str]) -> str:
        text = links[columns].to_csv(index=False, lineterminator="\n")
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    return {"beslissingen": sha(DECISIONS), "toelichting": sha(["submission_id", "toelichting"])}


@pytest.fixture(scope="module")
def scaled(tmp_path_factory) -> dict[int, dict[int, pd.DataFrame]]:
    workdir = copy_project(tmp_path_factory.mktemp("geschaald"))
    inputs = tmp_path_factory.mktemp("invoer")
    return {k: link_tables(workdir, k, inputs / f"x{k}") for k in SCALES}


@pytest.fixture(scope="module")
def example_links(example_run) -> dict[int, pd.DataFrame]:
    return {year: pd.read_csv(example_run / f"results/{year}/koppeling/koppeling.csv", dtype=str) for year in YEARS}


@pytest.mark.parametrize("k", SCALES)
@pytest.mark.parametrize("year", YEARS)
def test_the_decisions_on_scaled_inputs_are_the_recorded_ones(scaled, k, year):
    recorded = json.loads(RECORD.read_text(encoding="utf-8"))[f"x{k}"][str(year)]
    assert digests(scaled[k][year]) == recorded


@pytest.mark.parametrize("k", SCALES)
@pytest.mark.parametrize("year", YEARS)
def test_each_method_links_k_times_what_it_links_in_the_example(scaled, example_links, k, year):
    # the scaled inputs repeat each initiative and submission k times, each replica apart
    counts = scaled[k][year]["methode"].value_counts().sort_index()
    assert counts.to_dict() == (example_links[year]["methode"].value_counts().sort_index() * k).to_dict()


def record(workdir: Path, scratch: Path) -> dict:
    """The record of every scale, made in a copy of the project."""
    workdir.mkdir(parents=True)
    copy_project(workdir)
    return {
        f"x{k}": {str(year): digests(frame) for year, frame in link_tables(workdir, k, scratch / f"x{k}").items()}
        for k in SCALES
    }


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as scratch:
        found = record(Path(scratch) / "project", Path(scratch) / "invoer")
    RECORD.write_text(json.dumps(found, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"geschreven: {RECORD}", file=sys.stderr)
