"""Snakemake adapter for the ingest stage (see workflow/preventie/ingest.py)."""

from preventie import io
from preventie.codebook import load_codebook
from preventie.ingest import ingest_inventory, ingest_survey
from preventie.stage import log, run


def main(smk):
    year = int(smk.wildcards.year)
    book = load_codebook(smk.input.codebook, year=year)
    export = io.read_input(smk.input.survey, book.encoding)
    log.info("export %s: %d rijen, %d variabelen", smk.input.survey, *export.data.shape)
    result = ingest_survey(export, book, smk.input.survey, strict_codes=smk.params.strict_codes)
    for warning in result.warnings:
        log.warning("%s", warning)
    inventory = ingest_inventory(io.read_input(smk.input.inventory).data, smk.input.inventory)
    log.info("%d inzendingen ingelezen, %d initiatieven in de inventarisatie", len(result.submissions), len(inventory))
    io.write_parquet(result.submissions, smk.output.submissions)
    io.write_parquet(inventory, smk.output.inventory)
    io.write_table(result.report, smk.output.report, "codeboekrapport")


run(snakemake, main)  # noqa: F821 (snakemake is injected by the script directive)
