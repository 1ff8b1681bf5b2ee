"""Editions: the git tag names the edition (`v2021.1` is edition 2021.1), and the manifest, the
report and the factsheet's colophon name it, or say that the code is no edition. pyproject.toml,
CITATION.cff and CHANGELOG.md agree on the edition in the making, and on a released one with its
tag. None of this needs a tag in the checkout: a fresh clone in CI may have none."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

import documents
from conftest import PROJECT_PARTS, ROOT, SNAKEMAKE, run_snakemake
from preventie.factsheet.printed_numbers import untraced
from preventie.manifest import EDITION, git_describe, pipeline_version
from preventie.render import pipeline_label, renderer_sentence
from test_ci import check_jsonschema, report_command

PANDOC = {"renderer": "pandoc", "pandoc": "3.9", "typst": "0.15.2"}
QUARTO = {"renderer": "quarto", "quarto": "1.10.18", "pandoc": "3.9", "typst": "0.15.2"}


def git(folder: Path, *args: str) -> str:
    command = ["git", "-C", str(folder), "-c", "user.name=t", "-c", "user.email=t@example.org", *args]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout.strip()


def checkout(folder: Path, version: str) -> Path:
    """A git checkout of one commit with a pyproject.toml of this version; its pyproject.toml."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "pyproject.toml").write_text(f'[project]\nname = "preventie"\nversion = "{version}"\n', encoding="utf-8")
    (folder / "code.py").write_text("print(1)\n", encoding="utf-8")
    git(folder, "init", "-q")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "x")
    return folder / "pyproject.toml"


# --- the version ------------------------------------------------------------------------------------


def test_the_tag_names_the_edition_and_nothing_else_does(tmp_path):
    pyproject = checkout(tmp_path, "2021.1.dev0")
    commit = git(tmp_path, "rev-parse", "--short", "HEAD")
    assert pipeline_version(pyproject) == f"2021.1.dev0 ({commit})"  # no tag yet
    git(tmp_path, "tag", "v2021.1")
    assert pipeline_version(pyproject) == "2021.1"  # the tag, whatever pyproject.toml says
    (tmp_path / "code.py").write_text("print(2)\n", encoding="utf-8")
    assert pipeline_version(pyproject) == "2021.1.dev0 (v2021.1-dirty)"  # changed code is no edition
    git(tmp_path, "commit", "-qam", "y")
    later = git(tmp_path, "rev-parse", "--short", "HEAD")
    assert pipeline_version(pyproject) == f"2021.1.dev0 (v2021.1-1-g{later})"  # nor is a later commit
    git(tmp_path, "tag", "v2021.2-test")
    assert pipeline_version(pyproject) == "2021.1.dev0 (v2021.2-test)"  # a tag that names no edition
    assert pipeline_version(pyproject, tmp_path) == pipeline_version(pyproject)


