"""What the draft knows of an export variable: its labels, codes and the kind of values it holds."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from ...codebook import normalise_code, normalise_codes
from ...errors import PipelineError
from ...exports import RawExport, declared_mask
from ...normalise import normalise_ids
from ...privacy import PERSONAL_DATA
from ...timestamps import parse_timestamps
from .labels import DATE_LIKE, PERSONAL_WORDS, SHARE, normalise_label, normalise_labels, split_option


@dataclass(frozen=True)
class Variable:
    """One export variable as the draft sees it: its metadata and what kind of values it holds."""

    name: str
    label: str = ""
    norm: str = ""  # normalised label
    stem: str = ""  # normalised question of a multiple-response label
    stem_text: str = ""
    option: str = ""  # normalised option text
    option_text: str = ""
    value_labels: dict[str, str] = field(default_factory=dict)  # normalised code -> label
    codes: frozenset[str] = frozenset()  # the distinct codes that occur, normalised
    missing: frozenset[str] = frozenset()  # the codes the export declares missing (SPSS), normalised
    kind: str = "leeg"  # getal, tekst, datum, or leeg when nothing is filled in
    values: pd.Series | None = field(default=None, repr=False, compare=False)

    @property
    def described(self) -> str:
        return f"{self.name} '{self.label}'" if self.label else self.name


def value_kind(raw: pd.Series, codes: pd.Series) -> str:
    """getal, datum or tekst; leeg for a column without values. Text is a date only when every
    value is written as one (a CSV's '2014' is a number, not 1 January)."""
    if pd.api.types.is_datetime64_any_dtype(raw):
        return "datum"
    filled = codes.dropna()
    if filled.empty:
        return "leeg"
    if pd.to_numeric(filled, errors="coerce").notna().all():
        return "getal"
    if filled.str.match(DATE_LIKE).all():
        try:
            parse_timestamps(raw, pd.Series(range(len(raw)), index=raw.index, dtype="string"), "", str(raw.name))
            return "datum"
        except PipelineError:
            pass
    return "tekst"


def declared_codes(export: RawExport, name: str) -> frozenset[str]:
    """The codes an SPSS file declares missing for a variable ('Missing Values', io's ranges): each
    single code, and of a range the codes in it that the data or the value labels hold."""
    ranges = export.declared_missing.get(name, [])
    found = {normalise_code(lo) for lo, hi in ranges if lo == hi}
    if any(lo != hi for lo, hi in ranges):
        values = pd.Series([*export.value_labels.get(name, {}), *export.data[name].dropna().unique()])
        found |= {normalise_code(v) for v in values[declared_mask(values, ranges)]}
    return frozenset(c for c in found if c is not None)


def describe_export(export: RawExport) -> dict[str, Variable]:
    """Every variable of an export, in file order, with what its format tells (SPSS: variable
    and value labels; CSV and XLSX: only the name and the codes that occur)."""
    names = [str(n) for n in export.data.columns]
    labels = [" ".join(str(export.variable_labels.get(n) or "").split()) for n in names]
    parts = [split_option(label) or ("", "") for label in labels]
    norms = normalise_labels(labels)
    stems = normalise_labels(stem for stem, _ in parts)
    options = normalise_labels(option for _, option in parts)
    out = {}
    for i, name in enumerate(names):
        raw = export.data[name]
        codes = normalise_codes(raw)
        value_labels = {
            normalise_code(k): " ".join(str(v).split()) for k, v in export.value_labels.get(name, {}).items()
        }
        out[name] = Variable(
            name=name,
            label=labels[i],
            norm=norms[i],
            stem=stems[i],
            stem_text=parts[i][0],
            option=options[i],
            option_text=parts[i][1],
            value_labels={k: v for k, v in value_labels.items() if k is not None},
            codes=frozenset(codes.dropna().tolist()),
            missing=declared_codes(export, name),
            kind=value_kind(raw, codes),
            values=raw,
        )
    return out


def id_shape(var: Variable) -> str | None:
    """The form nearly all ids of a text column share, digits as 9 ('NI-9999'); else None."""
    if var.kind != "tekst" or var.values is None:
        return None
    shares = normalise_ids(var.values).dropna().str.replace(r"\d", "9", regex=True).value_counts(normalize=True)
    return str(shares.index[0]) if len(shares) and shares.iloc[0] >= SHARE else None


def personal_kind(var: Variable) -> str | None:
    """Which personal data a variable holds, by its label, its name or (text) its values."""
    for text in (var.norm, normalise_label(var.name)):
        for kind, pattern in PERSONAL_WORDS.items():
            if text and pattern.search(text):
                return kind
    if var.kind == "tekst" and var.values is not None:
        text = var.values.astype("string").dropna()
        for kind, pattern in PERSONAL_DATA.items():
            if len(text) and text.str.contains(pattern).mean() >= 0.5:
                return kind
    return None


def overlap(old: Variable, new: Variable, normalise) -> float:
    """Share of this year's distinct values that occurred last year too (ids, names)."""
    if old.values is None or new.values is None or new.kind != "tekst":
        return 0.0
    now = set(normalise(new.values).dropna())
    return len(now & set(normalise(old.values).dropna())) / len(now) if now else 0.0


def whole_numbers(var: Variable) -> pd.Series:
    """The codes of a variable that are whole numbers of at least 0 (not those declared missing,
    such as 999 'Weet niet' in a count)."""
    numbers = pd.to_numeric(pd.Series(sorted(var.codes - var.missing), dtype="string"), errors="coerce").dropna()
    return numbers[(numbers >= 0) & (numbers == numbers.round())]
