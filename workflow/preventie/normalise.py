"""Identifiers, free text and names in one form wherever they are read, and personal data typed
into free text masked: the stages (ingest, link) and the tools (trace, the codebook draft) compare
what they read in exactly this form, so an id or a name matches however it was typed.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import pandas as pd

from .errors import PipelineWarning
from .privacy import NEEDED, PERSONAL_DATA, PLURALS, mask_counted


def mask_personal_data(text: pd.Series) -> tuple[pd.Series, dict[str, int]]:
    """E-mail addresses and phone numbers typed into free text, replaced by '[e-mailadres]'
    and '[telefoonnummer]' (`privacy.mask`); how many of each were found (never which). Each
    distinct text is searched once, its finds counted as often as it occurs."""
    counts = dict.fromkeys(PERSONAL_DATA, 0)

    def masked(value: str, times: int) -> str:
        value, found = mask_counted(value)
        for kind, n in found.items():
            counts[kind] += n * times
        return value

    return per_distinct(text, masked, only=might_hold_personal_data), counts


def might_hold_personal_data(texts: pd.Series) -> np.ndarray:
    """Per text, whether it can hold an e-mail address or a phone number (never False for one
    that does; True for many that do not): one vectorised filter before the exact search, so
    that a column of 200,000 names is not searched name by name."""
    return texts.astype("string[pyarrow]").str.contains(NEEDED, regex=True).fillna(False).to_numpy(bool)


def masked_warning(counts: dict[str, int], source: str, var: str | None) -> PipelineWarning:
    """The log line for masked personal data: the counts, never the values."""
    found = " en ".join(f"{n} {kind if n == 1 else PLURALS[kind]}" for kind, n in counts.items() if n)
    return PipelineWarning(
        f"{source}: variabele '{var}': {found} in vrije tekst vervangen door een aanduiding (persoonsgegevens)",
        "persoonsgegevens",
    )


def normalise_text(values: pd.Series) -> pd.Series:
    """Text cells stripped, inner white space collapsed, empty as missing. (str.split() splits
    on exactly the characters that the regular expression \\s matches, and drops them at both
    ends, so this is strip() and re.sub(r"\\s+", " ") in one step.)"""
    text = per_distinct(values.astype("string"), lambda value, _: " ".join(value.split()), only=might_change_spacing)
    return text.mask(text == "", pd.NA)


# What a text needs for its white space to change: a character outside printable ASCII (every
# white space but the plain space is one: tab, NBSP, U+2003, ...), or a space at either end or
# next to another. Read by pyarrow's RE2, whose \s is ASCII only, hence no \s here.
SPACING = "[^ -~]|^ | $|  "


def might_change_spacing(texts: pd.Series) -> np.ndarray:
    """Per text, whether normalise_text can change it (True for every text it changes)."""
    return texts.astype("string[pyarrow]").str.contains(SPACING, regex=True).fillna(False).to_numpy(bool)


def per_distinct(text: pd.Series, change, only=None) -> pd.Series:
    """`change(value, times)` applied to each distinct non-missing text once (`times`: how
    often it occurs), the results put back in every row. Columns with few distinct answers are
    quick, and a column of unique names costs one Python call per name, not one per operation.
    `only(distinct) -> bool array`: the distinct texts `change` can alter; the others stay as
    they are, without a Python call or a conversion to Python text each."""
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    distinct = pd.Series(pd.array(uniques, dtype="string"))
    todo = np.flatnonzero(only(distinct)) if only else np.arange(len(distinct))
    if len(todo):
        times = np.bincount(codes[codes >= 0], minlength=len(distinct))[todo]
        distinct.iloc[todo] = [change(value, n) for value, n in zip(distinct.iloc[todo].tolist(), times.tolist())]
    return pd.Series(distinct.array.take(codes, allow_fill=True), index=text.index, dtype="string")


# A whole number written as a float: how SPSS and spreadsheets hand back a numeric id.
WHOLE_FLOAT = re.compile(r"^([+-]?\d+)[.,]0+$")
# An id of digits only, with zeros in front: those zeros are lost wherever the id is a number.
LEADING_ZEROS = re.compile(r"^0+(?=[0-9]+$)")


# An id that is already in its canonical form (upper-case ASCII letters, digits and dashes, with a
# letter or a dash; or digits without a zero in front): no Python call needed.
CANONICAL_ID = "(?:[A-Z0-9-]*[A-Z-][A-Z0-9-]*|[1-9][0-9]*|0)"


def normalise_ids(values: pd.Series) -> pd.Series:
    """Identifiers (initiatief_id, token, submission_id) in one canonical form wherever they are
    read: white space stripped, upper case (ids match case-insensitively), a whole-number float
    as an integer ('5162.0' -> '5162'), and an id of digits only without zeros in front
    ('0162' -> '162'): SPSS and Excel keep a numeric id as a number, which has no leading zeros,
    so the inventory's '0162' and the export's 162 are one id. Zeros in an id with letters or
    other signs ('NI-0162') are part of it."""

    def canonical(value: str, _) -> str:
        # normalise_text and the id's own form in one pass; only "" becomes "" (then missing)
        return LEADING_ZEROS.sub("", WHOLE_FLOAT.sub(r"\1", " ".join(value.split()))).upper()

    def may_change(texts: pd.Series) -> np.ndarray:
        return ~texts.str.fullmatch(CANONICAL_ID).fillna(False).to_numpy(bool)

    text = per_distinct(ids_as_text(values), canonical, only=may_change)
    return text.mask(text == "", pd.NA)


def ids_as_text(values: pd.Series) -> pd.Series:
    """Id cells as text: a whole-number float as its integer ('5162.0' -> '5162'), anything else
    as str() gives it. A text column holds only text already; a float column (how SPSS stores a
    numeric id) is converted at once where its numbers are exact integers in a float64."""

    def one(value) -> str | None:
        if isinstance(value, (float, np.floating)) and np.isfinite(value) and float(value).is_integer():
            return str(int(value))
        return None if value is None or pd.isna(value) else str(value)

    if isinstance(values.dtype, pd.StringDtype):
        return values.astype("string")
    if values.dtype.kind != "f":
        return values.astype(object).map(one, na_action="ignore").astype("string")
    numbers = values.to_numpy(dtype=float, na_value=np.nan)
    exact = np.isfinite(numbers) & (np.abs(numbers) < 2**53) & (numbers == np.trunc(numbers))
    text = pd.Series(pd.NA, index=values.index, dtype="string")
    text[exact] = numbers[exact].astype(np.int64).astype(str)
    other = ~exact & ~np.isnan(numbers)
    text[other] = [one(value) for value in numbers[other].tolist()]
    return text


# What a name loses: every character that is neither a letter, a digit nor white space, which
# includes the accents that NFKD splits off (U+0300-U+036F) and the underscore.
NOT_IN_A_NAME = re.compile(r"[^\w\s]|_")


def normalise_name(names: pd.Series) -> pd.Series:
    """Lower case, accents stripped, punctuation removed, white space collapsed; NA when nothing
    is left. One pass per name in Python (a chain of pandas string methods took twice as long)."""

    def one(name: str) -> str:
        return " ".join(NOT_IN_A_NAME.sub("", unicodedata.normalize("NFKD", name.lower())).split())

    text = pd.Series(
        [one(name) if isinstance(name, str) else None for name in names.astype("string").tolist()],
        index=names.index,
        dtype="string",
        name=names.name,
    )
    return text.mask(text == "", pd.NA)
