"""Snakemake adapter for the response stage (see workflow/preventie/response.py)."""

from preventie import io
from preventie.response import select_responses
from preventie.stage import log, run


def main(smk):
    submissions = io.read_parquet(smk.input.submissions)
    inventory = io.read_parquet(smk.input.inventory)
    links = io.read_table(smk.input.links, "koppeling")
    result = select_responses(submissions, links, inventory, smk.params.partial)
    responded = int(result.respons["respons"].sum())
    log.info(
        "%d van %d initiatieven gerespondeerd; %d inzendingen vervallen",
        responded,
        len(result.respons),
        len(result.vervallen),
    )
    io.write_table(result.respons, smk.output.respons, "respons")
    io.write_table(result.vervallen, smk.output.discarded, "inzendingen_vervallen")
    io.write_parquet(result.answers, smk.output.answers)


run(snakemake, main)  # noqa: F821
