"""Where a printed number comes from: `preventie herleid 49 --year 2020`.

Reads the factsheet's list of numbers (factsheet/getallen.csv, made from the resolved text
itself, see factsheet/printed_numbers.py) and, for each place the number or sentence fragment is printed,
shows its source and the initiatives that make it up: the same selections the tables
stage counted (tables.flow_members, tables.item_masks), on the pipeline's own outputs.
Initiative and submission ids only; the results hold no personal data.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pandas as pd

from .. import io, paths
from ..classify import CATEGORIES
from ..errors import PipelineError
from ..tables import ITEM_TABLES, SHARES, flow_members, item_masks, population
from .follow_initiative import load_results

# Tables whose numbers are test outcomes or settings: their source is the cell, not a group.
NOT_A_GROUP = {
    "overgangen_toets": "een uitkomst van de McNemar-toets (tabel overgangen_toets); per initiatief: tabel overgangen",
    "non_respons_toets": "een uitkomst van de chi-kwadraattoets over de respons per bron",
    "methode": "een instelling van de methode, geen telling",
    "metadata": "uit de metadata van het jaar (reports/teksten/<jaar>/metadata.yaml), geen telling",
}

# A query that is a number as printed: "49", "42%", "< 1", "1.234".
NUMBER_QUERY = re.compile(r"[<\s]*[\d.,]+\s*%?")


def matches(numbers: pd.DataFrame, query: str) -> pd.DataFrame:
    """The places a query is printed: a number ('49', '42%', '42', '1.234') as printed, with or
    without its percent sign; anything else as a fragment of the sentence (any case)."""
    query = query.strip()
    if NUMBER_QUERY.fullmatch(query):
        bare = query.rstrip("%").strip()
        printed = numbers["getal"].astype(str)
        return numbers[(printed == query) | (printed.str.rstrip("%") == bare)]
    return numbers[numbers["zin"].astype(str).str.lower().str.contains(query.lower(), regex=False)]


def _ids(series: pd.Series) -> list[str]:
    return sorted(series.dropna().astype(str).unique())


class Groups:
    """The selections behind the rows of a year's tables, from the pipeline's outputs."""

    def __init__(self, results: Path, year: int):
        self.results, self.year = results, year
        self.data = load_results(results, year)
        d = self.data
        self.flow = flow_members(
            d["inventaris"],
            d["respons"],
            d["inclusie"],
            d["overname"],
            d["analyse"],
            d["koppeling"],
            d["vervallen"],
            year,
        )

    def analysed(self, year: int) -> pd.DataFrame | None:
        if year == self.year:
            return self.data["analyse"]
        path = self.results / str(year) / paths.CLASSIFICATION
        return io.read_table(path, "classificatie") if path.exists() else None

    def rows(self, table: str, row: str, column: str) -> tuple[str, list[str]] | str:
        """(what the ids are, the ids) of one cell, or why a cell is not a group of initiatives."""
        if table in NOT_A_GROUP:
            return NOT_A_GROUP[table]
        if " − " in row and table != "trend":
            first, *rest = row.split(" − ")
            kept = self.rows(table, first, column)
            if isinstance(kept, str):
                return kept
            dropped = {i for part in rest for i in self._ids_of(table, part, column)}
            return kept[0], [i for i in kept[1] if i not in dropped]
        if " + " in row:
            what, ids = "initiatieven", set()
            for part in row.split(" + "):
                result = self.rows(table, part, column)
                if isinstance(result, str):
                    return result
                what = result[0]
                ids.update(result[1])
            return what, sorted(ids)
        return self._cell(table, row, column)

    def _ids_of(self, table: str, row: str, column: str) -> list[str]:
        result = self.rows(table, row, column)
        return [] if isinstance(result, str) else result[1]

    def _cell(self, table: str, row: str, column: str) -> tuple[str, list[str]] | str:
        records = self.data["analyse"]
        if table == "stroom":
            what = "inzendingen" if row.startswith("inzendingen") else "initiatieven"
            return what, _ids(self.flow[row])
        if table == "samenwerking":
            category = records["categorie"].astype("object")
            selected = records if row == "alle rijen (som)" else records[category == row]
            if row not in CATEGORIES and row != "alle rijen (som)":
                return f"onbekende rij {row}"
            return "initiatieven", _ids(selected["initiatief_id"])
        if table in ITEM_TABLES:
            spec = ITEM_TABLES[table]
            base = population(records, spec.population)
            counted, asked = item_masks(base, spec)[row]
            return "initiatieven", _ids(base["initiatief_id"][counted if column == "n" else asked])
        if table == "non_respons":
            inventory = self.data["inventaris"][["initiatief_id", "bron"]]
            joined = inventory.merge(self.data["respons"][["initiatief_id", "respons"]], on="initiatief_id")
            if row != "totaal":
                joined = joined[joined["bron"].astype("object") == row]
            if column == "respons":
                joined = joined[joined["respons"].astype(bool)]
            return "initiatieven", _ids(joined["initiatief_id"])
        if table == "trend":
            if not row.isdigit():
                return "een verschil tussen twee jaren; zie de rijen van die jaren in tabel trend"
            year = int(row)
            frame = self.analysed(year)
            if frame is None:
                return f"het gepubliceerde aantal van {year} (configuratie: historical); geen gegevens per initiatief"
            return "initiatieven", _ids(frame["initiatief_id"])
        if table == "gepubliceerd_toets":
            year_text, figure = row.split(": ", 1)
            frame = self.analysed(int(year_text))
            if column == "gepubliceerd" or frame is None:
                return (
                    f"het gepubliceerde cijfer van {year_text} (configuratie: historical); geen gegevens per initiatief"
                )
            if figure != "geanalyseerd":
                frame = frame[frame["categorie"].astype("object") == figure]
            return f"initiatieven van {year_text}", _ids(frame["initiatief_id"])
        if table == "verandering":
            year = self.year - 1 if column.endswith("_vorig") else self.year
            frame = self.analysed(year)
            if frame is None:
                return f"geen resultaten van {year} in {self.results}"
            if column.startswith("n_"):
                frame = frame[frame["categorie"].astype("object").isin(SHARES[row])]
            return f"initiatieven van {year}", _ids(frame["initiatief_id"])
        return f"tabel {table} wordt niet per initiatief herleid"


def _wrapped(label: str, text: str) -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=f"    {label}: ", subsequent_indent="      ")


def herleid(query: str, year: int, results: Path) -> list[str]:
    """Every place the query is printed in the year's factsheet, with its source, as lines."""
    path = results / str(year) / paths.NUMBERS
    if not path.exists():
        raise PipelineError(
            f"geen getallenlijst van de factsheet van {year}",
            file=str(path),
            hint=f"Draai eerst snakemake voor {year} (met dezelfde --configfile), of geef de uitvoermap met --results",
        )
    numbers = io.read_table(path, "getallen")
    text_columns = [c for c in numbers.columns if c != "nr"]
    numbers[text_columns] = numbers[text_columns].fillna("")  # an empty cell: no column, no derivation
    found = matches(numbers, query)
    if found.empty:
        raise PipelineError(
            f"'{query}' staat niet in de factsheet van {year}",
            hint="Zoek een getal zoals het gedrukt is (49, 42%, 1.234) of een stukje van de zin",
        )
    groups = Groups(results, year)
    lines = [f"'{query}' staat {len(found)} keer in de factsheet van {year} ({path}):"]
    shown: dict[tuple, int] = {}
    for _, number in found.iterrows():
        cell = (number["tabel"], number["rij"], number["kolom"])
        lines += ["", f"[{number['nr']}] {number['getal']} in '{number['paragraaf']}'"]
        lines += _wrapped("zin", str(number["zin"]))
        where = {"methode": "instelling van de methode", "metadata": "metadata van het jaar"}.get(number["tabel"])
        lines.append(
            f"    bron: {where} ({number['rij']})"
            if where
            else f"    bron: tabel {number['tabel']} ({results / str(year) / paths.table(number['tabel'])}), "
            f"rij {number['rij']}, kolom {number['kolom']}"
        )
        if number["herleiding"]:
            lines.append(f"    herleiding: {number['herleiding']}")
        lines.append(f"    exacte waarde: {number['exacte_waarde']}; afronding: {number['afronding']}")
        if cell in shown:
            lines.append(f"    samenstelling: zie [{shown[cell]}]")
            continue
        shown[cell] = number["nr"]
        lines += _composition(groups, *cell)
    return lines


def _composition(groups: Groups, table: str, row: str, column: str) -> list[str]:
    """The ids that make up one cell; for a percentage the numerator's and the denominator's."""
    rows = row.split(" / ", 1)
    columns = column.split(" / ", 1)
    if len(columns) == 2 or len(rows) == 2:
        parts = [("teller", rows[0], columns[0]), ("noemer", rows[-1], columns[-1])]
    else:
        parts = [("", row, column)]
    lines = []
    for label, r, c in parts:
        result = groups.rows(table, r, c)
        prefix = f"{label}: " if label else ""
        if isinstance(result, str):
            lines.append(f"    {prefix}{result}")
        else:
            what, ids = result
            lines += _wrapped(f"{prefix}{what} ({len(ids)})", ", ".join(ids) or "geen")
    return lines
