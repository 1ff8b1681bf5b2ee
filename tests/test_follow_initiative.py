"""Tracing one initiative through a year's results (the reviewer's command)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from preventie.__main__ import main
from preventie.errors import PipelineError
from preventie.tools.follow_initiative import trace

pytestmark = pytest.mark.e2e


def test_trace_of_a_duplicate_responder_shows_every_step(example_run):
    lines = "\n".join(trace("NI-0001", 2020, example_run / "results"))
    for expected in (
        "1. Inventarisatie",
        "inzending 10201: token",
        "-> gekozen",
        "vervallen: dubbel",
        "gerespondeerd: ja",
        "E3 minstens drie samenwerkende partijen: voldaan",
        "5. Classificatie",
        "regel: R1_preventiecoalitie",
        "6. Telt mee in",
        "partijen: in de noemer",
    ):
        assert expected in lines, expected


def test_trace_of_a_carried_but_excluded_initiative(example_run):
    lines = "\n".join(trace("NI-0022", 2020, example_run / "results"))
    assert "uitkomst: overgenomen_geexcludeerd" in lines
    assert "E1 richt zich op preventie: niet_voldaan" in lines
    assert "niet geanalyseerd" in lines


def test_unknown_initiative_is_one_clear_error(example_run):
    with pytest.raises(PipelineError, match="NI-9999 staat niet in de inventarisatie van 2020"):
        trace("NI-9999", 2020, example_run / "results")
    assert main(["trace", "NI-9999", "--year", "2020", "--results", str(example_run / "results")]) == 1


def test_command_line_prints_without_personal_data(example_run):
    from test_privacy import pii_values

    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "preventie",
            "trace",
            "NI-0001",
            "--year",
            "2020",
            "--results",
            str(example_run / "results"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "Initiatief NI-0001, jaar 2020" in result.stdout
    assert [v for v in pii_values() if v in result.stdout] == []
