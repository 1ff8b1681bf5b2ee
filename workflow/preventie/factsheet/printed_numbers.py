"""Printed numbers: every number the factsheet prints carries where it comes from.

A `Getal` is the printed text of a number ("49", "42%", "0,030") that also knows its source:
the table, row and column it was read from, its exact value before rounding, the rounding
applied and, for a derived number, how it was derived ("116 = 93 ... + 23 ..."). It is a
`str`, so the template compares and filters it as before; the template writes it as a
pandoc span `[49]{.getal tabel=... rij=... ...}` in the resolved source. From there

- the house-style filter (factsheet.lua) makes it a focusable element with its source on
  hover and keyboard focus in HTML, and plain text in PDF and Word;
- `number_list` reads the spans back, in text order with their sentences: the audit's
  sheet of numbers and `preventie herleid` read that list, so they show exactly what the
  text prints.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

import pandas as pd

from ..errors import PipelineWarning
from ..numbers import format_number, format_percentage

NO_ROUNDING = "geen (telling)"
PERCENT_ROUNDING = "hele procenten, een half naar boven"
# Columns of factsheet/getallen.csv, the list of every number in the text.
NUMBER_COLUMNS = [
    "nr",
    "paragraaf",
    "zin",
    "getal",
    "tabel",
    "rij",
    "kolom",
    "exacte_waarde",
    "afronding",
    "herleiding",
]


@dataclass(frozen=True)
class Source:
    """Where a printed number comes from. `table` names results/<jaar>/tabellen/<table>.csv,
    or 'methode' (a setting of the method) or 'metadata' (the year's metadata.yaml)."""

    table: str
    row: str
    column: str
    exact: str
    rounding: str = NO_ROUNDING
    derivation: str = ""

    def describe(self) -> str:
        """One line for a reader: the tooltip in HTML and the source line of `herleid`."""
        where = {
            "methode": f"instelling van de methode ({self.row})",
            "metadata": f"metadata van het jaar ({self.row})",
        }.get(self.table, f"tabel {self.table}, rij {self.row}, kolom {self.column}")
        parts = [f"Bron: {where}"]
        if self.derivation:
            parts.append(self.derivation)
        if self.rounding != NO_ROUNDING:
            parts.append(f"exact {self.exact}, afgerond op {self.rounding}")
        return ". ".join(parts) + "."


class Getal(str):
    """The printed text of a number, with its `Source`."""

    source: Source
    value: Fraction | float | int | None  # the exact value, for numbers computed from this one

    def __new__(cls, text: str, source: Source) -> Getal:
        made = super().__new__(cls, text)
        made.source = source
        made.value = None
        return made

    def markup(self) -> str:
        """The pandoc span the resolved source carries: `[49]{.getal tabel="..." ...}`."""
        s = self.source
        attributes = {
            "tabel": s.table,
            "rij": s.row,
            "kolom": s.column,
            "waarde": s.exact,
            "afronding": s.rounding,
            "herleiding": s.derivation,
            "bron": s.describe(),
        }
        # generated text only; a double quote would end the attribute, so none can stay
        pairs = " ".join(f'{k}="{v.replace(chr(34), chr(39))}"' for k, v in attributes.items() if v)
        return f"[{self}]{{.getal {pairs}}}"


def markup(value: object) -> str:
    """A template value as the source text: a traced number as its span, anything else as text."""
    return value.markup() if isinstance(value, Getal) else str(value)


# --- making traced numbers ----------------------------------------------------------------------


def exact_text(value: Fraction | float | int) -> str:
    """A value before rounding in Dutch notation: whole, or with up to six decimals ('…' when cut)."""
    exact = Fraction(value) if not isinstance(value, float) else Fraction(str(value))
    if exact.denominator == 1:
        return format_number(int(exact))
    six = format_number(exact, 6).rstrip("0").rstrip(",")
    return six if exact * 10**6 == int(exact * 10**6) else six + "…"


def count(value: int, table: str, row: str, column: str = "n", derivation: str = "") -> Getal:
    """A whole number as the text prints it ('1.234'), traced to its cell."""
    made = Getal(format_number(int(value)), Source(table, row, column, exact_text(int(value)), NO_ROUNDING, derivation))
    made.value = int(value)
    return made


def percent(n: Getal, of: Getal) -> Getal:
    """The whole percentage n/of, traced to the two counts it is computed from (the tables'
    own `pct` has one decimal; the text rounds the exact fraction, never that decimal)."""
    a, b = n.source, of.source
    exact = Fraction(100 * n.value, of.value) if of.value else None
    source = Source(
        a.table,
        a.row if a.row == b.row else f"{a.row} / {b.row}",
        a.column if a.column == b.column else f"{a.column} / {b.column}",
        "–" if exact is None else f"{exact_text(exact)}%",
        PERCENT_ROUNDING,
        f"{n} van {of}",
    )
    made = Getal(format_percentage(n.value, of.value), source)
    made.value = exact
    return made


# What a table of the text shows instead of a percentage whose denominator is too small.
NO_PERCENTAGE = "–"


def share(n: Getal, of: Getal, minimum: int = 1) -> dict:
    """n, noemer and the whole percentage of one proportion, each traced. Below `minimum` (config
    policy.min_denominator) a percentage is too unreliable to print: `pct` is then '–' and
    `aandeel`, what a sentence says, the two counts ('4 van de 8') instead of the percentage."""
    reliable = bool(of.value) and of.value >= minimum
    pct = percent(n, of) if reliable else NO_PERCENTAGE
    return {
        "n": n,
        "noemer": of,
        "pct": pct,
        "betrouwbaar": reliable,
        "aandeel": pct if reliable else f"{markup(n)} van de {markup(of)}",
    }


def p_value(p: float | None, table: str, row: str, column: str = "waarde") -> Getal:
    """A p-value as the text prints it (three decimals, '< 0,001' below that), traced."""
    if p is None or pd.isna(p):
        return Getal("–", Source(table, row, column, "–", "niet berekend"))
    text = "< 0,001" if p < 0.001 else format_number(p, 3)
    return Getal(text, Source(table, row, column, exact_text(float(p)), "drie decimalen (< 0,001 daaronder)"))


def setting(value: float, text: str, name: str) -> Getal:
    """A fixed setting of the method that the text names (the confidence level, alpha)."""
    return Getal(text, Source("methode", name, "", exact_text(value), NO_ROUNDING))


def derived(value: int, terms: list[tuple[Getal, str]], operator: str, table: str, row: str) -> Getal:
    """A count computed from other counts, with how: '116 = 93 respondenten + 23 overgenomen'."""
    how = f" {operator} ".join(f"{number} {word}".strip() for number, word in terms)
    return count(value, table, row, terms[0][0].source.column, f"{format_number(int(value))} = {how}")


# --- digits that are not traced ------------------------------------------------------------------------

# Digits a text may hold besides traced numbers, each with its reason. (Cross-references such as
# "figuur 2" and citations are numbered by the house-style filter and citeproc, after this.)
ALLOWED_DIGITS = {
    "jaartal": r"\b(?:19|20)\d\d\b",
    "datum": r"\b\d{1,2} (?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november"
    r"|december)\b",
    "verwijzing": r"\b(?:[Ff]iguur|[Tt]abel|[Tt]ekstbox|[Hh]oofdstuk|[Pp]aragraaf|[Bb]ijlage) \d+(?:\.\d+)*\b",
    # the colophon names the renderer and its versions (render.renderer_sentence)
    "versie": r"\b(?:Quarto|pandoc|Typst) \d+(?:\.\d+)*",
    # ... and the pipeline's edition, or its version and commit (render.pipeline_label)
    "editie": r"\bevaluatiepijplijn, (?:editie|versie) +\S+(?: \([^()]*\))?",
}
DIGITS = re.compile(r"\d[\d.,]*")


def digit_words(text: str) -> list[str]:
    """The names with digits a text may use (reports/teksten/cijferwoorden.txt: one per line, '#'
    starts a comment): 'COVID-19' is a name, not a number from the survey."""
    lines = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return [line for line in lines if line]


def untraced(text: str, words: list[str] = ()) -> list[str]:
    """The digits of running text that are not allowed, each with some context."""
    masked = text
    for pattern in [*ALLOWED_DIGITS.values(), *(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words)]:
        masked = re.sub(pattern, lambda m: " " * len(m.group()), masked)  # same length: context from `text`
    return [text[max(0, m.start() - 40) : m.end() + 20].strip() for m in DIGITS.finditer(masked)]


def untraced_digits(document: dict, words: list[str] = ()) -> list[tuple[str, str]]:
    """(paragraph heading, context) of every digit in a resolved source (pandoc's JSON) that is
    not in a traced number, a citation or code, and not allowed (ALLOWED_DIGITS, `words`): a
    number typed into the text by hand, which the stage reports."""
    found: list[tuple[str, str]] = []
    for section, pieces, _ in paragraphs(document, cited=False):
        text = "".join(t for t, attributes in pieces if attributes is None)
        found.extend((section, context) for context in untraced(re.sub(r"\s+", " ", text), words))
    return found


def digit_warnings(document: dict, words: list[str] = ()) -> list[PipelineWarning]:
    """A warning for every digit of a resolved source without a source (`untraced_digits`)."""
    return [
        PipelineWarning(
            f"cijfer zonder bron in de tekst (paragraaf '{section}'): '{context}'. Een getal uit de enquête hoort uit "
            "een tabel te komen; een naam met een cijfer gaat in reports/teksten/cijferwoorden.txt",
            "cijfer_zonder_bron",
        )
        for section, context in untraced_digits(document, words)
    ]


# --- reading them back from the resolved source -----------------------------------------------------

SPAN = re.compile(r"\[([^\]]*)\]\{\.getal [^}]*\}")


def plain(source: str) -> str:
    """A resolved source with each traced number as its printed text only."""
    return SPAN.sub(r"\1", source)


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9(@'\"“])")


def _inlines(inlines: list, out: list, cited: bool = True) -> None:
    """Flatten pandoc inlines into (text, attributes-or-None) pieces; a getal span is one piece.
    Without `cited`, citations, cross-references and code are left out (they are no text of ours)."""
    for item in inlines:
        kind, content = item["t"], item.get("c")
        if kind == "Str":
            out.append((content, None))
        elif kind in ("Space", "SoftBreak", "LineBreak"):
            out.append((" ", None))
        elif kind == "Span":
            (_, classes, pairs), inner = content
            if "getal" in classes:
                text: list = []
                _inlines(inner, text)
                out.append(("".join(t for t, _ in text), dict(pairs)))
            else:
                _inlines(inner, out, cited)
        elif kind in ("Emph", "Strong", "Underline", "Strikeout", "SmallCaps", "Superscript", "Subscript"):
            _inlines(content, out, cited)
        elif kind == "Quoted":
            out.append(("'", None))
            _inlines(content[1], out, cited)
            out.append(("'", None))
        elif kind == "Link" or (kind == "Cite" and cited):
            _inlines(content[1], out, cited)
        elif kind in ("Code", "Math") and cited:
            out.append((content[1], None))
        elif kind == "Note":
            pass  # a footnote is read as its own paragraphs (see _blocks)


def _paragraph_numbers(pieces: list, section: str) -> list[dict]:
    """The traced numbers of one paragraph, each with the sentence it stands in."""
    text, spans = "", []
    for piece, attributes in pieces:
        if attributes is not None:
            spans.append((len(text), piece, attributes))
        text += piece
    text = re.sub(r" {2,}", " ", text)
    starts = [0] + [m.end() for m in SENTENCE_END.finditer(text)] + [len(text) + 1]
    found = []
    for offset, printed, attributes in spans:
        index = max(i for i, start in enumerate(starts[:-1]) if start <= offset)
        sentence = text[starts[index] : starts[index + 1]].strip()
        found.append(
            {
                "paragraaf": section,
                "zin": sentence,
                "getal": printed,
                "tabel": attributes.get("tabel", ""),
                "rij": attributes.get("rij", ""),
                "kolom": attributes.get("kolom", ""),
                "exacte_waarde": attributes.get("waarde", ""),
                "afronding": attributes.get("afronding", ""),
                "herleiding": attributes.get("herleiding", ""),
            }
        )
    return found


# The data under each figure: the figure's CSV as it is, no sentences and no traced numbers.
FIGURE_DATA = "figuurdata"


def _text(pieces: list) -> str:
    return "".join(t for t, _ in pieces).strip()


def paragraphs(document: dict, cited: bool = True):
    """(heading, pieces, table row) for every heading, paragraph, footnote, table caption and
    table cell of a resolved source (pandoc's JSON), in text order; `table row` ('caption [rij:
    label]') only for a cell; the data under the figures is left out. Pieces as `_inlines` makes
    them. The one walk over the document that both the list of numbers and the digit check read."""
    section = ""

    def walk(blocks: list):
        nonlocal section
        for block in blocks:
            kind, content = block["t"], block.get("c")
            if kind in ("Header", "Para", "Plain"):
                inlines = content[2] if kind == "Header" else content
                pieces: list = []
                _inlines(inlines, pieces, cited)
                if kind == "Header":
                    section = _text(pieces)
                yield section, pieces, None
                for item in inlines:
                    if item["t"] == "Note":
                        yield from walk(item["c"])
            elif kind == "Div" and FIGURE_DATA not in content[0][1]:
                yield from walk(content[1])
            elif kind in ("BulletList", "OrderedList"):
                for item in content if kind == "BulletList" else content[1]:
                    yield from walk(item)
            elif kind == "BlockQuote":
                yield from walk(content)
            elif kind == "Table":
                yield from table(content)

    def cell_pieces(blocks: list) -> list:
        pieces: list = []
        for block in blocks:
            if block["t"] in ("Para", "Plain"):
                _inlines(block["c"], pieces, cited)
        return pieces

    def table(content: list):
        # Table: attr, caption (short, blocks), colspecs, head (attr, rows), bodies, foot (attr, rows)
        caption = cell_pieces(content[1][1])
        yield section, caption, None
        bodies = [row for body in content[4] for row in body[2] + body[3]]
        for row in [*content[3][1], *bodies, *content[5][1]]:
            cells = [cell_pieces(cell[4]) for cell in row[1]]
            label = _text(cells[0]) if cells else ""
            for pieces in cells:
                yield section, pieces, f"{_text(caption)} [rij: {label}]"

    yield from walk(document["blocks"])


def number_list(document: dict) -> pd.DataFrame:
    """Every traced number of a resolved source (pandoc's JSON of it), in text order; in a table
    the 'sentence' is the table's caption and the row."""
    found: list[dict] = []
    for section, pieces, row in paragraphs(document):
        for number in _paragraph_numbers(pieces, section):
            found.append(number | ({"zin": row} if row else {}))
    table = pd.DataFrame(found, columns=NUMBER_COLUMNS[1:])
    table.insert(0, "nr", range(1, len(table) + 1))
    return table.astype({c: "string" for c in NUMBER_COLUMNS[1:]}).astype({"nr": "int64"})


def read_source(source: str) -> dict:
    """pandoc's JSON of a resolved source, read as the renderers read it (Markdown)."""
    import json

    import pypandoc

    return json.loads(pypandoc.convert_text(source, "json", format="markdown"))
