"""Factsheet: from the year's tables and texts to the resolved source (`render.py` makes the documents).

The template (reports/factsheet.qmd.j2, Jinja2) contains no numbers of its own: every count,
percentage and "toename"/"stijging" comes from `build_context`, which reads the tables the
pipeline wrote. What analysts write per year (reports/teksten/<year>/: one Markdown file per
slot, text boxes, a metadata file) and the shared bibliography fill the other parts; a slot
without a file disappears. The resolved `.qmd` is kept as an output, so a reviewer reads the
exact text, with its references inline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from . import canon, published, stats
from .classify import AFSTEMMING, CATEGORIES
from .errors import PipelineError, PipelineWarning
from .figures import FIGURES as FIGURE_REGISTRY
from .inclusion import MIN_INTERVENTIONS, MIN_PARTIES, NUMBER_WORDS
from .naming import FACTSHEET_TABLES
from .numbers import format_number
from .render import FIGURE_FOLDER
from .tables import IDENTITIES, by_share
from .traced import Getal, count, derived, markup, p_value, percent, setting, share

# Figures in order of appearance: name -> caption (the filter adds "Figuur N: "), from the registry.
FIGURES = {name: figure.caption for name, figure in FIGURE_REGISTRY.items()}
# The tables the text is built from (names of tabellen/*.csv and of their schemas).
TABLES = FACTSHEET_TABLES
MAP_SOURCE = "Bron: enquête netwerkinitiatieven; grenzen © CBS/Kadaster (PDOK)."
SIGNIFICANCE = 0.05
# The analysts' slots (reports/teksten/<year>/<slot>.md) and the text boxes (label after box:).
SLOTS = ("publiekssamenvatting", "inleiding", "ervaringen", "preventiecoalities", "perspectief")
BOXES = {"tekstbox_1": "uitgelicht", "tekstbox_2": "praktijk"}
TEXT_SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "teksten.schema.yaml"
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
# Why excluded responders fell out, as the end of "... vielen af omdat ze ...".
EXCLUSION_PHRASES = {
    "E1": "zich niet op preventie richtten",
    "E2": "landelijk werkten",
    "E3": f"minder dan {NUMBER_WORDS[MIN_PARTIES]} samenwerkende partijen hadden",
    "E4": f"minder dan {NUMBER_WORDS[MIN_INTERVENTIONS]} preventieve interventies aanboden",
}
# The criteria of a network initiative as the methods list them.
CRITERIA_TEXT = (
    "gericht op in elk geval preventie",
    "actief binnen een wijk, gemeente, regio of provincie (dus niet landelijk)",
    f"met minstens {NUMBER_WORDS[MIN_PARTIES]} partijen die samenwerken",
    f"met meerdere (minstens {NUMBER_WORDS[MIN_INTERVENTIONS]}) preventieve interventies: activiteiten die de "
    "gezondheid van mensen beschermen of bevorderen, of de voorwaarden daarvoor scheppen",
)
# How each source of the inventory is named where the metadata does not describe it.
SOURCE_LABELS = {
    "vorige_inventarisatie": "de inventarisatie van vorig jaar",
    "zonmw_jzojp": "ZonMw",
    "sleutelfiguur": "sleutelfiguren",
    "overig": "overige bronnen",
    "totaal": "totaal",
}
SOURCE_ROW_LABELS = {
    "vorige_inventarisatie": "Eerdere inventarisatie",
    "zonmw_jzojp": "ZonMw (JZOJP-vouchers)",
    "sleutelfiguur": "Sleutelfiguren",
    "overig": "Overige bronnen",
    "totaal": "Totaal",
}
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


# --- small formatting helpers used by the context ----------------------------------------------


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


# --- reading the tables --------------------------------------------------------------------------


def _rows(table: pd.DataFrame) -> dict[str, pd.Series]:
    key = table.columns[0]
    return {str(row[key]): row for _, row in table.iterrows()}


def item_rows(table: pd.DataFrame, labels: dict[str, str], name: str, minimum: int = 1) -> dict[str, dict]:
    """Per kenmerk: label, n, noemer and the whole percent (none below `minimum`, see traced.share),
    whether the year asked it (the table's `gevraagd`) and whether anyone answered it."""
    out = {}
    for code, row in _rows(table).items():
        out[code] = {
            "code": code,
            "label": labels.get(code, code),
            "in_zin": in_sentence(labels.get(code, code)),
            **share(count(row["n"], name, code, "n"), count(row["noemer"], name, code, "noemer"), minimum),
            "gevraagd": bool(row["gevraagd"]),
            "beantwoord": int(row["noemer"]) > 0,
        }
    return out


def ranked(rows: dict[str, dict], table: pd.DataFrame, skip=()) -> list[dict]:
    """Rows by descending share (see tables.by_share), without unasked and skipped codes."""
    return [rows[code] for code in by_share(table) if code not in skip]


def tied_groups(rows: list[dict], at_least: int | None = None) -> list[list[dict]]:
    """Ranked rows grouped by equal whole percentages (a row without a percentage stands alone);
    with `at_least`, the first groups that hold that many rows, so a tie at the cut is never split."""
    groups: list[list[dict]] = []
    for row in rows:
        previous = groups[-1][0] if groups else None
        if previous and previous["betrouwbaar"] and row["betrouwbaar"] and previous["pct"] == row["pct"]:
            groups[-1].append(row)
        else:
            if at_least is not None and sum(map(len, groups)) >= at_least:
                break
            groups.append([row])
    return groups


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


@dataclass
class Texts:
    """What the analysts wrote for a year (reports/teksten/<year>/) and the shared sources."""

    slots: dict[str, str] = field(default_factory=dict)  # slot -> Markdown
    boxes: dict[str, dict[str, str]] = field(default_factory=dict)  # box label -> {"titel", "tekst"}
    metadata: dict = field(default_factory=dict)
    references: list[dict] = field(default_factory=list)  # CSL items of reports/teksten/bronnen.bib


@dataclass
class Inputs:
    """Everything the factsheet text is built from."""

    year: int
    tables: dict[str, pd.DataFrame]
    figures: dict[str, dict[str, object]]  # name -> {"alt": str, "data": DataFrame (the reader's view)}
    texts: Texts
    renderer: str  # the colophon line naming the renderer (render.renderer_sentence)
    build_date: str  # YYYY-MM-DD from SOURCE_DATE_EPOCH: the PDF's date, so two runs match
    min_denominator: int = 10  # below it no percentage (config policy.min_denominator)


# --- the analysts' texts -----------------------------------------------------------------------------

FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
BOX_TITLE = re.compile(r"^# +(.+?)\s*$", flags=re.M)


def own_footnotes(text: str, slot: str) -> str:
    """Footnote labels made unique per file ([^1] -> [^inleiding-1]): every file may use [^1]."""
    return FOOTNOTE.sub(lambda m: f"[^{slot}-{m.group(1)}]", text)


def parse_texts(files: dict[str, str], metadata: dict | None, references: list[dict], folder: str) -> Texts:
    """The year's texts from its files (name without .md -> content), validated: a file that
    fills no slot, or a text box without a title, is an error naming the file."""
    known = (*SLOTS, *BOXES)
    texts = Texts(metadata=metadata or {}, references=references)
    for name, content in sorted(files.items()):
        source = f"{folder}/{name}.md"
        if name not in known:
            from .codebook import closest

            near = closest(name, known, n=1)
            raise PipelineError(
                "dit bestand vult geen plek in de factsheet",
                file=source,
                hint=(
                    f"Bedoelt u {near[0]}.md?" if near else f"Bekende bestanden: {', '.join(f'{k}.md' for k in known)}"
                ),
            )
        text = own_footnotes(content.strip(), name)
        if name in BOXES:
            title = BOX_TITLE.search(text)
            if title is None:
                raise PipelineError("een tekstbox begint met een titel: '# Titel'", file=source)
            body = re.sub(r"\n{3,}", "\n\n", text[: title.start()] + text[title.end() :]).strip()
            texts.boxes[BOXES[name]] = {"titel": title.group(1).replace('"', "'"), "tekst": body}
        elif text:
            texts.slots[name] = text
    return texts


# A reference date may lie in the factsheet's year or in the first months after it (the
# inventory of a year can close early the next year); anything else is last year's date.
PEILDATUM_MONTHS_AFTER = 6


def check_metadata(raw: dict, source: str, year: int | None = None) -> dict:
    """The year's metadata.yaml against its schema; a problem names the file and the key. With
    `year`, the metadata must name that year (`jaar`; a folder copied from last year keeps last
    year's) and its reference date must lie in it, or in the first months after it."""
    import jsonschema

    from .io import read_yaml

    doc = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in raw.items()}
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(read_yaml(TEXT_SCHEMA)).iter_errors(doc))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(bovenste niveau)"
        raise PipelineError(f"ongeldig bij '{where}': {error.message}", file=source)
    if year is None:
        return raw
    if doc["jaar"] != year:
        raise PipelineError(
            f"'jaar' is {doc['jaar']}, maar dit zijn de teksten van de factsheet over {year}",
            file=source,
            hint=f"Een map die van {doc['jaar']} is gekopieerd: werk elke tekst bij voor {year} en zet dan "
            f"'jaar: {year}'",
        )
    later = sorted(y for y in doc.get("jaartallen", []) if y >= year)
    if later:
        raise PipelineError(
            f"'jaartallen' noemt {', '.join(map(str, later))}: alleen jaren vóór {year} kunnen hier staan",
            file=source,
            hint="Een jaartal na het jaar van de factsheet (een vooruitblik) geeft elk jaar een waarschuwing, zodat "
            "iemand het nakijkt; haal het uit de lijst",
        )
    peildatum = doc.get("peildatum")
    if peildatum:
        day = date.fromisoformat(peildatum)
        last = date(year + 1, PEILDATUM_MONTHS_AFTER, 30)
        if not date(year, 1, 1) <= day <= last:
            raise PipelineError(
                f"'peildatum' {peildatum} ligt niet in {year} (of de eerste maanden erna, tot en met "
                f"{last.isoformat()})",
                file=source,
                hint="Vul de peildatum van de inventarisatie van dit jaar in",
            )
    return raw


