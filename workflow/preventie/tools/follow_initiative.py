"""Trace one initiative through a year's results: from inventory row to the tables it counts in.

Reads only the pipeline's own outputs (which hold no personal data), never the raw exports.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .. import canon, io, paths
from ..classify import CATEGORIES, RULES, SIGNALS
from ..errors import PipelineError
from ..inclusion import CRITERIA
from ..normalise import normalise_ids
from ..tables import ITEM_TABLES, item_masks, population, row_asked

# What the trace reads of a year's results: its name there, the result (preventie.paths) and the
# table's schema (None: Parquet, which carries its types).
RESULT_TABLES = {
    "inventaris": (paths.INVENTORY, None),
    "koppeling": (paths.LINKS, "koppeling"),
    "respons": (paths.RESPONSE, "respons"),
    "vervallen": (paths.DISCARDED, "inzendingen_vervallen"),
    "inclusie": (paths.INCLUSION, "inclusie"),
    "overname": (paths.CARRIED_OVER, "overname"),
    "analyse": (paths.ANALYSIS, None),
    "codeboekrapport": (paths.CODEBOOK_REPORT, "codeboekrapport"),
}


def load_results(results: Path, year: int) -> dict[str, pd.DataFrame]:
    base = results / str(year)
    if not base.exists():
        raise PipelineError(
            f"geen resultaten voor {year} in {results}",
            hint=f"Draai eerst snakemake voor {year} (met dezelfde --configfile), of geef de uitvoermap met --results",
        )
    return {
        name: io.read_parquet(base / path) if schema is None else io.read_table(base / path, schema)
        for name, (path, schema) in RESULT_TABLES.items()
    }


def _value(value) -> str:
    """A cell for the trace: missing as '–', booleans as ja/nee."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return io.ja_nee(value)
    return str(value)


def _one(frame: pd.DataFrame, initiative: str) -> pd.Series | None:
    rows = frame[frame["initiatief_id"] == initiative]
    return rows.iloc[0] if len(rows) else None


def counted_in(record: pd.Series, asked: set[str] | None = None, year: int | None = None) -> list[str]:
    """For an analysed record: in which characteristic tables it is in the denominator and numerator;
    a question the year did not ask (`asked`: the year's canonical columns, None: all) is said so."""
    frame = record.to_frame().T
    for col in frame.columns:
        if col in canon.answer_columns():
            frame[col] = frame[col].astype(canon.column_dtype(col))
    frame["categorie"] = pd.Categorical([record["categorie"]], categories=list(CATEGORIES))
    lines = []
    for name, spec in ITEM_TABLES.items():
        base = population(frame, spec.population)
        if asked is not None and not any(row_asked(spec, code, asked) for code in item_masks(frame, spec)):
            lines.append(f"  {name}: niet gevraagd in {year}")
            continue
        if base.empty:
            lines.append(f"  {name}: niet in de doelgroep van deze vraag")
            continue
        if spec.item in canon.MULTIS:
            if not bool(canon.set_answered(base, spec.item).iloc[0]):
                lines.append(f"  {name}: vraag niet beantwoord (telt als ontbrekend)")
                continue
            ticked = [
                o
                for o in canon.MULTIS[spec.item].options
                if canon.option_column(spec.item, o) in base
                and base[canon.option_column(spec.item, o)].fillna(False).astype(bool).iloc[0]
            ]
            lines.append(f"  {name}: in de noemer; aangevinkt: {', '.join(ticked) or 'niets'}")
        else:
            value = base[spec.item].iloc[0]
            lines.append(
                f"  {name}: "
                + (
                    "vraag niet beantwoord (telt als ontbrekend)"
                    if pd.isna(value)
                    else f"in de noemer; antwoord: {value}"
                )
            )
    return lines


def trace(initiative: str, year: int, results: Path) -> list[str]:
    """The whole path of one initiative in one year, as lines of Dutch text."""
    initiative = normalise_ids(pd.Series([initiative])).iloc[0]  # as the pipeline wrote it: 'ni-1' finds NI-1
    data = load_results(results, year)
    inv = _one(data["inventaris"], initiative)
    if inv is None:
        raise PipelineError(f"{initiative} staat niet in de inventarisatie van {year}")
    start = "" if pd.isna(inv["coalitie_startjaar"]) else f", sinds {inv['coalitie_startjaar']}"
    lines = [
        f"Initiatief {initiative}, jaar {year}",
        "",
        "1. Inventarisatie",
        f"  naam: {inv['naam']}",
        f"  bron: {inv['bron']}; hoofdgemeente: {inv['gemeente_code']}",
        f"  preventiecoalitie: {_value(inv['preventiecoalitie'])}{start}",
        f"  bestaat nog (deskresearch): {_value(inv['bestaat_nog'])}",
        "",
        "2. Inzendingen en koppeling",
        *_submissions(data, initiative),
        *_inclusion(data, initiative, year),
    ]
    return lines + _classification(data, initiative, year)


