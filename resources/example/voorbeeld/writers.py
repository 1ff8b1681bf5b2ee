"""De bestanden: inventarisaties als CSV (2019 als Excel-export), enquêtes als .sav met een vaste
kopdatum, zodat elke run dezelfde bytes geeft."""

from __future__ import annotations

import csv
import io
import re
import struct
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat

from .generator import Generator
from .questionnaires import (
    OPTION_LABELS,
    Q2019,
    Q2020,
    SET_QUESTIONS,
    SINGLE_QUESTIONS,
    VALUE_LABELS,
    WN_NUMERIC_2019,
    Questionnaire,
)
from .submissions import Sub
from .vocab import WN

# Vaste aanmaakdatum/-tijd in de SPSS-header, zodat de .sav-bestanden byte-gelijk blijven.
# Kop: "$FL2"(4) + product(60) + layout, case size, compressie, gewicht, ncases (5 x int32,
# t/m byte 84) + bias (float64 100.0, bytes 84..92) + datum "dd Mon yy" (92..101) + tijd
# "hh:mm:ss" (101..109) + bestandslabel (109..173). De datum begint dus op byte 92, niet 84.
SAV_STAMP = {2019: b"15 Nov 1912:00:00", 2020: b"20 Nov 2012:00:00"}
SAV_DATE_OFFSET = 92
SAV_BIAS = (84, struct.pack("<d", 100.0))


def inventory_rows(g: Generator, year: int) -> list[list[str]]:
    rows = [
        ["initiatief_id", "naam", "bron", "gemeente_code", "preventiecoalitie", "coalitie_startjaar", "bestaat_nog"]
    ]
    for x in sorted(g.inits, key=lambda x: x.id):
        if not x.in_year(year):
            continue
        coal = x.coalition(year)
        rows.append(
            [
                x.id,
                x.naam,
                x.bron[year],
                x.statcode,
                "ja" if coal else "nee",
                str(x.coal_start) if coal else "",
                x.bestaat[year],
            ]
        )
    return rows


def csv_bytes(rows, bom: bool, crlf: bool) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if crlf else "\n")
    w.writerows(rows)
    data = buf.getvalue().encode("utf-8")
    return (b"\xef\xbb\xbf" + data) if bom else data


def raw_row(sub: Sub, q: Questionnaire) -> dict:
    """Eén inzending als ruwe codes van de vragenlijst van dat jaar."""
    a = sub.ans
    row = {}
    for item, (var, _) in q.single.items():
        row[var] = np.nan if a[item] is None else float(q.code(item, a[item]))
    for item, var in q.numeric.items():
        v = a[item]
        if v is None:
            row[var] = np.nan
        elif v == WN:
            assert q.year == 2019
            row[var] = float(WN_NUMERIC_2019)
        else:
            row[var] = float(v)
    for set_name, opts in q.multi.items():
        ticked = a[set_name]
        extra = set(ticked or ()) - set(opts)
        assert not extra, (q.year, set_name, extra)
        for opt, var in opts.items():
            row[var] = np.nan if ticked is None else float(q.checked if opt in ticked else q.unchecked)
    return row


def survey_2020(subs: list[Sub], g: Generator) -> tuple[pd.DataFrame, dict, dict]:
    q = Q2020
    records = []
    for s in subs:
        raw = raw_row(s, q)
        jaar = np.nan
        if s.init and s.ans["n_interventies"] is not None and s.completed:
            jaar = float(g.R.choice(range(2012, 2021)))
        rec = {
            "respondent_id": float(s.sid),
            "token": s.token,
            "status": 1.0 if s.completed else 2.0,
            "afgerond_op": s.finish,
            "Q01_naam": s.naam,
        }
        order = [
            "Q02",
            "Q03",
            *q.multi["partijen"].values(),
            *q.multi["doelgroepen"].values(),
            "Q06",
            *q.multi["vws_interventies"].values(),
            *q.multi["gli_programmas"].values(),
        ]
        for var in order:
            rec[var] = raw[var]
        rec["Q09"] = jaar
        for var in ("Q10", "Q11", "Q12", "Q13", *q.multi["financiering"].values()):
            rec[var] = raw[var]
        rec["Q40_contactnaam"], rec["Q41_email"], rec["Q42_telefoon"], rec["Q43_opmerkingen"] = s.pii
        records.append(rec)
    df = pd.DataFrame.from_records(records)
    for c in ("token", "Q01_naam", "Q40_contactnaam", "Q41_email", "Q42_telefoon", "Q43_opmerkingen"):
        df[c] = pd.Series([str(v) for v in df[c]], dtype=object)
    df["afgerond_op"] = pd.to_datetime(df["afgerond_op"]).astype("datetime64[us]")
    labels = {
        "respondent_id": "Respondentnummer",
        "token": "Token persoonlijke link (initiatief-id)",
        "status": "Status van de inzending",
        "afgerond_op": "Datum en tijd afgerond",
        "Q01_naam": "Naam van het initiatief",
        "Q06": "Hoeveel preventieve interventies biedt het initiatief aan?",
        "Q09": "In welk jaar is het initiatief gestart?",
        "Q40_contactnaam": "Naam contactpersoon",
        "Q41_email": "E-mailadres contactpersoon",
        "Q42_telefoon": "Telefoonnummer contactpersoon",
        "Q43_opmerkingen": "Opmerkingen",
    }
    value_labels = {"status": {1: "Afgerond", 2: "Gedeeltelijk ingevuld"}}
    add_question_labels(q, labels, value_labels, {0: "Niet aangevinkt", 1: "Aangevinkt"})
    return df, labels, value_labels


