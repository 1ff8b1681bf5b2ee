"""Reading raw inputs; writing and reading the pipeline's tables and files, deterministically."""

from __future__ import annotations

import codecs
import csv
import json
import os
import re
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from io import StringIO
from itertools import islice
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from .errors import PipelineError, list_items
from .yamlfile import read_yaml  # noqa: F401 (part of the I/O interface)

# --- reading raw inputs ------------------------------------------------------------------

SPSS_SUFFIXES = (".sav", ".zsav")  # .zsav: SPSS's compressed system file
# .txt: what Excel writes as 'Unicode-tekst' (UTF-16, tabs); .tsv: tab-separated
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
INPUT_SUFFIXES = (*SPSS_SUFFIXES, *TEXT_SUFFIXES, ".xlsx")
KINDS = {
    **dict.fromkeys(SPSS_SUFFIXES, "SPSS-bestand"),
    **dict.fromkeys(TEXT_SUFFIXES, "CSV-bestand"),
    ".xlsx": "Excel-bestand",
}


@dataclass
class RawExport:
    """A raw table as read, with whatever labels the format carries and how it was read."""

    data: pd.DataFrame
    variable_labels: dict[str, str] = field(default_factory=dict)
    value_labels: dict[str, dict[object, str]] = field(default_factory=dict)
    encoding: str | None = None  # of a CSV: as set or detected
    separator: str | None = None
    empty_rows: int = 0  # fully empty rows, dropped
    # SPSS 'Missing Values': per variable the declared codes as (lo, hi) ranges (lo == hi for one
    # code). They stay codes in `data`: what a code means is the codebook's to say.
    declared_missing: dict[str, list[tuple[object, object]]] = field(default_factory=dict)
    # variables of the file that are not in `data`, with the reason (unreadable, and not needed)
    unread: dict[str, str] = field(default_factory=dict)
    layout: list[str] = field(default_factory=list)  # where the names and rows were found, for the log

    def describe(self) -> str:
        """How the file was read, for the log."""
        parts = [f"{len(self.data)} rijen", f"{len(self.data.columns)} kolommen"]
        if self.encoding:
            parts.append(f"tekenset {self.encoding}, scheidingsteken {self.separator!r}")
        if self.empty_rows:
            parts.append(f"{self.empty_rows} lege rij(en) overgeslagen")
        parts += self.layout
        if self.declared_missing:
            parts.append(f"codes als ontbrekend verklaard (SPSS) bij {', '.join(self.declared_missing)}")
        if self.unread:
            parts.append("niet ingelezen: " + "; ".join(f"{var} ({why})" for var, why in self.unread.items()))
        return ", ".join(parts)

    def declared(self, var: str) -> pd.Series:
        """Which values of `var` its SPSS file declares missing ('Missing Values')."""
        return declared_mask(self.data[var], self.declared_missing.get(var, []))


def declared_mask(values: pd.Series, ranges: list[tuple[object, object]]) -> pd.Series:
    """Which values fall in SPSS 'Missing Values' ranges (lo, hi; one code as lo == hi)."""
    mask = pd.Series(False, index=values.index)
    for lo, hi in ranges:
        if isinstance(lo, str):  # SPSS declares single text codes, no ranges
            mask |= values.astype("string").str.rstrip().eq(lo.rstrip()).fillna(False)
        elif pd.api.types.is_datetime64_any_dtype(values):  # a date variable: seconds since SPSS's epoch
            mask |= values.between(SPSS_EPOCH + timedelta(seconds=lo), SPSS_EPOCH + timedelta(seconds=hi))
        elif pd.api.types.is_numeric_dtype(values):
            mask |= values.between(lo, hi)
    return mask.astype(bool)


