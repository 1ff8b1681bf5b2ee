"""Delimited text exports (.csv, .txt, .tsv): the encoding and separator detected unless set."""

from __future__ import annotations

import codecs
import csv
import re
from io import StringIO
from itertools import islice
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import PipelineError
from .header import TOP_ROWS, check_header, column_names, header_index, is_qualtrics
from .raw import RawExport

SEPARATORS = (";", ",", "\t")
# Tried in order when no encoding is set: UTF-8 (with or without BOM), then what Dutch Excel
# writes ("CSV (gescheiden door lijstscheidingsteken)"). UTF-16 is recognised before these.
ENCODINGS = ("utf-8-sig", "cp1252")
# Excel's hint line above the header ('sep=;'): Excel splits on it in any locale and hides it
SEP_LINE = re.compile(r'"?sep=([^\r\n"])"?[ \t]*(?:\r\n|\n|\r|\Z)', re.IGNORECASE)


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


def read_text(
    path: Path,
    encoding: str | None,
    separator: str | None,
    header_row: int | None,
    expected: set[str] | None,
    where: str,
    encoding_where: str,
) -> RawExport:
    # Long: encoding, separator and header row are found in turn, each from what the step before read.
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
    header = header_index(rows, header_row)
    if header >= len(rows) or not rows[header]:
        raise PipelineError(
            f"rij {header_row} is {'leeg' if header < len(rows) else 'er niet'}: daar horen de kolomnamen",
            file=str(path),
            hint=f"Zet 'header_row' op de rij met de kolomnamen {where}",
        )
    if expected is not None:
        check_header(str(path), rows, header, expected, where)
    labels = {}
    names = column_names(rows[header])
    skip = 2 if is_qualtrics(rows, header) else 0
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