def survey_2019(subs: list[Sub], g: Generator) -> tuple[pd.DataFrame, dict, dict]:
    q = Q2019
    records = []
    for s in subs:
        raw = raw_row(s, q)
        rec = {
            "resp_nr": s.sid,
            "ni_code": s.token,
            "voltooid": 2.0 if s.completed else 1.0,
            "datum_einde": s.finish.strftime("%d-%m-%Y %H:%M") if s.finish else "",
            "v2_naam": s.naam,
        }
        order = [
            "v3_preventie",
            "v4_niveau",
            *q.multi["partijen"].values(),
            "v6_aantal",
            *q.multi["vws_interventies"].values(),
            *q.multi["gli_programmas"].values(),
            *q.multi["doelgroepen"].values(),
            "v9a_gemeente",
            "v9b_verzekeraar",
            "v9",
            "v10",
            *q.multi["financiering"].values(),
        ]
        for var in order:
            rec[var] = raw[var]
        rec["v12_startjaar"] = (
            float(g.R.choice(range(2010, 2020)))
            if s.completed and s.init and s.ans["n_interventies"] is not None
            else np.nan
        )
        rec["contactpersoon"], rec["emailadres"], rec["telefoonnummer"] = s.pii[:3]
        records.append(rec)
    df = pd.DataFrame.from_records(records)
    for c in ("resp_nr", "ni_code", "datum_einde", "v2_naam", "contactpersoon", "emailadres", "telefoonnummer"):
        df[c] = pd.Series([str(v) for v in df[c]], dtype=object)
    labels = {
        "resp_nr": "Respondentnummer",
        "ni_code": "Code netwerkinitiatief (uit uitnodiging)",
        "voltooid": "Vragenlijst voltooid",
        "datum_einde": "Einddatum (dd-mm-jjjj uu:mm)",
        "v2_naam": "Naam netwerkinitiatief",
        "v6_aantal": "Aantal preventieve interventies",
        "v12_startjaar": "Startjaar van het initiatief",
        "contactpersoon": "Contactpersoon",
        "emailadres": "E-mailadres",
        "telefoonnummer": "Telefoonnummer",
    }
    value_labels = {"voltooid": {1: "Nee", 2: "Ja"}, "v6_aantal": {99: "Weet niet"}}
    add_question_labels(q, labels, value_labels, {1: "Aangevinkt", 2: "Niet aangevinkt"})
    return df, labels, value_labels


def add_question_labels(q: Questionnaire, labels: dict, value_labels: dict, box: dict) -> None:
    for item, (var, mapping) in q.single.items():
        labels[var] = SINGLE_QUESTIONS[item]
        value_labels[var] = {code: VALUE_LABELS[v] for code, v in mapping.items()}
    for set_name, opts in q.multi.items():
        for opt, var in opts.items():
            labels[var] = f"{SET_QUESTIONS[set_name]} - {OPTION_LABELS[set_name][opt]}"
            value_labels[var] = dict(box)


def write_sav(
    df: pd.DataFrame, path: Path, labels: dict, value_labels: dict, year: int, missing: dict | None = None
) -> None:
    formats, measures = {}, {}
    for col in df.columns:
        if df[col].dtype == object or str(df[col].dtype).startswith("datetime"):
            continue
        formats[col] = "F6.0" if col == "respondent_id" else ("F4.0" if col in ("Q09", "v12_startjaar") else "F3.0")
        measures[col] = "scale" if col in ("respondent_id", "Q06", "Q09", "v6_aantal", "v12_startjaar") else "nominal"
    pyreadstat.write_sav(
        df,
        str(path),
        file_label=f"Enquete netwerkinitiatieven preventie {year} (synthetisch)",
        column_labels=labels,
        variable_value_labels=value_labels,
        missing_ranges=missing or {},
        variable_format=formats,
        variable_measure=measures,
    )
    with open(path, "r+b") as fh:
        head = fh.read(SAV_DATE_OFFSET + 17)
        start, bias = SAV_BIAS
        if head[start : start + 8] != bias or not re.fullmatch(
            rb"\d\d [A-Z][a-z]{2} \d\d\d\d:\d\d:\d\d", head[SAV_DATE_OFFSET : SAV_DATE_OFFSET + 17]
        ):
            raise RuntimeError(f"onverwachte SPSS-kop in {path}")
        fh.seek(SAV_DATE_OFFSET)
        fh.write(SAV_STAMP[year])
