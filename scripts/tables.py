"""Snakemake adapter for the tables stage (see workflow/preventie/tables/)."""

from preventie import canon, io, published
from preventie.stage import log, run, warn
from preventie.tables import (
    ITEM_TABLES,
    change_table,
    check_identities,
    collaboration_table,
    flow_counts,
    flow_table,
    identity_table,
    item_table,
    municipality_table,
    non_response_table,
    transition_tables,
    trend_table,
)


def main(smk):
    year = int(smk.wildcards.year)
    records = io.read_parquet(smk.input.analysis)
    inventory = io.read_parquet(smk.input.inventory)
    respons = io.read_table(smk.input.respons, "respons")
    counts = flow_counts(
        inventory=inventory,
        respons=respons,
        inclusion=io.read_table(smk.input.inclusion, "inclusie"),
        overname=io.read_table(smk.input.overname, "overname"),
        records=records,
        links=io.read_table(smk.input.links, "koppeling"),
        discarded=io.read_table(smk.input.discarded, "inzendingen_vervallen"),
        year=year,
    )
    collaboration = collaboration_table(records)
    identities = identity_table(counts, collaboration)
    io.write_table(identities, smk.output.identities, "stroom_identiteiten")
    check_identities(identities)
    log.info("stroom: %s", ", ".join(f"{k} {v}" for k, v in counts.items()))
    io.write_table(flow_table(counts), smk.output.flow, "stroom")
    io.write_table(collaboration, smk.output.collaboration, "samenwerking")
    io.write_table(municipality_table(records), smk.output.municipalities, "gemeenten")

    asked = canon.asked_in(io.read_table(smk.input.codebook_report, "codeboekrapport"))
    for name, spec in ITEM_TABLES.items():
        table = item_table(records, spec, asked, year, smk.params.min_denominator)
        for row in table[~table["gevraagd"].astype(bool)].itertuples():
            log.info("%s: %s niet gevraagd in %d", name, row.kenmerk, year)
        io.write_table(table, smk.output[name], name)

    classifications = {
        int(key.rsplit("_", 1)[1]): io.read_table(path, "classificatie")
        for key, path in smk.input.items()
        if key.startswith("classificatie_")
    }
    series = smk.params.published
    io.write_table(trend_table(classifications, series), smk.output.trend, "trend")
    back_tests = [published.back_test(y, table, series.get(y)) for y, table in sorted(classifications.items())]
    io.write_table(published.combined(back_tests), smk.output.published_test, "gepubliceerd_toets")
    io.write_table(change_table(classifications, year), smk.output.change, "verandering")

    table, test = non_response_table(inventory, respons)
    io.write_table(table, smk.output.non_response, "non_respons")
    io.write_table(test, smk.output.non_response_test, "non_respons_toets")

    previous = (
        io.read_table(smk.input.previous_classification, "classificatie")
        if "previous_classification" in smk.input.keys()
        else None
    )
    if previous is None:
        warn(f"geen classificatie van {year - 1}: geen overgangen tussen jaren", "geen_overgangen")
    transitions, transitions_test = transition_tables(previous, records)
    io.write_table(transitions, smk.output.transitions, "overgangen")
    io.write_table(transitions_test, smk.output.transitions_test, "overgangen_toets")


run(snakemake, main)  # noqa: F821
