"""The example's results, byte for byte as recorded in tests/voorbeeld_sha256.json.

A change that should leave every result as it was (moving code, renaming, splitting a module)
is checked against the record: every file of the example run under results/ has the sha256 it
had. What may differ without a result differing is left out: the logs (times), the manifest
(it names the code, which such a change changes) and the Snakemake report. The factsheet's
documents, its filled-in source and weergave.json depend on the renderer, so they are recorded
per renderer (Quarto and the pandoc fallback) and compared with the record of the run's one.

A change that is meant to change results writes a new record, and its diff shows which files
changed:

    .venv/bin/python tests/test_identical.py RUN_FOLDER   # after `make run` in RUN_FOLDER
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest

RECORD = Path(__file__).with_name("voorbeeld_sha256.json")
RENDERED = (".html", ".pdf", ".docx", ".qmd")


def left_out(relative: str) -> bool:
    """Files whose bytes may change while every result stays the same."""
    parts = relative.split("/")
    return "logs" in parts or parts[-1] == "manifest.json" or relative == "results/rapport.html"


def renderer(run: Path) -> str:
    """The program that rendered the run's documents (quarto or pandoc)."""
    (rendering,) = run.glob("results/*/factsheet/weergave.json")
    return json.loads(rendering.read_text(encoding="utf-8"))["renderer"]


def fingerprints(run: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The sha256 of every recorded file of a run: the results, and the rendered documents."""
    results, documents = {}, {}
    for path in sorted((run / "results").rglob("*")):
        relative = path.relative_to(run).as_posix()
        if path.is_file() and not left_out(relative):
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            is_document = "/factsheet/" in relative and (path.suffix in RENDERED or path.name == "weergave.json")
            (documents if is_document else results)[relative] = digest
    return results, documents


def write_record(run: Path) -> None:
    """Record a run's fingerprints, keeping the documents of the other renderer as they were."""
    record = json.loads(RECORD.read_text(encoding="utf-8")) if RECORD.exists() else {"documenten": {}}
    results, documents = fingerprints(run)
    record["resultaten"] = results
    record["documenten"][renderer(run)] = documents
    RECORD.write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def changed(recorded: dict[str, str], found: dict[str, str]) -> list[str]:
    """What differs between the record and a run, one line a file."""
    lines = [f"ontbreekt: {p}" for p in sorted(recorded.keys() - found.keys())]
    lines += [f"nieuw: {p}" for p in sorted(found.keys() - recorded.keys())]
    lines += [f"andere bytes: {p}" for p in sorted(recorded.keys() & found.keys()) if recorded[p] != found[p]]
    return lines


@pytest.mark.e2e
def test_the_example_gives_the_recorded_bytes(example_run):
    record = json.loads(RECORD.read_text(encoding="utf-8"))
    results, documents = fingerprints(example_run)
    how = f"(een bedoelde wijziging: python tests/{Path(__file__).name} <run> schrijft het nieuwe record)"
    assert not changed(record["resultaten"], results), "\n".join([how, *changed(record["resultaten"], results)])
    recorded_documents = record["documenten"][renderer(example_run)]
    assert not changed(recorded_documents, documents), "\n".join([how, *changed(recorded_documents, documents)])


def test_a_difference_is_named_file_by_file():
    recorded = {"a.csv": "1", "b.csv": "2", "c.csv": "3"}
    found = {"a.csv": "1", "b.csv": "9", "d.csv": "4"}
    assert changed(recorded, found) == ["ontbreekt: c.csv", "nieuw: d.csv", "andere bytes: b.csv"]
    assert changed(recorded, recorded) == []


def test_what_is_left_out_is_what_names_the_code_or_the_time():
    assert left_out("results/2020/manifest.json") and left_out("results/2020/logs/link.log")
    assert left_out("results/rapport.html")
    assert not left_out("results/2020/tabellen/stroom.csv") and not left_out("results/2020/datapackage.json")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    write_record(Path(sys.argv[1]))
