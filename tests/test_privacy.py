"""No personal data of respondents in any output or log of the example run."""

from __future__ import annotations

import pyreadstat
import pytest
import yaml

from conftest import ROOT

pytestmark = pytest.mark.e2e


def pii_values() -> set[str]:
    """Every non-empty value of every PII variable in the example exports."""
    values: set[str] = set()
    for year in (2019, 2020):
        book = yaml.safe_load((ROOT / f"resources/example/codeboek_{year}.yaml").read_text(encoding="utf-8"))
        data, _ = pyreadstat.read_sav(str(ROOT / f"resources/example/enquete_{year}.sav"), usecols=book["pii"])
        for column in book["pii"]:
            values |= {str(v).strip() for v in data[column] if str(v).strip() and str(v) != "nan"}
    return values


def test_example_exports_really_contain_pii():
    values = pii_values()
    assert any("@" in v for v in values) and len(values) > 300


def test_no_pii_value_in_any_result_or_log(example_run):
    values = [v.encode("utf-8") for v in pii_values()]
    files = [p for d in ("results", "logs", ".snakemake/log") for p in (example_run / d).rglob("*") if p.is_file()]
    assert len(files) > 30
    hits = [(str(p.relative_to(example_run)), v.decode()) for p in files for v in values if v in p.read_bytes()]
    assert hits == []