# A year written in the analysts' text (not part of a word, a number or a path).
LITERAL_YEAR = re.compile(r"(?<![\w/.,])(?:19|20)\d\d(?![\w/])")


def foreign_years(texts: Texts, year: int, trend_years, folder: str) -> list[str]:
    """A warning for every year the analysts' texts (and the metadata's phrases) name that is not
    the factsheet's year, a year of its trend or one of the metadata's `jaartallen` (years before
    the factsheet's that were checked), with its file and paragraph: text copied from an earlier
    factsheet shows itself this way. A year after the factsheet's (an outlook) is always named."""
    allowed = {year, *trend_years, *(y for y in texts.metadata.get("jaartallen", []) if y < year)}
    files = {f"{slot}.md": text for slot, text in texts.slots.items()}
    names = {label: name for name, label in BOXES.items()}
    files.update({f"{names[label]}.md": f"# {box['titel']}\n\n{box['tekst']}" for label, box in texts.boxes.items()})
    meta = texts.metadata
    phrases = [*meta.get("inventarisatie", {}).values(), *meta.get("interviews", {}).get("met", [])]
    if phrases:  # the metadata's phrases are printed in the methods too
        files["metadata.yaml"] = "\n\n".join(phrases)
    found = []
    for name, text in sorted(files.items()):
        for paragraph in re.split(r"\n\s*\n", text):
            words = " ".join(paragraph.split())
            words = words[:80] + ("…" if len(words) > 80 else "")
            for named in sorted({int(m.group()) for m in LITERAL_YEAR.finditer(paragraph)} - allowed):
                why = (
                    f"ligt na {year}: klopt deze vooruitblik voor dit jaar?"
                    if named > year
                    else f"is niet het jaar van de factsheet en geen jaar van de trend. Tekst van een eerder jaar? "
                    f"Werk hem bij, of zet {named} onder 'jaartallen' in metadata.yaml als het klopt"
                )
                found.append(
                    PipelineWarning(f"{folder}/{name}: jaartal {named} {why} (alinea '{words}')", "jaartal_in_tekst")
                )
    return found


