"""Reading raw inputs: a survey export, inventory or links file in any format an enquête program
writes (SPSS, delimited text, XLSX), as a `RawExport`."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ..errors import PipelineError
from .raw import INPUT_SUFFIXES, KINDS, SPSS_SUFFIXES, TEXT_SUFFIXES, RawExport, declared_mask
from .spss import read_spss
from .text import read_text
from .xlsx import read_xlsx

__all__ = ["RawExport", "declared_mask", "read_input"]


def _without_empty_rows(data: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Rows in which every cell is empty (a spreadsheet's trailing rows) are no records."""
    if data.empty:
        return data.reset_index(drop=True), 0
    blank = data.isna().to_numpy()
    for i, (_, column) in enumerate(data.items()):
        # a number, a boolean or a date is never white space: only other cells can be present and blank
        if not (pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column)):
            blank[:, i] |= (column.astype(str).str.strip() == "").to_numpy()
    empty = blank.all(axis=1)
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
    # Long: most of it is the docstring; then the settings checked before reading, one reader per format.
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
            export = read_spss(path, encoding, expected, encoding_where)
        elif suffix in TEXT_SUFFIXES:
            export = read_text(path, encoding, separator, header_row, expected, where, encoding_where)
        else:
            export = read_xlsx(path, sheet, header_row, expected, where)
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