def test_outside_a_checkout_the_version_is_pyprojects(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "preventie"\nversion = "2021.1"\n', encoding="utf-8")
    assert git_describe(tmp_path) is None
    assert pipeline_version(tmp_path / "pyproject.toml") == "2021.1"  # a released edition's own files


def test_the_colophon_and_the_report_say_edition_or_no_edition():
    assert pipeline_label("2021.1") == "editie 2021.1"
    assert pipeline_label("2021.1.dev0 (v2020.2-3-g1a2b3c4)") == "versie 2021.1.dev0 (v2020.2-3-g1a2b3c4), geen editie"
    assert pipeline_label("2021.1.dev0") == "versie 2021.1.dev0, geen editie"
    assert renderer_sentence(PANDOC, pipeline_label("2021.1")) == (
        "Opgemaakt met pandoc 3.9 en Typst 0.15.2. Berekend met de evaluatiepijplijn, editie 2021.1."
    )
    assert renderer_sentence(QUARTO, pipeline_label("2021.1.dev0 (9c79bda-dirty)")) == (
        "Opgemaakt met Quarto 1.10.18 (pandoc 3.9, Typst 0.15.2). "
        "Berekend met de evaluatiepijplijn, versie 2021.1.dev0 (9c79bda-dirty), geen editie."
    )


@pytest.mark.parametrize("version", ["2021.1", "2021.1.dev0", "2021.1.dev0 (v2020.2-13-g1a2b3c4-dirty)", "onbekend"])
def test_the_colophons_digits_are_allowed(version):
    assert untraced(renderer_sentence(QUARTO, pipeline_label(version))) == []


def test_versie_and_editie_elsewhere_allow_no_typed_number():
    assert len(untraced("Volgens versie 3 van de richtlijn en editie 2 van het handboek.")) == 2
    assert [
        re.search(r"\d+ gemeenten", d).group() for d in untraced("De evaluatiepijplijn, versie 2 telde 17 gemeenten.")
    ] == ["17 gemeenten"]


# --- pyproject.toml, CITATION.cff and CHANGELOG.md ---------------------------------------------------------

SECTION = re.compile(r"^## (\S+) \((.+)\)$", re.M)


def release_problems(root: Path) -> list[str]:
    """Where pyproject.toml, CITATION.cff, CHANGELOG.md and the tags of a checkout disagree about
    the edition (README, "Edities")."""
    version = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    citation = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    sections = SECTION.findall((root / "CHANGELOG.md").read_text(encoding="utf-8"))
    problems = []
    edition, dev = re.fullmatch(r"(.+?)((?:\.dev\d+)?)", version).groups()
    if not EDITION.fullmatch(edition):
        problems.append(f"pyproject.toml: versie {version} is geen <jaar>.<n> of <jaar>.<n>.dev0")
    if str(citation.get("version")) != version:
        problems.append(f"CITATION.cff: version {citation.get('version')}, pyproject.toml: {version}")
    if not sections or sections[0][0] != edition:
        problems.append(f"CHANGELOG.md: de bovenste sectie is niet {edition}")
    dates = {name: when for name, when in sections}
    for name, when in sections:
        if not EDITION.fullmatch(name):
            problems.append(f"CHANGELOG.md: sectie '{name}' is geen editie <jaar>.<n>")
        elif when != "nog niet uitgebracht" and not re.fullmatch(r"\d{4}-\d\d-\d\d", when):
            problems.append(f"CHANGELOG.md: {name} heeft geen datum (JJJJ-MM-DD) en is niet 'nog niet uitgebracht'")
    order = [tuple(map(int, name.split("."))) for name, _ in sections if EDITION.fullmatch(name)]
    if order != sorted(order, reverse=True) or len(set(order)) != len(order):
        problems.append("CHANGELOG.md: de edities staan niet van nieuw naar oud, elk één keer")
    if [name for name, when in sections[1:] if when == "nog niet uitgebracht"]:
        problems.append("CHANGELOG.md: alleen de bovenste editie mag nog niet uitgebracht zijn")
    released = dates.get(edition) not in (None, "nog niet uitgebracht")
    if released == bool(dev):
        problems.append(f"pyproject.toml {version} en CHANGELOG.md ({dates.get(edition)}) spreken elkaar tegen")
    if str(citation.get("date-released")) != (dates[edition] if released else "None"):
        problems.append(
            f"CITATION.cff: date-released {citation.get('date-released')}, CHANGELOG.md: {dates.get(edition)}"
        )
    tags = subprocess.run(
        ["git", "-C", str(root), "tag", "--list", "v*"], capture_output=True, text=True
    ).stdout.split()
    for tag in tags:
        if EDITION.fullmatch(tag[1:]) and dates.get(tag[1:]) in (None, "nog niet uitgebracht"):
            problems.append(f"CHANGELOG.md: geen gedateerde sectie voor de tag {tag}")
    at_edition = pipeline_version(root / "pyproject.toml")
    if EDITION.fullmatch(at_edition) and git_describe(root) and at_edition != version:
        problems.append(f"de checkout is editie {at_edition}, pyproject.toml zegt {version}")
    return problems


def test_pyproject_citation_and_changelog_agree_on_the_edition():
    assert release_problems(ROOT) == []


def release_files(folder: Path, version: str, sections: str, date: str | None = None) -> None:
    checkout(folder, version)
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")) | {"version": version}
    if date:
        citation["date-released"] = date
    (folder / "CITATION.cff").write_text(yaml.safe_dump(citation), encoding="utf-8")
    (folder / "CHANGELOG.md").write_text(f"# Wijzigingen\n\n{sections}", encoding="utf-8")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "release files")