def cited(texts: Texts) -> list[str]:
    """The keys of the sources the texts cite, in order of first citation."""
    keys = [item["id"] for item in texts.references]
    order = []
    for text in [*texts.slots.values(), *(b["tekst"] for b in texts.boxes.values())]:
        for key in re.findall(r"@([\w:-]+)", text):
            if key in keys and key not in order:
                order.append(key)
    return order


def metadata_context(texts: Texts, sources: pd.DataFrame) -> dict:
    """Reference date, the inventory's sources that gave initiatives this year (described as the
    metadata says), the interviews, and whether the texts are example text."""
    meta = texts.metadata
    described = meta.get("inventarisatie", {})
    present = [r for _, r in sources.iterrows() if r["bron"] != "totaal" and int(r["geidentificeerd"]) > 0]
    interviews = meta.get("interviews")
    peildatum = meta.get("peildatum")
    if isinstance(peildatum, str):
        peildatum = date.fromisoformat(peildatum)
    return {
        "voorbeeldtekst": bool(meta.get("voorbeeldtekst")),
        "peildatum": month_year(peildatum) if peildatum else None,
        "bronnen": [
            {
                "code": r["bron"],
                "beschrijving": described.get(r["bron"], SOURCE_LABELS.get(r["bron"], r["bron"])),
                "n": count(r["geidentificeerd"], "non_respons", r["bron"], "geidentificeerd"),
            }
            for r in present
        ],
        "interviews": (
            {
                "aantal": count(interviews["aantal"], "metadata", "interviews.aantal", ""),
                "met": enumerate_nl(list(interviews.get("met", []))),
            }
            if interviews
            else None
        ),
    }


