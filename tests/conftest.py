"""Shared builders for small canonical frames, and the one end-to-end run of the example."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from preventie import canon

ROOT = Path(__file__).resolve().parents[1]
SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))
# What a clean checkout needs to run the workflow (copied, so tests never write into the repo).
PROJECT_PARTS = (
    "Snakefile",
    "rules",
    "scripts",
    "workflow",
    "config",
    "resources",
    "reports",
    "profiles",
    "pyproject.toml",
    "requirements.txt",
    "LICENSE",
)


def submissions(rows: list[dict]) -> pd.DataFrame:
    """Canonical submissions with the pipeline's dtypes; only the given answer columns exist.

    A row may give a whole set at once: {"partijen": ["gemeente", "ggd"]} ticks those options
    (others False); {"partijen": None} leaves the set unanswered.
    """
    expanded = []
    for i, row in enumerate(rows):
        row = dict(row)
        out = {
            "submission_id": str(row.pop("submission_id", i + 1)),
            "token": row.pop("token", None),
            "naam_ingevuld": row.pop("naam_ingevuld", None),
            "ingediend_op": pd.Timestamp(row.pop("ingediend_op", "2020-11-01")),
            "afgerond": row.pop("afgerond", True),
        }
        for name in list(row):
            if name in canon.MULTIS:
                ticked = row.pop(name)
                for option in canon.MULTIS[name].options:
                    out[canon.option_column(name, option)] = None if ticked is None else option in ticked
        out.update(row)
        expanded.append(out)
    frame = pd.DataFrame(expanded)
    if any(c.startswith("partijen_") for c in frame.columns) and canon.N_PARTIJEN not in frame.columns:
        cols = [c for c in canon.set_columns("partijen") if c in frame.columns]
        frame[canon.N_PARTIJEN] = frame[cols].astype("boolean").astype("Int64").sum(axis=1, min_count=1)
    typed = pd.DataFrame(
        {
            "submission_id": frame["submission_id"].astype("string"),
            "token": frame["token"].astype("string"),
            "naam_ingevuld": frame["naam_ingevuld"].astype("string"),
            "ingediend_op": frame["ingediend_op"].astype("datetime64[us]"),
            "afgerond": frame["afgerond"].astype("boolean"),
        }
    )
    for col in canon.answer_columns():
        if col in frame.columns:
            typed[col] = frame[col].astype(canon.column_dtype(col))
    return typed


def included_answers(**overrides) -> dict:
    """Answers of a record meeting all four inclusion criteria."""
    answers = {
        "doet_preventie": "ja",
        "reikwijdte": "gemeente",
        "partijen": ["gemeente", "zorgverzekeraar", "ggd"],
        "n_interventies": 3,
    }
    answers.update(overrides)
    return answers


def inventory(rows: list[dict]) -> pd.DataFrame:
    """A validated-looking inventory frame (the ingest output's dtypes)."""
    base = {
        "naam": None,
        "bron": "vorige_inventarisatie",
        "gemeente_code": "GM0363",
        "preventiecoalitie": False,
        "coalitie_startjaar": None,
        "bestaat_nog": None,
    }
    frame = pd.DataFrame([{**base, **r} for r in rows])
    frame["naam"] = frame["naam"].fillna(frame["initiatief_id"])
    return pd.DataFrame(
        {
            "initiatief_id": frame["initiatief_id"].astype("string"),
            "naam": frame["naam"].astype("string"),
            "bron": pd.Categorical(
                frame["bron"], categories=["vorige_inventarisatie", "zonmw_jzojp", "sleutelfiguur", "overig"]
            ),
            "gemeente_code": frame["gemeente_code"].astype("string"),
            "preventiecoalitie": frame["preventiecoalitie"].astype("boolean"),
            "coalitie_startjaar": frame["coalitie_startjaar"].astype("Int64"),
            "bestaat_nog": pd.Categorical(frame["bestaat_nog"], categories=["ja", "nee", "onbekend"]),
        }
    )


def copy_project(target: Path) -> Path:
    """A copy of the runnable project (as a clean checkout has it) in `target`."""
    for part in PROJECT_PARTS:
        src = ROOT / part
        if not src.exists():  # e.g. a folder with nothing committed in it yet
            continue
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(src, target / part)
    return target


def run_snakemake(workdir: Path, *args: str, timeout: int = 600) -> subprocess.CompletedProcess:
    """Run Snakemake in `workdir` with the test's Python environment."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1605830400")
    return subprocess.run(
        [SNAKEMAKE, "--cores", "2", "--nolock", *args],
        cwd=workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture(scope="session")
def example_run(tmp_path_factory) -> Path:
    """The example pipeline run once (default target) in a temporary copy of the project."""
    workdir = copy_project(tmp_path_factory.mktemp("voorbeeld"))
    result = run_snakemake(workdir)
    assert result.returncode == 0, result.stderr[-4000:]
    return workdir


@pytest.fixture(scope="session")
def example_run_2019(example_run, tmp_path_factory) -> Path:
    """The example's 2019 factsheet (`--config year=2019`, HTML through pandoc: quick), built in a
    copy of the example run, which already holds 2019's analysed set."""
    workdir = tmp_path_factory.mktemp("voorbeeld_2019")
    shutil.copytree(example_run, workdir, dirs_exist_ok=True)
    result = run_snakemake(workdir, "--config", "year=2019", "report={formats: [html], renderer: pandoc}")
    assert result.returncode == 0, result.stderr[-4000:]
    return workdir
