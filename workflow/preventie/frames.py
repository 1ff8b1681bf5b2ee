"""Small DataFrame helpers shared by several stages."""

from __future__ import annotations

import numpy as np
import pandas as pd


def join_flags(flags: pd.DataFrame, sep: str = ", ") -> pd.Series:
    """Per row, the names of the columns that are True, joined; missing when none."""
    text = pd.Series("", index=flags.index, dtype="string")
    for col in flags.columns:
        text = text + np.where(flags[col].fillna(False).to_numpy(bool), col + sep, "")
    text = text.str.removesuffix(sep)
    return text.mask(text == "", pd.NA)


def as_mask(condition: pd.Series) -> np.ndarray:
    """A plain boolean array from a nullable comparison; unknown counts as False."""
    return condition.fillna(False).to_numpy(dtype=bool)


def is_in(values: pd.Series, pool) -> pd.Series:
    """values.isin(pool), through a Python set: pandas' isin on a text column converts every value
    of the pool on its own, which took seconds on a large year. A missing value is in nothing
    (pandas would match it to a missing value in the pool; no caller has one there)."""
    known = set(pd.Series(pool).dropna().tolist())
    missing = values.isna().to_numpy(dtype=bool)
    found = [not gone and value in known for value, gone in zip(values.tolist(), missing.tolist())]
    return pd.Series(np.array(found, dtype=bool), index=values.index, name=values.name)
