"""Snakemake adapter for the carry-forward stage (see workflow/preventie/carry_forward.py)."""

from preventie import io
from preventie.carry_forward import carry_forward
from preventie.stage import log, run


def main(smk):
    year = int(smk.wildcards.year)
    inventory = io.read_parquet(smk.input.inventory)
    respons = io.read_table(smk.input.respons, "respons")
    previous = io.read_parquet(smk.input.previous) if "previous" in smk.input.keys() else None
    if previous is None:
        log.warning(
            "geen data voor %d in de configuratie: niets overgenomen, elke non-respondent krijgt 'geen_vorig_jaar'",
            year - 1,
        )
    result = carry_forward(inventory, respons, previous, year)
    for outcome, n in result.overname["uitkomst"].value_counts(sort=False).items():
        log.info("%s: %d", outcome, n)
    io.write_table(result.overname, smk.output.overname, "overname")
    io.write_parquet(result.carried, smk.output.carried)


run(snakemake, main)  # noqa: F821
