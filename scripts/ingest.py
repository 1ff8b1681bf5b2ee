"""Snakemake adapter for the ingest stage (see workflow/preventie/ingest.py and inventory.py)."""

from preventie import exports, io
from preventie.codebook import load_codebook
from preventie.config import survey_read_options
from preventie.ingest import ingest_survey
from preventie.inventory import INVENTORY_REQUIRED, ingest_inventory
from preventie.municipal_successors import municipal_successors
from preventie.stage import log, run, warn


def main(smk):
    year = int(smk.wildcards.year)
    options = smk.params.read_options
    book = load_codebook(smk.input.codebook, year=year)
    export = exports.read_input(smk.input.survey, **survey_read_options(options["survey"], book))
    log.info("export %s: %s", smk.input.survey, export.describe())
    result = ingest_survey(export, book, smk.input.survey, strict_codes=smk.params.strict_codes)
    for note in result.notes:
        log.info("%s", note)
    raw_inventory = exports.read_input(smk.input.inventory, **options["inventory"], expect=INVENTORY_REQUIRED)
    log.info("inventarisatie %s: %s", smk.input.inventory, raw_inventory.describe())
    # earlier years' boundaries (geo_<year>): where a code that is no longer valid lies now; read only
    # when the inventory has such a code
    earlier = {int(key[4:]): path for key, path in smk.input.items() if key.startswith("geo_")}

    def successors():
        boundaries = {y: io.read_boundaries(path) for y, path in earlier.items()}
        return municipal_successors(io.read_boundaries(smk.input.geo), boundaries, year)

    inventory = ingest_inventory(
        raw_inventory.data,
        smk.input.inventory,
        year,
        io.read_municipalities(smk.input.geo),
        successors if earlier else None,
    )
    for warning in result.warnings + inventory.warnings:
        warn(warning)
    log.info(
        "%d inzendingen ingelezen, %d initiatieven in de inventarisatie", len(result.submissions), len(inventory.frame)
    )
    io.write_parquet(result.submissions, smk.output.submissions)
    io.write_parquet(inventory.frame, smk.output.inventory)
    io.write_table(result.report, smk.output.report, "codeboekrapport")


run(snakemake, main)  # noqa: F821 (snakemake is injected by the script directive)
