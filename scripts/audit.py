"""Snakemake adapter for the audit workbook (see workflow/preventie/audit.py)."""

from preventie import io
from preventie.audit import SHEETS, Sheet, write_audit
from preventie.naming import NUMBERS_SHEET
from preventie.stage import log, run


def main(smk):
    year = int(smk.wildcards.year)
    by_path = {path.split(f"/{year}/", 1)[1]: path for path in smk.input.tables}
    # the list of the factsheet's numbers is an input in the factsheet's year only
    names = [*SHEETS, NUMBERS_SHEET] if NUMBERS_SHEET[2] in by_path else SHEETS
    sheets = [
        Sheet(name, schema, relative, io.read_table(by_path[relative], schema)) for name, schema, relative in names
    ]
    identities = next(s.data for s in sheets if s.schema == "stroom_identiteiten")
    write_audit(sheets, identities, year, smk.output.workbook)
    log.info("auditwerkmap met %d bladen: %s", len(sheets) + 1, smk.output.workbook)


run(snakemake, main)  # noqa: F821
