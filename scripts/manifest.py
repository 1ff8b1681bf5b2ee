"""Snakemake adapter for the manifest (see workflow/preventie/manifest.py)."""

import json
from pathlib import Path

from preventie.manifest import build_manifest, package_versions, write_manifest
from preventie.stage import log, run


def main(smk):
    outputs = list(smk.input.outputs)
    rendering = next((json.loads(Path(p).read_text(encoding="utf-8")) for p in outputs
                      if p.endswith("weergave.json")), None)
    manifest = build_manifest(int(smk.wildcards.year), list(smk.input.inputs), outputs, rendering,
                              dict(smk.params.config), package_versions())
    write_manifest(manifest, smk.output.manifest)
    log.info("manifest: %d invoerbestanden, %d uitvoerbestanden", len(manifest["invoer"]), len(manifest["uitvoer"]))


run(snakemake, main)  # noqa: F821
