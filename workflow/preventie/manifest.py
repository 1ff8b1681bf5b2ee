"""Manifest: what went into a year's results and what came out, fingerprinted.

sha256 of every input file and every output file of the year, the code that made them
(version, `git describe` where the code is a git checkout, per stage the files it runs and
their sha256: the same files the workflow declares as the inputs of the stage's rule, so a
result is never older than the code the manifest names), the versions of the packages that
computed them, the renderer of the factsheet and the configuration as resolved, so that a
published factsheet can be tied to its code. Two runs of the same inputs with the same pinned
environment give the same manifest; comparing two manifests shows exactly which file differs.
"""

from __future__ import annotations

import hashlib
import json
import platform
import re
import subprocess
import tomllib
from importlib import metadata
from pathlib import Path

PACKAGES = (
    "snakemake",
    "pandas",
    "numpy",
    "pyarrow",
    "pyreadstat",
    "openpyxl",
    "xlsxwriter",
    "scipy",
    "matplotlib",
    "geopandas",
    "shapely",
    "pyogrio",
    "rapidfuzz",
    "PyYAML",
    "jsonschema",
    "Jinja2",
    "pypandoc_binary",
    "typst",
)


def sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def package_versions() -> dict[str, str]:
    """Python and the versions of the packages that shape the results."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "niet geïnstalleerd"
    return versions


def code_fingerprint(paths: list[str]) -> str:
    """One sha256 over the code: each file's path and the sha256 of its bytes, in path order,
    so a renamed or moved file changes it as much as an edited one."""
    digest = hashlib.sha256()
    for path in sorted(set(map(str, paths))):
        digest.update(f"{path}\0{sha256(path)}\n".encode())
    return digest.hexdigest()


def git_describe(folder: str | Path) -> str | None:
    """`git describe --tags --always --dirty` of the checkout the code is in, or None when
    the code is not a git checkout (a copied folder, a package) or git is missing."""
    try:
        result = subprocess.run(
            ["git", "-C", str(folder), "describe", "--tags", "--always", "--dirty"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return result.stdout.strip() or None


# An edition is a commit tagged `v<year>.<n>` (`v2021.1`): the code that made the factsheet of
# <year>, the n-th time for that year (README, "Edities"). Its name is the tag without the v.
EDITION = re.compile(r"\d{4}\.[1-9]\d*")


def pipeline_version(pyproject: str | Path | None, folder: str | Path = ".") -> str:
    """The edition where the code is exactly one: checked out at its tag, unchanged ("2021.1").
    Otherwise the version in pyproject.toml (else the installed package's), with `git describe`
    of the code's folder after it where there is one ("2021.2.dev0 (v2021.1-3-g1a2b3c4)")."""
    if pyproject:
        with open(pyproject, "rb") as fh:
            version = tomllib.load(fh)["project"]["version"]
        folder = Path(pyproject).parent
    else:
        try:
            version = metadata.version("preventie")
        except metadata.PackageNotFoundError:
            version = "onbekend"
    described = git_describe(folder)
    if described and described.startswith("v") and EDITION.fullmatch(described[1:]):
        return described[1:]
    return f"{version} ({described})" if described else version


def fingerprints(paths: list[str]) -> dict[str, str]:
    """sha256 per file, keyed by its path as given (relative to the working directory)."""
    return {str(p): sha256(p) for p in sorted(set(map(str, paths)))}


def code_record(stages: dict[str, dict[str, list[str]]], version: str) -> tuple[dict, dict]:
    """The code that made a year's results, from what each stage declares (`code`: the files it
    runs; `outputs`: what it writes): `pijplijn` (the version, one sha256 over the code of all
    stages and the sha256 of each file) and `stappen` (per stage its code, their one sha256 and
    its outputs)."""
    code = sorted({str(p) for stage in stages.values() for p in stage["code"]})
    pipeline = {"versie": version, "code_sha256": code_fingerprint(code), "code": fingerprints(code)}
    steps = {
        name: {
            "code": sorted(set(map(str, stage["code"]))),
            "code_sha256": code_fingerprint(stage["code"]),
            "uitvoer": sorted(set(map(str, stage["outputs"]))),
        }
        for name, stage in stages.items()
    }
    return pipeline, steps


def build_manifest(
    year: int,
    inputs: list[str],
    outputs: list[str],
    rendering: dict | None,
    config: dict,
    packages: dict[str, str],
    version: str,
    stages: dict[str, dict[str, list[str]]],
) -> dict:
    """The manifest as a plain mapping (written as sorted, indented JSON). Every output belongs to
    exactly one of `stages` (see code_record)."""
    made_by = [name for stage in stages.values() for name in set(map(str, stage["outputs"]))]
    unclaimed = sorted(set(map(str, outputs)) - set(made_by))
    twice = sorted({p for p in made_by if made_by.count(p) > 1})
    if unclaimed or twice:
        raise ValueError(f"outputs without a stage: {unclaimed}; outputs of more than one stage: {twice}")
    pipeline, steps = code_record(stages, version)
    return {
        "jaar": year,
        "pijplijn": pipeline,
        "stappen": steps,
        "invoer": fingerprints(inputs),
        "uitvoer": fingerprints(outputs),
        "pakketten": packages,
        "weergave": rendering,
        "configuratie": json.loads(json.dumps(config, default=str)),
    }


def write_manifest(manifest: dict, path: str | Path) -> None:
    Path(path).write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
