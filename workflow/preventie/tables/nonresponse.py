"""Selective non-response: the response rate per source of the inventory, and whether it differs."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import stats
from .significance import chi_square_rows, test_rows

NON_RESPONSE_COLUMNS = ["bron", "geidentificeerd", "respons", "non_respons", "pct", "ci_laag", "ci_hoog"]


def non_response_table(inventory: pd.DataFrame, respons: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Response rate per source of the inventory, and a chi-square test of independence."""
    joined = inventory[["initiatief_id", "bron"]].merge(respons[["initiatief_id", "respons"]], on="initiatief_id")
    responded = joined["respons"].astype(bool)
    sources = (
        list(inventory["bron"].cat.categories) if hasattr(inventory["bron"], "cat") else sorted(joined["bron"].unique())
    )
    rows = []
    for source in [*sources, "totaal"]:
        mask = np.ones(len(joined), bool) if source == "totaal" else (joined["bron"].astype("object") == source)
        n, k = int(mask.sum()), int((responded & mask).sum())
        rows.append(
            {"bron": source, "geidentificeerd": n, "respons": k, "non_respons": n - k, **stats.proportion(k, n)}
        )
    table = pd.DataFrame(rows, columns=NON_RESPONSE_COLUMNS)
    table = table.astype(
        {
            "bron": "string",
            "geidentificeerd": "Int64",
            "respons": "Int64",
            "non_respons": "Int64",
            "pct": "Float64",
            "ci_laag": "Float64",
            "ci_hoog": "Float64",
        }
    )
    counts = table[table["bron"] != "totaal"][["respons", "non_respons"]].to_numpy(dtype=float)
    return table, test_rows(chi_square_rows(counts, "respons naar bron"))
