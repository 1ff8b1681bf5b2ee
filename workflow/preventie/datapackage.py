"""Data package: the tables of a year's results described for machines (Frictionless).

datapackage.json lists every table a reviewer receives (those of the audit workbook, as CSV)
with its Table Schema, written from workflow/schemas/tables.yaml (the schema the pipeline checks
every table against when it writes it), and the sha256 and size of the file, so that
`frictionless validate results/<jaar>/datapackage.json` checks each file's columns, types and
bytes without the pipeline. How the CSVs are written (preventie.io): UTF-8, comma-separated, empty
for missing, booleans as ja/nee; text that a spreadsheet would run as a formula has a ' in front
(it is still text).

Inputs: the year's tables (naming.AUDIT_SHEETS; getallen.csv in the factsheet's year).
Outputs: results/<jaar>/datapackage.json.
"""

from __future__ import annotations

import json
from pathlib import Path

from .io import JA_NEE, table_schema
from .manifest import sha256

# tables.yaml type -> Table Schema field properties
FIELD_TYPES = {
    "string": {"type": "string"},
    "integer": {"type": "integer"},
    "float": {"type": "number"},
    "boolean": {"type": "boolean", "trueValues": [JA_NEE[True]], "falseValues": [JA_NEE[False]]},
    "datetime": {"type": "datetime", "format": "any"},
}


def fields_schema(name: str) -> dict:
    """The Table Schema of a pipeline table: its columns in order, typed, each with its meaning."""
    columns = table_schema(name)["columns"]
    return {
        "fields": [
            {"name": column, **FIELD_TYPES[spec["type"]], "description": spec["description"]}
            for column, spec in columns.items()
        ],
        "missingValues": [""],
    }


def resource(name: str, path: str | Path, relative: str) -> dict:
    """One table of the package: the file at `path`, named in the package by `relative` (its
    path from the package), with its schema `name` of tables.yaml, sha256 and size."""
    schema = table_schema(name)
    return {
        "name": name,
        "path": relative,
        "title": schema["title"],
        "description": " ".join(str(schema["description"]).split()),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "hash": f"sha256:{sha256(path)}",
        "bytes": Path(path).stat().st_size,
        "schema": fields_schema(name),
    }


def data_package(year: int, resources: list[dict]) -> dict:
    """The package of a year: its tables in the order of the audit workbook."""
    return {
        "name": f"preventie-in-het-zorgstelsel-{year}",
        "title": f"Evaluatie Preventie in het zorgstelsel {year}: de tabellen van de pijplijn",
        "description": (
            "Elke tabel van de resultaten van dit jaar, met de betekenis en het type van elke kolom en de sha256 "
            "van het bestand. Ja/nee staat voor waar/onwaar; een lege cel is ontbrekend; tekst die met = + - of @ "
            "begint, heeft een ' ervoor (zodat een spreadsheet hem niet als formule uitvoert)."
        ),
        "profile": "tabular-data-package",
        "resources": resources,
    }


def write_package(package: dict, path: str | Path) -> None:
    """As indented JSON, keys in a fixed order (repeatable bytes)."""
    Path(path).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
