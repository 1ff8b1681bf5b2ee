"""Manifest: what went into a year's results and what came out, fingerprinted.

sha256 of every input file and every output file of the year, the versions of the
packages that computed them, the renderer of the factsheet and the configuration as
resolved. Two runs of the same inputs with the same pinned environment give the same
manifest; comparing two manifests shows exactly which file differs.
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import metadata
from pathlib import Path

PACKAGES = ("snakemake", "pandas", "numpy", "pyarrow", "pyreadstat", "openpyxl", "scipy", "matplotlib",
            "geopandas", "shapely", "pyogrio", "rapidfuzz", "PyYAML", "jsonschema", "Jinja2", "pypandoc_binary",
            "typst")


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


def fingerprints(paths: list[str]) -> dict[str, str]:
    """sha256 per file, keyed by its path as given (relative to the working directory)."""
    return {str(p): sha256(p) for p in sorted(set(map(str, paths)))}


def build_manifest(year: int, inputs: list[str], outputs: list[str], rendering: dict | None,
                   config: dict, packages: dict[str, str]) -> dict:
    """The manifest as a plain mapping (written as sorted, indented JSON)."""
    return {
        "jaar": year,
        "invoer": fingerprints(inputs),
        "uitvoer": fingerprints(outputs),
        "pakketten": packages,
        "weergave": rendering,
        "configuratie": json.loads(json.dumps(config, default=str)),
    }


def write_manifest(manifest: dict, path: str | Path) -> None:
    Path(path).write_text(json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n",
                          encoding="utf-8")
