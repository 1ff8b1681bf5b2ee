"""Audit: every intermediate table of a year in one workbook, for reviewers.

The first sheet explains each sheet (from the table schemas) and lists the flow identities
with their values; then one sheet per table, with a frozen header, filters and readable
column widths. Text that a spreadsheet would run as a formula is stored as plain text. The
workbook is written with XlsxWriter in constant-memory mode: its cells are streamed row by row
rather than held. A table of more than SHEET_ROWS rows (a year of hundreds of thousands of
initiatives) is not copied cell by cell: its sheet says how many rows it has and links to the
table's CSV file beside the workbook, which holds every row.
"""

from __future__ import annotations

import datetime
import posixpath
from dataclasses import dataclass

import pandas as pd

from .io import JA_NEE, epoch, ja_nee, table_schema
from .naming import AUDIT_SHEETS
from .numbers import format_number
from .paths import AUDIT

# (sheet name, table schema, path under results/{year}) in the order a reviewer follows the data.
SHEETS = AUDIT_SHEETS
MAX_WIDTH = 60
# The most rows a table is copied into its sheet with. Writing a cell costs XlsxWriter some
# microseconds, so 100,000 rows of ten columns take seconds, and Excel opens such a sheet slowly
# (its own limit is 1,048,576 rows). A larger table's sheet links to its CSV file instead.
SHEET_ROWS = 100_000
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
    if hasattr(value, "item"):  # numpy scalars, np.bool_ included
        value = value.item()
    return ja_nee(value) if isinstance(value, bool) else value


def explanation(sheets: list[Sheet], identities: pd.DataFrame, year: int, max_rows: int = SHEET_ROWS) -> list[list]:
    """Rows of the first sheet: what each sheet holds, and the flow identities."""
    rows: list[list] = [
        [f"Auditwerkmap evaluatie Preventie in het zorgstelsel, jaar {year}"],
        [
            "Elk blad is een tabel van de pijplijn, dezelfde als het CSV-bestand onder results/"
            f"{year}/; het eerste zijn de waarschuwingen van de run. Ja/nee staat voor waar/onwaar; een "
            "lege cel is ontbrekend."
        ],
        [],
        ["blad", "inhoud", "bestand", "rijen"],
    ]
    for sheet in sheets:
        schema = table_schema(sheet.schema)
        content = f"{schema['title']}: {schema['description']}"
        if len(sheet.data) > max_rows:
            content += f" Meer dan {format_number(max_rows)} rijen: het blad verwijst naar het CSV-bestand."
        rows.append([sheet.name, content, sheet.path, len(sheet.data)])
    rows += [
        [],
        ["Stroomidentiteiten (door de pijplijn gecontroleerd)"],
        ["identiteit", "links", "rechts", "uitwerking", "klopt"],
    ]
    for _, row in identities.iterrows():
        rows.append(
            [
                row["identiteit"],
                cell_value(row["links"]),
                cell_value(row["rechts"]),
                row["uitwerking"],
                cell_value(row["klopt"]),
            ]
        )
    return rows


def shown(column: pd.Series) -> pd.Series:
    """A column as the CSVs show it: booleans as ja/nee."""
    return column.map(JA_NEE, na_action="ignore") if pd.api.types.is_bool_dtype(column) else column


def column_values(column: pd.Series) -> list:
    """A shown column as cell values, the whole column at once (a workbook of a large year has
    millions of cells): missing as None, numbers as Python numbers."""
    return column.astype(object).where(column.notna(), None).tolist()


def column_width(name: str, column: pd.Series) -> int:
    """Characters of the widest cell of a shown column, its name included, within 8 and MAX_WIDTH."""
    longest = int(column.astype("string").str.len().max()) if column.notna().any() else 0
    return min(max(max(longest, len(name)) + 2, 8), MAX_WIDTH)


class Writer:
    """Writes one cell value (as cell_value gives it) of a workbook: text always as text (never
    run as a formula, even when it starts with = + - @), numbers as numbers, dates as dates."""

    def __init__(self, book):
        self.date = book.add_format({"num_format": "yyyy-mm-dd hh:mm:ss"})

    def put(self, ws, row: int, col: int, value, style=None) -> None:
        if value is None:
            if style is not None:
                ws.write_blank(row, col, None, style)
        elif isinstance(value, str):
            ws.write_string(row, col, value, style)
        elif isinstance(value, (int, float)):
            ws.write_number(row, col, value, style)
        elif isinstance(value, (pd.Timestamp, datetime.datetime)):
            ws.write_datetime(row, col, pd.Timestamp(value).to_pydatetime(), style or self.date)
        else:
            ws.write_string(row, col, str(value), style)


