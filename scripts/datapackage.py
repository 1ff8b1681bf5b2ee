"""Snakemake adapter for the year's data package (see workflow/preventie/datapackage.py)."""

import os
from pathlib import Path

from preventie.datapackage import data_package, resource, write_package
from preventie.naming import AUDIT_SHEETS, NUMBERS_SHEET
from preventie.stage import log, run


def main(smk):
    folder = Path(smk.output.package).parent
    schemas = {path: schema for _, schema, path in (*AUDIT_SHEETS, NUMBERS_SHEET)}
    resources = []
    for path in smk.input.tables:
        relative = Path(os.path.relpath(path, folder)).as_posix()
        resources.append(resource(schemas[relative], path, relative))
    write_package(data_package(int(smk.wildcards.year), resources), smk.output.package)
    log.info("datapakket met %d tabellen: %s", len(resources), smk.output.package)


run(snakemake, main)  # noqa: F821
