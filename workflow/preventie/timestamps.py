"""Dates and times as an export holds them, read as timestamps: text in the formats surveys write,
and numbers in a spreadsheet's or SPSS's date system; a date outside the survey's period is refused."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .errors import list_items, submissions_error

TIMESTAMP_FORMATS = ("ISO8601", "%d-%m-%Y %H:%M:%S", "%d-%m-%Y %H:%M", "%d-%m-%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y")

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
        raise submissions_error(
            f"datum/tijd {what}: {list_items(_described_dates(raw, result, kinds, numeric, refused, period))}",
            source,
            var,
            ids[refused].tolist(),
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
        raise submissions_error(
            f"datum/tijd niet te lezen (bijv. {values[bad].iloc[0]!r})",
            source,
            var,
            ids[bad].tolist(),
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
