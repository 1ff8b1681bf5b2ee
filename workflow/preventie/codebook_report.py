"""The codebook report of a year (ingest/codeboekrapport.csv): per variable of the export, the
codes met, how each was read and whether the codebook uses it; counts only, never a value."""

from __future__ import annotations

import pandas as pd

from . import canon
from .codebook import Codebook, code_order, count_given, normalise_code, normalise_codes
from .errors import list_items
from .exports import RawExport, declared_mask
from .privacy import mask


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
    # Long: one row after the other in the report's order (keys, single, numeric, options, not asked, unused).
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
            filled = count_given(data[var])
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
