"""One place for percentages, half-up rounding and Dutch number formatting.

Percentages are computed from the exact fraction n/noemer, so 62.5 rounds to 63 and never
to 62 through a binary floating-point representation.
"""

from __future__ import annotations

import math
from fractions import Fraction


def percentage(n: int, denominator: int, digits: int = 1) -> float | None:
    """100·n/denominator rounded half up to `digits` decimals; None for an empty denominator."""
    if denominator == 0:
        return None
    return round_half_up(Fraction(100 * int(n), int(denominator)), digits)


def round_half_up(value: Fraction | int | float | str, digits: int = 0) -> float:
    """Round half away from zero (62.5 -> 63, -0.5 -> -1), exactly for fractions."""
    exact = Fraction(value) if not isinstance(value, float) else Fraction(str(value))
    scale = 10**digits
    scaled = abs(exact) * scale
    rounded = math.floor(scaled + Fraction(1, 2))
    result = Fraction(rounded, scale)
    return float(result if exact >= 0 else -result)


def format_number(value: float | int, digits: int = 0) -> str:
    """Dutch notation: decimal comma, dot as thousands separator (12.345,6)."""
    rounded = round_half_up(value, digits)
    text = f"{rounded:,.{digits}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def format_percentage(n: int, denominator: int, digits: int = 0) -> str:
    """'62%' (or '62,5%' with digits=1); an empty denominator gives '–'."""
    value = percentage(n, denominator, digits)
    return "–" if value is None else f"{format_number(value, digits)}%"
