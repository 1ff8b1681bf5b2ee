"""The HTML factsheet against WCAG 2.1 A and AA, with axe-core in headless Chromium (make a11y), and
against Reflow (1.4.10, which axe does not check): at 320 px wide the page does not scroll sideways."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

AUDIT = ROOT / "tests/a11y/audit.js"
STYLE = ROOT / "reports/_extensions/rivm/factsheet.css"
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
    for width in (1280, 390, 320):  # the page exactly as wide as the screen: nothing scrolls sideways
        assert f"@{width}px: 0 overtredingen, pagina {width} px breed" in result.stdout


def page_with_long_links(style: str) -> str:
    """A page as the factsheet's sources and footnotes have it: web addresses longer than a phone is wide."""
    address = "https://www.rijksoverheid.nl/documenten/kamerstukken/2020/06/30/evaluatie-preventie-in-het-zorgstelsel"
    return (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Bronnen</title><style>{style}</style>'
        f'</head><body><main><h1>Bronnen</h1><ol><li>Kamerbrief. <a href="{address}">{address}</a></li></ol>'
        f'<p>Zie<sup><a href="#voetnoot">1</a></sup>.</p><p id="voetnoot">1. {address}</p></main></body></html>'
    )


def test_the_audit_fails_on_a_page_wider_than_a_phone(tmp_path):
    page = tmp_path / "bronnen.html"
    page.write_text(page_with_long_links(""), encoding="utf-8")
    result = audit(page)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "@1280px: 0 overtredingen" in result.stdout  # axe finds nothing: only the width measurement fails
    line = next(line for line in result.stdout.splitlines() if line.startswith("OVERTREDING bronnen.html @320px"))
    assert "reflow" in line and "het scherm 320 px" in line and "rijksoverheid.nl" in line


def test_the_house_style_breaks_long_web_addresses_at_320_px(tmp_path):
    page = tmp_path / "bronnen.html"
    page.write_text(page_with_long_links(STYLE.read_text(encoding="utf-8")), encoding="utf-8")
    result = audit(page)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "@320px: 0 overtredingen, pagina 320 px breed" in result.stdout


def test_the_audit_fails_on_a_violation(tmp_path):
    page = tmp_path / "fout.html"
    page.write_text(
        '<!doctype html><html><head><title>x</title></head><body><img src="x.png"></body></html>', encoding="utf-8"
    )
    result = audit(page)
    assert result.returncode == 1 and "image-alt" in result.stdout and "html-has-lang" in result.stdout
