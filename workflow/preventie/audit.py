"""Audit: every intermediate table of a year in one workbook, for reviewers.

The first sheet explains each sheet (from the table schemas) and lists the flow identities
with their values; then one sheet per table, with a frozen header, filters and readable
column widths. Text that a spreadsheet would run as a formula is stored as plain text.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .io import FORMULA_STARTS, ja_nee, repack_zip, table_schema

# (sheet name, table schema, path under results/{year}) in the order a reviewer follows the data.
SHEETS = (
    ("codeboekrapport", "codeboekrapport", "ingest/codeboekrapport.csv"),
    ("koppeling", "koppeling", "koppeling/koppeling.csv"),
    ("respons", "respons", "respons/respons.csv"),
    ("vervallen inzendingen", "inzendingen_vervallen", "respons/inzendingen_vervallen.csv"),
    ("inclusie", "inclusie", "inclusie/inclusie.csv"),
    ("overname", "overname", "overname/overname.csv"),
    ("classificatie", "classificatie", "analyse/classificatie.csv"),
    *((name, name, f"tabellen/{name}.csv") for name in (
        "stroom", "stroom_identiteiten", "samenwerking", "partijen", "vws_interventies", "gli_programmas",
        "afspraken", "financiering", "doelgroepen", "trend", "verandering", "non_respons", "non_respons_toets",
        "overgangen", "overgangen_toets")),
)
MAX_WIDTH = 60
HEADER_FILL = "154273"


@dataclass
class Sheet:
    name: str
    schema: str
    path: str
    data: pd.DataFrame


def cell_value(value):
    """A Python value for a cell: booleans as ja/nee (as in the CSVs), missing as empty."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if isinstance(value, bool):
        return ja_nee(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def explanation(sheets: list[Sheet], identities: pd.DataFrame, year: int) -> list[list]:
    """Rows of the first sheet: what each sheet holds, and the flow identities."""
    rows: list[list] = [
        [f"Auditwerkmap evaluatie Preventie in het zorgstelsel, jaar {year}"],
        ["Elk blad is een tussentabel van de pijplijn, dezelfde als het CSV-bestand onder results/"
         f"{year}/. Ja/nee staat voor waar/onwaar; een lege cel is ontbrekend."],
        [],
        ["blad", "inhoud", "bestand", "rijen"],
    ]
    for sheet in sheets:
        schema = table_schema(sheet.schema)
        rows.append([sheet.name, f"{schema['title']}: {schema['description']}", sheet.path, len(sheet.data)])
    rows += [[], ["Stroomidentiteiten (door de pijplijn gecontroleerd)"],
             ["identiteit", "links", "rechts", "uitwerking", "klopt"]]
    for _, row in identities.iterrows():
        rows.append([row["identiteit"], cell_value(row["links"]), cell_value(row["rechts"]), row["uitwerking"],
                     cell_value(row["klopt"])])
    return rows


def _put(ws, row: int, col: int, value):
    cell = ws.cell(row=row, column=col, value=cell_value(value))
    if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
        cell.data_type = "s"  # store as text: never evaluated as a formula
    return cell


def _widths(ws, rows: list[list]) -> None:
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in rows:
        for i, value in enumerate(row, start=1):
            widths[i] = max(widths.get(i, 0), len(str(value)) if value is not None else 0)
    for i, width in widths.items():
        ws.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 8), MAX_WIDTH)


def build_workbook(sheets: list[Sheet], identities: pd.DataFrame, year: int):
    """The audit workbook (openpyxl), first the explanation, then one sheet per table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    intro = book.active
    intro.title = "toelichting"
    rows = explanation(sheets, identities, year)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            _put(intro, r, c, value)
    intro["A1"].font = Font(bold=True, size=13, color=HEADER_FILL)
    for r, row in enumerate(rows, start=1):
        if row[:1] in (["blad"], ["identiteit"]):
            for c in range(1, len(row) + 1):
                intro.cell(row=r, column=c).font = Font(bold=True)
    intro.column_dimensions["A"].width = 34
    intro.column_dimensions["B"].width = 100
    intro.column_dimensions["C"].width = 40
    for row in intro.iter_rows(min_row=5, max_col=2):
        row[1].alignment = Alignment(wrap_text=True, vertical="top")

    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor=HEADER_FILL)
    for sheet in sheets:
        ws = book.create_sheet(sheet.name)
        columns = list(sheet.data.columns)
        for c, name in enumerate(columns, start=1):
            cell = _put(ws, 1, c, name)
            cell.font, cell.fill = header_font, header_fill
        values = sheet.data.astype(object).where(sheet.data.notna(), None).values.tolist()
        for r, row in enumerate(values, start=2):
            for c, value in enumerate(row, start=1):
                _put(ws, r, c, value)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        _widths(ws, [columns] + values)
    return book


def write_audit(sheets: list[Sheet], identities: pd.DataFrame, year: int, path) -> None:
    """Save the workbook with fixed document times (repeatable bytes)."""
    book = build_workbook(sheets, identities, year)
    book.save(path)
    repack_zip(path)
