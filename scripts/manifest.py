"""Snakemake adapter for the manifest (see workflow/preventie/manifest.py)."""

import json
from pathlib import Path

from preventie.manifest import build_manifest, code_fingerprint, package_versions, pipeline_version, write_manifest
from preventie.stage import log, run


def main(smk):
    outputs = list(smk.input.outputs)
    rendering = next(
        (json.loads(Path(p).read_text(encoding="utf-8")) for p in outputs if p.endswith("weergave.json")), None
    )
    pipeline = {
        "versie": pipeline_version(smk.input.get("pyproject")),
        "code_sha256": code_fingerprint(list(smk.input.code)),
    }
    manifest = build_manifest(
        int(smk.wildcards.year),
        list(smk.input.inputs),
        outputs,
        rendering,
        dict(smk.params.config),
        package_versions(),
        pipeline,
    )
    write_manifest(manifest, smk.output.manifest)
    log.info(
        "manifest: %d invoerbestanden, %d uitvoerbestanden, code %s (sha256 %s)",
        len(manifest["invoer"]),
        len(manifest["uitvoer"]),
        pipeline["versie"],
        pipeline["code_sha256"],
    )


run(snakemake, main)  # noqa: F821
