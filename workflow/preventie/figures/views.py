"""Helpers of the reader's views: a figure's data table (as drawn, or as read back with its
schema) as the table a Dutch reader sees under the figure."""

from __future__ import annotations

import re

import pandas as pd

from ..io import JA_NEE


def integers(values) -> pd.Series:
    """Counts: int64, or Int64 when some are missing."""
    numbers = pd.Series(values, dtype="Int64")
    return numbers if numbers.isna().any() else numbers.astype("int64")


def floats(values) -> pd.Series:
    """Numbers: float64, NaN where missing."""
    return pd.Series(values, dtype="Float64").astype("float64")


def texts(values: pd.Series) -> pd.Series:
    """Text, empty where missing."""
    return values.astype("string").fillna("").astype(object)


def flags(values: pd.Series) -> pd.Series:
    """ja/nee as in the CSVs (io.JA_NEE), empty where missing."""
    return values.astype("boolean").map(JA_NEE).fillna("").astype(object)


def municipality(data: pd.DataFrame) -> pd.Series:
    """Municipality name; the code where the boundaries of the year have no name for it."""
    names, codes = texts(data["gemeente"]), texts(data["gemeente_code"])
    return pd.Series(
        [n if n else f"{c} (niet in de gemeentegrenzen)" for n, c in zip(names, codes)], index=data.index, dtype=object
    )


def alphabetical(view: pd.DataFrame, named: pd.Series, *then: str) -> pd.DataFrame:
    """Sorted by municipality as in a Dutch index ('s-Gravenhage under G), then by `then`;
    codes without a name (not in that year's boundaries) last."""
    key = view["Gemeente"].map(lambda name: re.sub(r"^'s-", "", name).casefold())
    return (
        view.assign(_unnamed=~named.to_numpy(), _key=key.to_numpy())
        .sort_values(["_unnamed", "_key", *then], kind="stable")
        .drop(columns=["_unnamed", "_key"])
        .reset_index(drop=True)
    )


def map_flag(view: pd.DataFrame, data: pd.DataFrame) -> pd.DataFrame:
    """'Op de kaart' only matters when something is not on the map; then it is shown."""
    on_map = flags(data["op_kaart"])
    if (on_map == JA_NEE[False]).any():
        view["Op de kaart"] = on_map.to_numpy()
    return view
