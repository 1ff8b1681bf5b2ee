"""Snakemake adapter for the manifest (see workflow/preventie/manifest.py)."""

import json
from pathlib import Path

from preventie import paths
from preventie.manifest import build_manifest, package_versions, pipeline_version, write_manifest
from preventie.stage import log, run


def main(smk):
    outputs = list(smk.input.outputs)
    rendering = next(
        (json.loads(Path(p).read_text(encoding="utf-8")) for p in outputs if p.endswith(paths.RENDERING)), None
    )
    # per stage the code it runs (the rule's `code` input) and its outputs
    stages = dict(smk.params.stages)
    manifest = build_manifest(
        int(smk.wildcards.year),
        list(smk.input.inputs),
        outputs,
        rendering,
        dict(smk.params.config),
        package_versions(),
        pipeline_version(smk.input.get("pyproject")),
        stages,
    )
    write_manifest(manifest, smk.output.manifest)
    pipeline = manifest["pijplijn"]
    log.info(
        "manifest: %d invoerbestanden, %d uitvoerbestanden, code %s (sha256 %s over %d bestanden van %d stappen)",
        len(manifest["invoer"]),
        len(manifest["uitvoer"]),
        pipeline["versie"],
        pipeline["code_sha256"],
        len(pipeline["code"]),
        len(manifest["stappen"]),
    )


run(snakemake, main)  # noqa: F821