def _intro_sheet(book, writer: Writer, rows: list[list]) -> None:
    """The explanation sheet: title, what each sheet holds, the flow identities."""
    ws = book.add_worksheet("toelichting")
    title = book.add_format({"bold": True, "font_size": 13, "font_color": "#" + HEADER_FILL})
    bold = book.add_format({"bold": True})
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    ws.set_column(0, 0, 34)
    ws.set_column(1, 1, 100)
    ws.set_column(2, 2, 40)
    for r, row in enumerate(rows):
        heading = row[:1] in (["blad"], ["identiteit"])
        for c, value in enumerate(row):
            style = title if (r, c) == (0, 0) else bold if heading else wrapped if c == 1 and r >= 4 else None
            writer.put(ws, r, c, cell_value(value), style)


def _table_sheet(book, writer: Writer, sheet: Sheet, header) -> None:
    """One table: a header row, frozen and with filters, then its rows, column by column
    converted and row by row written (the workbook is streamed: memory stays bounded)."""
    ws = book.add_worksheet(sheet.name)
    data = {str(name): shown(sheet.data[name]) for name in sheet.data.columns}
    for c, (name, column) in enumerate(data.items()):
        ws.set_column(c, c, column_width(name, column))
        ws.write_string(0, c, name, header)
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, len(sheet.data), max(len(data) - 1, 0))
    values = [column_values(column) for column in data.values()]
    writers = [_column_writer(ws, writer, column) for column in data.values()]
    for r, row in enumerate(zip(*values), start=1):
        for c, value in enumerate(row):
            if value is not None:
                writers[c](r, c, value)


def csv_link(sheet: Sheet) -> str:
    """Where the table's CSV file lies, seen from the workbook (both under results/{year}/)."""
    return posixpath.relpath(sheet.path, posixpath.dirname(AUDIT))


def _link_sheet(book, sheet: Sheet, bold) -> None:
    """A table too large to copy: its size, its columns and a link to its CSV file."""
    ws = book.add_worksheet(sheet.name)
    ws.set_column(0, 0, 110)
    rows = format_number(len(sheet.data))
    ws.write_string(0, 0, f"{sheet.name}: {rows} rijen, te veel voor dit blad; elke rij staat in het CSV-bestand", bold)
    ws.write_url(1, 0, f"external:{csv_link(sheet)}", string=sheet.path)
    ws.write_string(2, 0, "kolommen: " + ", ".join(str(name) for name in sheet.data.columns))


def _column_writer(ws, writer: Writer, column: pd.Series):
    """The cell writer for every value of a column: chosen once per column, not per cell."""
    if pd.api.types.is_string_dtype(column):
        return ws.write_string
    if pd.api.types.is_numeric_dtype(column):
        return ws.write_number
    return lambda r, c, value: writer.put(ws, r, c, cell_value(value))


def document_properties(year: int) -> dict:
    """Title, creator and dates of the workbook (File > Info in Excel). The date is SOURCE_DATE_EPOCH's:
    with it, XlsxWriter writes the same bytes every run (its zip entries carry a fixed date already)."""
    return {
        "title": f"Auditwerkmap evaluatie Preventie in het zorgstelsel, jaar {year}",
        "subject": f"Tussentabellen van de evaluatiepijplijn, jaar {year}",
        "author": "RIVM",
        "company": "RIVM",
        "created": datetime.datetime.fromtimestamp(epoch(), datetime.UTC),
    }


def write_audit(sheets: list[Sheet], identities: pd.DataFrame, year: int, path, max_rows: int = SHEET_ROWS) -> None:
    """The audit workbook, first the explanation, then one sheet per table (of more than
    `max_rows` rows: a link to its CSV file); saved with fixed document times (repeatable bytes)."""
    import xlsxwriter

    book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_formulas": False})
    book.set_properties(document_properties(year))
    writer = Writer(book)
    _intro_sheet(book, writer, explanation(sheets, identities, year, max_rows))
    header = book.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#" + HEADER_FILL, "pattern": 1})
    bold = book.add_format({"bold": True})
    for sheet in sheets:
        if len(sheet.data) > max_rows:
            _link_sheet(book, sheet, bold)
        else:
            _table_sheet(book, writer, sheet, header)
    book.close()
