"""Snakemake adapter for the carry-forward stage (see workflow/preventie/carry_forward.py)."""

from preventie import canon, io
from preventie.carry_forward import carry_forward
from preventie.stage import log, run, warn


def main(smk):
    year = int(smk.wildcards.year)
    inventory = io.read_parquet(smk.input.inventory)
    respons = io.read_table(smk.input.respons, "respons")
    asked = canon.asked_in(io.read_table(smk.input.codebook_report, "codeboekrapport"))
    previous = io.read_parquet(smk.input.previous) if "previous" in smk.input.keys() else None
    if previous is None:
        log.info("%d is het eerste jaar van de reeks (first_year): niets overgenomen, 'geen_vorig_jaar'", year)
    result = carry_forward(inventory, respons, previous, year, asked, smk.params.inventory)
    for warning in result.warnings:
        warn(warning)
    if previous is not None:
        dropped = sorted(set(canon.asked_columns(previous)) - asked)
        if dropped:
            log.info("niet gevraagd in %d, dus niet overgenomen van %d: %s", year, year - 1, ", ".join(dropped))
    for outcome, n in result.overname["uitkomst"].value_counts(sort=False).items():
        log.info("%s: %d", outcome, n)
    io.write_table(result.overname, smk.output.overname, "overname")
    io.write_parquet(result.carried, smk.output.carried)


run(snakemake, main)  # noqa: F821
