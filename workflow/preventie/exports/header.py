"""Where the variable names of a text or XLSX export are: the header row, a title above it, and
Qualtrics' two rows under it."""

from __future__ import annotations

import json
import re

from ..errors import PipelineError, list_items

# The rows searched for the variable names: a title above them, or a read-me worksheet first
TOP_ROWS = 20


def column_names(cells: list[str]) -> list[str]:
    """Column names as pandas gives them: an empty one 'Unnamed: <position>', a repeated one with '.1'."""
    names: list[str] = []
    for position, cell in enumerate(cells):
        name = cell if cell != "" else f"Unnamed: {position}"
        base, n = name, 0
        while name in names:
            n += 1
            name = f"{base}.{n}"
        names.append(name)
    return names


def _is_import_id(cell: str) -> bool:
    """A Qualtrics ImportId cell, e.g. '{"ImportId":"QID2"}'."""
    text = cell.strip()
    if not text.startswith("{"):
        return False
    try:
        return "ImportId" in json.loads(text)
    except (ValueError, TypeError):
        return False


def is_qualtrics(rows: list[list[str]], header: int) -> bool:
    """Qualtrics writes two rows under the names: the question texts, then ImportIds as JSON."""
    return len(rows) > header + 2 and any(_is_import_id(cell) for cell in rows[header + 2])


def _shown(cells: list[str]) -> str:
    """What a row holds, for a message: one or two texts quoted (a title), else only how many cells
    are filled (the row may hold answers; no value of one is ever shown)."""
    filled = [c.strip() for c in cells if c.strip()]
    if not filled:
        return "een lege rij"
    if len(filled) > 2 or any("@" in c or re.search(r"\d{9}", re.sub(r"[\s().+-]", "", c)) for c in filled):
        return f"{len(filled)} gevulde cel(len)"
    return " en ".join(f"'{c}'" if len(c) <= 60 else f"'{c[:57]}…'" for c in filled)


def check_header(
    file: str,
    rows: list[list[str]],
    header: int,
    expected: set[str],
    where: str,
    sheet: str | None = None,
    other_sheets=None,
) -> None:
    """Row `header` must name at least one of the expected columns. If it names none, and another
    row (or, with `other_sheets`, a function giving the other worksheets' first rows, another
    worksheet) does, say what was found where and which setting picks the right one; with nothing
    found elsewhere, only a row that looks like a title (one or two filled cells) is an error here."""
    cells = rows[header] if header < len(rows) else []
    if expected & {c.strip() for c in cells}:
        return
    place = f"rij {header + 1}" + (f" van werkblad '{sheet}'" if sheet else "")
    message = f"{place}, waar de kopregel hoort, bevat geen van de verwachte kolomnamen, maar {_shown(cells)}"
    tables = [(sheet, rows)]
    if other_sheets is not None:
        tables += other_sheets()
    for name, table in tables:
        found = [
            (len(matched), -i, i, matched)
            for i, row in enumerate(table)
            if (matched := [c.strip() for c in row if c.strip() in expected]) and not (name == sheet and i == header)
        ]
        if found:
            _, _, row, matched = max(found)
            settings = [f"'sheet: {name}'"] if name != sheet else []
            if row != 0 or name == sheet:
                settings.append(f"'header_row: {row + 1}'")
            there = f"rij {row + 1}" + (f" van werkblad '{name}'" if name != sheet else "")
            raise PipelineError(
                f"{message}; {there} wel ({list_items(matched, 3)})",
                file=file,
                hint=f"Zet {' en '.join(settings)} {where}",
            )
    if 0 < len([c for c in cells if c.strip()]) <= 2:
        choose = "'header_row' (de rij met de kolomnamen)" + (" en 'sheet' (het werkblad)" if sheet else "")
        raise PipelineError(message, file=file, hint=f"Kies {choose} {where}")


def header_index(rows: list[list[str]], header_row: int | None) -> int:
    """The row of the names (0 = the first): `header_row`, else the first row that is not empty."""
    if header_row:
        return header_row - 1
    return next((i for i, row in enumerate(rows) if any(cell.strip() for cell in row)), 0)
