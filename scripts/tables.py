"""Snakemake adapter for the tables stage (see workflow/preventie/tables.py)."""

from preventie import io
from preventie.stage import log, run
from preventie.tables import (check_identities, collaboration_table,
                              flow_counts, flow_table, identity_table)


def main(smk):
    year = int(smk.wildcards.year)
    records = io.read_parquet(smk.input.analysis)
    counts = flow_counts(
        inventory=io.read_parquet(smk.input.inventory),
        respons=io.read_table_csv(smk.input.respons, "respons"),
        inclusion=io.read_table_csv(smk.input.inclusion, "inclusie"),
        overname=io.read_table_csv(smk.input.overname, "overname"),
        records=records,
        links=io.read_table_csv(smk.input.links, "koppeling"),
        discarded=io.read_table_csv(smk.input.discarded, "inzendingen_vervallen"),
        year=year,
    )
    collaboration = collaboration_table(records)
    identities = identity_table(counts, collaboration)
    io.write_table(identities, smk.output.identities, "stroom_identiteiten")
    check_identities(identities)
    log.info("stroom: %s", ", ".join(f"{k} {v}" for k, v in counts.items()))
    io.write_table(flow_table(counts), smk.output.flow, "stroom")
    io.write_table(collaboration, smk.output.collaboration, "samenwerking")


run(snakemake, main)  # noqa: F821
