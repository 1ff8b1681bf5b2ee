"""Helpers of the reader's views: the data table of a figure, as drawn or as read back from
its CSV as text, typed for the table a Dutch reader sees under the figure."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from ..io import restore


def missing(value) -> bool:
    return (
        value is None
        or (not isinstance(value, str) and pd.isna(value))
        or (isinstance(value, str) and value.strip() == "")
    )


def integers(values: pd.Series) -> pd.Series:
    """Whole numbers from numbers or their text; int64, or Int64 when some are empty."""
    numbers = [None if missing(v) else int(float(v)) for v in values]
    if any(v is None for v in numbers):
        return pd.Series(pd.array(numbers, dtype="Int64"), index=values.index)
    return pd.Series(numbers, index=values.index, dtype="int64")


def floats(values: pd.Series) -> pd.Series:
    """Numbers from numbers or their text; float64 with NaN for empty."""
    return pd.Series([math.nan if missing(v) else float(v) for v in values], index=values.index, dtype="float64")


def texts(values: pd.Series) -> pd.Series:
    """Text as the reader should see it: empty for missing, a CSV's formula guard removed."""
    text = pd.Series(["" if missing(v) else str(v) for v in values], index=values.index, dtype="string")
    return restore(text).astype(object)


def flags(values: pd.Series) -> pd.Series:
    """ja/nee from booleans or their text (True/False, ja/nee)."""
    words = {"ja": True, "true": True, "1": True, "nee": False, "false": False, "0": False}

    def flag(v):
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if missing(v):
            return None
        return words[str(v).strip().lower()]

    return pd.Series([{True: "ja", False: "nee", None: ""}[flag(v)] for v in values], index=values.index, dtype=object)


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
    if "op_kaart" in data and (flags(data["op_kaart"]) == "nee").any():
        view["Op de kaart"] = flags(data["op_kaart"]).to_numpy()
    return view
