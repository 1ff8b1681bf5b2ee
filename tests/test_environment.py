"""The pinned environment: the pipeline's pins and the tests' apart, every file hashed, the conda
environment holding the same pins (so that it is built again when they change), and `make`
installing only what a target needs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib

import pytest
import yaml

from conftest import ROOT

ENV_FILE = ROOT / "workflow/envs/preventie.yaml"
DEV_TOOLS = {"pytest", "hypothesis", "pypdf", "ruff", "snakefmt", "frictionless", "check-jsonschema"}


def name(requirement: str) -> str:
    """A package's normalised name (PEP 503): 'PyYAML' and 'pyyaml' are one package."""
    return re.sub(r"[-_.]+", "-", re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement).group(0)).lower()


def pins(text: str) -> dict[str, tuple[str, frozenset[str]]]:
    """{package: (version, hashes)} of a requirements file in pip's syntax (options and comments left out)."""
    joined = re.sub(r"\s*\\\n\s*", " ", text)
    found = {}
    for line in joined.splitlines():
        line = line.split(" #")[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)((?: --hash=sha256:[0-9a-f]{64})*)", line)
        assert match, f"not an exact pin with hashes: {line[:100]}"
        found[name(match.group(1))] = (match.group(2), frozenset(re.findall(r"sha256:([0-9a-f]{64})", match.group(3))))
    return found


def lock(filename: str) -> dict[str, tuple[str, frozenset[str]]]:
    return pins((ROOT / filename).read_text(encoding="utf-8"))


def direct(filename: str) -> set[str]:
    """The package names a .in file asks for."""
    lines = (line.split("#")[0].strip() for line in (ROOT / filename).read_text(encoding="utf-8").splitlines())
    return {name(line) for line in lines if line and not line.startswith("-")}


@pytest.mark.parametrize("filename", ["requirements.txt", "requirements-dev.txt", "requirements-slurm.txt"])
def test_every_pin_is_exact_and_hashed(filename):
    locked = lock(filename)
    assert locked
    for package, (version, hashes) in locked.items():
        assert hashes, f"{filename}: {package}=={version} without --hash"


def test_the_pipeline_and_the_tests_are_locked_apart():
    runtime, dev = lock("requirements.txt"), lock("requirements-dev.txt")
    assert not DEV_TOOLS & set(runtime)  # `make run` and the conda environment install no test tools
    assert DEV_TOOLS <= set(dev)
    shared = set(runtime) & set(dev)  # e.g. packaging: one version, whichever set installs it
    assert {p: runtime[p] for p in shared} == {p: dev[p] for p in shared}
    assert direct("requirements.in") <= set(runtime) and direct("requirements-dev.in") <= set(dev)
    assert "-c requirements.txt" in (ROOT / "requirements-dev.in").read_text(encoding="utf-8")


def test_pyproject_asks_for_what_the_in_files_ask_for():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    # setuptools installs the package itself (pip install --no-build-isolation -e .)
    assert {name(d) for d in project["dependencies"]} == direct("requirements.in") - {"setuptools"}
    assert {name(d) for d in project["optional-dependencies"]["dev"]} == direct("requirements-dev.in") == DEV_TOOLS


def test_the_conda_environment_holds_the_runtime_pins():
    """Snakemake keys a conda environment by its file's content: the pins in the file make a new
    lock a new environment, with the same files (hashes) as .venv."""
    environment = yaml.safe_load(ENV_FILE.read_text(encoding="utf-8"))
    python = re.search(r"pip-compile with Python (\d+\.\d+)", (ROOT / "requirements.txt").read_text(encoding="utf-8"))
    assert environment["dependencies"][:2] == [f"python={python.group(1)}", "pip"]
    pip = environment["dependencies"][2]["pip"]
    assert not [line for line in pip if line.startswith("-")]  # no -r: a file it points to is not in the key
    assert pins("\n".join(pip)) == lock("requirements.txt")


def test_the_conda_environment_is_written_from_the_lock():
    import importlib.util

    spec = importlib.util.spec_from_file_location("from_lock", ROOT / "workflow/envs/from_lock.py")
    from_lock = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(from_lock)
    assert from_lock.environment((ROOT / "requirements.txt").read_text(encoding="utf-8")) == ENV_FILE.read_text(
        encoding="utf-8"
    )  # as `make lock` wrote it, not edited by hand


@pytest.fixture
def makefile_copy(tmp_path):
    if shutil.which("make") is None:
        pytest.skip("make is niet geïnstalleerd")
    for part in ("Makefile", "pyproject.toml", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / part, tmp_path / part)
    return tmp_path


def make_dry_run(folder, target: str) -> str:
    result = subprocess.run(["make", "-n", target], cwd=folder, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_run_installs_the_pipeline_and_make_test_also_the_tests(makefile_copy):
    run, test = make_dry_run(makefile_copy, "run"), make_dry_run(makefile_copy, "test")
    assert "--require-hashes -r requirements.txt" in run and "requirements-dev.txt" not in run
    assert test.index("--require-hashes -r requirements.txt") < test.index("--require-hashes -r requirements-dev.txt")


def test_a_new_development_lock_reinstalls_only_the_development_set(makefile_copy):
    venv = makefile_copy / ".venv"
    (venv / "bin").mkdir(parents=True)
    for stamp in (".installed", ".installed-dev"):
        (venv / stamp).touch()
    assert "pip install" not in make_dry_run(makefile_copy, "test")  # everything up to date
    stamp_time = (venv / ".installed-dev").stat().st_mtime
    os.utime(makefile_copy / "requirements-dev.txt", (stamp_time + 10, stamp_time + 10))
    again = make_dry_run(makefile_copy, "test")
    assert "-r requirements-dev.txt" in again and "-r requirements.txt" not in again
