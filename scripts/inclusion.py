"""Snakemake adapter for the inclusion stage (see workflow/preventie/inclusion.py)."""

from preventie import io
from preventie.inclusion import include_responders
from preventie.stage import log, run


def main(smk):
    answers = io.read_parquet(smk.input.answers)
    table = include_responders(answers, int(smk.wildcards.year))
    log.info("%d van %d respondenten geïncludeerd", int(table["geincludeerd"].sum()), len(table))
    io.write_table(table, smk.output.inclusion, "inclusie")


run(snakemake, main)  # noqa: F821
