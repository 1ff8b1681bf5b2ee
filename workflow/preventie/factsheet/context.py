"""Every template variable, each formatted for Dutch text, from the year's tables and texts: the
counts and percentages as traced numbers (see printed_numbers.py), the sentences chosen from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from .. import published, stats
from ..classify import AFSTEMMING, CATEGORIES
from ..flow import FLOW_TERMS, IDENTITIES
from ..inclusion import DEFINITIONS, MIN_PARTIES, NUMBER_WORDS
from ..naming import FACTSHEET_TABLES
from ..numbers import format_number
from ..tables import ITEM_TABLES, by_share
from .captions import figure_context
from .dutch import change_word, course_sentence, enumerate_nl, in_sentence, month_year
from .printed_numbers import Getal, count, derived, markup, p_value, percent, setting, share
from .texts import BOXES, SLOTS, Texts, cited

# The tables the text is built from (names of tabellen/*.csv and of their schemas).
TABLES = FACTSHEET_TABLES
SIGNIFICANCE = 0.05
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


# --- reading the tables --------------------------------------------------------------------------


def _rows(table: pd.DataFrame) -> dict[str, pd.Series]:
    key = table.columns[0]
    return {str(row[key]): row for _, row in table.iterrows()}


def item_rows(table: pd.DataFrame, labels: dict[str, str], name: str, minimum: int = 1) -> dict[str, dict]:
    """Per kenmerk: label, n, noemer and the whole percent (none below `minimum`, see printed_numbers.share),
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


def flow_context(flow: dict[str, int]) -> dict:
    """Each step of the flow as a traced count; a step that is the sum of others (flow.IDENTITIES)
    says so, with the other steps' counts (in their words, flow.FLOW_TERMS)."""
    steps = {k: count(v, "stroom", k) for k, v in flow.items()}
    for total, terms in IDENTITIES:
        if all(t in FLOW_TERMS for t in terms) and total in steps and not steps[total].source.derivation:
            parts = [(steps[t], FLOW_TERMS[t]) for t in terms if flow[t] or t == terms[0]]
            steps[total] = derived(flow[total], parts, "+", "stroom", total)
    steps["pct_respons"] = percent(steps["respons"], steps["geidentificeerd"])
    steps["preventiecoalities_bestaand"] = derived(
        flow["preventiecoalities"] - flow["preventiecoalities_nieuw"],
        [(steps[step], FLOW_TERMS[step]) for step in ("preventiecoalities", "preventiecoalities_nieuw")],
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


def build_context(inputs: Inputs) -> dict:
    """All template variables, each formatted for Dutch text, from the year's tables and texts."""
    t = inputs.tables
    flow = dict(zip(t["stroom"]["stap"], t["stroom"]["n"].astype(int)))
    steps = flow_context(flow)
    minimum = inputs.min_denominator
    items = {name: item_rows(t[name], spec.labels, name, minimum) for name, spec in ITEM_TABLES.items()}
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
        "criteria": tuple(criterion.method for criterion in DEFINITIONS.values()),
        "min_partijen": NUMBER_WORDS[MIN_PARTIES],
        "uitsluiting": [{"reden": c.failed, "n": steps[f"excl_{code}"]} for code, c in DEFINITIONS.items()],
        "betrouwbaarheid": setting(
            stats.CONFIDENCE * 100, format_number(stats.CONFIDENCE * 100), "betrouwbaarheid van de intervallen"
        ),
        "significantie": setting(SIGNIFICANCE, format_number(SIGNIFICANCE, 2), "significantieniveau van de toetsen"),
        "figuren": figure_context(inputs.figures, inputs.year),
        "tekst": {slot: texts.slots.get(slot) for slot in SLOTS},
        "tekstbox": {label: texts.boxes.get(label) for label in BOXES.values()},
        "meta": metadata_context(texts, t["non_respons"]),
        "literatuur": bool(cited(texts)),
        "referenties": texts.references,
        "opgemaakt_met": inputs.renderer,
        "bouwdatum": inputs.build_date,
    }
