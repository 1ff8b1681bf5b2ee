"""Percentages, half-up rounding and Dutch number format."""

import pytest

from preventie.numbers import format_number, format_percentage, percentage, round_half_up


@pytest.mark.parametrize(
    "value, digits, expected",
    [(62.5, 0, 63), (61.5, 0, 62), (0.5, 0, 1), (-0.5, 0, -1), (2.675, 2, 2.68), (1.005, 2, 1.01), (0.0, 0, 0)],
)
def test_half_up_even_where_binary_floats_round_down(value, digits, expected):
    # round(2.675, 2) == 2.67 and round(62.5) == 62 in plain Python: not what a reader expects
    assert round_half_up(value, digits) == expected


def test_percentages_are_exact_fractions():
    assert percentage(29, 47, 0) == 62.0  # the published "62%"
    assert percentage(5, 8, 0) == 63.0  # 62.5 -> 63
    assert percentage(1, 8, 1) == 12.5
    assert percentage(107, 116, 0) == 92.0
    assert percentage(3, 0) is None


def test_dutch_format():
    assert format_number(12345.65, 1) == "12.345,7"
    assert format_number(116) == "116"
    assert format_percentage(29, 47) == "62%"
    assert format_percentage(1, 8, 1) == "12,5%"
    assert format_percentage(1, 0) == "–"
