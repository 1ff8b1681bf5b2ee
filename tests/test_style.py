"""The code keeps the project's style: ruff (lint and format) for Python, snakefmt for the
workflow. `make format` applies both."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

BIN = Path(sys.executable).parent
CHECKS = {
    "ruff check": [str(BIN / "ruff"), "check", "--no-cache", "."],
    "ruff format": [str(BIN / "ruff"), "format", "--check", "--no-cache", "."],
    "snakefmt": [str(BIN / "snakefmt"), "--check", "Snakefile", "rules/"],
}


@pytest.mark.parametrize("name", CHECKS)
def test_the_code_keeps_its_style(name):
    command = CHECKS[name]
    if not Path(command[0]).exists():
        pytest.skip(f"{name} is niet geïnstalleerd (make installeert het uit requirements.txt)")
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{name}: {result.stdout[-3000:]}{result.stderr[-3000:]} (herstel met: make format)"


# A reader of the project finds its rules, methods and outputs in the project itself: no file
# sends them to a specification outside the repository. (Spelled in parts, so that this file
# does not match itself.)
OUTSIDE_SPECS = re.compile("|".join(["SPEC" + r"\s*§", "SPEC" + r"\.md", "ARCHITECTURE" + r"\.md"]))
SKIPPED_DIRS = {".git", ".venv", ".snakemake", "node_modules", "results", "__pycache__", ".pytest_cache"}


def project_text_files():
    for path in sorted(ROOT.rglob("*")):
        parts = set(path.relative_to(ROOT).parts)
        if path.is_file() and not parts & SKIPPED_DIRS and path.suffix not in {".sav", ".xlsx", ".png", ".docx"}:
            try:
                yield path, path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue


def test_no_file_points_to_a_specification_outside_the_project():
    found = [
        f"{path.relative_to(ROOT)}:{text[: m.start()].count(chr(10)) + 1}"
        for path, text in project_text_files()
        for m in OUTSIDE_SPECS.finditer(text)
    ]
    assert not found, "verwijzing naar een specificatie buiten het project: " + ", ".join(found)