# --- the numbers ---------------------------------------------------------------------------------


# How a step of the flow is named when it is one term of another ("116 = 93 respondenten + ...").
FLOW_TERMS = {
    "respons": "respondenten",
    "non_respons": "zonder respons",
    "respons_geincludeerd": "respondenten die aan de criteria voldoen",
    "respons_geexcludeerd": "respondenten die afvielen",
    "excl_E1": "niet gericht op preventie",
    "excl_E2": "landelijk",
    "excl_E3": "te weinig partijen",
    "excl_E4": "te weinig interventies",
    "overgenomen": "met overgenomen antwoorden",
    "inzendingen_ongekoppeld": "niet te koppelen",
    "inzendingen_negeer": "genegeerd",
    "inzendingen_dubbel": "dubbel",
    "inzendingen_onbruikbaar": "onbruikbaar",
}


def flow_context(flow: dict[str, int]) -> dict:
    """Each step of the flow as a traced count; a step that is the sum of others (tables.IDENTITIES)
    says so, with the other steps' counts."""
    steps = {k: count(v, "stroom", k) for k, v in flow.items()}
    for total, terms in IDENTITIES:
        if all(t in FLOW_TERMS for t in terms) and total in steps and not steps[total].source.derivation:
            parts = [(steps[t], FLOW_TERMS[t]) for t in terms if flow[t] or t == terms[0]]
            steps[total] = derived(flow[total], parts, "+", "stroom", total)
    steps["pct_respons"] = percent(steps["respons"], steps["geidentificeerd"])
    steps["preventiecoalities_bestaand"] = derived(
        flow["preventiecoalities"] - flow["preventiecoalities_nieuw"],
        [(steps["preventiecoalities"], "preventiecoalities"), (steps["preventiecoalities_nieuw"], "nieuw dit jaar")],
        "−",
        "stroom",
        "preventiecoalities − preventiecoalities_nieuw",
    )
    return steps


