"""Ingest: the only stage that knows raw variable names, raw codes and PII.

A raw export plus its codebook become canonical submissions (one row per submission, the
canonical columns of `canon`); the inventory becomes a validated, typed table. PII
variables are never copied: only the variables the codebook maps are read as answers; of
every other variable the codebook report shows counts, never a value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from . import canon
from .codebook import Codebook, closest, code_order, normalise_code, normalise_codes
from .errors import PipelineError, PipelineWarning, list_items
from .io import RawExport, declared_mask
from .normalise import mask_personal_data, masked_warning, normalise_ids, normalise_text
from .privacy import mask

TIMESTAMP_FORMATS = ("ISO8601", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y")


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
        raise PipelineError(
            "inzending-id komt meer dan eens voor",
            file=source,
            variable=var,
            rows=sorted(dup.unique()),
            rows_label="inzendingen",
        )
    return ids


# A date stored as a plain number, as two tools write it: a spreadsheet cell without a date format
# holds Excel's serial day number (1900 date system: day 1 is 1 January 1900, and Excel counts a
# 29 February 1900 that never was, so from 1 March 1900 on day 0 is 30 December 1899); an SPSS
# variable without a date format holds SPSS's seconds since the start of the Gregorian calendar.
# Their ranges do not overlap: a serial day number of 2958466 would be the year 10000, while every
# SPSS date/time after November 1582 is a larger number of seconds.
EXCEL_EPOCH = np.datetime64("1899-12-30", "ms")
SPSS_EPOCH = np.datetime64("1582-10-14", "ms")
EXCEL_LAST = 2958466  # 1 January 10000
SPSS_LAST = (np.datetime64("10000-01-01", "ms") - SPSS_EPOCH) / np.timedelta64(1, "s")
NUMBER_TEXT = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
NUMBER_READINGS = {
    "Excel-datum": "dagen sinds 30-12-1899, het 1900-datumsysteem",
    "SPSS-datum/tijd": "seconden sinds 14-10-1582",
}


def survey_period(year: int) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day on which the survey of `year` can have been filled in: from
    1 January of the year before (a survey may open in December) to 31 December of the year
    after (a survey about a year may close in the next). A date outside is a date read wrongly
    (a number taken as a date, Excel's 1904 date system, which is 4 years off, or the wrong
    variable), never a submission."""
    return pd.Timestamp(year - 1, 1, 1), pd.Timestamp(year + 1, 12, 31)