SEPARATORS = (";", ",", "\t")
# Tried in order when no encoding is set: UTF-8 (with or without BOM), then what Dutch Excel
# writes ("CSV (gescheiden door lijstscheidingsteken)"). UTF-16 is recognised before these.
ENCODINGS = ("utf-8-sig", "cp1252")
# Excel's hint line above the header ('sep=;'): Excel splits on it in any locale and hides it
SEP_LINE = re.compile(r'"?sep=([^\r\n"])"?[ \t]*(?:\r\n|\n|\r|\Z)', re.IGNORECASE)
# The rows searched for the variable names: a title above them, or a read-me worksheet first
TOP_ROWS = 20
SPSS_EPOCH = datetime(1582, 10, 14)
# SPSS's date and time formats, which pyreadstat turns into dates; Python's dates end at the years 1 and 9999
SPSS_DATE_FORMAT = re.compile(r"DATE|TIME|YR|MONTH|WKDAY", re.IGNORECASE)
SPSS_DATE_RANGE = (
    (datetime(1, 1, 1) - SPSS_EPOCH).total_seconds(),
    (datetime(9999, 12, 31, 23, 59, 59) - SPSS_EPOCH).total_seconds(),
)


def _text_encoding(raw: bytes) -> str:
    """UTF-16 by its byte-order mark (Excel's 'Unicode-tekst') or, without one, by the zero bytes
    that ASCII text has in UTF-16; else the first of ENCODINGS that reads the whole file."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = raw[:4096]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    if max(odd, even) >= len(head) // 4 > 0:  # not a stray zero byte: a quarter of the bytes
        return "utf-16-le" if odd > even else "utf-16-be"
    for encoding in ENCODINGS[:-1]:
        try:
            raw.decode(encoding)
            return encoding
        except UnicodeDecodeError:
            continue
    return ENCODINGS[-1]


def _text_separator(text: str, header_row: int | None) -> str:
    """The separator the header line uses most: ';' (Dutch spreadsheets), ',' or a tab. The header
    line is row `header_row`, or else the first line with any separator (a title above it has none)."""
    lines = list(islice(StringIO(text, newline=""), max(TOP_ROWS, header_row or 0)))
    if header_row:
        candidates = lines[header_row - 1 : header_row]
    else:
        candidates = [line for line in lines if any(sep in line for sep in SEPARATORS)][:1]
    header = candidates[0] if candidates else ""
    return max(SEPARATORS, key=header.count) if any(sep in header for sep in SEPARATORS) else ","


def _first_records(text: str, sep: str, n: int) -> list[tuple[list[str], int]]:
    """The first `n` records of a delimited text (a quoted field may span lines; an empty line is
    an empty record, as a spreadsheet shows it), each with the offset in `text` where it ends."""
    consumed = 0

    def lines():
        nonlocal consumed
        for line in StringIO(text, newline=""):
            consumed += len(line)
            yield line

    records = []
    for cells in csv.reader(lines(), delimiter=sep):
        records.append((cells, consumed))
        if len(records) == n:
            break
    return records


def _column_names(cells: list[str]) -> list[str]:
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


def _is_qualtrics(rows: list[list[str]], header: int) -> bool:
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


def _check_header(
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


def _read_text(
    path: Path,
    encoding: str | None,
    separator: str | None,
    header_row: int | None,
    expected: set[str] | None,
    where: str,
    encoding_where: str,
) -> RawExport:
    """A delimited text file (see `read_input`)."""
    raw = path.read_bytes()
    utf16 = raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if encoding and utf16 and not codecs.lookup(encoding).name.startswith("utf-16"):
        raise PipelineError(
            f"het bestand is UTF-16 (zoals Excel 'Unicode-tekst' het schrijft), niet {encoding}",
            file=str(path),
            hint=f"Laat 'encoding' weg of zet utf-16 {encoding_where}",
        )
    encoding = encoding or _text_encoding(raw)
    text = raw.decode(encoding).removeprefix("\ufeff")
    layout = []
    sep_line = SEP_LINE.match(text)
    if sep_line:
        text = text[sep_line.end() :]
        layout.append(f"eerste regel '{sep_line.group(0).strip()}' (voor Excel) gelezen en overgeslagen")
    sep = separator or (sep_line.group(1) if sep_line else None) or _text_separator(text, header_row)
    records = _first_records(text, sep, max(TOP_ROWS, (header_row or 0) + 2))
    rows = [cells for cells, _ in records]
    if not any(rows):
        return RawExport(pd.DataFrame(), encoding=encoding, separator=sep, layout=layout)
    header = _header_index(rows, header_row)
    if header >= len(rows) or not rows[header]:
        raise PipelineError(
            f"rij {header_row} is {'leeg' if header < len(rows) else 'er niet'}: daar horen de kolomnamen",
            file=str(path),
            hint=f"Zet 'header_row' op de rij met de kolomnamen {where}",
        )
    if expected is not None:
        _check_header(str(path), rows, header, expected, where)
    labels = {}
    names = _column_names(rows[header])
    skip = 2 if _is_qualtrics(rows, header) else 0
    if skip:
        labels = {name: label.strip() for name, label in zip(names, rows[header + 1]) if label.strip()}
        layout.append(
            f"Qualtrics-export: rij {header + 2} (vraagteksten, gelezen als labels) en rij {header + 3} "
            "(ImportId's) overgeslagen"
        )
    if header_row:
        layout.append(f"kolomnamen in rij {header_row}")
    start = records[header + skip][1]
    body = text[start:]
    width = len(names)
    line_before = text[:start].count("\n") + (1 if sep_line else 0)
    try:
        # one column more than the header: room for a separator after the last field
        data = pd.read_csv(
            StringIO(body),
            sep=sep,
            header=None,
            names=range(width + 1),
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=True,
        )
    except pd.errors.ParserError as err:
        counted = re.search(r"Expected \d+ fields in line (\d+), saw (\d+)", str(err))
        if not counted:
            raise
        raise PipelineError(
            f"{counted.group(2)} velden in een regel, terwijl de kopregel er {width} heeft",
            file=str(path),
            rows=[line_before + int(counted.group(1))],
            rows_label="regel",
            hint=f"Controleer het scheidingsteken, of zet 'separator' {where}",
        ) from None
    if not isinstance(data.index, pd.RangeIndex):  # pandas took the first fields as row labels
        raise PipelineError(
            f"meer velden in een regel dan de {width} van de kopregel",
            file=str(path),
            rows=[line_before + 1],
            rows_label="regel",
            hint=f"Controleer het scheidingsteken, of zet 'separator' {where}",
        )
    extra = data.pop(width)
    filled = (extra != "").to_numpy()
    if filled.any():
        raise PipelineError(
            f"een gevuld veld na de laatste kolom van de kopregel ({width} kolommen)",
            file=str(path),
            rows=(np.flatnonzero(filled) + 1).tolist(),
            rows_label="rijen",
            hint=f"Geef elke kolom een naam in de kopregel, of controleer het scheidingsteken ('separator' {where})",
        )
    data.columns = names
    return RawExport(data, labels, encoding=encoding, separator=sep, layout=layout)


def _header_index(rows: list[list[str]], header_row: int | None) -> int:
    """The row of the names (0 = the first): `header_row`, else the first row that is not empty."""
    if header_row:
        return header_row - 1
    return next((i for i, row in enumerate(rows) if any(cell.strip() for cell in row)), 0)


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


def _read_xlsx(
    path: Path, sheet: str | int | None, header_row: int | None, expected: set[str] | None, where: str
) -> RawExport:
    """An Excel workbook (see `read_input`)."""
    workbook = pd.ExcelFile(path, engine="openpyxl")
    chosen = _chosen_sheet(workbook.sheet_names, sheet, str(path), where)

    def first_rows(name: str) -> list[list[str]]:
        top = pd.read_excel(
            workbook, sheet_name=name, header=None, nrows=max(TOP_ROWS, (header_row or 0) + 2), dtype=object
        )
        return [[_cell_text(v) for v in row] for row in top.itertuples(index=False)]

    rows = first_rows(chosen)
    header = _header_index(rows, header_row)
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
        _check_header(str(path), rows, header, expected, where, shown, lambda: [(n, first_rows(n)) for n in others])
    qualtrics = _is_qualtrics(rows, header)
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


def _spss_encoding_problem(err: Exception, path: Path, encoding: str | None, where: str) -> PipelineError | None:
    """A pyreadstat error about characters, as the setting that fixes it."""
    text = str(err)
    if "character set" in text:
        what = f"tekenset '{encoding}' is niet te gebruiken" if encoding else "de tekenset van het bestand is onbekend"
    elif "encoding" in text:
        what = f"tekens niet te lezen als {encoding}" if encoding else "tekens niet te lezen"
    else:
        return None
    if encoding:  # a .sav names its own character set; a set one overrides it
        hint = (
            f"Zet de juiste 'encoding' {where} (bijv. utf-8 of cp1252), of laat haar weg: het bestand noemt "
            "zijn tekenset"
        )
    else:
        hint = f"Zet de juiste 'encoding' {where} (bijv. cp1252)"
    return PipelineError(what, file=str(path), hint=hint)


def _read_spss(path: Path, encoding: str | None, expected: set[str] | None, encoding_where: str) -> RawExport:
    """An SPSS .sav or .zsav file (see `read_input`)."""
    import pyreadstat

    def read(**options):
        try:
            return pyreadstat.read_sav(
                str(path), apply_value_formats=False, user_missing=True, encoding=encoding, **options
            )
        except pyreadstat.ReadstatError as err:
            raise _spss_encoding_problem(err, path, encoding, encoding_where) or err from None

    _, meta = read(metadataonly=True)
    try:
        data, _ = read()
        unread = {}
    except PipelineError:
        raise
    except Exception as err:
        data, unread = _read_spss_without_unreadable(read, meta, err, expected, path)
    labels = {k: v for k, v in zip(meta.column_names, meta.column_labels) if v}
    declared = {
        var: [(r["lo"], r["hi"]) for r in ranges] for var, ranges in (meta.missing_ranges or {}).items() if ranges
    }
    return RawExport(data, labels, dict(meta.variable_value_labels), declared_missing=declared, unread=unread)


def _read_spss_without_unreadable(read, meta, err: Exception, expected: set[str] | None, path: Path):
    """The data without the date variables that cannot be read (a value beyond the year 9999 stops
    the whole read): a user error naming the variable when the caller needs it, else left out and
    named in `unread`. Any other failure is the file's own."""
    problems = {}
    for var, fmt in meta.original_variable_types.items():
        if SPSS_DATE_FORMAT.search(fmt or ""):
            try:
                read(usecols=[var])
            except PipelineError:
                raise
            except Exception as problem:  # any reader error: this variable is unreadable
                problems[var] = _date_problem(read, var, problem)
    if not problems:
        raise err
    needed = [var for var in problems if expected is None or var in expected]
    if needed:
        message, rows = problems[needed[0]]
        raise PipelineError(
            message,
            file=str(path),
            variable=needed[0],
            rows=rows,
            hint="Verbeter de waarde in de export",
        )
    data, _ = read(usecols=[c for c in meta.column_names if c not in problems])
    unread = {
        var: message + (f" (rijen: {list_items(rows)})" if rows else "") for var, (message, rows) in problems.items()
    }
    return data, unread


