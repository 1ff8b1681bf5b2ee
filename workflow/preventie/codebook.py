"""A year's codebook: which raw variable and code means which canonical variable and value."""

from __future__ import annotations

import difflib
import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import canon
from .errors import PipelineError
from .io import read_yaml
from .yamlfile import boolean_hint

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "codebook.schema.yaml"
# A whole number as Dutch spreadsheets write it with decimals: "1,00". ("1,2" stays text: it
# may be a list of codes, and is then an unmapped code, named as written.)
WHOLE_DECIMAL_COMMA = re.compile(r"[+-]?\d+,0+")


def normalise_code(value: object) -> str | None:
    """One raw answer code as text, so that 1, 1.0 and "1" compare equal; None when missing."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (bool, np.bool_)):
        return str(int(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            return None
        return str(int(value)) if float(value).is_integer() else repr(float(value))
    text = str(value).strip()
    if not text:
        return None
    if WHOLE_DECIMAL_COMMA.fullmatch(text):
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return text
    if not math.isfinite(number):
        return text
    return str(int(number)) if number.is_integer() else repr(number)


def is_given(value: object) -> bool:
    """Whether normalise_code(value) is not None, without normalising: cheap enough for a column
    of unique texts (a key variable), where normalising every value only to count them cost
    seconds on a large year."""
    if value is None or value is pd.NA or value is pd.NaT:
        return False
    if isinstance(value, (bool, np.bool_, int, np.integer)):
        return True
    if isinstance(value, (float, np.floating)):
        return math.isfinite(value)
    return bool(str(value).strip())


def count_given(series: pd.Series) -> int:
    """How many values of a column normalise_codes keeps: by its type where that decides (a
    number when finite, a date or a flag when present), else is_given per value (finding the
    distinct values first costs more than that)."""
    types = pd.api.types
    if types.is_datetime64_any_dtype(series) or types.is_bool_dtype(series) or types.is_integer_dtype(series):
        return int(series.notna().sum())
    if types.is_float_dtype(series):
        return int(np.isfinite(series.to_numpy(dtype=float, na_value=np.nan)).sum())
    if isinstance(series.dtype, pd.StringDtype):  # text only: given when not blank
        return sum(1 for text in series.dropna().tolist() if text.strip())
    return sum(map(is_given, series.tolist()))


def normalise_codes(series: pd.Series) -> pd.Series:
    """`normalise_code` over a column, computed once per distinct value. A column of numbers or
    of text is grouped as it is (what SPSS and the text readers give); any other first as Python
    objects, so that 1, 1.0 and True are one value, as normalise_code makes them."""
    plain = isinstance(series.dtype, pd.StringDtype) or (
        isinstance(series.dtype, np.dtype) and series.dtype.kind in "fiub"
    )
    codes, uniques = pd.factorize(series if plain else series.astype(object), use_na_sentinel=True)
    lookup = pd.array([normalise_code(u) for u in uniques], dtype="string")  # text once per distinct value
    return pd.Series(lookup.take(codes, allow_fill=True), index=series.index, dtype="string")


def code_order(code: str):
    """The sort key of a normalised code: numbers by their value first, then text."""
    try:
        return (0, float(code), code)
    except ValueError:
        return (1, 0.0, code)


def closest(name: str, candidates, n: int = 3) -> list[str]:
    """Nearest names, for 'did you mean' hints."""
    return difflib.get_close_matches(name, list(candidates), n=n, cutoff=0.5)


def require_known(name: str, known, what: str, source: str) -> None:
    """A codebook name must be canonical; suggest the nearest ones when it is not."""
    if name in known:
        return
    near = closest(name, known)
    hint = f"Bedoelt u {' of '.join(repr(n) for n in near)}?" if near else f"Toegestaan: {', '.join(known)}"
    raise PipelineError(f"{what} '{name}'", file=source, hint=hint)


@dataclass(frozen=True)
class SingleSpec:
    var: str
    map: dict[str, str | None]  # normalised raw code -> canonical value (None = missing)


@dataclass(frozen=True)
class Codebook:
    """A validated codebook; raw codes are normalised with `normalise_code`."""

    year: int
    source: str
    encoding: str | None
    submission_id: str
    initiative_id: str | None
    initiative_name: str | None
    submitted_at: str | None
    completed_var: str
    completed_values: frozenset[str]
    pii: tuple[str, ...] = ()
    single: dict[str, SingleSpec] = field(default_factory=dict)
    numeric: dict[str, str] = field(default_factory=dict)
    selected: frozenset[str] = frozenset({"1"})
    not_selected: frozenset[str] = frozenset({"0"})
    multi: dict[str, dict[str, str]] = field(default_factory=dict)

    def key_vars(self) -> dict[str, str]:
        """Key role -> raw variable, for the keys this codebook names."""
        keys = {
            "submission_id": self.submission_id,
            "initiative_id": self.initiative_id,
            "initiative_name": self.initiative_name,
            "submitted_at": self.submitted_at,
            "completed": self.completed_var,
        }
        return {k: v for k, v in keys.items() if v}

    def answer_vars(self) -> dict[str, str]:
        """Canonical answer column -> raw variable."""
        out = {name: spec.var for name, spec in self.single.items()}
        out.update(self.numeric)
        for set_name, options in self.multi.items():
            for option, var in options.items():
                out[canon.option_column(set_name, option)] = var
        return out

    def raw_vars(self) -> list[str]:
        """Every raw variable the codebook names, PII included, in codebook order."""
        return list(self.key_vars().values()) + list(self.pii) + list(self.answer_vars().values())


def _schema_check(raw: dict, source: str) -> None:
    import jsonschema

    schema = read_yaml(SCHEMA)
    # YAML allows integer keys (codes); JSON Schema speaks about strings.
    doc = json.loads(json.dumps(raw, default=str))
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(bovenste niveau)"
        raise PipelineError(f"codeboek ongeldig bij '{where}': {error.message}{boolean_hint(error)}", file=source)


def _codes(values, source: str, where: str) -> frozenset[str]:
    codes = [normalise_code(v) for v in values]
    if any(c is None for c in codes):
        raise PipelineError(f"lege code in '{where}'", file=source)
    return frozenset(codes)


def _single_spec(name: str, body: dict, source: str) -> SingleSpec:
    require_known(name, canon.SINGLES, "onbekende canonieke variabele onder single:", source)
    allowed = canon.SINGLES[name].values
    mapping: dict[str, str | None] = {}
    for raw_code, target in body["map"].items():
        code = normalise_code(raw_code)
        if code is None:
            raise PipelineError(f"lege code in single.{name}.map", file=source)
        if code in mapping:
            raise PipelineError(f"code {raw_code!r} staat twee keer in single.{name}.map", file=source)
        if target is not None and target not in allowed:
            raise PipelineError(
                f"single.{name}.map: doelwaarde '{target}' bestaat niet",
                file=source,
                hint=f"Toegestaan: {', '.join(allowed)} of null (ontbrekend)",
            )
        mapping[code] = target
    return SingleSpec(body["var"], mapping)


MULTI_CODES = ("selected", "not_selected")


def _multi_specs(body: dict, source: str) -> tuple[frozenset[str], frozenset[str], dict[str, dict[str, str]]]:
    selected = _codes(body.get("selected", [1]), source, "multi.selected")
    not_selected = _codes(body.get("not_selected", [0]), source, "multi.not_selected")
    both = selected & not_selected
    if both:
        raise PipelineError(
            f"code(s) {', '.join(sorted(both))} staan in multi.selected én multi.not_selected", file=source
        )
    sets: dict[str, dict[str, str]] = {}
    for set_name, options in body.items():
        if set_name in MULTI_CODES:
            continue
        require_known(set_name, canon.MULTIS, "onbekende meervoudige vraag onder multi:", source)
        known = canon.MULTIS[set_name].options
        for option in options:
            require_known(option, known, f"multi.{set_name}: onbekende optie", source)
        # canonical option order, whatever the codebook's order
        sets[set_name] = {o: options[o] for o in known if o in options}
    return selected, not_selected, sets


def parse_codebook(raw: dict, source: str, year: int | None = None) -> Codebook:
    """Validate a codebook mapping (schema, canonical names and values) and normalise codes."""
    _schema_check(raw, source)
    if raw.get("concept"):
        raise PipelineError(
            "codeboek is nog een concept (concept: true)",
            file=source,
            hint="Controleer elke regel met '# CONTROLEREN' en verwijder daarna de regel 'concept: true'",
        )
    if year is not None and raw["year"] != year:
        raise PipelineError(f"codeboek is voor {raw['year']}, maar wordt gebruikt voor {year}", file=source)
    keys = raw["keys"]
    for name in raw.get("numeric", {}):
        require_known(name, canon.NUMERICS, "onbekende numerieke variabele onder numeric:", source)
    selected, not_selected, multi = _multi_specs(raw.get("multi", {}), source)
    book = Codebook(
        year=raw["year"],
        source=source,
        encoding=raw.get("encoding"),
        submission_id=keys["submission_id"],
        initiative_id=keys.get("initiative_id"),
        initiative_name=keys.get("initiative_name"),
        submitted_at=keys.get("submitted_at"),
        completed_var=keys["completed"]["var"],
        completed_values=_codes(keys["completed"]["values"], source, "keys.completed.values"),
        pii=tuple(raw.get("pii", [])),
        single={n: _single_spec(n, b, source) for n, b in raw.get("single", {}).items()},
        numeric={n: b["var"] for n, b in raw.get("numeric", {}).items()},
        selected=selected,
        not_selected=not_selected,
        multi=multi,
    )
    _check_unique_vars(book)
    return book


def _check_unique_vars(book: Codebook) -> None:
    """A raw variable has one meaning; PII variables are never also answers or keys."""
    seen: dict[str, str] = {}
    roles = [(f"keys.{k}", v) for k, v in book.key_vars().items()]
    roles += [("pii", v) for v in book.pii]
    roles += list(book.answer_vars().items())
    for role, var in roles:
        if var in seen:
            raise PipelineError(
                f"variabele '{var}' is zowel {seen[var]} als {role}",
                file=book.source,
                hint="Elke ruwe variabele mag maar één rol hebben",
            )
        seen[var] = role


def load_codebook(path: str, year: int | None = None) -> Codebook:
    """Read and validate a codebook file."""
    return parse_codebook(read_yaml(path), str(path), year)