def dates_from_numbers(numbers: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Numbers as the dates they stand for (to the millisecond, the precision of both tools):
    up to EXCEL_LAST Excel's serial day numbers, above it SPSS's seconds; and which of the two
    ('Excel-datum', 'SPSS-datum/tijd'; NaT and '' for a number that is neither)."""
    values = numbers.to_numpy(dtype="float64")
    excel = (values > 0) & (values < EXCEL_LAST)
    spss = (values >= EXCEL_LAST) & (values < SPSS_LAST)
    millis = np.where(excel, values * 86_400_000, np.where(spss, values * 1000, 0)).round()
    epoch = np.where(excel, EXCEL_EPOCH, SPSS_EPOCH)
    stamps = (epoch + millis.astype("int64").astype("timedelta64[ms]")).astype("datetime64[us]")
    stamps[~(excel | spss)] = np.datetime64("NaT")
    kind = np.select([excel, spss], ["Excel-datum", "SPSS-datum/tijd"], default="")
    return pd.Series(stamps, index=numbers.index), pd.Series(kind, index=numbers.index)


def parse_timestamps(raw: pd.Series, ids: pd.Series, source: str, var: str, year: int | None = None) -> pd.Series:
    """Dates or datetimes as datetime64 (`read_timestamps`, without its note for the log)."""
    return read_timestamps(raw, ids, source, var, year)[0]


def read_timestamps(
    raw: pd.Series, ids: pd.Series, source: str, var: str, year: int | None = None
) -> tuple[pd.Series, str | None]:
    """Dates or datetimes as datetime64, and a note for the log when numbers were read as dates.

    Accepted: dates as the file stores them (SPSS, Excel), text in ISO or day-first Dutch
    notation, and a date stored as a plain number (`dates_from_numbers`): an Excel serial day
    number (a cell without a date format, or a CSV saved from it: 45000.5 or 45000,5) or SPSS
    seconds (a variable without a date format). Refused, never read as some date: text in no
    such notation, a number that is neither, and with `year` (the codebook's) a date outside
    `survey_period`, so that a misread date never decides which submission is the latest.
    """
    if pd.api.types.is_datetime64_any_dtype(raw):
        result = (raw.dt.tz_localize(None) if raw.dt.tz is not None else raw).astype("datetime64[us]")
        numeric = pd.Series(False, index=raw.index)
        kinds = pd.Series("", index=raw.index)
    else:
        result, numeric, kinds = _timestamps_from_values(raw, ids, source, var)
    note = None
    read = numeric & result.notna()
    if read.any():
        used = sorted(set(kinds[read]))
        note = (
            f"{source}: variabele '{var}': {int(read.sum())} datum(s) als getal opgeslagen, gelezen als "
            + " en ".join(f"{kind} ({NUMBER_READINGS[kind]})" for kind in used)
        )
    refused = numeric & result.isna()
    what, period = "niet te lezen, een getal dat geen datum is", None
    if year is not None:
        period = survey_period(year)
        day = result.dt.normalize()
        refused |= (day < period[0]).fillna(False) | (day > period[1]).fillna(False)
        what = (
            f"buiten de periode waarin de enquête van {year} ingevuld kan zijn "
            f"({period[0]:%d-%m-%Y} t/m {period[1]:%d-%m-%Y})"
        )
    if refused.any():
        numbers = (refused & numeric).any()
        raise PipelineError(
            f"datum/tijd {what}: {list_items(_described_dates(raw, result, kinds, numeric, refused, period))}",
            file=source,
            variable=var,
            rows=ids[refused].tolist(),
            rows_label="inzendingen",
            hint="Controleer keys.submitted_at en year in het codeboek"
            + (
                ". Een getal is gelezen als "
                + " of ".join(f"{kind} ({reading})" for kind, reading in NUMBER_READINGS.items())
                if numbers
                else ""
            ),
        )
    return result, note


def _timestamps_from_values(raw: pd.Series, ids: pd.Series, source: str, var: str) -> tuple[pd.Series, ...]:
    """Raw values that are not a datetime column (text, numbers, a spreadsheet's mix of dates and
    numbers) as datetime64; which of them were numbers, and how each number was read."""
    values = raw.astype(object)
    is_text = values.map(lambda v: isinstance(v, str))
    text = values.where(is_text).astype("string").str.strip()
    blank = is_text & ((text == "") | text.isna())
    result = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us]")
    native = ~is_text & values.notna()
    is_number = native & values.map(
        lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, (bool, np.bool_))
    )
    other = native & ~is_number  # a date or datetime object
    if other.any():
        result[other] = pd.to_datetime(values[other], errors="coerce").astype("datetime64[us]")
    todo = is_text & ~blank
    for fmt in TIMESTAMP_FORMATS:
        if not todo.any():
            break
        parsed = pd.to_datetime(text[todo], format=fmt, errors="coerce")
        ok = parsed.notna()
        result[ok[ok].index] = parsed[ok].astype("datetime64[us]")
        todo = todo & result.isna()
    number_text = todo & text.str.fullmatch(NUMBER_TEXT.pattern).fillna(False).astype(bool)
    bad = (todo & ~number_text) | (other & result.isna())
    if bad.any():
        raise PipelineError(
            f"datum/tijd niet te lezen (bijv. {values[bad].iloc[0]!r})",
            file=source,
            variable=var,
            rows=ids[bad].tolist(),
            rows_label="inzendingen",
            hint="Gebruik bijv. 2020-11-23 14:05 of 23-11-2020 14:05",
        )
    numeric = is_number | number_text
    numbers = pd.to_numeric(values.where(is_number), errors="coerce").astype("float64")
    numbers[number_text] = pd.to_numeric(text[number_text].str.replace(",", ".", regex=False)).astype("float64")
    stamps, kinds = dates_from_numbers(numbers.where(numeric))
    result[numeric] = stamps[numeric]
    return result, numeric, kinds


# Excel for Mac used to count from 1 January 1904: the same serial number is a date 1462 days later.
EXCEL_1904_SHIFT = np.timedelta64(1462, "D")


def _described_dates(raw, result, kinds, numeric, refused, period) -> list[str]:
    """The distinct refused values: a date as it was read ('1970-01-01 00:00:00'), a number with
    how it was read ('45000,5 = Excel-datum 2023-03-15 12:00:00', and the date it is in Excel's
    1904 date system when that one lies in `period`: the real cause), or a number that stands
    for no date ('-3 (geen datum)')."""
    described = []
    for i in np.flatnonzero(refused.to_numpy()):
        stamp = result.iloc[i]
        if not numeric.iloc[i]:
            described.append(str(stamp))
            continue
        value = raw.iloc[i]
        number = value.strip() if isinstance(value, str) else f"{float(value):.15g}"
        if not kinds.iloc[i]:
            described.append(f"{number} (geen datum)")
            continue
        mac = stamp + EXCEL_1904_SHIFT
        in_1904 = kinds.iloc[i] == "Excel-datum" and period is not None and period[0] <= mac.normalize() <= period[1]
        shifted = f" (in het 1904-datumsysteem van Excel voor Mac: {mac})" if in_1904 else ""
        described.append(f"{number} = {kinds.iloc[i]} {stamp}{shifted}")
    return list(dict.fromkeys(described))


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
    return PipelineError(
        f"{what} {list_items(seen)}",
        file=source,
        variable=var,
        rows=ids[mask].tolist(),
        rows_label="inzendingen",
    )


def require_rows(data: pd.DataFrame, source: str, what: str) -> None:
    """A file with only a header (or nothing) is named as such, before anything else fails on it."""
    if data.empty:
        raise PipelineError(f"bevat geen {what} (alleen een kopregel, of leeg)", file=source)


def ingest_survey(export: RawExport, book: Codebook, source: str, strict_codes: bool = True) -> Ingested:
    """Canonical submissions from a raw export, driven entirely by the codebook."""
    require_rows(export.data, source, "inzendingen")
    check_variables(export, book, source)
    data = read_declared_missing(export, book)
    ids = submission_ids(data[book.submission_id], source, book.submission_id)
    out = pd.DataFrame({"submission_id": ids.astype("string")})
    # the token is typed text too when a respondent fills in the code field by hand
    tokens = normalise_ids(data[book.initiative_id]) if book.initiative_id else pd.Series(pd.NA, index=data.index)
    out["token"], masked_tokens = mask_personal_data(tokens.astype("string"))
    out["naam_ingevuld"], masked = mask_personal_data(_text(data, book.initiative_name))
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


def _text(data: pd.DataFrame, var: str | None) -> pd.Series:
    if not var or var not in data.columns:
        return pd.Series(pd.NA, index=data.index, dtype="string")
    return normalise_text(data[var])


# --- codebook report ---------------------------------------------------------------------


def _labels(export: RawExport, var: str) -> dict[str, str]:
    return {normalise_code(k): v for k, v in export.value_labels.get(var, {}).items()}


def describe_codes(norm: pd.Series, labels: dict[str, str]) -> str:
    """'1=Ja: 120; 2=Nee: 40; leeg: 3' — every distinct code with its label and count (masked: a
    code field may hold what a respondent typed, an e-mail address too)."""
    counts = norm.value_counts(dropna=True)
    parts = []
    for code in sorted(counts.index, key=code_order):
        label = f"={labels[code]}" if code in labels else ""
        parts.append(f"{code}{label}: {counts[code]}")
    empty = int(norm.isna().sum())
    if empty:
        parts.append(f"leeg: {empty}")
    return mask("; ".join(parts))


def codes_with_meaning(book: Codebook) -> dict[str, set[str]]:
    """Per raw variable, the codes the codebook says what they mean: a single question's map, a
    multiple-response option's ticked and not-ticked codes, the completed status's values."""
    codes: dict[str, set[str]] = {}
    for spec in book.single.values():
        codes.setdefault(spec.var, set()).update(spec.map)
    for options in book.multi.values():
        for var in options.values():
            codes.setdefault(var, set()).update(book.selected | book.not_selected)
    codes.setdefault(book.completed_var, set()).update(book.completed_values)
    return codes


def read_declared_missing(export: RawExport, book: Codebook) -> pd.DataFrame:
    """The export's data with the codes its SPSS file declares missing ('Missing Values') read as
    the codebook says. The codebook decides what a code means: a declared code it maps is read
    as that code (Q12 code 1 declared missing, `1: geen_contact` in the codebook: geen_contact).
    A declared code it does not map stays missing, as SPSS means it: a number has no map, so
    '99 = weet niet' of a count never counts 99."""
    data = export.data.reset_index(drop=True)
    meaning = codes_with_meaning(book)
    for var in export.declared_missing:
        if var in data.columns:
            declared = export.declared(var).to_numpy()
            mapped = normalise_codes(data[var]).isin(list(meaning.get(var, ()))).to_numpy()
            data[var] = data[var].mask(declared & ~mapped)
    return data


def describe_declared(export: RawExport, var: str, meaning: set[str]) -> str:
    """'99: 0 als code, 12 als leeg gelezen' per code (or range) that the SPSS file declares
    missing for `var`: how often it occurs read as a code (the codebook maps it) and as empty."""
    parts = []
    in_data = var in export.data.columns
    values = normalise_codes(export.data[var]) if in_data else None
    for lo, hi in export.declared_missing.get(var, []):
        low, high = normalise_code(lo), normalise_code(hi)
        code = low if low == high else f"{low} t/m {high}"
        if not in_data:
            parts.append(code)
            continue
        in_range = declared_mask(export.data[var], [(lo, hi)])
        as_code = int((in_range & values.isin(list(meaning)).fillna(False)).sum())
        parts.append(f"{code}: {as_code} als code, {int(in_range.sum()) - as_code} als leeg gelezen")
    return "; ".join(parts)


def codebook_report(
    export: RawExport, book: Codebook, data: pd.DataFrame, unmapped: dict[str, list[str]]
) -> pd.DataFrame:
    """Per codebook variable: found, codes seen, unmapped codes; plus canonical items not asked,
    and the export's variables the codebook does not use (a new question), told without their
    values (`describe_unused`), or why they could not be read. Every variable with codes its SPSS
    file declares missing says how those were read (`describe_declared`)."""
    rows = []
    meaning = codes_with_meaning(book)
    pii = set(book.pii)

    def declared(var):
        if not var or var in pii or var not in export.declared_missing:
            return ""
        return describe_declared(export, var, meaning.get(var, set()))

    def add(kind, name, var, seen, not_mapped=""):
        rows.append(
            {
                "soort": kind,
                "canoniek": name,
                "variabele": var or "",
                "label": export.variable_labels.get(var, "") if var else "",
                "in_codeboek": bool(var),
                "codes_gezien": seen,
                "niet_gemapt": not_mapped,
                "missend_verklaard": declared(var),
            }
        )

    for role, var in book.key_vars().items():
        if role == "completed":
            seen = describe_codes(normalise_codes(data[var]), _labels(export, var))
        else:
            filled = int(normalise_codes(data[var]).notna().sum())
            seen = f"ingevuld: {filled}; leeg: {len(data) - filled}"
        add("sleutel", role, var, seen)
    for var in book.pii:
        add("pii", "", var, "niet ingelezen (persoonsgegevens)")
    for name, spec in book.single.items():
        norm = normalise_codes(data[spec.var])
        add(
            "enkelvoudig",
            name,
            spec.var,
            describe_codes(norm, _labels(export, spec.var)),
            list_items(unmapped.get(spec.var, [])),
        )
    for name, var in book.numeric.items():
        numbers = pd.to_numeric(normalise_codes(data[var]), errors="coerce")
        seen = f"min {_fmt(numbers.min())}; max {_fmt(numbers.max())}; leeg: {int(numbers.isna().sum())}"
        add("numeriek", name, var, seen, list_items(unmapped.get(var, [])))
    for set_name, options in book.multi.items():
        for option, var in options.items():
            norm = normalise_codes(data[var])
            add(
                "meervoudig",
                canon.option_column(set_name, option),
                var,
                describe_codes(norm, _labels(export, var)),
                list_items(unmapped.get(var, [])),
            )
    asked = set(book.answer_vars())
    for column in canon.answer_columns():
        if column != canon.N_PARTIJEN and column not in asked:
            add(_kind(column), column, None, "")
    used = set(book.raw_vars())
    for var in [*data.columns, *export.unread]:
        if var not in used:
            unread = export.unread.get(var)
            rows.append(
                {
                    "soort": "niet_gebruikt",
                    "canoniek": "",
                    "variabele": str(var),
                    "label": export.variable_labels.get(var, ""),
                    "in_codeboek": False,
                    "codes_gezien": f"niet ingelezen: {unread}"
                    if unread
                    else describe_unused(data[var], _labels(export, var)),
                    "niet_gemapt": "",
                    "missend_verklaard": declared(var),
                }
            )
    report = pd.DataFrame(rows)
    report["in_codeboek"] = report["in_codeboek"].astype("boolean")
    return report


def describe_unused(values: pd.Series, labels: dict[str, str]) -> str:
    """A variable the codebook does not use, told without a single value of it: it may hold
    names or e-mail addresses that the codebook forgot to declare as PII. With value labels (a
    question): every labelled code with its count ('1=Ja: 12; 2=Nee: 0'), other values only
    counted; without: only how many are filled in."""
    norm = normalise_codes(values)
    empty = int(norm.isna().sum())
    if not labels:
        return f"ingevuld: {len(norm) - empty}; leeg: {empty}"
    counts = norm.value_counts(dropna=True)
    coded = sorted((code for code in labels if code is not None), key=code_order)
    parts = [f"{code}={labels[code]}: {int(counts.get(code, 0))}" for code in coded]
    other = int((norm.notna() & ~norm.isin(list(labels))).sum())
    if other:
        parts.append(f"zonder label: {other}")
    if empty:
        parts.append(f"leeg: {empty}")
    return "; ".join(parts)


def _kind(column: str) -> str:
    if column in canon.SINGLES:
        return "enkelvoudig"
    if column in canon.NUMERICS:
        return "numeriek"
    return "meervoudig"


def _fmt(value) -> str:
    return "" if pd.isna(value) else f"{value:g}"


# --- inventory ---------------------------------------------------------------------------

INVENTORY_REQUIRED = ("initiatief_id", "naam", "bron", "gemeente_code", "preventiecoalitie")
INVENTORY_OPTIONAL = ("coalitie_startjaar", "bestaat_nog")
BRON_VALUES = ("vorige_inventarisatie", "zonmw_jzojp", "sleutelfiguur", "overig")
BESTAAT_VALUES = ("ja", "nee", "onbekend")
GEMEENTE_CODE = re.compile(r"^GM\d{4}$")


@dataclass
class Inventory:
    """The validated inventory, and warnings for the log."""

    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def ingest_inventory(
    raw: pd.DataFrame,
    source: str,
    year: int | None = None,
    municipalities: dict[str, str] | None = None,
    successors: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
) -> Inventory:
    """A validated inventory: one row per potential initiative, typed columns.

    With `year`, a coalition cannot start after it; with `municipalities` (code -> name, the
    year's boundaries), every gemeente_code must be one of them. A code that is not, but that
    `successors` (see `municipal_successors`; or a function that makes them, called only when a
    code is unknown, since overlaying boundaries takes time) knows, is named with the
    municipality it became.
    """
    require_rows(raw, source, "initiatieven")
    missing = [c for c in INVENTORY_REQUIRED if c not in raw.columns]
    if missing:
        raise PipelineError(
            f"verplichte kolom(men) ontbreken: {', '.join(missing)}",
            file=source,
            hint=f"Gevonden kolommen: {list_items(map(str, raw.columns))}",
        )
    data = raw.reset_index(drop=True)
    lines = pd.Series(np.arange(len(data)) + 2, index=data.index)  # header is line 1

    def fail(mask: pd.Series, col: str, message: str, hint: str | None = None):
        if mask.any():
            raise PipelineError(
                message, file=source, variable=col, rows=lines[mask].tolist(), rows_label="regels", hint=hint
            )

    out = pd.DataFrame(index=data.index)
    for col in INVENTORY_REQUIRED:
        values = normalise_ids(data[col]) if col == "initiatief_id" else _text(data, col)
        fail(values.isna(), col, "lege waarde in verplichte kolom")
        out[col] = values
    dup = out["initiatief_id"].duplicated(keep=False)
    if dup.any():
        ids = sorted(out.loc[dup, "initiatief_id"].unique())
        spellings = sorted(_text(data, "initiatief_id")[dup].unique())
        collided = (
            f" (geschreven als {list_items(spellings)}; hoofdletters, spaties, '.0' en nullen vóór een id van "
            "alleen cijfers tellen niet mee)"
            if len(spellings) > len(ids)
            else ""
        )
        raise PipelineError(
            "initiatief_id komt meer dan eens voor: " + list_items(ids) + collided,
            file=source,
            variable="initiatief_id",
            rows=lines[dup].tolist(),
            rows_label="regels",
        )
    bron = out["bron"].str.lower()
    fail(~bron.isin(BRON_VALUES), "bron", "onbekende waarde", f"Toegestaan: {', '.join(BRON_VALUES)}")
    out["bron"] = pd.Categorical(bron, categories=BRON_VALUES)
    fail(
        ~out["gemeente_code"].str.fullmatch(GEMEENTE_CODE.pattern),
        "gemeente_code",
        "geen CBS-gemeentecode",
        "Verwacht GM plus 4 cijfers, bijv. GM0363",
    )
    if municipalities is not None:
        unknown = ~out["gemeente_code"].isin(list(municipalities))
        if unknown.any():
            successors = successors() if callable(successors) else successors
            codes = [
                describe_unknown_municipality(code, municipalities, successors)
                for code in sorted(out.loc[unknown, "gemeente_code"].unique())
            ]
            fail(
                unknown,
                "gemeente_code",
                f"geen gemeente in de gemeentegrenzen van {year}: {list_items(codes)}",
                "Gebruik de code van dat jaar (na een gemeentelijke herindeling de nieuwe gemeente)",
            )
    out["naam"], masked = mask_personal_data(out["naam"])
    warnings = [masked_warning(masked, source, "naam")] if any(masked.values()) else []
    coalition = out["preventiecoalitie"].str.lower()
    fail(~coalition.isin(["ja", "nee"]), "preventiecoalitie", "verwacht ja of nee")
    out["preventiecoalitie"] = (coalition == "ja").astype("boolean")

    start_text = _text(data, "coalitie_startjaar")
    start = pd.to_numeric(start_text, errors="coerce")
    fail(start_text.notna() & (start.isna() | (start != np.floor(start))), "coalitie_startjaar", "geen jaartal")
    out["coalitie_startjaar"] = start.astype("Int64")
    fail(
        out["coalitie_startjaar"].notna() & ~out["preventiecoalitie"],
        "coalitie_startjaar",
        "startjaar ingevuld terwijl preventiecoalitie 'nee' is",
    )
    if year is not None:
        fail(
            (out["coalitie_startjaar"] > year).fillna(False).astype(bool),
            "coalitie_startjaar",
            f"startjaar ligt na het rapportagejaar {year}",
        )

    exists = _text(data, "bestaat_nog").str.lower()
    fail(
        exists.notna() & ~exists.isin(BESTAAT_VALUES),
        "bestaat_nog",
        "onbekende waarde",
        "Toegestaan: ja, nee, onbekend of leeg",
    )
    out["bestaat_nog"] = pd.Categorical(exists, categories=BESTAAT_VALUES)
    return Inventory(out.sort_values("initiatief_id", ignore_index=True), warnings)


def nearest_municipalities(code: str, municipalities: dict[str, str], n: int = 3) -> str:
    """The n valid codes numerically nearest to an unknown one, with their names."""
    number = int(code[2:])
    nearest = sorted(municipalities, key=lambda c: (abs(int(c[2:]) - number), c))[:n]
    return ", ".join(f"{c} {municipalities[c]}" for c in nearest)


def describe_unknown_municipality(
    code: str, municipalities: dict[str, str], successors: pd.DataFrame | None = None
) -> str:
    """A code not in the year's boundaries, for the error: what became of it when an earlier
    year's boundaries have it ('GM0010 (Delfzijl tot 2021, opgegaan in GM1979 Eemsdelta)'),
    else the valid codes numerically nearest to it (a typing error)."""
    rows = successors[successors["gemeente_code"] == code] if successors is not None else None
    if rows is None or rows.empty:
        return f"{code} (dichtstbij: {nearest_municipalities(code, municipalities)})"
    first = rows.iloc[0]
    if len(rows) == 1:
        fate = f"opgegaan in {first['opvolger_code']} {first['opvolger_naam']}"
    else:
        note = [" van de oppervlakte"] + [""] * (len(rows) - 1)  # said once, at the largest share
        fate = "verdeeld over " + ", ".join(
            f"{r.opvolger_code} {r.opvolger_naam} ({r.aandeel:.0%}{n})" for r, n in zip(rows.itertuples(), note)
        )
    # 'tot' only where the files say when: with a year missing in between, the last year seen
    when = f"tot {first['tot']}" if first["tot"] == first["laatste_jaar"] + 1 else f"in {first['laatste_jaar']}"
    return f"{code} ({first['gemeente_naam']} {when}, {fate})"


# --- municipal reorganisations, from the boundaries themselves ------------------------------

# The boundaries are generalised, and not the same way every year: between the files of two
# years an unchanged municipality overlaps a neighbour by a few percent (up to 3% between the
# shipped files of 2020 and 2021; Haaren's 1.5% with Heusden is such a sliver). A smaller share
# of an old municipality's area names no successor.
SUCCESSOR_MIN_SHARE = 0.05

SUCCESSOR_COLUMNS = (
    "gemeente_code",
    "gemeente_naam",
    "laatste_jaar",
    "tot",
    "opvolger_code",
    "opvolger_naam",
    "aandeel",
)
SUCCESSOR_DTYPES = {"laatste_jaar": "int64", "tot": "int64", "aandeel": "float64"}


def municipal_successors(boundaries, earlier: dict, year: int, min_share: float = SUCCESSOR_MIN_SHARE) -> pd.DataFrame:
    """What became of every municipality of an earlier year's boundaries whose code is not in
    this year's: the municipalities of `boundaries` that cover its area, with their share of it
    (largest first; shares below `min_share` dropped unless nothing else covers it).

    `boundaries` and the values of `earlier` (year -> boundaries) are GeoDataFrames with
    `statcode`, `statnaam` and polygons. A code is placed where the latest earlier year that
    has it draws it (`laatste_jaar`); `tot` is the next year of `earlier` and `year`. No
    hand-made list of mergers: every reorganisation the files show is covered.
    """
    current = _polygons(boundaries)
    current_names = dict(zip(current["statcode"], current["statnaam"]))
    years = sorted({*earlier, year})
    found: list[pd.DataFrame] = []
    placed: set[str] = set(current["statcode"])
    for old_year in sorted((y for y in earlier if y < year), reverse=True):
        old = earlier[old_year]
        if old.crs is not None and current.crs is not None and old.crs != current.crs:
            old = old.to_crs(current.crs)
        gone = _polygons(old[~old["statcode"].isin(placed)])
        if gone.empty:
            continue
        placed |= set(gone["statcode"])
        gone_at, current_at = current.sindex.query(gone.geometry, predicate="intersects")
        overlap = (
            gone.geometry.iloc[gone_at]
            .reset_index(drop=True)
            .intersection(current.geometry.iloc[current_at].reset_index(drop=True))
            .area
        )
        pieces = (
            pd.DataFrame(
                {
                    "gemeente_code": gone["statcode"].to_numpy()[gone_at],
                    "opvolger_code": current["statcode"].to_numpy()[current_at],
                    "area": overlap.to_numpy(),
                }
            )
            .groupby(["gemeente_code", "opvolger_code"], as_index=False)["area"]
            .sum()
        )
        area = gone.assign(area=gone.geometry.area).groupby("statcode")["area"].sum()
        pieces["aandeel"] = pieces["area"] / pieces["gemeente_code"].map(area)
        pieces = pieces[pieces["aandeel"] > 0].sort_values(
            ["gemeente_code", "aandeel", "opvolger_code"], ascending=[True, False, True]
        )
        pieces = pieces[~pieces["gemeente_code"].duplicated() | (pieces["aandeel"] >= min_share)]
        found.append(
            pieces.assign(
                gemeente_naam=pieces["gemeente_code"].map(dict(zip(gone["statcode"], gone["statnaam"]))),
                laatste_jaar=old_year,
                tot=next(y for y in years if y > old_year),
                opvolger_naam=pieces["opvolger_code"].map(current_names),
            )
        )
    if not found:
        return pd.DataFrame({c: pd.Series(dtype=SUCCESSOR_DTYPES.get(c, "str")) for c in SUCCESSOR_COLUMNS})
    result = pd.concat(found, ignore_index=True)[list(SUCCESSOR_COLUMNS)]
    return result.sort_values(
        ["gemeente_code", "aandeel", "opvolger_code"], ascending=[True, False, True], ignore_index=True
    )


def _polygons(boundaries):
    """Code, name and polygons of a boundaries file, repaired where a ring crosses itself (a
    hand-edited file): an intersection with an invalid polygon fails."""
    frame = boundaries[["statcode", "statnaam", "geometry"]].reset_index(drop=True)
    return frame.set_geometry(frame.geometry.make_valid())
