"""Where each result of a year lies, under results/{year}/: one registry that the rules, the audit
and the tools all take their paths from, so a result is never looked for where it is not written.
Importable without heavy dependencies (the workflow imports this while it parses).
"""

from __future__ import annotations

from pathlib import Path

# ingest
SUBMISSIONS = "ingest/inzendingen.parquet"
INVENTORY = "ingest/inventaris.parquet"
CODEBOOK_REPORT = "ingest/codeboekrapport.csv"
# link
LINKS = "koppeling/koppeling.csv"
# response
RESPONSE = "respons/respons.csv"
DISCARDED = "respons/inzendingen_vervallen.csv"
ANSWERS = "respons/antwoorden.parquet"
# inclusion
INCLUSION = "inclusie/inclusie.csv"
# carry_forward
CARRIED_OVER = "overname/overname.csv"
CARRIED_ANSWERS = "overname/overgenomen.parquet"
# classify: the analysed set in three forms, and the classification
ANALYSIS = "analyse/analysebestand.parquet"
ANALYSIS_CSV = "analyse/analysebestand.csv"
ANALYSIS_SAV = "analyse/analysebestand.sav"
CLASSIFICATION = "analyse/classificatie.csv"
# tables and figures, by name (naming.TABLE_NAMES, naming.FIGURE_NAMES)
TABLES = "tabellen"
FIGURES = "figuren"
# factsheet: its filled-in source, documents and list of numbers, and how it was rendered
FACTSHEET = "factsheet"
NUMBERS = f"{FACTSHEET}/getallen.csv"
RENDERING = f"{FACTSHEET}/weergave.json"
# Every warning of a year's run, gathered from what each stage wrote next to its log:
# logs/<stage>.waarschuwingen.csv (`warnings_log`, preventie.stage).
WARNINGS = "waarschuwingen.csv"
WARNINGS_LOG_SUFFIX = ".waarschuwingen.csv"
# the year's audit workbook, data package and manifest
AUDIT = "audit/audit_{year}.xlsx"
DATAPACKAGE = "datapackage.json"
MANIFEST = "manifest.json"
LOGS = "logs"


def table(name: str) -> str:
    """A table of the tables stage."""
    return f"{TABLES}/{name}.csv"


def figure(name: str, ext: str) -> str:
    """One file of a figure: png, svg, alt.txt (its alternative text) or csv (its data)."""
    return f"{FIGURES}/{name}.{ext}"


def factsheet(year: int | str, ext: str) -> str:
    """The factsheet of a year: its filled-in source (qmd) or a rendered document."""
    return f"{FACTSHEET}/factsheet_{year}.{ext}"


def log(stage: str) -> str:
    """A stage's log."""
    return f"{LOGS}/{stage}.log"


def warnings_log(stage: str) -> str:
    """A stage's warnings as a table (preventie.stage), which the year's WARNINGS gathers."""
    return f"{LOGS}/{stage}{WARNINGS_LOG_SUFFIX}"


def of_year(results: str | Path, year: int | str, path: str) -> str:
    """A result of one year: {results}/{year}/<path> (a snakemake pattern where year is '{year}')."""
    return f"{results}/{year}/{path}"
