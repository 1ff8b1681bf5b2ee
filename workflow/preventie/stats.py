"""Statistics behind the tables: Wilson intervals and tests for two-way tables (scipy).

Percentages and interval bounds are rounded half up to one decimal for the tables (see
`numbers`); p-values and test statistics to four decimals, so outputs are repeatable.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from .numbers import percentage, round_half_up

CONFIDENCE = 0.95


def wilson_interval(k: int, n: int, level: float = CONFIDENCE) -> tuple[float, float] | None:
    """Wilson score interval for k successes in n trials, as proportions; None when n = 0."""
    from scipy import stats  # imported here: the workflow imports this module while parsing

    if n == 0:
        return None
    ci = stats.binomtest(int(k), int(n)).proportion_ci(confidence_level=level, method="wilson")
    return float(ci.low), float(ci.high)


def _pct(proportion: float) -> float:
    return round_half_up(Fraction(str(proportion)) * 100, 1)


def proportion(k: int, n: int) -> dict[str, float | None]:
    """pct, ci_laag, ci_hoog in percent (one decimal); all None for an empty denominator."""
    ci = wilson_interval(k, n)
    if ci is None:
        return {"pct": None, "ci_laag": None, "ci_hoog": None}
    return {"pct": percentage(k, n), "ci_laag": _pct(ci[0]), "ci_hoog": _pct(ci[1])}


def chi_square(table: np.ndarray) -> dict[str, float] | None:
    """Pearson chi-square test of independence (no continuity correction); None if degenerate."""
    from scipy import stats  # imported here: the workflow imports this module while parsing

    table = np.asarray(table, dtype=float)
    table = table[table.sum(axis=1) > 0][:, table.sum(axis=0) > 0]
    if table.shape[0] < 2 or table.shape[1] < 2:
        return None
    result = stats.chi2_contingency(table, correction=False)
    return {
        "statistiek": round(float(result.statistic), 4),
        "vrijheidsgraden": int(result.dof),
        "p_waarde": round(float(result.pvalue), 4),
        "min_verwacht": round(float(result.expected_freq.min()), 4),
    }


def fisher_exact(table: np.ndarray) -> float | None:
    """Two-sided Fisher exact p-value of a 2x2 table; None when a margin is empty."""
    from scipy import stats  # imported here: the workflow imports this module while parsing

    table = np.asarray(table, dtype=int)
    if table.shape != (2, 2) or (table.sum(axis=0) == 0).any() or (table.sum(axis=1) == 0).any():
        return None
    return round(float(stats.fisher_exact(table).pvalue), 4)


def mcnemar_exact(b: int, c: int) -> float | None:
    """Exact McNemar p-value for paired data from the discordant counts b and c."""
    from scipy import stats  # imported here: the workflow imports this module while parsing

    if b + c == 0:
        return None
    return round(float(stats.binomtest(int(b), int(b + c), 0.5).pvalue), 4)
