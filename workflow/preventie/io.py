"""The pipeline's own tables and files, written and read deterministically (CSV, Parquet, SPSS),
and the inputs that are no export (boundaries, bibliography). Raw exports: `preventie.exports`."""

from __future__ import annotations

import json
import os
import time
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import yaml

from .errors import PipelineError
from .yamlfile import read_yaml  # noqa: F401 (part of the I/O interface)


def read_bibliography(path: str | os.PathLike) -> list[dict]:
    """The sources of a BibTeX (.bib) or CSL-JSON (.json) file as CSL items, read by pandoc,
    sorted by key; a file pandoc cannot read is a user error naming it."""
    import pypandoc

    path = Path(path)
    if path.suffix.lower() == ".json":
        items = json.loads(path.read_text(encoding="utf-8"))
    else:
        try:
            items = json.loads(pypandoc.convert_file(str(path), "csljson", format="bibtex"))
        except RuntimeError as err:
            reason = str(err).strip().splitlines()[-1] if str(err).strip() else "onleesbaar"
            raise PipelineError(f"geen leesbaar BibTeX-bestand: {reason}", file=str(path)) from None
    return sorted(items, key=lambda item: item["id"])


def read_boundaries(path: str | os.PathLike):
    """A boundaries file with its polygons, as a GeoDataFrame (TopoJSON carries no CRS; these
    boundaries are in RD New)."""
    import geopandas

    boundaries = geopandas.read_file(path)
    return boundaries.set_crs(28992) if boundaries.crs is None else boundaries


def read_municipalities(path: str | os.PathLike) -> dict[str, str]:
    """CBS code -> name of every municipality in a boundaries file (GeoJSON, statcode/statnaam)."""
    with open(path, encoding="utf-8") as fh:
        features = json.load(fh)["features"]
    return {f["properties"]["statcode"]: f["properties"]["statnaam"] for f in features}


# --- writing -----------------------------------------------------------------------------


# How every output writes true/false: Dutch words, the same in CSV, workbook and trace.
JA_NEE = {True: "ja", False: "nee"}


def ja_nee(value) -> str:
    """One boolean as ja/nee."""
    return JA_NEE[bool(value)]


# A spreadsheet executes a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"


def neutralise(text: pd.Series) -> pd.Series:
    """Prefix a quote to text that a spreadsheet would run as a formula.

    Text that merely starts with a quote ('s-Gravenhage) is left alone, so names stay
    readable; `restore` removes only a quote that stands before a formula character.
    """
    risky = text.str.startswith(FORMULA_STARTS).fillna(False)
    return text.mask(risky, QUOTE + text)


def restore(text: pd.Series) -> pd.Series:
    """Undo `neutralise` when the pipeline reads its own CSV back."""
    quoted = text.str.match(r"'[=+\-@\t\r]").fillna(False)
    return text.mask(quoted, text.str.slice(1))


def _is_text(series: pd.Series) -> bool:
    return not (
        pd.api.types.is_numeric_dtype(series)
        or pd.api.types.is_bool_dtype(series)
        or pd.api.types.is_datetime64_any_dtype(series)
    )


def _prepare(df: pd.DataFrame) -> pd.DataFrame:
    """Booleans as ja/nee (so every CSV reads the same for a Dutch reviewer); text neutralised."""
    out = df.copy()
    for col in out.columns:
        if isinstance(out[col].dtype, pd.BooleanDtype) or out[col].dtype == bool:
            out[col] = out[col].map(JA_NEE).astype("string")
        elif _is_text(out[col]):
            out[col] = neutralise(out[col].astype("string"))
    return out


def write_csv(df: pd.DataFrame, path: str | os.PathLike) -> None:
    """Deterministic CSV: UTF-8 without BOM, LF line ends, no index, empty for missing."""
    _prepare(df).to_csv(path, index=False, lineterminator="\n", encoding="utf-8", na_rep="")


TABLE_SCHEMAS = Path(__file__).resolve().parents[1] / "schemas" / "tables.yaml"


