"""Factsheet: from the year's tables to the resolved source (`render.py` makes the documents).

The template (reports/factsheet.qmd.j2, Jinja2) contains no numbers of its own: every count,
percentage and "toename"/"afname" comes from `build_context`, which reads the tables the
pipeline wrote. The resolved `.qmd` is kept as an output, so a reviewer reads the exact text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import canon, stats
from .classify import AFSTEMMING, CATEGORIES
from .inclusion import CRITERIA, MIN_INTERVENTIONS, MIN_PARTIES, NUMBER_WORDS
from .naming import FIGURE_NAMES
from .numbers import format_number, format_percentage
from .render import FIGURE_FOLDER
from .tables import by_share

# Figures in order of appearance: name -> caption (without the number).
FIGURES = {
    "stroom": "Van inventarisatie tot geanalyseerde netwerkinitiatieven",
    "kaart_initiatieven": "Spreiding van de geanalyseerde netwerkinitiatieven over Nederland, naar preventiecoalitie",
    "kaart_samenwerking": "Mate van samenwerking tussen gemeente en zorgverzekeraar per netwerkinitiatief",
    "partijen": "Betrokken partijen bij de netwerkinitiatieven",
    "trend": "Aantal geanalyseerde netwerkinitiatieven en aandeel met afstemming per jaar",
}
# The tables the text is built from (names of tabellen/*.csv and of their schemas).
TABLES = ("stroom", "samenwerking", "partijen", "vws_interventies", "gli_programmas", "afspraken",
          "financiering", "doelgroepen", "trend", "non_respons", "non_respons_toets", "overgangen_toets")
assert set(FIGURES) == set(FIGURE_NAMES), "every figure has a caption"
MAP_SOURCE = "Bron: enquête netwerkinitiatieven; grenzen © CBS/Kadaster (PDOK)."
SIGNIFICANCE = 0.05
# Why excluded responders fell out, as the end of "... vielen af omdat ze ...".
EXCLUSION_PHRASES = {
    "E1": "zich niet op preventie richtten",
    "E2": "landelijk werkten",
    "E3": f"minder dan {NUMBER_WORDS[MIN_PARTIES]} samenwerkende partijen hadden",
    "E4": f"minder dan {NUMBER_WORDS[MIN_INTERVENTIONS]} preventieve interventies aanboden",
}
# Labels that keep their capital inside a sentence (names, not common nouns).
PROPER_LABELS = {"Welzijn op Recept", "Beweegkuur", "CooL", "SLIMMER", "Wmo", "Zvw", "Wpg", "GGD",
                 "Samen Sportief in Beweging"}


# --- small formatting helpers used by the context ----------------------------------------------


def getal(value) -> str:
    """A whole number in Dutch notation, or '–' when unknown."""
    return "–" if value is None or pd.isna(value) else format_number(int(value))


def change_word(before: float, after: float) -> str:
    """'een toename', 'een afname' or 'geen verandering' between two values."""
    if after > before:
        return "een toename"
    if after < before:
        return "een afname"
    return "geen verandering"


# Shorter forms where a table label reads badly inside a sentence.
SENTENCE_FORMS = {"Gecombineerde leefstijlinterventie (GLI)": "de GLI"}


def in_sentence(label: str) -> str:
    """A table label inside a sentence: first letter lower case, unless a name or acronym."""
    if label in SENTENCE_FORMS:
        return SENTENCE_FORMS[label]
    if label in PROPER_LABELS:
        return label
    for i, char in enumerate(label):
        if char.isalpha():
            acronym = i + 1 < len(label) and label[i + 1].isupper()
            return label if acronym else label[:i] + char.lower() + label[i + 1:]
    return label


def share(n: int, denominator: int) -> dict:
    """n, noemer and the whole-percent text for one proportion."""
    return {"n": getal(n), "noemer": getal(denominator), "pct": format_percentage(n, denominator)}


def p_text(p: float | None) -> str:
    """A p-value as Dutch text; below 0.001 as '< 0,001'."""
    if p is None or pd.isna(p):
        return "–"
    return "< 0,001" if p < 0.001 else format_number(p, 3)


# --- reading the tables --------------------------------------------------------------------------


def _rows(table: pd.DataFrame) -> dict[str, pd.Series]:
    key = table.columns[0]
    return {str(row[key]): row for _, row in table.iterrows()}


def item_rows(table: pd.DataFrame, labels: dict[str, str]) -> dict[str, dict]:
    """Per kenmerk: label, n, noemer, whole percent and the Wilson interval as text."""
    out = {}
    for code, row in _rows(table).items():
        asked = int(row["noemer"]) > 0
        out[code] = {
            "code": code,
            "label": labels.get(code, code),
            "in_zin": in_sentence(labels.get(code, code)),
            **share(int(row["n"]), int(row["noemer"])),
            "gevraagd": asked,
            "ci": (f"{format_number(row['ci_laag'], 1)}–{format_number(row['ci_hoog'], 1)}%" if asked else "–"),
        }
    return out


def ranked(rows: dict[str, dict], table: pd.DataFrame, skip=()) -> list[dict]:
    """Rows by descending share (see tables.by_share), without unasked and skipped codes."""
    return [rows[code] for code in by_share(table) if code not in skip]


@dataclass
class Inputs:
    """Everything the factsheet text is built from."""

    year: int
    tables: dict[str, pd.DataFrame]
    figures: dict[str, dict[str, object]]  # name -> {"alt": str, "data": DataFrame}
    texts: list[str]
    renderer: str  # the colophon line naming the renderer (render.renderer_sentence)
    build_date: str  # YYYY-MM-DD from SOURCE_DATE_EPOCH: the PDF's date, so two runs match


def flow_context(flow: dict[str, int]) -> dict:
    formatted = {k: getal(v) for k, v in flow.items()}
    formatted["pct_respons"] = format_percentage(flow["respons"], flow["geidentificeerd"])
    return formatted


def collaboration_context(table: pd.DataFrame) -> dict:
    rows = _rows(table)
    total = int(table["n"].sum())
    cats = {code: {"label": CATEGORIES[code], **share(int(rows[code]["n"]), total)} for code in CATEGORIES}
    agreed = sum(int(rows[c]["n"]) for c in AFSTEMMING)
    return {
        "categorie": cats,
        "lijst": [cats[c] | {"code": c} for c in CATEGORIES],
        "afstemming": share(agreed, total),
        "bekend": getal(total - int(rows["onbekend"]["n"])),
        "totaal": getal(total),
    }


def trend_context(trend: pd.DataFrame, year: int) -> dict:
    rows = {int(r["jaar"]): r for _, r in trend.iterrows()}
    first_year = min(rows)
    previous = rows.get(year - 1)
    now = rows[year]
    context = {
        "eerste_jaar": first_year,
        "eerste": getal(rows[first_year]["geanalyseerd"]),
        "jaren": [{"jaar": y, "geanalyseerd": getal(r["geanalyseerd"]),
                   "afstemming": getal(r["afstemming"]),
                   "pct_afstemming": (format_percentage(int(r["afstemming"]), int(r["geanalyseerd"]))
                                      if pd.notna(r["afstemming"]) else "–"),
                   "bron": r["bron"]} for y, r in sorted(rows.items())],
        "over_jaren": change_word(rows[first_year]["geanalyseerd"], now["geanalyseerd"]),
        "vorig": None,
    }
    if previous is not None:
        vorig = {
            "geanalyseerd": getal(previous["geanalyseerd"]),
            "verandering": change_word(previous["geanalyseerd"], now["geanalyseerd"]),
            "verschil": getal(abs(int(now["geanalyseerd"]) - int(previous["geanalyseerd"]))),
            "afstemming_bekend": pd.notna(previous["afstemming"]),
        }
        if vorig["afstemming_bekend"]:
            before = previous["afstemming"] / previous["geanalyseerd"]
            after = now["afstemming"] / now["geanalyseerd"]
            vorig |= {
                "pct_afstemming": format_percentage(int(previous["afstemming"]), int(previous["geanalyseerd"])),
                "afstemming_verandering": change_word(before, after),
                "pct_formeel": format_percentage(int(previous["formeel"]), int(previous["geanalyseerd"])),
            }
        context["vorig"] = vorig
    return context


def transitions_context(test: pd.DataFrame) -> dict | None:
    values = dict(zip(test["grootheid"], test["waarde"]))
    if not values.get("in_beide_jaren"):
        return None
    p = values.get("mcnemar_p_waarde")
    return {
        "in_beide_jaren": getal(values["in_beide_jaren"]),
        "overgenomen": getal(values["waarvan_overgenomen"]),
        "formeler": getal(values["formeler"]),
        "gelijk": getal(values["gelijk"]),
        "minder_formeel": getal(values["minder_formeel"]),
        "naar_formeel": getal(values["mcnemar_niet_naar_formeel"]),
        "van_formeel": getal(values["mcnemar_formeel_naar_niet"]),
        "p": p_text(p),
        "significant": p is not None and pd.notna(p) and p < SIGNIFICANCE,
    }


def non_response_context(table: pd.DataFrame, test: pd.DataFrame) -> dict:
    labels = {"vorige_inventarisatie": "eerdere inventarisatie", "zonmw_jzojp": "ZonMw (JZOJP-vouchers)",
              "sleutelfiguur": "sleutelfiguren", "overig": "overige bronnen", "totaal": "totaal"}
    rows = [{"label": labels.get(r["bron"], r["bron"]), **share(int(r["respons"]), int(r["geidentificeerd"]))}
            for _, r in table.iterrows() if int(r["geidentificeerd"]) > 0]
    values = dict(zip(test["grootheid"], test["waarde"]))
    p = values.get("chi2_p_waarde")
    return {
        "rijen": rows,
        "p": p_text(p),
        "getoetst": p is not None and pd.notna(p),
        "significant": p is not None and pd.notna(p) and p < SIGNIFICANCE,
    }


def figure_context(inputs: Inputs) -> dict:
    out = {}
    for number, (name, caption) in enumerate(FIGURES.items(), start=1):
        figure = inputs.figures[name]
        source = f" {MAP_SOURCE}" if name.startswith("kaart") else ""
        out[name] = {
            "nummer": number,
            "pad": f"../{FIGURE_FOLDER}/{name}",
            "bijschrift": f"Figuur {number}: {caption} ({inputs.year}).{source}",
            "alt": str(figure["alt"]).strip().replace('"', "'"),
            "gegevens": f"Gegevens bij figuur {number}",
            "tabel": data_table_markdown(figure["data"], f"Gegevens bij figuur {number}: {caption} ({inputs.year})."),
        }
    return out


# Characters that Markdown could read as markup inside a table cell.
MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|#$@^~])")


def markdown_cell(value) -> str:
    """One table cell as literal Markdown text."""
    text = "" if value is None or pd.isna(value) else str(value)
    return MARKDOWN_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


def data_table_markdown(data: pd.DataFrame, caption: str) -> str:
    """The data behind a figure as a Markdown pipe table with its caption; numbers right-aligned.
    (Column widths are the house style's: reports/_extensions/rivm/factsheet.lua.)"""
    header = [markdown_cell(c) for c in data.columns]
    rows = [[markdown_cell(v) for v in row] for row in data.itertuples(index=False)]

    def numeric(i: int) -> bool:
        cells = [r[i] for r in rows if r[i]]
        return bool(cells) and all(re.fullmatch(r"-?[\d.,]+%?", c) for c in cells)

    separator = ["---:" if numeric(i) else ":---" for i in range(len(header))]
    lines = ["| " + " | ".join(cells) + " |" for cells in (header, separator, *rows)]
    return "\n".join(lines) + f"\n\n: {markdown_cell(caption)}"


def build_context(inputs: Inputs) -> dict:
    """All template variables, each formatted for Dutch text, from the year's tables."""
    t = inputs.tables
    flow = dict(zip(t["stroom"]["stap"], t["stroom"]["n"].astype(int)))
    labels = {name: dict(canon.MULTIS[name].options) for name in canon.MULTIS}
    labels["afspraken"] = dict(canon.SINGLES["afspraken"].values)
    labels["vws_interventies"]["een_of_meer"] = "Minstens één van deze interventies"
    labels["gli_programmas"]["erkend"] = "Een erkend GLI-programma"
    items = {name: item_rows(t[name], labels[name]) for name in
             ("partijen", "vws_interventies", "gli_programmas", "afspraken", "financiering", "doelgroepen")}
    return {
        "jaar": inputs.year,
        "vorig_jaar": inputs.year - 1,
        # without last year's data every non-responder is 'geen_vorig_jaar'
        "vorig_jaar_gegevens": flow["niet_overgenomen_geen_vorig_jaar"] < flow["non_respons"] or flow["non_respons"] == 0,
        "stroom": flow_context(flow),
        "samenwerking": collaboration_context(t["samenwerking"]),
        "items": items,
        "partijen_overig": ranked(items["partijen"], t["partijen"], skip=("gemeente", "zorgverzekeraar", "overig")),
        "interventies": ranked(items["vws_interventies"], t["vws_interventies"], skip=("een_of_meer",)),
        "gli_erkend": ranked(items["gli_programmas"], t["gli_programmas"], skip=("erkend", "anders")),
        "gli_niet_gevraagd": [r["label"] for r in items["gli_programmas"].values() if not r["gevraagd"]],
        "financiering": ranked(items["financiering"], t["financiering"]),
        "doelgroepen": ranked(items["doelgroepen"], t["doelgroepen"]),
        "trend": trend_context(t["trend"], inputs.year),
        "overgangen": transitions_context(t["overgangen_toets"]),
        "non_respons": non_response_context(t["non_respons"], t["non_respons_toets"]),
        "criteria": CRITERIA,
        "min_partijen": NUMBER_WORDS[MIN_PARTIES],
        "uitsluiting": [{"code": c, "reden": EXCLUSION_PHRASES[c], "n": getal(flow[f"excl_{c}"])} for c in CRITERIA],
        "betrouwbaarheid": format_number(stats.CONFIDENCE * 100),
        "figuren": figure_context(inputs),
        "teksten": inputs.texts,
        "opgemaakt_met": inputs.renderer,
        "bouwdatum": inputs.build_date,
    }


# --- template -> resolved source ------------------------------------------------------------------


def render_source(template_dir: Path, template_name: str, context: dict) -> str:
    """Fill the Jinja2 template; an unknown variable is an error, never an empty string."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        autoescape=False,
    )
    return env.get_template(template_name).render(**context)
