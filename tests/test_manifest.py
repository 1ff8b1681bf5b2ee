"""The manifest names the code that made the results."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from preventie.manifest import code_fingerprint, git_describe, pipeline_version


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