def collaboration_context(table: pd.DataFrame, minimum: int = 1) -> dict:
    rows = _rows(table)
    total = count(int(table["n"].sum()), "samenwerking", "alle rijen (som)")
    cats = {
        code: {"label": CATEGORIES[code], **share(count(rows[code]["n"], "samenwerking", code), total, minimum)}
        for code in CATEGORIES
    }
    agreed = derived(
        sum(int(rows[c]["n"]) for c in AFSTEMMING),
        [(cats[c]["n"], in_sentence(CATEGORIES[c])) for c in AFSTEMMING],
        "+",
        "samenwerking",
        " + ".join(AFSTEMMING),
    )
    known = derived(
        total.value - int(rows["onbekend"]["n"]),
        [(total, "initiatieven"), (cats["onbekend"]["n"], "onbekend")],
        "−",
        "samenwerking",
        "alle rijen (som) − onbekend",
    )
    return {
        "categorie": cats,
        "lijst": [cats[c] | {"code": c} for c in CATEGORIES],
        "afstemming": share(agreed, total, minimum),
        "bekend": known,
        "totaal": total,
    }


def share_change(row: pd.Series) -> dict:
    """How the text names a change in a share: a rise or fall only when the test says it is
    significant at 5%; otherwise it stayed about the same (both figures are given)."""
    rose = row["pct_nu"] > row["pct_vorig"]
    if bool(row["significant"]):
        words = {"is": "gestegen" if rose else "gedaald", "naam": "een stijging" if rose else "een daling"}
    else:
        words = {"is": "ongeveer gelijk gebleven", "naam": "geen duidelijke verandering"}
    return {
        **words,
        "significant": bool(row["significant"]),
        "toets": row["toets"],
        "p": p_value(row["p_waarde"], "verandering", row["kenmerk"], "p_waarde"),
        "vorig": percent(*(count(row[c], "verandering", row["kenmerk"], c) for c in ("n_vorig", "noemer_vorig"))),
        "nu": percent(*(count(row[c], "verandering", row["kenmerk"], c) for c in ("n_nu", "noemer_nu"))),
    }


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


def trend_context(trend: pd.DataFrame, change: pd.DataFrame, year: int) -> dict:
    rows = {int(r["jaar"]): r for _, r in trend.iterrows()}
    first_year = min(rows)
    previous = rows.get(year - 1)
    now = rows[year]

    def analysed(y: int) -> Getal:
        return count(rows[y]["geanalyseerd"], "trend", str(y), "geanalyseerd")

    context = {
        "eerste_jaar": first_year,
        "verloop": course_sentence(
            [(y, analysed(y)) for y in sorted(rows)],
            "Het aantal geanalyseerde netwerkinitiatieven",
            ("initiatief", "initiatieven"),
        ),
        "vorig": None,
        "aandelen": {str(r["kenmerk"]): share_change(r) for _, r in change.iterrows()},
    }
    if previous is not None:
        context["vorig"] = {
            "geanalyseerd": analysed(year - 1),
            "verandering": change_word(previous["geanalyseerd"], now["geanalyseerd"]),
        }
    return context


def revision_context(table: pd.DataFrame) -> list[dict]:
    """Per year with a declared revision (config historical.<jaar>.revision): which published figures
    changed, from what to what, and why (tabellen/gepubliceerd_toets.csv)."""
    revised = published.revisions(table)
    out = []
    for year, rows in revised.groupby("jaar", sort=True):
        figures = []
        for row in rows.itertuples():
            figure = f"{year}: {row.grootheid}"
            was = count(row.gepubliceerd, "gepubliceerd_toets", figure, "gepubliceerd")
            now = count(row.berekend, "gepubliceerd_toets", figure, "berekend")
            figures.append(f"{published.label(row.grootheid)} {markup(was)} werd {markup(now)}")
        out.append({"jaar": int(year), "cijfers": enumerate_nl(figures), "toelichting": rows["toelichting"].iloc[0]})
    return out


