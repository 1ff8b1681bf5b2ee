"""Test results as a table (grootheid, waarde, toelichting), shared by the tests on non-response and
on transitions."""

from __future__ import annotations

import numpy as np
import pandas as pd

from .. import stats

TEST_COLUMNS = ["grootheid", "waarde", "toelichting"]


def chi_square_rows(counts: np.ndarray, what: str) -> list[tuple[str, float | None, str]]:
    result = stats.chi_square(counts)
    if result is None:
        return [("chi2_statistiek", None, f"geen toets: te weinig gevulde rijen of kolommen ({what})")]
    note = f"Pearson chi-kwadraat, {what}"
    if result["min_verwacht"] < 5:
        note += "; let op: kleinste verwachte aantal < 5, toets is een benadering"
    return [
        ("chi2_statistiek", result["statistiek"], note),
        ("chi2_vrijheidsgraden", result["vrijheidsgraden"], ""),
        ("chi2_p_waarde", result["p_waarde"], ""),
        ("chi2_min_verwacht", result["min_verwacht"], "kleinste verwachte celfrequentie"),
    ]


def test_rows(rows: list[tuple[str, float | None, str]]) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=TEST_COLUMNS)
    return table.astype({"grootheid": "string", "waarde": "Float64", "toelichting": "string"})
