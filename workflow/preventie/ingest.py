"""Ingest of the survey: the only stage that knows raw variable names, raw codes and PII.

A raw export plus its codebook become canonical submissions (one row per submission, the
canonical columns of `canon`). PII variables are never copied: only the variables the codebook
maps are read as answers; of every other variable the codebook report (`codebook_report`) shows
counts, never a value. The stage's other parts have their own modules: the inventory
(`inventory`), dates as exports write them (`timestamps`) and municipal reorganisations
(`municipal_successors`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import canon
from .codebook import Codebook, closest, code_order, normalise_codes
from .codebook_report import codebook_report, read_declared_missing
from .errors import PipelineError, PipelineWarning, list_items, submissions_error
from .exports import RawExport
from .normalise import mask_personal_data, masked_warning, normalise_ids, normalise_text
from .privacy import mask
from .timestamps import read_timestamps


@dataclass
class Ingested:
    """Canonical submissions, the codebook report, and warnings and notes (how something was
    read) for the log."""

    submissions: pd.DataFrame
    report: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


# --- survey ------------------------------------------------------------------------------


def check_variables(export: RawExport, book: Codebook, source: str) -> None:
    """Every variable the codebook names must be in the export."""
    present = list(export.data.columns)
    missing = [v for v in book.raw_vars() if v not in present]
    if missing:
        described = []
        for var in missing:
            near = closest(var, present)
            described.append(f"{var} (dichtstbij: {', '.join(near)})" if near else var)
        raise PipelineError(
            f"variabele(n) uit het codeboek ontbreken in de export: {list_items(described)}",
            file=source,
            hint=f"Controleer het codeboek {book.source}",
        )


def submission_ids(raw: pd.Series, source: str, var: str) -> pd.Series:
    """Normalised (`normalise_ids`), non-empty, unique submission ids."""
    ids = normalise_ids(raw)
    empty = ids.isna()
    if empty.any():
        rows = (np.flatnonzero(empty.to_numpy()) + 1).tolist()
        raise PipelineError("lege inzending-id", file=source, variable=var, rows=rows, rows_label="rijen")
    dup = ids[ids.duplicated(keep=False)]
    if len(dup):
        raise submissions_error("inzending-id komt meer dan eens voor", source, var, sorted(dup.unique()))
    return ids


# A date stored as a plain number, as two tools write it: a spreadsheet cell without a date format
# holds Excel's serial day number (1900 date system: day 1 is 1 January 1900, and Excel counts a
# 29 February 1900 that never was, so from 1 March 1900 on day 0 is 30 December 1899); an SPSS
# variable without a date format holds SPSS's seconds since the start of the Gregorian calendar.
# Their ranges do not overlap: a serial day number of 2958466 would be the year 10000, while every


def map_single(norm: pd.Series, spec_map: dict[str, str | None], name: str) -> tuple[pd.Series, pd.Series]:
    """Mapped canonical values and a mask of non-missing codes the map does not list."""
    known = norm.isin(list(spec_map))
    unmapped = norm.notna() & ~known
    mapped = norm.map(spec_map)
    values = pd.Series(
        pd.Categorical(mapped.where(known), categories=list(canon.SINGLES[name].values)),
        index=norm.index,
    )
    return values, unmapped.fillna(False).astype(bool)


def to_count(norm: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Whole non-negative numbers, and a mask of values that are not."""
    number = pd.to_numeric(norm, errors="coerce")
    valid = number.notna() & (number >= 0) & (number == np.floor(number))
    bad = norm.notna() & ~valid
    return number.where(valid).astype("Int64"), bad.fillna(False).astype(bool)


def map_set(normalised: dict[str, pd.Series], selected: frozenset[str]) -> pd.DataFrame:
    """Option columns of one set: NA when every option is missing, else ticked iff selected."""
    frame = pd.DataFrame(normalised)
    answered = frame.notna().any(axis=1)
    ticked = frame.isin(list(selected))
    return ticked.astype("boolean").where(answered, pd.NA)


def _unmapped_problem(
    var: str, codes: pd.Series, ids: pd.Series, mask: pd.Series, source: str, what: str
) -> PipelineError:
    seen = sorted(codes[mask].unique(), key=code_order)
    return submissions_error(f"{what} {list_items(seen)}", source, var, ids[mask].tolist())