def transitions_context(test: pd.DataFrame) -> dict | None:
    values = dict(zip(test["grootheid"], test["waarde"]))
    if not values.get("zelf_in_beide_jaren"):
        return None
    p = values.get("mcnemar_p_waarde")

    def value(name: str) -> Getal:
        return count(values[name], "overgangen_toets", name, "waarde")

    return {
        "in_beide_jaren": value("in_beide_jaren"),
        "overgenomen": value("overgenomen_niet_meegeteld"),
        "zelf": value("zelf_in_beide_jaren"),
        "formeler": value("formeler"),
        "gelijk": value("gelijk"),
        "minder_formeel": value("minder_formeel"),
        "naar_formeel": value("mcnemar_niet_naar_formeel"),
        "van_formeel": value("mcnemar_formeel_naar_niet"),
        "p": p_value(p, "overgangen_toets", "mcnemar_p_waarde"),
        "getoetst": p is not None and pd.notna(p),
        "significant": p is not None and pd.notna(p) and p < SIGNIFICANCE,
    }


def non_response_context(table: pd.DataFrame, test: pd.DataFrame, minimum: int = 1) -> dict:
    rows = [
        {
            "label": SOURCE_ROW_LABELS.get(r["bron"], r["bron"]),
            "totaal": r["bron"] == "totaal",
            **share(
                count(r["respons"], "non_respons", r["bron"], "respons"),
                count(r["geidentificeerd"], "non_respons", r["bron"], "geidentificeerd"),
                minimum,
            ),
        }
        for _, r in table.iterrows()
        if int(r["geidentificeerd"]) > 0
    ]
    values = dict(zip(test["grootheid"], test["waarde"]))
    p = values.get("chi2_p_waarde")
    tested = p is not None and pd.notna(p)
    return {
        "rijen": rows,
        "p": p_value(p, "non_respons_toets", "chi2_p_waarde"),
        "getoetst": tested,
        "significant": tested and p < SIGNIFICANCE,
        # a chi-square test with expected counts below 5 is only an approximation: say so
        "benadering": tested and values.get("chi2_min_verwacht", 5) < 5,
    }


def figure_context(inputs: Inputs) -> dict:
    out = {}
    for name, caption in FIGURES.items():
        figure = inputs.figures[name]
        source = f" {MAP_SOURCE}" if name.startswith("kaart") else ""
        out[name] = {
            "label": "fig:" + name.replace("_", "-"),
            "pad": f"../{FIGURE_FOLDER}/{name}",
            "bijschrift": f"{caption} ({inputs.year}).{source}",
            "alt": str(figure["alt"]).strip().replace('"', "'"),
            "tabel": data_table_markdown(figure["data"]),
        }
    return out


# Characters that Markdown could read as markup inside a table cell.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#$@^~])")


