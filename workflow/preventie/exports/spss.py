"""SPSS exports (.sav, .zsav): codes as codes, declared missing values kept, unreadable variables
left out when not needed."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import numpy as np

from ..errors import PipelineError, list_items
from .raw import SPSS_EPOCH, RawExport

# SPSS's date and time formats, which pyreadstat turns into dates; Python's dates end at the years 1 and 9999
SPSS_DATE_FORMAT = re.compile(r"DATE|TIME|YR|MONTH|WKDAY", re.IGNORECASE)
SPSS_DATE_RANGE = (
    (datetime(1, 1, 1) - SPSS_EPOCH).total_seconds(),
    (datetime(9999, 12, 31, 23, 59, 59) - SPSS_EPOCH).total_seconds(),
)


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


def read_spss(path: Path, encoding: str | None, expected: set[str] | None, encoding_where: str) -> RawExport:
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
