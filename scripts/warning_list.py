"""Snakemake adapter for the year's warnings (see workflow/preventie/warning_list.py)."""

from preventie import io
from preventie.stage import log, run
from preventie.warning_list import combine, counts


def main(smk):
    table = combine([io.read_table(path, "waarschuwingen") for path in smk.input.warnings])
    io.write_table(table, smk.output.warnings, "waarschuwingen")
    log.info("%d waarschuwingen uit %d stappen: %s", len(table), len(smk.input.warnings), counts(table))


run(snakemake, main)  # noqa: F821