def require_rows(data: pd.DataFrame, source: str, what: str) -> None:
    """A file with only a header (or nothing) is named as such, before anything else fails on it."""
    if data.empty:
        raise PipelineError(f"bevat geen {what} (alleen een kopregel, of leeg)", file=source)


def ingest_survey(export: RawExport, book: Codebook, source: str, strict_codes: bool = True) -> Ingested:
    # Long: one canonical column after the other, as the codebook names them.
    """Canonical submissions from a raw export, driven entirely by the codebook."""
    require_rows(export.data, source, "inzendingen")
    check_variables(export, book, source)
    data = read_declared_missing(export, book)
    ids = submission_ids(data[book.submission_id], source, book.submission_id)
    out = pd.DataFrame({"submission_id": ids.astype("string")})
    # the token is typed text too when a respondent fills in the code field by hand
    tokens = normalise_ids(data[book.initiative_id]) if book.initiative_id else pd.Series(pd.NA, index=data.index)
    out["token"], masked_tokens = mask_personal_data(tokens.astype("string"))
    out["naam_ingevuld"], masked = mask_personal_data(text_column(data, book.initiative_name))
    notes: list[str] = []
    if book.submitted_at:
        out["ingediend_op"], note = read_timestamps(data[book.submitted_at], ids, source, book.submitted_at, book.year)
        notes += [note] if note else []
    else:
        out["ingediend_op"] = pd.Series(pd.NaT, index=data.index, dtype="datetime64[us]")
    out["afgerond"] = normalise_codes(data[book.completed_var]).isin(list(book.completed_values)).astype("boolean")

    warnings: list[str] = [
        masked_warning(counts, source, var)
        for var, counts in ((book.initiative_id, masked_tokens), (book.initiative_name, masked))
        if any(counts.values())
    ]
    unmapped_seen: dict[str, list[str]] = {}

    def problem(var, codes, where, what):
        err = _unmapped_problem(var, codes, ids, where, source, what)
        if strict_codes:
            raise err
        warnings.append(PipelineWarning(str(err), "onbekende_code"))
        # the codebook report lists them: masked as the warning is (a code field may hold an e-mail)
        unmapped_seen[var] = [mask(code) for code in sorted(codes[where].unique(), key=code_order)]

    for name, spec in book.single.items():
        norm = normalise_codes(data[spec.var])
        values, unmapped = map_single(norm, spec.map, name)
        if unmapped.any():
            problem(spec.var, norm, unmapped, f"code(s) niet in het codeboek (single.{name}):")
        out[name] = values
    for name, var in book.numeric.items():
        norm = normalise_codes(data[var])
        values, bad = to_count(norm)
        if bad.any():
            problem(var, norm, bad, f"geen geheel getal ≥ 0 (numeric.{name}):")
        out[name] = values
    declared = list(book.selected | book.not_selected)
    for set_name, options in book.multi.items():
        normalised, unknown = {}, {}
        for option, var in options.items():
            column = canon.option_column(set_name, option)
            normalised[column] = normalise_codes(data[var])
            unknown[column] = (normalised[column].notna() & ~normalised[column].isin(declared)).astype(bool)
            if unknown[column].any():
                problem(
                    var,
                    normalised[column],
                    unknown[column],
                    f"code(s) niet in het codeboek (multi.{set_name}.{option}; aangevinkt: "
                    f"{'/'.join(sorted(book.selected))}, niet aangevinkt: {'/'.join(sorted(book.not_selected))}):",
                )
        # an unknown code (strict_codes: false) makes that option missing, not "not ticked"
        out = pd.concat([out, map_set(normalised, book.selected).mask(pd.DataFrame(unknown))], axis=1)
    if "partijen" in book.multi:
        cols = canon.set_columns("partijen")
        present = [c for c in cols if c in out.columns]
        out[canon.N_PARTIJEN] = out[present].astype("Int64").sum(axis=1, min_count=1).astype("Int64")
    columns = list(canon.SUBMISSION_KEYS) + canon.asked_columns(out)
    report = codebook_report(export, book, data, unmapped_seen)
    return Ingested(out[columns], report, warnings, notes)


def text_column(data: pd.DataFrame, var: str | None) -> pd.Series:
    """A text variable of a raw table, normalised (`normalise_text`); all missing where there is none."""
    if not var or var not in data.columns:
        return pd.Series(pd.NA, index=data.index, dtype="string")
    return normalise_text(data[var])
