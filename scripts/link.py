"""Snakemake adapter for the link stage (see workflow/preventie/link.py)."""

from preventie import exports, io
from preventie.link import link_submissions, read_links, token_mismatch, unlinked_warning
from preventie.stage import log, run, warn


def main(smk):
    submissions = io.read_parquet(smk.input.submissions)
    inventory = io.read_parquet(smk.input.inventory)
    manual = None
    if "links" in smk.input.keys():
        # the columns read_links needs: a header without them is named with where they are
        raw = exports.read_input(
            smk.input.links, **smk.params.read_options["links"], expect=("submission_id", "initiatief_id")
        )
        log.info("koppelbestand %s: %s", smk.input.links, raw.describe())
        manual = read_links(raw.data, smk.input.links, inventory["initiatief_id"], submissions["submission_id"])
    links = link_submissions(submissions, inventory, manual, threshold=smk.params.fuzzy_threshold, workers=smk.threads)
    for method, n in links["methode"].value_counts(sort=False).items():
        log.info("methode %s: %d", method, n)
    mismatch = token_mismatch(submissions["token"], inventory["initiatief_id"], smk.wildcards.year)
    if mismatch:
        warn(mismatch, "token_vorm")
    unlinked = links.loc[links["methode"] == "ongekoppeld", "submission_id"]
    if len(unlinked):
        warn(unlinked_warning(unlinked, smk.wildcards.year), "ongekoppeld")
    io.write_table(links, smk.output.links, "koppeling")


run(snakemake, main)  # noqa: F821