def _date_problem(read, var: str, problem: Exception) -> tuple[str, list[int]]:
    """Why a date variable cannot be read, and in which rows (1 = the first record)."""
    seconds = read(usecols=[var], disable_datetime_conversion=True)[0][var]
    lo, hi = SPSS_DATE_RANGE
    outside = ((seconds < lo) | (seconds > hi)).to_numpy()
    if outside.any():
        return "datum buiten wat te lezen is (de jaren 1 tot en met 9999)", (np.flatnonzero(outside) + 1).tolist()
    reason = str(problem).strip().splitlines()[0] if str(problem).strip() else type(problem).__name__
    return f"kan niet gelezen worden als SPSS-bestand: {reason}", []


def _without_empty_rows(data: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Rows in which every cell is empty (a spreadsheet's trailing rows) are no records."""
    if data.empty:
        return data.reset_index(drop=True), 0
    blank = data.isna() | data.astype(str).apply(lambda c: c.str.strip() == "")
    empty = blank.all(axis=1).to_numpy()
    return data[~empty].reset_index(drop=True), int(empty.sum())


def read_input(
    path: str | os.PathLike,
    encoding: str | None = None,
    separator: str | None = None,
    setting: str | None = None,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    expect: Iterable[str] | None = None,
    encoding_setting: str | None = None,
) -> RawExport:
    """Read a survey export, inventory or links file: SPSS (.sav, .zsav), delimited text (.csv,
    .txt, .tsv) or XLSX.

    Text: the encoding (UTF-16 as Excel's 'Unicode-tekst' writes it, by its byte-order mark;
    UTF-8 with or without BOM; else cp1252) and the separator (Excel's 'sep=;' first line, else
    ';', ',' or tab, whichever the header line has most) are detected unless given; a separator
    after the last field of a row is dropped when that field is empty. Text and XLSX: the
    variable names are in row 1, or `header_row`, of the first worksheet, or `sheet` (a name, or
    1 for the first); a Qualtrics export's two rows under them (question texts, read as labels,
    and ImportIds) are skipped; a formula without its stored result is an error. SPSS: a code
    the file declares missing comes back as the code, with the declaration (what it means is the
    codebook's to say).

    Values come back raw (codes, not labels); CSV cells as text, so that code matching never
    depends on a reader's type guess. Fully empty rows are dropped and counted.

    `expect` names the columns the caller needs: a header row naming none of them is an error
    that says what is there and where the names are (another row, another worksheet), and an
    unreadable SPSS variable that is not among them is left out (`unread`). `setting` names the
    config key of this file, `encoding_setting` where `encoding` was set if that is elsewhere (the
    codebook), for the hint of an error.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise PipelineError("bestand niet gevonden", file=str(path))
    if suffix not in INPUT_SUFFIXES:
        raise PipelineError(
            f"onbekend bestandstype '{suffix}'",
            file=str(path),
            hint="Gebruik .sav, .zsav, .csv, .txt, .tsv of .xlsx",
        )
    where = f"bij {setting} in de configuratie" if setting else "in de configuratie"
    encoding_where = encoding_setting or where
    for name, value, applies in (
        ("sheet", sheet, suffix == ".xlsx"),
        ("header_row", header_row, suffix not in SPSS_SUFFIXES),
    ):
        if value is not None and not applies:
            raise PipelineError(
                f"'{name}' geldt niet voor een {KINDS[suffix]}", file=str(path), hint=f"Verwijder '{name}' {where}"
            )
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise PipelineError(
                f"onbekende tekenset '{encoding}'",
                file=str(path),
                hint=f"Zet een bestaande 'encoding' {encoding_where} (bijv. utf-8 of cp1252), of laat haar weg",
            ) from None
    expected = set(expect) if expect is not None else None
    try:
        if suffix in SPSS_SUFFIXES:
            export = _read_spss(path, encoding, expected, encoding_where)
        elif suffix in TEXT_SUFFIXES:
            export = _read_text(path, encoding, separator, header_row, expected, where, encoding_where)
        else:
            export = _read_xlsx(path, sheet, header_row, expected, where)
    except PipelineError:
        raise
    except UnicodeDecodeError as err:
        raise PipelineError(
            f"tekens niet te lezen als {err.encoding}",
            file=str(path),
            hint=f"Zet de juiste 'encoding' {encoding_where} (bijv. cp1252)",
        ) from None
    except Exception as err:  # every reader has its own error types; all mean "unreadable"
        reason = str(err).strip().splitlines()[0] if str(err).strip() else type(err).__name__
        hint = f"Zet 'separator' en 'encoding' {where}" if suffix in TEXT_SUFFIXES else None
        raise PipelineError(
            f"kan niet gelezen worden als {KINDS[suffix]}: {reason}", file=str(path), hint=hint
        ) from None
    export.data, export.empty_rows = _without_empty_rows(export.data)
    return export


def read_bibliography(path: str | os.PathLike) -> list[dict]:
    """The sources of a BibTeX (.bib) or CSL-JSON (.json) file as CSL items, read by pandoc,
    sorted by key; a file pandoc cannot read is a user error naming it."""
    import json

    import pypandoc

    path = Path(path)
    if path.suffix.lower() == ".json":
        items = json.loads(path.read_text(encoding="utf-8"))
    else:
        try:
            items = json.loads(pypandoc.convert_file(str(path), "csljson", format="bibtex"))
        except RuntimeError as err:
            reason = str(err).strip().splitlines()[-1] if str(err).strip() else "onleesbaar"
            raise PipelineError(f"geen leesbaar BibTeX-bestand: {reason}", file=str(path)) from None
    return sorted(items, key=lambda item: item["id"])


def read_boundaries(path: str | os.PathLike):
    """A boundaries file with its polygons, as a GeoDataFrame (TopoJSON carries no CRS; these
    boundaries are in RD New)."""
    import geopandas

    boundaries = geopandas.read_file(path)
    return boundaries.set_crs(28992) if boundaries.crs is None else boundaries


def read_municipalities(path: str | os.PathLike) -> dict[str, str]:
    """CBS code -> name of every municipality in a boundaries file (GeoJSON, statcode/statnaam)."""
    import json

    with open(path, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    return {f["properties"]["statcode"]: f["properties"]["statnaam"] for f in features}


# --- writing -----------------------------------------------------------------------------


# How every output writes true/false: Dutch words, the same in CSV, workbook and trace.
JA_NEE = {True: "ja", False: "nee"}


def ja_nee(value) -> str:
    """One boolean as ja/nee."""
    return JA_NEE[bool(value)]


# A spreadsheet executes a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(text: pd.Series) -> pd.Series:
    """Prefix a quote to text that a spreadsheet would run as a formula.

    Text that merely starts with a quote ('s-Gravenhage) is left alone, so names stay
    readable; `restore` removes only a quote that stands before a formula character.
    """
    risky = text.str.startswith(FORMULA_STARTS).fillna(False)
    return text.mask(risky, QUOTE + text)


def restore(text: pd.Series) -> pd.Series:
    """Undo `neutralise` when the pipeline reads its own CSV back."""
    quoted = text.str.match(r"'[=+\-@\t\r]").fillna(False)
    return text.mask(quoted, text.str.slice(1))


def _is_text(series: pd.Series) -> bool:
    return not (
        pd.api.types.is_numeric_dtype(series)
        or pd.api.types.is_bool_dtype(series)
        or pd.api.types.is_datetime64_any_dtype(series)
    )


def _prepare(df: pd.DataFrame) -> pd.DataFrame:
    """Booleans as ja/nee (so every CSV reads the same for a Dutch reviewer); text neutralised."""
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.BooleanDtype) or out[col].dtype == bool:
            out[col] = out[col].map(JA_NEE).astype("string")
        elif _is_text(out[col]):
            out[col] = neutralise(out[col].astype("string"))
    return out


def write_csv(df: pd.DataFrame, path: str | os.PathLike) -> None:
    """Deterministic CSV: UTF-8 without BOM, LF line ends, no index, empty for missing."""
    _prepare(df).to_csv(path, index=False, lineterminator="\n", encoding="utf-8", na_rep="")


TABLE_SCHEMAS = Path(__file__).resolve().parents[1] / "schemas" / "tables.yaml"


@lru_cache(maxsize=1)
def _table_schemas() -> dict:
    with open(TABLE_SCHEMAS, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def table_schema(name: str) -> dict:
    """Columns (in order) with type and description of one output table."""
    return _table_schemas()[name]


def write_table(df: pd.DataFrame, path: str | os.PathLike, name: str) -> None:
    """Write a pipeline table as CSV after checking its columns against its schema."""
    columns = table_schema(name)["columns"]
    if list(df.columns) != list(columns):
        raise ValueError(f"table {name}: columns {list(df.columns)} differ from schema {list(columns)}")
    for col, spec in columns.items():
        if not _has_type(df[col], spec["type"]):
            raise ValueError(f"table {name}: column {col} has dtype {df[col].dtype}, schema says {spec['type']}")
    write_csv(df, path)


def _has_type(series: pd.Series, kind: str) -> bool:
    """Whether a column's dtype fits a schema type (an all-missing column also fits 'string')."""
    dtype = series.dtype
    if kind == "boolean":
        return isinstance(dtype, pd.BooleanDtype) or pd.api.types.is_bool_dtype(dtype)
    if kind == "integer":
        return pd.api.types.is_integer_dtype(dtype)
    if kind == "float":
        return pd.api.types.is_float_dtype(dtype) or pd.api.types.is_integer_dtype(dtype)
    if kind == "datetime":
        return pd.api.types.is_datetime64_any_dtype(dtype)
    return not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)) or series.isna().all()


_READ_TYPES = {"string": "string", "integer": "Int64", "float": "Float64"}


def read_table(path: str | os.PathLike, name: str) -> pd.DataFrame:
    """Read a table this pipeline wrote, with the types of its schema restored."""
    columns = table_schema(name)["columns"]
    raw = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    raw = raw.apply(restore)
    out = pd.DataFrame(index=raw.index)
    for col, spec in columns.items():
        kind = spec["type"]
        if kind == "boolean":
            out[col] = raw[col].map({text: flag for flag, text in JA_NEE.items()}).astype("boolean")
        elif kind == "datetime":
            out[col] = pd.to_datetime(raw[col])
        else:
            out[col] = raw[col].astype(_READ_TYPES[kind])
    return out


def write_parquet(df: pd.DataFrame, path: str | os.PathLike) -> None:
    """Parquet with fixed settings and no index; bytes depend only on the data."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    pq.write_table(table, path, compression="zstd", write_statistics=False)


def read_parquet(path: str | os.PathLike) -> pd.DataFrame:
    return pd.read_parquet(path)


def sav_timestamp() -> bytes:
    """SPSS header date/time (17 bytes) from SOURCE_DATE_EPOCH, or the epoch itself."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    stamp = time.gmtime(epoch)
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    date = f"{stamp.tm_mday:02d} {months[stamp.tm_mon - 1]} {stamp.tm_year % 100:02d}"
    clock = f"{stamp.tm_hour:02d}:{stamp.tm_min:02d}:{stamp.tm_sec:02d}"
    return (date + clock).encode("ascii")


# Offset of the creation date in an SPSS system file header: "$FL2", 60-byte product name,
# five int32 fields and the float64 compression bias come first (4 + 60 + 20 + 8 = 92).
SAV_DATE_OFFSET = 92


def sav_frame(
    df: pd.DataFrame, category_labels: dict[str, dict[str, str]]
) -> tuple[pd.DataFrame, dict[str, dict[float, str]]]:
    """SPSS-ready data: categories and booleans as labelled numbers, text without NA."""
    out = pd.DataFrame(index=df.index)
    value_labels: dict[str, dict[float, str]] = {}
    for col in df.columns:
        series = df[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            categories = list(series.cat.categories)
            codes = series.cat.codes.astype("float64")
            out[col] = codes.where(codes >= 0) + 1
            labels = category_labels.get(col, {})
            value_labels[col] = {float(i + 1): labels.get(c, str(c)) for i, c in enumerate(categories)}
        elif isinstance(series.dtype, pd.BooleanDtype):
            out[col] = series.astype("Float64").astype("float64")
            value_labels[col] = {1.0: "Ja", 0.0: "Nee"}
        elif pd.api.types.is_numeric_dtype(series):
            out[col] = series.astype("Float64").astype("float64")
        else:
            out[col] = series.astype("string").fillna("").astype(object)
    return out, value_labels


def write_sav(
    df: pd.DataFrame,
    path: str | os.PathLike,
    variable_labels: dict[str, str],
    category_labels: dict[str, dict[str, str]],
    file_label: str = "",
) -> None:
    """SPSS file with Dutch variable and value labels; the header's creation time is fixed
    (SOURCE_DATE_EPOCH) so the bytes are repeatable."""
    import pyreadstat

    data, value_labels = sav_frame(df, category_labels)
    pyreadstat.write_sav(
        data,
        str(path),
        file_label=file_label,
        column_labels={c: variable_labels.get(c, c) for c in data.columns},
        variable_value_labels=value_labels,
    )
    with open(path, "r+b") as fh:
        fh.seek(SAV_DATE_OFFSET)
        fh.write(sav_timestamp())


def epoch() -> int:
    """The build time every file format records: SOURCE_DATE_EPOCH (0 when unset)."""
    return int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