@lru_cache(maxsize=1)
def _table_schemas() -> dict:
    """The table schemas, with libyaml's parser where PyYAML has it: the same safe loader, but
    every job that writes a table reads this file, and in pure Python that took 50 ms a job."""
    with open(TABLE_SCHEMAS, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def table_schema(name: str) -> dict:
    """Columns (in order) with type and description of one output table."""
    return _table_schemas()[name]


def write_table(df: pd.DataFrame, path: str | os.PathLike, name: str) -> None:
    """Write a pipeline table as CSV after checking its columns against its schema."""
    columns = table_schema(name)["columns"]
    if list(df.columns) != list(columns):
        raise ValueError(f"table {name}: columns {list(df.columns)} differ from schema {list(columns)}")
    for col, spec in columns.items():
        if not _has_type(df[col], spec["type"]):
            raise ValueError(f"table {name}: column {col} has dtype {df[col].dtype}, schema says {spec['type']}")
    write_csv(df, path)


def _has_type(series: pd.Series, kind: str) -> bool:
    """Whether a column's dtype fits a schema type (an all-missing column also fits 'string')."""
    dtype = series.dtype
    if kind == "boolean":
        return isinstance(dtype, pd.BooleanDtype) or pd.api.types.is_bool_dtype(dtype)
    if kind == "integer":
        return pd.api.types.is_integer_dtype(dtype)
    if kind == "float":
        return pd.api.types.is_float_dtype(dtype) or pd.api.types.is_integer_dtype(dtype)
    if kind == "datetime":
        return pd.api.types.is_datetime64_any_dtype(dtype)
    return not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype)) or series.isna().all()


_READ_TYPES = {"string": "string", "integer": "Int64", "float": "Float64"}


def read_table(path: str | os.PathLike, name: str) -> pd.DataFrame:
    """Read a table this pipeline wrote, with the types of its schema restored."""
    columns = table_schema(name)["columns"]
    raw = pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])
    raw = raw.apply(restore)
    out = pd.DataFrame(index=raw.index)
    for col, spec in columns.items():
        kind = spec["type"]
        if kind == "boolean":
            out[col] = raw[col].map({text: flag for flag, text in JA_NEE.items()}).astype("boolean")
        elif kind == "datetime":
            out[col] = pd.to_datetime(raw[col])
        else:
            out[col] = raw[col].astype(_READ_TYPES[kind])
    return out


def write_parquet(df: pd.DataFrame, path: str | os.PathLike) -> None:
    """Parquet with fixed settings and no index; bytes depend only on the data."""
    table = pa.Table.from_pandas(df, preserve_index=False)
    pq.write_table(table, path, compression="zstd", write_statistics=False)


def read_parquet(path: str | os.PathLike) -> pd.DataFrame:
    return pd.read_parquet(path)


def sav_timestamp() -> bytes:
    """SPSS header date/time (17 bytes) from SOURCE_DATE_EPOCH, or the epoch itself."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    stamp = time.gmtime(epoch)
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    date = f"{stamp.tm_mday:02d} {months[stamp.tm_mon - 1]} {stamp.tm_year % 100:02d}"
    clock = f"{stamp.tm_hour:02d}:{stamp.tm_min:02d}:{stamp.tm_sec:02d}"
    return (date + clock).encode("ascii")


# Offset of the creation date in an SPSS system file header: "$FL2", 60-byte product name,
# five int32 fields and the float64 compression bias come first (4 + 60 + 20 + 8 = 92).
SAV_DATE_OFFSET = 92


def sav_frame(
    df: pd.DataFrame, category_labels: dict[str, dict[str, str]]
) -> tuple[pd.DataFrame, dict[str, dict[float, str]]]:
    """SPSS-ready data: categories and booleans as labelled numbers, text without NA."""
    out = pd.DataFrame(index=df.index)
    value_labels: dict[str, dict[float, str]] = {}
    for col in df.columns:
        series = df[col]
        if isinstance(series.dtype, pd.CategoricalDtype):
            categories = list(series.cat.categories)
            codes = series.cat.codes.astype("float64")
            out[col] = codes.where(codes >= 0) + 1
            labels = category_labels.get(col, {})
            value_labels[col] = {float(i + 1): labels.get(c, str(c)) for i, c in enumerate(categories)}
        elif isinstance(series.dtype, pd.BooleanDtype):
            out[col] = series.astype("Float64").astype("float64")
            value_labels[col] = {1.0: "Ja", 0.0: "Nee"}
        elif pd.api.types.is_numeric_dtype(series):
            out[col] = series.astype("Float64").astype("float64")
        else:
            out[col] = series.astype("string").fillna("").astype(object)
    return out, value_labels


def write_sav(
    df: pd.DataFrame,
    path: str | os.PathLike,
    variable_labels: dict[str, str],
    category_labels: dict[str, dict[str, str]],
    file_label: str = "",
) -> None:
    """SPSS file with Dutch variable and value labels; the header's creation time is fixed
    (SOURCE_DATE_EPOCH) so the bytes are repeatable."""
    import pyreadstat

    data, value_labels = sav_frame(df, category_labels)
    pyreadstat.write_sav(
        data,
        str(path),
        file_label=file_label,
        column_labels={c: variable_labels.get(c, c) for c in data.columns},
        variable_value_labels=value_labels,
    )
    with open(path, "r+b") as fh:
        fh.seek(SAV_DATE_OFFSET)
        fh.write(sav_timestamp())


def epoch() -> int:
    """The build time every file format records: SOURCE_DATE_EPOCH (0 when unset)."""
    return int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
