"""Dutch for numbers: a noun or verb that agrees with its count, enumerations, a table label
inside a sentence, and how a count went over the years, in words chosen from the numbers."""

from __future__ import annotations

from datetime import date

from .printed_numbers import Getal, derived, markup

MONTHS = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
# Labels that keep their capital inside a sentence (names, not common nouns).
PROPER_LABELS = {"Welzijn op Recept", "Beweegkuur", "CooL", "SLIMMER", "GGD", "Samen Sportief in Beweging"}
# How a table label reads inside a sentence, abbreviations written out where they first appear.
SENTENCE_FORMS = {
    "Gecombineerde leefstijlinterventie (GLI)": "de GLI",
    "Wmo": "de Wet maatschappelijke ondersteuning (Wmo)",
    "Zvw": "de Zorgverzekeringswet (Zvw)",
    "Wpg": "de Wet publieke gezondheid (Wpg)",
    "Mensen met een lage SES": "mensen met een lage sociaaleconomische status (SES)",
    "GGD": "de GGD",
}


def change_word(before: float, after: float) -> str:
    """For a count: 'een toename', 'een afname' or 'geen verandering' between two values."""
    if after > before:
        return "een toename"
    if after < before:
        return "een afname"
    return "geen verandering"


def in_sentence(label: str) -> str:
    """A table label inside a sentence: first letter lower case, unless a name or acronym."""
    if label in SENTENCE_FORMS:
        return SENTENCE_FORMS[label]
    if label in PROPER_LABELS:
        return label
    for i, char in enumerate(label):
        if char.isalpha():
            acronym = i + 1 < len(label) and label[i + 1].isupper()
            return label if acronym else label[:i] + char.lower() + label[i + 1 :]
    return label


def count_of(text: str) -> int | None:
    """The number in a formatted count ('1.234' -> 1234), None for '–'."""
    digits = str(text).replace(".", "")
    return int(digits) if digits.isdigit() else None


def tel(text: str, one: str, many: str) -> str:
    """A count with its noun in agreement: '1 initiatief', '3 initiatieven', 'geen initiatieven'
    (a traced count keeps its source: the result holds its span)."""
    n = count_of(text)
    if n == 0:
        return f"geen {many}"
    return f"{markup(text)} {one if n == 1 else many}"


def aantal(text: str) -> str:
    """A count after 'er' ("vielen er 3 af"): 'geen' for zero."""
    return "geen" if count_of(text) == 0 else text


def vorm(text: str, one: str, many: str) -> str:
    """The word (a verb, mostly) that agrees with a count: 'vulde' for 1, 'vulden' otherwise."""
    return one if count_of(text) == 1 else many


def enumerate_nl(parts: list[str]) -> str:
    """'a', 'a en b', 'a, b en c'."""
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " en " + parts[-1]


def capitalised(text: str) -> str:
    """First letter upper case, the rest as it is (Jinja's capitalize lowers the rest: GLI -> gli)."""
    return text[:1].upper() + text[1:]


def month_year(day: date) -> str:
    """'november 2020'."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def ranked_phrase(groups: list[list[dict]]) -> str:
    """'Welzijn op Recept (50%), de GLI (31%) en valpreventie en de GGD (elk 29%)': ties named
    together; a share with too small a denominator as its two counts ('4 van de 8')."""
    parts = []
    for group in groups:
        pct = markup(group[0]["aandeel"])
        if len(group) == 1:
            parts.append(f"{group[0]['in_zin']} ({pct})")
        else:
            parts.append(
                f"{enumerate_nl([r['in_zin'] for r in group])} ({'beide' if len(group) == 2 else 'elk'} {pct})"
            )
    return enumerate_nl(parts)


def _direction(before: int, after: int) -> str:
    return "toe" if after > before else ("af" if after < before else "gelijk")


def runs(points: list[tuple[int, Getal]]) -> list[list[tuple[int, Getal]]]:
    """The points of a series (year, count) cut where the direction of change turns: each run
    rises, falls or stays level throughout, and starts where the one before ended."""
    groups: list[list[tuple[int, Getal]]] = []
    for point in points:
        if not groups:
            groups.append([point])
            continue
        run = groups[-1]
        step = _direction(run[-1][1].value, point[1].value)
        if len(run) == 1 or _direction(run[0][1].value, run[1][1].value) == step:
            run.append(point)
        else:
            groups.append([run[-1], point])
    return groups


def course_sentence(points: list[tuple[int, Getal]], what: str, unit: tuple[str, str]) -> str | None:
    """How a count went over the years, in words chosen from the numbers it states: 'nam van 81 in
    2018 tot 116 in 2020 elk jaar toe, 21 initiatieven meer dan in 2019', 'nam toe van 95 in 2019 tot
    116 in 2020 en nam daarna af tot 96 in 2021, 20 initiatieven minder dan in 2020', 'bleef
    gelijk: 95 in 2019 en in 2020'. `what` is the subject, `unit` the noun in singular and plural.
    None for a single year."""
    if len(points) < 2:
        return None
    parts = []
    groups = runs(points)
    for i, run in enumerate(groups):
        (first_year, first), (last_year, last) = run[0], run[-1]
        direction = _direction(first.value, last.value)
        every_year = len(run) > 2 and [y for y, _ in run] == list(range(first_year, last_year + 1))
        if direction == "gelijk":
            years = " en in ".join(str(y) for y, _ in run) if len(run) == 2 else f"van {first_year} tot {last_year}"
            parts.append(
                f"bleef {'daarna ' if i else ''}gelijk: {markup(last)} {'in ' if len(run) == 2 else ''}{years}"
            )
        elif i == 0 and every_year:
            parts.append(
                f"nam van {markup(first)} in {first_year} tot {markup(last)} in {last_year} elk jaar {direction}"
            )
        elif i == 0:
            parts.append(f"nam {direction} van {markup(first)} in {first_year} tot {markup(last)} in {last_year}")
        elif every_year:
            parts.append(f"nam daarna tot {markup(last)} in {last_year} elk jaar {direction}")
        else:
            parts.append(f"nam daarna {direction} tot {markup(last)} in {last_year}")
    sentence = f"{what} {' en '.join(parts)}"
    (before_year, before), (now_year, now) = points[-2], points[-1]
    if before_year == now_year - 1 and before.value != now.value and (len(groups[-1]) > 2 or len(groups) > 1):
        difference = derived(
            abs(now.value - before.value),
            sorted([(now, f"in {now_year}"), (before, f"in {before_year}")], key=lambda term: -term[0].value),
            "−",
            before.source.table,
            f"{now_year} − {before_year}",
        )
        more = "meer" if now.value > before.value else "minder"
        sentence += f", {tel(difference, unit[0], unit[1])} {more} dan in {before_year}"
    return sentence