def markdown_cell(value) -> str:
    """One table cell as literal Markdown text; numbers in Dutch notation (decimal comma)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, float):
        text = format_number(value, 0 if value.is_integer() else 1)
    else:
        text = format_number(value) if isinstance(value, int) and not isinstance(value, bool) else str(value)
    return MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def data_table_markdown(data: pd.DataFrame) -> str:
    """The data behind a figure as a Markdown pipe table, numbers right-aligned. The filter
    gives it its caption; the house style sets its column widths (factsheet.lua)."""
    header = [markdown_cell(c) for c in data.columns]
    numeric = [pd.api.types.is_numeric_dtype(data[c]) and not pd.api.types.is_bool_dtype(data[c]) for c in data.columns]
    rows = [[markdown_cell(v) for v in row] for row in data.astype(object).itertuples(index=False)]
    separator = ["---:" if number else ":---" for number in numeric]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in (header, separator, *rows))


def build_context(inputs: Inputs) -> dict:
    """All template variables, each formatted for Dutch text, from the year's tables and texts."""
    t = inputs.tables
    flow = dict(zip(t["stroom"]["stap"], t["stroom"]["n"].astype(int)))
    steps = flow_context(flow)
    labels = {name: dict(canon.MULTIS[name].options) for name in canon.MULTIS}
    labels["afspraken"] = dict(canon.SINGLES["afspraken"].values)
    labels["vws_interventies"]["een_of_meer"] = "Minstens één van deze interventies"
    labels["gli_programmas"]["erkend"] = "Een erkend GLI-programma"
    minimum = inputs.min_denominator
    items = {
        name: item_rows(t[name], labels[name], name, minimum)
        for name in ("partijen", "vws_interventies", "gli_programmas", "afspraken", "financiering", "doelgroepen")
    }
    texts = inputs.texts
    return {
        "jaar": inputs.year,
        "vorig_jaar": inputs.year - 1,
        # without last year's data every non-responder is 'geen_vorig_jaar'
        "vorig_jaar_gegevens": flow["niet_overgenomen_geen_vorig_jaar"] < flow["non_respons"]
        or flow["non_respons"] == 0,
        "stroom": steps,
        "samenwerking": collaboration_context(t["samenwerking"], minimum),
        "items": items,
        "partijen_overig": tied_groups(
            ranked(items["partijen"], t["partijen"], skip=("gemeente", "zorgverzekeraar", "overig")), at_least=3
        ),
        "interventies": tied_groups(ranked(items["vws_interventies"], t["vws_interventies"], skip=("een_of_meer",))),
        "gli_erkend": tied_groups(ranked(items["gli_programmas"], t["gli_programmas"], skip=("erkend", "anders"))),
        "gevraagd": {name: any(r["gevraagd"] for r in rows.values()) for name, rows in items.items()},
        "gli_niet_gevraagd": [r["label"] for r in items["gli_programmas"].values() if not r["gevraagd"]],
        "min_noemer": setting(minimum, format_number(minimum), "minimale noemer voor een percentage"),
        "financiering": tied_groups(ranked(items["financiering"], t["financiering"], skip=("overig",)), at_least=3),
        "doelgroepen": tied_groups(ranked(items["doelgroepen"], t["doelgroepen"]), at_least=5),
        "doelgroepen_tabel": ranked(items["doelgroepen"], t["doelgroepen"]),
        "interventies_tabel": ranked(items["vws_interventies"], t["vws_interventies"], skip=("een_of_meer",)),
        "trend": trend_context(t["trend"], t["verandering"], inputs.year),
        "overgangen": transitions_context(t["overgangen_toets"]),
        "non_respons": non_response_context(t["non_respons"], t["non_respons_toets"], minimum),
        "herzieningen": revision_context(t["gepubliceerd_toets"]),
        "criteria": CRITERIA_TEXT,
        "min_partijen": NUMBER_WORDS[MIN_PARTIES],
        "uitsluiting": [{"reden": EXCLUSION_PHRASES[c], "n": steps[f"excl_{c}"]} for c in EXCLUSION_PHRASES],
        "betrouwbaarheid": setting(
            stats.CONFIDENCE * 100, format_number(stats.CONFIDENCE * 100), "betrouwbaarheid van de intervallen"
        ),
        "significantie": setting(SIGNIFICANCE, format_number(SIGNIFICANCE, 2), "significantieniveau van de toetsen"),
        "figuren": figure_context(inputs),
        "tekst": {slot: texts.slots.get(slot) for slot in SLOTS},
        "tekstbox": {label: texts.boxes.get(label) for label in BOXES.values()},
        "meta": metadata_context(texts, t["non_respons"]),
        "literatuur": bool(cited(texts)),
        "referenties": texts.references,
        "opgemaakt_met": inputs.renderer,
        "bouwdatum": inputs.build_date,
    }


# --- template -> resolved source ------------------------------------------------------------------


def render_source(template_dir: Path, template_name: str, context: dict) -> str:
    """Fill the Jinja2 template; an unknown variable is an error, never an empty string."""
    import jinja2
    import yaml

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
        # a traced number is written as its span, wherever the template prints it
        finalize=markup,
        # '{#' starts a Markdown attribute ({#fig:kaart}), so Jinja comments are {## ... ##}
        comment_start_string="{##",
        comment_end_string="##}",
    )
    env.filters.update(tel=tel, aantal=aantal, vorm=vorm, opsomming=ranked_phrase, hoofdletter=capitalised)
    env.filters["yaml"] = lambda value: yaml.safe_dump(
        value, allow_unicode=True, sort_keys=True, default_flow_style=False, width=1000
    ).rstrip()
    return env.get_template(template_name).render(**context)
