"""Wilson intervals and the tests behind the tables."""

import math

import numpy as np
import pytest

from preventie.stats import chi_square, fisher_exact, mcnemar_exact, proportion, wilson_interval

Z = 1.959963984540054  # 97.5% quantile of the standard normal distribution


def wilson_by_hand(k, n):
    """The textbook closed form of the Wilson score interval."""
    p = k / n
    denominator = 1 + Z**2 / n
    centre = (p + Z**2 / (2 * n)) / denominator
    half = Z * math.sqrt(p * (1 - p) / n + Z**2 / (4 * n**2)) / denominator
    return centre - half, centre + half


@pytest.mark.parametrize("k, n", [(29, 47), (0, 10), (10, 10), (107, 116), (1, 1)])
def test_wilson_equals_the_closed_form(k, n):
    low, high = wilson_interval(k, n)
    assert (low, high) == pytest.approx(wilson_by_hand(k, n), abs=1e-12)


def test_wilson_for_the_published_afspraken_figure():
    # 29 of 47 initiatives agree on both content and financing: 61.7% (47.4% to 74.2%)
    low, high = wilson_interval(29, 47)
    assert round(low, 4) == 0.4743 and round(high, 4) == 0.7421
    assert proportion(29, 47) == {"pct": 61.7, "ci_laag": 47.4, "ci_hoog": 74.2}


def test_empty_denominator_gives_no_percentage_not_zero():
    assert wilson_interval(0, 0) is None
    assert proportion(0, 0) == {"pct": None, "ci_laag": None, "ci_hoog": None}


def test_chi_square_matches_a_hand_computation():
    table = np.array([[10, 20], [20, 10]])
    # expected 15 everywhere: sum (o-e)^2/e = 4 * 25/15
    result = chi_square(table)
    assert result["statistiek"] == pytest.approx(round(100 / 15, 4))
    assert result["vrijheidsgraden"] == 1 and result["min_verwacht"] == 15.0
    assert result["p_waarde"] == pytest.approx(0.0098, abs=1e-4)


def test_chi_square_needs_two_filled_rows_and_columns():
    assert chi_square(np.array([[5, 0], [7, 0]])) is None
    assert chi_square(np.array([[5, 3], [0, 0]])) is None


def test_fisher_and_mcnemar():
    assert fisher_exact(np.array([[3, 1], [1, 3]])) == pytest.approx(0.4857, abs=1e-4)
    assert fisher_exact(np.array([[0, 0], [1, 3]])) is None
    # 8 vs 0 discordant pairs: two-sided exact p = 2 * 0.5**8
    assert mcnemar_exact(8, 0) == round(2 * 0.5**8, 4)
    assert mcnemar_exact(0, 0) is None
