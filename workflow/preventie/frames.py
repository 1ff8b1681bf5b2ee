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
