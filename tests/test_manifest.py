"""The manifest names the code that made the results."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from preventie.manifest import build_manifest, code_fingerprint, code_record, git_describe, pipeline_version


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_the_code_fingerprint_changes_with_any_byte_or_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    files = [write(tmp_path / "rules/a.smk", "rule a:\n"), write(tmp_path / "scripts/a.py", "print(1)\n")]
    before = code_fingerprint([f.replace(str(tmp_path) + "/", "") for f in files])
    assert before == code_fingerprint(["scripts/a.py", "rules/a.smk", "rules/a.smk"])  # order and repeats do not count
    write(tmp_path / "scripts/a.py", "print(2)\n")
    assert code_fingerprint(["rules/a.smk", "scripts/a.py"]) != before
    write(tmp_path / "scripts/a.py", "print(1)\n")
    (tmp_path / "scripts/a.py").rename(tmp_path / "scripts/b.py")
    assert code_fingerprint(["rules/a.smk", "scripts/b.py"]) != before


def test_each_stage_is_named_with_its_own_code(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("scripts/tables.py", "scripts/figures.py", "lib/io.py", "lib/stats.py", "lib/figures.py"):
        write(tmp_path / name, f"# {name}\n")
    stages = {
        "tables": {"code": ["scripts/tables.py", "lib/io.py", "lib/stats.py"], "outputs": ["out/t.csv"]},
        "figures": {"code": ["scripts/figures.py", "lib/io.py", "lib/figures.py"], "outputs": ["out/f.png"]},
    }
    pipeline, steps = code_record(stages, "1.2.3")
    union = ["lib/figures.py", "lib/io.py", "lib/stats.py", "scripts/figures.py", "scripts/tables.py"]
    assert list(pipeline["code"]) == union
    assert pipeline["code_sha256"] == code_fingerprint(union) and pipeline["versie"] == "1.2.3"
    assert steps["tables"] == {
        "code": ["lib/io.py", "lib/stats.py", "scripts/tables.py"],
        "code_sha256": code_fingerprint(stages["tables"]["code"]),
        "uitvoer": ["out/t.csv"],
    }
    # a module of the figures only: the figures' code and the whole change, the tables' does not
    write(tmp_path / "lib/figures.py", "# changed\n")
    pipeline_after, steps_after = code_record(stages, "1.2.3")
    assert steps_after["tables"] == steps["tables"]
    assert steps_after["figures"]["code_sha256"] != steps["figures"]["code_sha256"]
    assert pipeline_after["code_sha256"] != pipeline["code_sha256"]
    assert pipeline_after["code"]["lib/figures.py"] != pipeline["code"]["lib/figures.py"]


def test_every_output_of_a_manifest_belongs_to_one_stage(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "a.py", "x = 1\n")
    write(tmp_path / "out.csv", "a\n1\n")
    stages = {"a": {"code": ["a.py"], "outputs": ["out.csv"]}}
    manifest = build_manifest(2020, [], ["out.csv"], None, {}, {}, "1", stages)
    assert manifest["stappen"]["a"]["uitvoer"] == list(manifest["uitvoer"]) == ["out.csv"]
    with pytest.raises(ValueError, match="without a stage"):
        build_manifest(2020, [], ["out.csv"], None, {}, {}, "1", {"a": {"code": ["a.py"], "outputs": []}})
    with pytest.raises(ValueError, match="more than one stage"):
        build_manifest(2020, [], ["out.csv"], None, {}, {}, "1", {**stages, "b": stages["a"]})


def test_the_version_is_the_package_version_outside_a_checkout(tmp_path):
    pyproject = write(tmp_path / "pyproject.toml", '[project]\nname = "preventie"\nversion = "1.2.3"\n')
    assert git_describe(tmp_path) is None
    assert pipeline_version(pyproject) == "1.2.3"


@pytest.mark.skipif(shutil.which("git") is None, reason="git is niet geïnstalleerd")
def test_the_version_names_the_commit_in_a_checkout(tmp_path):
    pyproject = write(tmp_path / "pyproject.toml", '[project]\nname = "preventie"\nversion = "1.2.3"\n')
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "x"], check=True)
    subprocess.run([*git, "tag", "v1.2.3"], check=True)
    assert pipeline_version(pyproject) == "1.2.3 (v1.2.3)"
    write(tmp_path / "pyproject.toml", '[project]\nname = "preventie"\nversion = "1.2.4"\n')
    assert pipeline_version(pyproject) == "1.2.4 (v1.2.3-dirty)"