def _submissions(data: dict[str, pd.DataFrame], initiative: str) -> list[str]:
    """Steps 2 and 3: every submission linked to the initiative, which one was chosen, its response."""
    links = data["koppeling"][data["koppeling"]["initiatief_id"] == initiative]
    discarded = data["vervallen"].set_index("submission_id")
    respons = _one(data["respons"], initiative)
    lines = ["  geen inzending aan dit initiatief gekoppeld"] if links.empty else []
    for _, link in links.iterrows():
        sub = link["submission_id"]
        verdict = (
            f"vervallen: {discarded.loc[sub, 'reden']} ({discarded.loc[sub, 'toelichting']})"
            if sub in discarded.index
            else "gekozen"
        )
        lines.append(
            f"  inzending {sub}: {link['methode']} (score {_value(link['score'])}; {link['toelichting']}) -> {verdict}"
        )
    return lines + [
        "",
        "3. Respons",
        f"  gerespondeerd: {_value(respons['respons'])}; gekozen inzending: {_value(respons['inzending'])}; "
        f"gekoppeld {respons['n_inzendingen']}, bruikbaar {respons['n_bruikbaar']}"
        + (f"; {respons['toelichting']}" if pd.notna(respons["toelichting"]) else ""),
    ]


def _inclusion(data: dict[str, pd.DataFrame], initiative: str, year: int) -> list[str]:
    """Step 4: the inclusion criteria on its own answers, or what was carried over from last year."""
    inclusion = _one(data["inclusie"], initiative)
    carried = _one(data["overname"], initiative)
    lines = []
    if inclusion is not None:
        lines += ["", "4. Inclusie (eigen antwoorden)"]
        lines += [f"  {c} {CRITERIA[c]}: {inclusion[c]}" for c in CRITERIA]
        lines.append(
            f"  geïncludeerd: {_value(inclusion['geincludeerd'])}"
            + (f"; eerste reden: {inclusion['reden']}" if pd.notna(inclusion["reden"]) else "")
        )
    if carried is not None:
        lines += ["", f"4. Overname van {year - 1} (geen eigen respons)", f"  uitkomst: {carried['uitkomst']}"]
        if pd.notna(carried["inzending_vorig_jaar"]):
            lines.append(f"  antwoorden van inzending {carried['inzending_vorig_jaar']} uit {year - 1}")
            lines += [f"  {c} {CRITERIA[c]}: {carried[c]}" for c in CRITERIA]
            variables = str(carried["overgenomen_variabelen"]).split(";")
            lines.append(f"  overgenomen variabelen: {len(variables)}")
    return lines


def _classification(data: dict[str, pd.DataFrame], initiative: str, year: int) -> list[str]:
    """Steps 5 and 6: its category, by which rule and signals, and the tables it counts in."""
    record = _one(data["analyse"], initiative)
    lines = ["", "5. Classificatie"]
    if record is None:
        lines.append("  niet geanalyseerd: telt niet mee in de tabellen met kenmerken")
        return lines
    signals = record["signalen"]
    return lines + [
        f"  categorie: {record['categorie']} ({CATEGORIES[record['categorie']]})",
        f"  regel: {record['regel']} ({RULES[record['regel']]})",
        "  signalen: "
        + ("geen" if pd.isna(signals) else "; ".join(f"{s} ({SIGNALS[s]})" for s in str(signals).split(";"))),
        f"  bron van de antwoorden: {record['bron']} (inzending {record['submission_id']})",
        "",
        "6. Telt mee in",
        f"  stroom: geanalyseerd; samenwerking: {record['categorie']}"
        + ("; preventiecoalities" if bool(record["preventiecoalitie"]) else ""),
        *counted_in(record, canon.asked_in(data["codeboekrapport"]), year),
    ]
