"""XLSX exports: the worksheet and header row, and formulas without a stored result refused."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..errors import PipelineError, list_items
from .header import TOP_ROWS, check_header, header_index, is_qualtrics
from .raw import RawExport


def _cell_text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value).strip()


def _chosen_sheet(names: list[str], sheet: str | int | None, file: str, where: str) -> str:
    """The worksheet to read: the first, or `sheet` by name or number (1 = the first)."""
    if sheet is None:
        return names[0]
    if str(sheet) in names:  # a name, also one that YAML reads as a number (sheet: 2021)
        return str(sheet)
    if isinstance(sheet, int) and 1 <= sheet <= len(names):
        return names[sheet - 1]
    raise PipelineError(
        f"werkblad {sheet!r} bestaat niet; wel: {list_items(repr(n) for n in names)}",
        file=file,
        hint=f"Zet bij 'sheet' de naam of het nummer (1 = het eerste) van een werkblad {where}",
    )


def read_xlsx(
    path: Path, sheet: str | int | None, header_row: int | None, expected: set[str] | None, where: str
) -> RawExport:
    # Long: worksheet, header row and formulas are checked in turn on one opened workbook.
    """An Excel workbook (see `read_input`)."""
    workbook = pd.ExcelFile(path, engine="openpyxl")
    chosen = _chosen_sheet(workbook.sheet_names, sheet, str(path), where)

    def first_rows(name: str) -> list[list[str]]:
        top = pd.read_excel(
            workbook, sheet_name=name, header=None, nrows=max(TOP_ROWS, (header_row or 0) + 2), dtype=object
        )
        return [[_cell_text(v) for v in row] for row in top.itertuples(index=False)]

    rows = first_rows(chosen)
    header = header_index(rows, header_row)
    layout = [f"werkblad '{chosen}'"] if len(workbook.sheet_names) > 1 else []
    if header_row and header >= len(rows):
        raise PipelineError(
            f"rij {header_row} is er niet: daar horen de kolomnamen",
            file=str(path),
            hint=f"Zet 'header_row' op de rij met de kolomnamen {where}",
        )
    if expected is not None:
        others = [n for n in workbook.sheet_names if n != chosen] if sheet is None else []
        shown = chosen if len(workbook.sheet_names) > 1 else None
        check_header(str(path), rows, header, expected, where, shown, lambda: [(n, first_rows(n)) for n in others])
    qualtrics = is_qualtrics(rows, header)
    data = pd.read_excel(
        workbook,
        sheet_name=chosen,
        header=header,
        skiprows=[header + 1, header + 2] if qualtrics else None,
        dtype=object,
    )
    labels = {}
    if qualtrics:
        labels = {str(n): t for n, t in zip(data.columns, rows[header + 1]) if t}
        layout.append(
            f"Qualtrics-export: rij {header + 2} (vraagteksten, gelezen als labels) en rij {header + 3} "
            "(ImportId's) overgeslagen"
        )
    if header_row:
        layout.append(f"kolomnamen in rij {header_row}")
    uncalculated = _formulas_without_value(path, chosen)
    if uncalculated:
        columns = sorted({_column_index(cell) for cell in uncalculated})
        names = [str(data.columns[c]) for c in columns if c < len(data.columns)]
        variable = names[0] if len(names) == 1 else None
        in_columns = "" if variable or not names else f" (kolommen {list_items(names, 5)})"
        raise PipelineError(
            f"{len(uncalculated)} formulecel(len) zonder opgeslagen uitkomst in werkblad '{chosen}'{in_columns}: "
            "die zouden als leeg gelezen worden",
            file=str(path),
            variable=variable,
            rows=uncalculated,
            rows_label="cellen",
            hint="Het bestand is door een programma geschreven en nooit in Excel berekend: open het in Excel en sla "
            "het op (Excel rekent de formules dan uit en bewaart de uitkomsten), of schrijf de waarden in plaats "
            "van formules",
        )
    return RawExport(data, labels, layout=layout)


def _column_index(cell: str) -> int:
    """'C12' -> 2."""
    index = 0
    for letter in re.match(r"[A-Z]+", cell).group(0):
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _formulas_without_value(path: Path, sheet: str) -> list[str]:
    """The cells of a worksheet that hold a formula without its result. Excel and LibreOffice store
    the result next to every formula; a file written by a program (openpyxl: ws["A2"] = "=1+1")
    and never opened in one has none, and every reader then sees an empty cell."""
    import posixpath
    import xml.etree.ElementTree as ET
    import zipfile

    def local(tag: str) -> str:
        return tag.rsplit("}", 1)[-1]

    with zipfile.ZipFile(path) as package:
        book = ET.fromstring(package.read("xl/workbook.xml"))
        ids = [
            value
            for s in book.iter()
            if local(s.tag) == "sheet" and s.get("name") == sheet
            for key, value in s.attrib.items()
            if local(key) == "id"
        ]
        rels = ET.fromstring(package.read("xl/_rels/workbook.xml.rels"))
        targets = [r.get("Target", "") for r in rels if ids and r.get("Id") == ids[0]]
        if not targets:
            return []
        target = targets[0]
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if not _has_formula(package, part):
            return []
        cells = []
        with package.open(part) as sheet_xml:
            for _, elem in ET.iterparse(sheet_xml):
                if local(elem.tag) != "c":
                    continue
                children = {local(child.tag): child for child in elem}
                result = children.get("v")
                # a formula whose result is empty text is stored as <v></v> with t="str"
                if "f" in children and (result is None or (not result.text and elem.get("t") != "str")):
                    cells.append(elem.get("r", "?"))
                elem.clear()
    return cells


FORMULA_TAG = re.compile(rb"<(?:\w+:)?f[\s>/]")


def _has_formula(package, part: str, chunk: int = 1 << 20) -> bool:
    """Whether a worksheet's XML has a formula element, by a quick scan of its bytes (most exports
    have none, and then the cells need not be parsed)."""
    with package.open(part) as fh:
        tail = b""
        while block := fh.read(chunk):
            if FORMULA_TAG.search(tail + block):
                return True
            tail = block[-16:]
    return False
