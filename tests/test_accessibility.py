"""The HTML factsheet against WCAG 2.1 A and AA, with axe-core in headless Chromium (make a11y)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

AUDIT = ROOT / "tests/a11y/audit.js"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
missing = [
    what
    for what, there in (
        ("node", shutil.which("node")),
        ("Chromium", Path(CHROMIUM).exists()),
        ("axe-core", (ROOT / "tests/a11y/node_modules/axe-core").is_dir()),
    )
    if not there
]
pytestmark = pytest.mark.skipif(
    bool(missing), reason=f"niet geïnstalleerd: {', '.join(missing)} (zie README, 'make a11y')"
)


def audit(*pages: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["node", str(AUDIT), *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ, CHROMIUM=CHROMIUM),
    )


@pytest.mark.e2e
def test_factsheet_has_no_wcag_a_or_aa_violation_at_desktop_and_phone_width(example_run):
    result = audit(example_run / "results/2020/factsheet/factsheet_2020.html")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "@1280px: 0 overtredingen" in result.stdout and "@390px: 0 overtredingen" in result.stdout


def test_the_audit_fails_on_a_violation(tmp_path):
    page = tmp_path / "fout.html"
    page.write_text(
        '<!doctype html><html><head><title>x</title></head><body><img src="x.png"></body></html>', encoding="utf-8"
    )
    result = audit(page)
    assert result.returncode == 1 and "image-alt" in result.stdout and "html-has-lang" in result.stdout
