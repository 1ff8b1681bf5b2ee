"""Personal data typed where it does not belong (an e-mail address or phone number in a name, a
code or a number field), found and masked: in free text that the pipeline keeps, and in every
message that quotes an input value (`PipelineError` masks its whole line with `mask`).

What counts: e-mail addresses, also written as people write them to fool spam robots
(`naam(at)domein.nl`, `naam [at] domein [punt] nl`), and Dutch phone numbers as people type
them: 10 digits starting with 0 (mobile 06, or an area code of 2 to 4 digits, which may stand in
brackets), or +31 / 0031 with 9 digits (an `(0)` or `0` in between allowed), the digits separated
by spaces, dashes (also the en dash Word puts in), slashes, dots or brackets. Not masked:
numbers that are no phone number (years, counts, postcodes such as 1234 AB, dates, 0800 and 0900
numbers, the municipal 14 0xx numbers): they identify no one and are what initiative names
contain.
"""

from __future__ import annotations

import re

# What separates the digits of a phone number: white space, '.', '/', and every dash a keyboard or
# a word processor makes (hyphen, the en and em dash that Word's autocorrect puts in, minus sign).
_SEP = r"[\s./\-\u2010-\u2015\u2212]"
_INNER = r"[\s./\-\u2010-\u2015\u2212()]"  # within a number, the brackets of '(0)20' or '(06)' too
_DIGITS_AFTER = rf"(?:{_INNER}*\d){{8}}"  # the 8 digits after the first two

_AT = r"(?:\s?[@\uff20]\s?|\s*[(\[{<]\s*(?:at|apenstaartje)\s*[)\]}>]\s*)"
_DOT = r"(?:\.|\s*[(\[{<]\s*(?:dot|punt)\s*[)\]}>]\s*)"

PERSONAL_DATA = {
    "e-mailadres": re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+", re.IGNORECASE),
    "telefoonnummer": re.compile(
        r"(?<![\w+])(?:"
        # +31 6 12345678, +31 (0)20 123 4567, 0031 20-1234567, +31 06 12345678
        rf"(?:\+|00){_SEP}?31{_SEP}*(?:\(0\){_SEP}*|0{_SEP}*)?\(?[1-9]"
        # (06) 11223344, (020) 123 45 67, (0113) 12 34 56: the bracket only before an area code
        r"|\((?=0[1-9]\d{0,2}\))0[1-9]"
        # 06-12345678, 020 123 4567, 06–22334455, 06/33445566, 06.12.34.56.78
        r"|0[1-9]"
        rf"){_DIGITS_AFTER}(?!\w)"
    ),
}
# What every e-mail address and phone number above contains: an at sign ('@' or the full-width
# one), a bracket (of '(at)', '[at]'), or two ASCII digits in a row ('06', '31', '(0' then 1-9).
# A text without any of them holds neither (normalise.might_hold_personal_data). The at sign is
# the character itself, not an escape: the pattern is also read by pyarrow's RE2.
NEEDED = "[@\uff20(\\[{<]|[0-9]{2}"
PLURALS = {"e-mailadres": "e-mailadressen", "telefoonnummer": "telefoonnummers"}


def mask_counted(text: str) -> tuple[str, dict[str, int]]:
    """`text` with every e-mail address and phone number replaced by '[e-mailadres]' or
    '[telefoonnummer]' (e-mail first: an address may hold digits), and how many of each."""
    counts = {}
    for kind, pattern in PERSONAL_DATA.items():
        text, counts[kind] = pattern.subn(f"[{kind}]", text)
    return text, counts


def mask(text: str) -> str:
    """`text` with its personal data masked: what every message that quotes an input value
    passes its line through."""
    return mask_counted(text)[0]