def test_a_release_is_checked_against_its_tag(tmp_path):
    release_files(tmp_path, "2021.2.dev0", "## 2021.2 (nog niet uitgebracht)\n\n## 2021.1 (2022-03-01)\n")
    assert release_problems(tmp_path) == []
    git(tmp_path, "tag", "v2021.2")  # tagged before its release commit
    assert release_problems(tmp_path) == [
        "CHANGELOG.md: geen gedateerde sectie voor de tag v2021.2",
        "de checkout is editie 2021.2, pyproject.toml zegt 2021.2.dev0",
    ]
    git(tmp_path, "tag", "-d", "v2021.2")
    release_files(tmp_path, "2021.2", "## 2021.2 (2022-06-01)\n\n## 2021.1 (2022-03-01)\n", date="2022-06-01")
    git(tmp_path, "tag", "v2021.2")
    assert release_problems(tmp_path) == []


def test_a_changelog_out_of_step_is_found(tmp_path):
    release_files(
        tmp_path, "2021.1.dev0", "## 2021.1 (2022-03-01)\n\n## 2021.3 (nog niet uitgebracht)\n\n## Later (ooit)\n"
    )
    assert release_problems(tmp_path) == [
        "CHANGELOG.md: sectie 'Later' is geen editie <jaar>.<n>",
        "CHANGELOG.md: de edities staan niet van nieuw naar oud, elk één keer",
        "CHANGELOG.md: alleen de bovenste editie mag nog niet uitgebracht zijn",
        "pyproject.toml 2021.1.dev0 en CHANGELOG.md (2022-03-01) spreken elkaar tegen",
        "CITATION.cff: date-released None, CHANGELOG.md: 2022-03-01",
    ]


def test_the_citation_is_valid_cff_offline():
    result = check_jsonschema("vendor.citation-file-format", ROOT / "CITATION.cff")
    assert result.returncode == 0, result.stdout + result.stderr


# --- end to end: the tagged example -----------------------------------------------------------------------


@pytest.mark.e2e
def test_a_tagged_checkout_names_its_edition_in_manifest_report_and_colophon(example_run, tmp_path):
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    html = documents.html_page(example_run / "results/2020/factsheet/factsheet_2020.html").text
    assert f"Berekend met de evaluatiepijplijn, versie {version}, geen editie." in html  # a copy is no checkout

    work = tmp_path / "editie"
    shutil.copytree(example_run, work, symlinks=True)
    git(work, "init", "-q")
    git(work, "add", *(p for p in PROJECT_PARTS if (work / p).exists()))
    git(work, "commit", "-qm", "editie")
    git(work, "tag", "v2021.1")
    result = run_snakemake(work)  # the factsheet's version changed: it is made again, and so is the manifest
    assert result.returncode == 0, result.stderr[-3000:]
    assert re.search(r"rule factsheet:", result.stderr) and re.search(r"rule manifest:", result.stderr)

    manifest = json.loads((work / "results/2020/manifest.json").read_text(encoding="utf-8"))
    assert manifest["pijplijn"]["versie"] == "2021.1"
    colophon = "Berekend met de evaluatiepijplijn, editie 2021.1."
    assert colophon in documents.html_page(work / "results/2020/factsheet/factsheet_2020.html").text
    assert colophon in documents.pdf_text(work / "results/2020/factsheet/factsheet_2020.pdf")
    assert colophon in documents.docx_text(work / "results/2020/factsheet/factsheet_2020.docx")

    command = report_command(Path(SNAKEMAKE).parent)
    report = subprocess.run(command, cwd=work, capture_output=True, text=True, timeout=600)
    assert report.returncode == 0, report.stderr[-3000:]
    page = (work / command[command.index("--report") + 1]).read_text(encoding="utf-8")
    assert "gemaakt uit de tabellen van dit rapport met de evaluatiepijplijn, editie 2021.1." in page
    assert git(work, "describe", "--tags", "--dirty") == "v2021.1"  # and nothing of this changed the code
