#!/usr/bin/env python3
"""Genereert de synthetische voorbeeldinvoer (2019 en 2020) van de pipeline.

Alles in deze map behalve README.md en dit script wordt door dit script geschreven:

    python resources/example/generate.py            # schrijft naar resources/example/
    python resources/example/generate.py --out DIR  # schrijft naar DIR

Het script is deterministisch (vaste seed, geen tijdstempels, geen afhankelijkheid van
hash-volgorde): elke run levert byte voor byte dezelfde bestanden op. Het is bewust
zelfstandig en importeert niets uit workflow/ (de pipeline): de canonieke namen staan
hieronder nog een keer, zodat de voorbeelddata een onafhankelijke controle van de
pipeline blijft.

De data zijn verzonnen, maar zo gekalibreerd dat de regels van de pijplijn (koppelen tot en met classificeren) op 2020
precies de gepubliceerde cijfers van de factsheet 2020 opleveren (301 / 195 / 93 / 23 /
116, de zeven samenwerkingscategorieën, partijen, interventies, GLI's, afspraken) en op
2019 de 95 geanalyseerde initiatieven en de percentages uit de brief van de staatssecretaris
over de factsheet 2019. Zie README.md.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import re
import struct
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import yaml
from rapidfuzz import fuzz, process

SEED = 20201120
HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
GEO = ROOT / "resources" / "geo"
SCHEMA = ROOT / "workflow" / "schemas" / "codebook.schema.yaml"

FUZZY_THRESHOLD = 90  # policy.fuzzy_threshold
FUZZY_MARGIN = 5

# Vaste aanmaakdatum/-tijd in de SPSS-header, zodat de .sav-bestanden byte-gelijk blijven.
# Kop: "$FL2"(4) + product(60) + layout, case size, compressie, gewicht, ncases (5 x int32,
# t/m byte 84) + bias (float64 100.0, bytes 84..92) + datum "dd Mon yy" (92..101) + tijd
# "hh:mm:ss" (101..109) + bestandslabel (109..173). De datum begint dus op byte 92, niet 84.
SAV_STAMP = {2019: b"15 Nov 1912:00:00", 2020: b"20 Nov 2012:00:00"}
SAV_DATE_OFFSET = 92
SAV_BIAS = (84, struct.pack("<d", 100.0))

# --- canonieke woordenlijst (kopie van workflow/preventie/canon.py, bewust niet geïmporteerd) --

WN = "weet_niet"  # antwoord 'weet niet': een code die in het codeboek op null staat

PARTIJEN = (
    "gemeente",
    "zorgverzekeraar",
    "huisarts_poh",
    "welzijn",
    "thuiszorg",
    "ggd",
    "paramedici",
    "sociaal_werk",
    "inwoners",
    "kennisinstituut",
    "beroepsonderwijs",
    "overig",
)
VWS = ("welzijn_op_recept", "gli", "valpreventie", "kinderen_overgewicht", "diabetes")
GLI = ("beweegkuur", "cool", "slimmer", "anders")  # samen_sportief: in 2019/2020 niet gevraagd
FIN = ("wmo", "zvw", "wpg", "overig")
DOEL = ("ouderen", "psychisch", "jongeren", "overgewicht", "lage_ses", "mantelzorgers", "onderwijs", "alle_inwoners")
SINGLES = (
    "doet_preventie",
    "reikwijdte",
    "gemeente_betrokken",
    "zorgverzekeraar_betrokken",
    "samenwerking",
    "afspraken",
)
SETS = {"partijen": PARTIJEN, "vws_interventies": VWS, "gli_programmas": GLI, "financiering": FIN, "doelgroepen": DOEL}
CATEGORIES = (
    "onbekend",
    "geen_van_beide",
    "alleen_een",
    "apart_betrokken",
    "in_gesprek",
    "informele_afspraken",
    "formele_afspraken",
)

# --- de twee vragenlijsten -------------------------------------------------------------------


@dataclass(frozen=True)
class Questionnaire:
    year: int
    single: dict  # canoniek -> (ruwe variabele, {code: canonieke waarde of None})
    numeric: dict  # canoniek -> ruwe variabele
    multi: dict  # set -> {optie: ruwe variabele}
    checked: int
    unchecked: int
    order: tuple  # volgorde van de vragen (voor gedeeltelijke inzendingen)

    def options(self, set_name: str) -> tuple:
        return tuple(self.multi[set_name])

    def code(self, item: str, value) -> int:
        var, mapping = self.single[item]
        target = None if value == WN else value
        for code, canon_value in mapping.items():
            if canon_value == target:
                return code
        raise KeyError((self.year, item, value))


JA_NEE_2020 = {1: "ja", 2: "nee", 9: None}
JA_NEE_2019 = {0: "nee", 1: "ja", 8: None}

Q2020 = Questionnaire(
    year=2020,
    single={
        "doet_preventie": ("Q02", JA_NEE_2020),
        "reikwijdte": ("Q03", {1: "wijk", 2: "gemeente", 3: "regio", 4: "provincie", 5: "landelijk"}),
        "gemeente_betrokken": ("Q10", JA_NEE_2020),
        "zorgverzekeraar_betrokken": ("Q11", JA_NEE_2020),
        "samenwerking": ("Q12", {1: "geen_contact", 2: "in_gesprek", 3: "informeel", 4: "formeel", 9: None}),
        "afspraken": ("Q13", {1: "inhoud", 2: "financiering", 3: "beide", 9: None}),
    },
    numeric={"n_interventies": "Q06"},
    multi={
        "partijen": {o: f"Q04_{i:02d}" for i, o in enumerate(PARTIJEN, 1)},
        "doelgroepen": {o: f"Q05_{i}" for i, o in enumerate(DOEL, 1)},
        "vws_interventies": {o: f"Q07_{i}" for i, o in enumerate(VWS, 1)},
        "gli_programmas": {o: f"Q08_{i}" for i, o in enumerate(GLI, 1)},
        "financiering": {o: f"Q14_{i}" for i, o in enumerate(FIN, 1)},
    },
    checked=1,
    unchecked=0,
    order=(
        "doet_preventie",
        "reikwijdte",
        "partijen",
        "doelgroepen",
        "n_interventies",
        "vws_interventies",
        "gli_programmas",
        "gemeente_betrokken",
        "zorgverzekeraar_betrokken",
        "samenwerking",
        "afspraken",
        "financiering",
    ),
)

Q2019 = Questionnaire(
    year=2019,
    single={
        "doet_preventie": ("v3_preventie", JA_NEE_2019),
        "reikwijdte": ("v4_niveau", {10: "wijk", 20: "gemeente", 30: "regio", 40: "provincie", 50: "landelijk"}),
        "gemeente_betrokken": ("v9a_gemeente", JA_NEE_2019),
        "zorgverzekeraar_betrokken": ("v9b_verzekeraar", JA_NEE_2019),
        "samenwerking": ("v9", {1: "formeel", 2: "informeel", 3: "in_gesprek", 4: "geen_contact", 8: None}),
        "afspraken": ("v10", {1: "beide", 2: "inhoud", 3: "financiering", 8: None}),
    },
    numeric={"n_interventies": "v6_aantal"},
    multi={
        "partijen": dict(
            zip(
                PARTIJEN,
                (
                    "v5_gem",
                    "v5_zvz",
                    "v5_ha",
                    "v5_welz",
                    "v5_tz",
                    "v5_ggd",
                    "v5_para",
                    "v5_sw",
                    "v5_inw",
                    "v5_kennis",
                    "v5_mbo",
                    "v5_ander",
                ),
            )
        ),
        "vws_interventies": dict(zip(VWS, ("v7_wor", "v7_gli", "v7_val", "v7_kind", "v7_diab"))),
        "gli_programmas": dict(zip(GLI, ("v7b_bk", "v7b_cool", "v7b_slim", "v7b_anders"))),
        "doelgroepen": dict(zip(DOEL[:7], ("v8_oud", "v8_psy", "v8_jong", "v8_ovg", "v8_ses", "v8_mz", "v8_ond"))),
        "financiering": dict(zip(FIN[:3], ("v11_wmo", "v11_zvw", "v11_wpg"))),
    },
    checked=1,
    unchecked=2,
    order=(
        "doet_preventie",
        "reikwijdte",
        "partijen",
        "n_interventies",
        "vws_interventies",
        "gli_programmas",
        "doelgroepen",
        "gemeente_betrokken",
        "zorgverzekeraar_betrokken",
        "samenwerking",
        "afspraken",
        "financiering",
    ),
)
QUEST = {2019: Q2019, 2020: Q2020}
WN_NUMERIC_2019 = 99  # v6_aantal: 99 = weet niet, als user-missing gedeclareerd

# Nederlandse labels (vraagteksten en antwoorden) voor de .sav-bestanden.
OPTION_LABELS = {
    "partijen": {
        "gemeente": "Gemeente",
        "zorgverzekeraar": "Zorgverzekeraar",
        "huisarts_poh": "Huisarts/praktijkondersteuner",
        "welzijn": "Welzijnsorganisatie",
        "thuiszorg": "Thuiszorg",
        "ggd": "GGD",
        "paramedici": "Paramedici (fysio, diëtist)",
        "sociaal_werk": "Sociaal werk",
        "inwoners": "Inwoners/cliëntenraad",
        "kennisinstituut": "Kennisinstituut/universiteit",
        "beroepsonderwijs": "Beroepsonderwijs (mbo/hbo)",
        "overig": "Overige partij",
    },
    "vws_interventies": {
        "welzijn_op_recept": "Welzijn op Recept (verwijzing huisarts naar sociaal domein)",
        "gli": "Gecombineerde leefstijlinterventie (GLI)",
        "valpreventie": "Valpreventie",
        "kinderen_overgewicht": "Aanpak kinderen met overgewicht",
        "diabetes": "Interventies bij diabetes",
    },
    "gli_programmas": {
        "beweegkuur": "Beweegkuur",
        "cool": "CooL (Coaching op Leefstijl)",
        "slimmer": "SLIMMER",
        "anders": "Andere leefstijlinterventie",
    },
    "financiering": {"wmo": "Wmo", "zvw": "Zvw", "wpg": "Wpg", "overig": "Overige financiering"},
    "doelgroepen": {
        "ouderen": "(Kwetsbare) ouderen",
        "psychisch": "Mensen met psychische klachten",
        "jongeren": "Jongeren",
        "overgewicht": "Mensen met overgewicht",
        "lage_ses": "Mensen met een lage SES",
        "mantelzorgers": "Mantelzorgers",
        "onderwijs": "Onderwijs (leerlingen, leerkrachten)",
        "alle_inwoners": "Alle inwoners",
    },
}
SET_QUESTIONS = {
    "partijen": "Welke partijen zijn betrokken bij het initiatief?",
    "vws_interventies": "Welke van deze interventies biedt het initiatief aan?",
    "gli_programmas": "Welke GLI-programma's worden aangeboden?",
    "financiering": "Uit welke bronnen worden de afspraken gefinancierd?",
    "doelgroepen": "Op welke doelgroepen richt het initiatief zich?",
}
SINGLE_QUESTIONS = {
    "doet_preventie": "Richt het initiatief zich op preventie?",
    "reikwijdte": "Wat is de geografische reikwijdte van het initiatief?",
    "gemeente_betrokken": "Is de gemeente betrokken bij het initiatief?",
    "zorgverzekeraar_betrokken": "Is een zorgverzekeraar betrokken bij het initiatief?",
    "samenwerking": "Hoe werken gemeente en zorgverzekeraar samen binnen het initiatief?",
    "afspraken": "Waarover gaan de afspraken tussen gemeente en zorgverzekeraar?",
}
VALUE_LABELS = {
    "ja": "Ja",
    "nee": "Nee",
    None: "Weet niet",
    "wijk": "Wijk",
    "gemeente": "Gemeente",
    "regio": "Regio (meerdere gemeenten)",
    "provincie": "Provincie",
    "landelijk": "Landelijk",
    "geen_contact": "Beide betrokken, geen onderling contact",
    "in_gesprek": "In gesprek",
    "informeel": "Informele afspraken",
    "formeel": "Formele (schriftelijke) afspraken",
    "inhoud": "Inhoudelijke invulling",
    "financiering": "Financiering",
    "beide": "Zowel inhoud als financiering",
}

# --- kleine hulpfuncties ---------------------------------------------------------------------


def normalise(name: str) -> str:
    """De naamnormalisatie van de koppelstap: kleine letters, accenten weg, leestekens weg
    (niet vervangen), witruimte samen."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join(c for c in text if not unicodedata.category(c).startswith("P"))
    return " ".join(text.split())


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def expand(spec):
    """[(waarde, aantal), ...] -> lijst met herhalingen, in opgegeven volgorde."""
    out = []
    for value, n in spec:
        out += [value] * n
    return out


def ordered(options, ticked) -> list:
    return [o for o in options if o in ticked]


# --- het initiatief en zijn antwoorden --------------------------------------------------------


@dataclass
class Init:
    id: str
    r19: str  # incl | excl | geen | partieel | nieuw (niet in de inventarisatie 2019)
    r20: str  # A | B | over | over_excl | bn | onb | geen_resp | weg (niet in 2020)
    coal_start: int | None = None
    coal_code: str | None = None
    statcode: str = ""
    naam: str = ""
    special: str | None = None
    cat: dict = field(default_factory=dict)  # jaar -> (categorie, subtype)
    fail: dict = field(default_factory=dict)  # jaar -> {criterium: manier}
    ans: dict = field(default_factory=dict)  # jaar -> canonieke antwoorden gekozen inzending
    bron: dict = field(default_factory=dict)
    bestaat: dict = field(default_factory=dict)
    contact: dict = field(default_factory=dict)  # jaar -> (naam, e-mail, telefoon)

    def in_year(self, year: int) -> bool:
        return (self.r19 != "nieuw") if year == 2019 else (self.r20 != "weg")

    def coalition(self, year: int) -> bool:
        return self.coal_start is not None and self.coal_start <= year


def empty_answers() -> dict:
    ans = {k: None for k in SINGLES}
    ans["n_interventies"] = None
    for s in SETS:
        ans[s] = None
    return ans


def count_answers(ans: dict, q: Questionnaire) -> int:
    """Het aantal antwoorden van de responsstap: niet-ontbrekende enkelvoudige en numerieke
    antwoorden + beantwoorde sets."""
    n = sum(1 for k in SINGLES if ans[k] not in (None, WN))
    n += ans["n_interventies"] not in (None, WN)
    n += sum(1 for s in q.multi if ans[s] is not None)
    return n


def inclusion_answered(ans: dict) -> bool:
    return (
        ans["doet_preventie"] not in (None, WN)
        and ans["reikwijdte"] not in (None, WN)
        and ans["partijen"] is not None
        and ans["n_interventies"] not in (None, WN)
    )


def truncate(ans: dict, q: Questionnaire, last_item: str) -> dict:
    """Gedeeltelijke inzending: alles na `last_item` (in vraagvolgorde) ontbreekt."""
    out = dict(ans)
    hit = False
    for item in q.order:
        if hit:
            out[item] = None
        if item == last_item:
            hit = True
    return out


def gzs(cat: str, sub: str):
    """Gemeente, zorgverzekeraar en samenwerking die bij een categorie horen."""
    if cat == "formele_afspraken":
        return "ja", "ja", ("informeel" if sub == "coal_informeel" else "formeel")
    if cat == "informele_afspraken":
        return "ja", "ja", "informeel"
    if cat == "in_gesprek":
        return "ja", "ja", "in_gesprek"
    if cat == "apart_betrokken":
        return "ja", "ja", "geen_contact"
    if cat == "alleen_een":
        return ("ja", "nee", None) if sub == "G" else ("nee", "ja", None)
    if cat == "geen_van_beide":
        return "nee", "nee", ("geen_contact" if sub == "S" else None)
    if cat == "onbekend":
        return {"S_wn": ("ja", "ja", WN), "G_wn": (WN, "ja", None), "G_wn_Z_nee": (WN, "nee", None)}[sub]
    raise KeyError(cat)


# --- de generator ----------------------------------------------------------------------------


class Generator:
    def __init__(self, seed: int = SEED):
        self.R = random.Random(seed)
        self.load_geo()
        self.notes: dict[str, list] = {}  # randgevallen -> ids (voor README/rapport)

    def note(self, key: str, value) -> None:
        self.notes.setdefault(key, []).append(value)

    # -- gemeenten ----------------------------------------------------------------------------
    def load_geo(self) -> None:
        names = {}
        for year in (2019, 2020):
            with open(GEO / f"gemeente_{year}.geojson", encoding="utf-8") as fh:
                doc = json.load(fh)
            names[year] = {f["properties"]["statcode"]: f["properties"]["statnaam"] for f in doc["features"]}
        if set(names[2019]) != set(names[2020]):
            raise SystemExit("gemeentecodes 2019 en 2020 verschillen; voorbeeld gaat uit van dezelfde 355")
        self.gm = dict(sorted(names[2020].items()))
        self.gm_by_name = {v: k for k, v in self.gm.items()}

    # -- rollen ---------------------------------------------------------------------------------
    def build_roles(self) -> None:
        R = self.R
        in19 = expand(
            [
                (("incl", "A"), 40),
                (("incl", "B"), 15),
                (("excl", "A"), 20),
                (("excl", "B"), 39),
                (("geen", "A"), 18),
                (("geen", "B"), 27),
                (("incl", "over"), 23),
                (("excl", "over_excl"), 4),
                (("incl", "bn"), 4),
                (("excl", "bn"), 2),
                (("geen", "bn"), 4),
                (("incl", "onb"), 5),
                (("excl", "onb"), 1),
                (("geen", "onb"), 6),
                (("geen", "geen_resp"), 16),
                (("partieel", "geen_resp"), 6),
                (("incl", "weg"), 8),
                (("excl", "weg"), 4),
                (("geen", "weg"), 18),
            ]
        )
        new = expand(
            [
                (("nieuw", "A"), 15),
                (("nieuw", "B"), 21),
                (("nieuw", "bn"), 4),
                (("nieuw", "onb"), 7),
                (("nieuw", "geen_resp"), 24),
            ]
        )
        assert len(in19) == 260 and len(new) == 71
        R.shuffle(in19)
        R.shuffle(new)
        self.inits = [Init(f"NI-{i:04d}", r19, r20) for i, (r19, r20) in enumerate(in19 + new, 1)]
        self.by_id = {x.id: x for x in self.inits}

    def pick(self, pred, n: int, exclude=()) -> list[Init]:
        pool = [x for x in self.inits if pred(x) and x.id not in exclude]
        return self.R.sample(pool, n)

    def role(self, r19=None, r20=None):
        return lambda x: (r19 is None or x.r19 == r19) and (r20 is None or x.r20 == r20)

    # -- preventiecoalities ---------------------------------------------------------------------
    def build_coalitions(self) -> None:
        plan = [  # (code, rol 2019, rol 2020, startjaar)
            ("C01", "incl", "A", 2020),
            ("C02", "incl", "A", 2020),
            ("C03", "nieuw", "A", 2020),
            ("C04", "nieuw", "A", 2020),
            ("C05", "incl", "A", 2016),
            ("C06", "incl", "A", 2017),
            ("C07", "incl", "A", 2018),
            ("C08", "incl", "A", 2019),
            ("C09", "geen", "A", 2018),
            ("C10", "geen", "A", 2019),
            ("C11", "incl", "over", 2017),
            ("C12", "incl", "over", 2016),
            ("C13", "incl", "bn", 2017),
        ]
        used: set[str] = set()
        for code, r19, r20, start in plan:
            (x,) = self.pick(self.role(r19, r20), 1, used)
            used.add(x.id)
            x.coal_start, x.coal_code = start, code
        self.coal = {x.coal_code: x for x in self.inits if x.coal_code}

    # -- categorieën ------------------------------------------------------------------------------
    def build_categories(self) -> None:
        R = self.R
        # 2020, geanalyseerd: 93 responders (A) + 23 overgenomen.
        for code, x in self.coal.items():
            if x.r20 in ("A", "over"):
                x.cat[2020] = ("formele_afspraken", "coal_informeel" if code == "C01" else "coal")
        a_rest = sorted((x for x in self.inits if x.r20 == "A" and not x.coal_code), key=lambda x: x.id)
        cats = expand(
            [
                (("onbekend", "G_wn"), 1),
                (("geen_van_beide", "S"), 1),
                (("geen_van_beide", ""), 2),
                (("alleen_een", "G"), 21),
                (("alleen_een", "Z"), 2),
                (("apart_betrokken", ""), 16),
                (("in_gesprek", ""), 10),
                (("informele_afspraken", ""), 10),
                (("formele_afspraken", ""), 20),
            ]
        )
        R.shuffle(cats)
        for x, c in zip(a_rest, cats, strict=True):
            x.cat[2020] = c
        over_rest = sorted((x for x in self.inits if x.r20 == "over" and not x.coal_code), key=lambda x: x.id)
        cats = expand(
            [
                (("onbekend", "S_wn"), 1),
                (("geen_van_beide", ""), 1),
                (("alleen_een", "G"), 5),
                (("alleen_een", "Z"), 1),
                (("apart_betrokken", ""), 4),
                (("in_gesprek", ""), 2),
                (("informele_afspraken", ""), 3),
                (("formele_afspraken", ""), 4),
            ]
        )
        R.shuffle(cats)
        for x, c in zip(over_rest, cats, strict=True):
            x.cat[2020] = c
            x.cat[2019] = c  # hun antwoorden van 2019 zijn precies deze (zelfde coalitiestatus)
        for code in ("C11", "C12"):
            self.coal[code].cat[2019] = ("formele_afspraken", "coal")
        # 2019, geanalyseerd: 95 = 23 (later overgenomen) + 72 overigen.
        others = sorted((x for x in self.inits if x.r19 == "incl" and x.r20 != "over"), key=lambda x: x.id)
        assert len(others) == 72
        fixed = {}
        for x in others:
            if x.coalition(2019):
                fixed[x.id] = ("formele_afspraken", "coal")
            elif x.coal_code in ("C01", "C02"):  # werden in 2020 preventiecoalitie
                fixed[x.id] = ("informele_afspraken", "")
        rest = [x for x in others if x.id not in fixed]
        cats = expand(
            [
                (("onbekend", "G_wn_Z_nee"), 1),
                (("geen_van_beide", ""), 4),
                (("alleen_een", "G"), 11),
                (("alleen_een", "Z"), 2),
                (("apart_betrokken", ""), 12),
                (("in_gesprek", ""), 7),
                (("informele_afspraken", ""), 11 - 2),
                (("formele_afspraken", ""), 24 - 5),
            ]
        )
        R.shuffle(cats)
        for x, c in zip(rest, cats, strict=True):
            x.cat[2019] = c
        for xid, c in fixed.items():
            self.by_id[xid].cat[2019] = c

    # -- uitsluitgronden --------------------------------------------------------------------------
    def build_failures(self) -> None:
        R = self.R
        modes20 = expand(
            [
                ({"E1": "nee"}, 27),
                ({"E1": "nee", "E3": "two"}, 4),
                ({"E1": "nee", "E4": "one"}, 3),
                ({"E1": "wn"}, 5),
                ({"E1": "leeg"}, 2),
                ({"E2": "landelijk"}, 5),
                ({"E2": "landelijk", "E4": "zero"}, 1),
                ({"E2": "leeg"}, 2),
                ({"E3": "two"}, 18),
                ({"E3": "one"}, 5),
                ({"E3": "zero"}, 2),
                ({"E3": "leeg"}, 3),
                ({"E3": "two", "E4": "one"}, 2),
                ({"E4": "one"}, 12),
                ({"E4": "zero"}, 6),
                ({"E4": "leeg"}, 5),
            ]
        )
        b = sorted((x for x in self.inits if x.r20 == "B"), key=lambda x: x.id)
        R.shuffle(modes20)
        for x, m in zip(b, modes20, strict=True):
            x.fail[2020] = dict(m)
        # 2019: 70 uitgesloten responders; de vier 'overgenomen_geexcludeerd' elk met een ander criterium.
        oe = sorted((x for x in self.inits if x.r20 == "over_excl"), key=lambda x: x.id)
        for x, m in zip(oe, ({"E1": "nee"}, {"E2": "landelijk"}, {"E3": "two"}, {"E4": "wn99"})):
            x.fail[2019] = dict(m)
            self.note("overgenomen_geexcludeerd", (x.id, sorted(m)[0], m[sorted(m)[0]]))
        modes19 = expand(
            [
                ({"E1": "nee"}, 19),
                ({"E1": "nee", "E3": "two"}, 2),
                ({"E1": "wn"}, 4),
                ({"E1": "leeg"}, 2),
                ({"E2": "landelijk"}, 4),
                ({"E2": "leeg"}, 1),
                ({"E3": "two"}, 13),
                ({"E3": "one"}, 4),
                ({"E3": "leeg"}, 2),
                ({"E4": "one"}, 9),
                ({"E4": "zero"}, 3),
                ({"E4": "wn99"}, 2),
                ({"E4": "leeg"}, 1),
            ]
        )
        ex = sorted((x for x in self.inits if x.r19 == "excl" and x.r20 != "over_excl"), key=lambda x: x.id)
        R.shuffle(modes19)
        for x, m in zip(ex, modes19, strict=True):
            x.fail[2019] = dict(m)

    # -- willekeurige, plausibele antwoorden ------------------------------------------------------
    def random_set(self, options, probs: dict, min_ticks: int = 1) -> list:
        R = self.R
        ticked = [o for o in options if R.random() < probs.get(o, 0.3)]
        while len(ticked) < min_ticks:
            extra = R.choice([o for o in options if o not in ticked])
            ticked.append(extra)
        return ordered(options, ticked)

    P_PARTIJEN = {
        "huisarts_poh": 0.70,
        "welzijn": 0.55,
        "thuiszorg": 0.47,
        "ggd": 0.47,
        "paramedici": 0.46,
        "sociaal_werk": 0.45,
        "inwoners": 0.41,
        "kennisinstituut": 0.33,
        "beroepsonderwijs": 0.26,
        "overig": 0.13,
    }
    P_VWS = {
        "welzijn_op_recept": 0.48,
        "gli": 0.30,
        "valpreventie": 0.30,
        "kinderen_overgewicht": 0.22,
        "diabetes": 0.22,
    }
    P_DOEL = {
        "ouderen": 0.68,
        "psychisch": 0.48,
        "jongeren": 0.42,
        "overgewicht": 0.40,
        "lage_ses": 0.36,
        "mantelzorgers": 0.27,
        "onderwijs": 0.22,
        "alle_inwoners": 0.25,
    }
    P_FIN = {"wmo": 0.65, "zvw": 0.55, "wpg": 0.30, "overig": 0.18}

    def reikwijdte(self) -> str:
        return self.R.choices(["wijk", "gemeente", "regio", "provincie"], [12, 46, 35, 7])[0]

    def n_interventies(self) -> int:
        return min(25, 2 + int(self.R.expovariate(1 / 5)))

    def random_answers(self, year: int, cat=None, fail=None) -> dict:
        """Volledige antwoorden van één inzending; `cat` (geïncludeerd) of `fail` (uitgesloten)."""
        R, q = self.R, QUEST[year]
        fail = fail or {}
        ans = empty_answers()
        e1 = fail.get("E1")
        ans["doet_preventie"] = {"nee": "nee", "wn": WN, "leeg": None}.get(e1, "ja")
        e2 = fail.get("E2")
        ans["reikwijdte"] = {"landelijk": "landelijk", "leeg": None}.get(e2) if e2 else self.reikwijdte()
        if cat is not None:
            g, z, s = gzs(*cat)
        else:
            g = R.choices(["ja", "nee", WN], [80, 16, 4])[0]
            z = R.choices(["ja", "nee", WN], [50, 45, 5])[0]
            s = None
            if g == "ja" and z == "ja":
                s = R.choices(["geen_contact", "in_gesprek", "informeel", "formeel", WN], [30, 22, 18, 26, 4])[0]
        ans["gemeente_betrokken"], ans["zorgverzekeraar_betrokken"], ans["samenwerking"] = g, z, s
        # partijen
        e3 = fail.get("E3")
        if e3 == "leeg":
            ans["partijen"] = None
        else:
            base = []
            if g == "ja" and R.random() < 0.97:
                base.append("gemeente")
            if z == "ja" and R.random() < 0.9:
                base.append("zorgverzekeraar")
            others = [o for o in PARTIJEN[2:] if R.random() < self.P_PARTIJEN[o]]
            ticked = ordered(PARTIJEN, base + others)
            want = {"two": 2, "one": 1, "zero": 0}.get(e3)
            if want is not None:
                R.shuffle(ticked)
                ticked = ordered(PARTIJEN, ticked[:want])
                while len(ticked) < want:
                    ticked = ordered(PARTIJEN, ticked + [R.choice([o for o in PARTIJEN if o not in ticked])])
            else:
                while len(ticked) < 3:
                    ticked = ordered(PARTIJEN, ticked + [R.choice([o for o in PARTIJEN[2:] if o not in ticked])])
            ans["partijen"] = ticked
        e4 = fail.get("E4")
        ans["n_interventies"] = {"one": 1, "zero": 0, "leeg": None, "wn99": WN}.get(e4) if e4 else self.n_interventies()
        # interventies, GLI
        if R.random() < 0.97:
            # ongeveer driekwart biedt minstens één van de VWS-interventies aan
            ans["vws_interventies"] = [] if R.random() < 0.27 else self.random_set(VWS, self.P_VWS)
            if "gli" in ans["vws_interventies"]:
                ans["gli_programmas"] = self.gli_ticks(R.random() < 0.72)
        if R.random() < 0.96:
            opts = q.options("doelgroepen")
            ans["doelgroepen"] = self.random_set(opts, self.P_DOEL)
        if s in ("informeel", "formeel"):
            ans["afspraken"] = R.choices(["beide", "inhoud", "financiering", WN], [58, 26, 12, 4])[0]
            if R.random() < 0.94:
                ans["financiering"] = self.random_set(q.options("financiering"), self.P_FIN)
        return ans

    def gli_ticks(self, erkend: bool) -> list:
        R = self.R
        if not erkend:
            return ["anders"]
        ticked = [o for o in ("beweegkuur", "cool", "slimmer") if R.random() < 0.5]
        if not ticked:
            ticked = [R.choice(["beweegkuur", "cool", "slimmer"])]
        if R.random() < 0.1:
            ticked.append("anders")
        return ordered(GLI, ticked)

    # -- exacte toewijzing (kalibratie) ------------------------------------------------------------
    def allocate(
        self, holders: list[str], counts: dict, options, base: dict | None = None, minimum: int = 1, donors_ok=None
    ) -> dict:
        """Verdeel precies counts[o] vinkjes per optie over `holders`, elk minstens `minimum`.

        `base` bevat vaste vinkjes (tellen mee voor het minimum maar worden nooit verplaatst);
        `donors_ok(optie, holder)` beperkt wie een optie mag krijgen.
        """
        R = self.R
        base = base or {}
        ticks = {h: set(base.get(h, ())) for h in holders}
        movable = [o for o in options if o in counts]
        for o in movable:
            pool = [h for h in holders if donors_ok is None or donors_ok(o, h)]
            for h in R.sample(pool, counts[o]):
                ticks[h].add(o)
        for _ in range(10000):
            short = [h for h in holders if len(ticks[h]) < minimum]
            if not short:
                break
            h = short[0]
            moved = False
            for o in R.sample(movable, len(movable)):
                if o in ticks[h] or (donors_ok is not None and not donors_ok(o, h)):
                    continue
                donors = [
                    d for d in holders if o in ticks[d] and len(ticks[d]) > minimum + 1 and o not in base.get(d, ())
                ]
                if donors:
                    d = R.choice(donors)
                    ticks[d].discard(o)
                    ticks[h].add(o)
                    moved = True
                    break
            if not moved:
                raise RuntimeError("toewijzing lukt niet")
        else:
            raise RuntimeError("toewijzing convergeert niet")
        for o in movable:
            assert sum(o in t for t in ticks.values()) == counts[o], o
        return {h: ordered(options, t) for h, t in ticks.items()}

    def build_answers_2020_analysed(self) -> None:
        """De 116 geanalyseerde records van 2020, exact gekalibreerd op de factsheet."""
        R = self.R
        recs = sorted((x for x in self.inits if x.r20 in ("A", "over")), key=lambda x: x.id)
        assert len(recs) == 116
        ids = [x.id for x in recs]
        src = {x.id: (2020 if x.r20 == "A" else 2019) for x in recs}
        ans = {x.id: empty_answers() for x in recs}
        cat = {x.id: x.cat[2020] for x in recs}
        for x in recs:
            a = ans[x.id]
            a["doet_preventie"] = "ja"
            a["reikwijdte"] = self.reikwijdte()
            a["n_interventies"] = self.n_interventies()
            a["gemeente_betrokken"], a["zorgverzekeraar_betrokken"], a["samenwerking"] = gzs(*cat[x.id])
        g_ja = [i for i in ids if ans[i]["gemeente_betrokken"] == "ja"]
        z_ja = [i for i in ids if ans[i]["zorgverzekeraar_betrokken"] == "ja"]
        assert len(g_ja) == 108 and len(z_ja) == 86, (len(g_ja), len(z_ja))
        # partijen: gemeente 107 (één 'apart betrokken' zonder vinkje), zorgverzekeraar 79
        apart_a = [i for i in ids if cat[i][0] == "apart_betrokken" and src[i] == 2020]
        apart_all = [i for i in ids if cat[i][0] == "apart_betrokken"]
        gesprek_all = [i for i in ids if cat[i][0] == "in_gesprek"]
        (no_gem,) = R.sample(apart_a, 1)
        no_zv = R.sample([i for i in apart_all if i != no_gem], 4) + R.sample(gesprek_all, 3)
        self.note("partijenlijst_wijkt_af_gemeente", no_gem)
        for i in sorted(no_zv):
            self.note("partijenlijst_wijkt_af_zorgverzekeraar", i)
        base = {
            i: ([("gemeente")] if i in g_ja and i != no_gem else [])
            + (["zorgverzekeraar"] if i in z_ja and i not in no_zv else [])
            for i in ids
        }
        counts = {
            "huisarts_poh": 81,
            "welzijn": 64,
            "thuiszorg": 55,
            "ggd": 55,
            "paramedici": 53,
            "sociaal_werk": 52,
            "inwoners": 48,
            "kennisinstituut": 39,
            "beroepsonderwijs": 31,
            "overig": 14,
        }
        part = self.allocate(ids, counts, PARTIJEN, base=base, minimum=3)
        for i in ids:
            ans[i]["partijen"] = part[i]
        assert sum("gemeente" in part[i] for i in ids) == 107
        assert sum("zorgverzekeraar" in part[i] for i in ids) == 79
        # VWS-interventies: 81 met minstens één; 35 beantwoord zonder vinkje
        any_vws = sorted(R.sample(ids, 81))
        vws = self.allocate(
            any_vws,
            {"welzijn_op_recept": 58, "gli": 36, "valpreventie": 34, "kinderen_overgewicht": 28, "diabetes": 28},
            VWS,
            minimum=1,
        )
        for i in ids:
            ans[i]["vws_interventies"] = vws.get(i, [])
        gli_ids = sorted(i for i in ids if "gli" in ans[i]["vws_interventies"])
        assert len(gli_ids) == 36
        # GLI-programma's: 26 erkend (13/18/11), 12 'anders' (10 alleen anders + 2 naast erkend)
        erkend = sorted(R.sample(gli_ids, 26))
        gp = self.allocate(erkend, {"beweegkuur": 13, "cool": 18, "slimmer": 11}, GLI, minimum=1)
        also_anders = set(R.sample(erkend, 2))
        for i in gli_ids:
            if i in gp:
                ans[i]["gli_programmas"] = ordered(GLI, gp[i] + (["anders"] if i in also_anders else []))
            else:
                ans[i]["gli_programmas"] = ["anders"]
        non_gli_a = [i for i in ids if i not in gli_ids and src[i] == 2020]
        (stray,) = R.sample(non_gli_a, 1)
        ans[stray]["gli_programmas"] = ["cool"]  # beantwoord zonder GLI: telt niet in de noemer
        self.note("gli_set_zonder_gli", stray)
        # afspraken en financiering: alleen bij informele/formele afspraken (49)
        afst = sorted(i for i in ids if cat[i][0] in ("informele_afspraken", "formele_afspraken"))
        assert len(afst) == 49
        afst_a = [i for i in afst if src[i] == 2020]
        miss_wn, miss_leeg = R.sample(afst_a, 2)
        self.note("afspraken_weet_niet", miss_wn)
        self.note("afspraken_leeg", miss_leeg)
        rest = [i for i in afst if i not in (miss_wn, miss_leeg)]
        vals = expand([("beide", 29), ("inhoud", 12), ("financiering", 6)])
        R.shuffle(vals)
        for i, v in zip(rest, vals, strict=True):
            ans[i]["afspraken"] = v
        ans[miss_wn]["afspraken"] = WN
        fin_skip = [miss_leeg] + R.sample([i for i in afst_a if i not in (miss_wn, miss_leeg)], 2)
        for i in sorted(fin_skip):
            self.note("financiering_leeg", i)
        fin_ids = [i for i in afst if i not in fin_skip]
        fin = self.allocate(
            fin_ids,
            {"wmo": 31, "zvw": 27, "wpg": 15, "overig": 8},
            FIN,
            minimum=1,
            donors_ok=lambda o, h: o != "overig" or src[h] == 2020,
        )
        for i in fin_ids:
            ans[i]["financiering"] = fin[i]
        # doelgroepen: 4 onbeantwoord (2020-antwoorden); alle_inwoners alleen in 2020 gevraagd
        doel_skip = R.sample([i for i in ids if src[i] == 2020], 4)
        for i in sorted(doel_skip):
            self.note("doelgroepen_leeg", i)
        doel_ids = [i for i in ids if i not in doel_skip]
        doel = self.allocate(
            doel_ids,
            {
                "ouderen": 80,
                "psychisch": 56,
                "jongeren": 49,
                "overgewicht": 46,
                "lage_ses": 41,
                "mantelzorgers": 31,
                "onderwijs": 25,
                "alle_inwoners": 27,
            },
            DOEL,
            minimum=1,
            donors_ok=lambda o, h: o != "alle_inwoners" or src[h] == 2020,
        )
        for i in doel_ids:
            ans[i]["doelgroepen"] = doel[i]
        for x in recs:
            x.ans[src[x.id]] = ans[x.id]

    def build_other_answers(self) -> None:
        for x in sorted(self.inits, key=lambda x: x.id):
            if x.r20 == "B":
                x.ans[2020] = self.random_answers(2020, fail=x.fail[2020])
            if x.r19 == "incl" and 2019 not in x.ans:
                x.ans[2019] = self.random_answers(2019, cat=x.cat[2019])
            if x.r19 == "excl":
                x.ans[2019] = self.random_answers(2019, fail=x.fail[2019])

    def calibrate_2019(self) -> None:
        """De brief over 2019: gemeente aangehaakt 90%, zorgverzekeraar 77%, in de partijenlijst
        (zorgverzekeraar 73 van 95) en in de betrokkenheidsvragen (gemeente 85 van 94).

        Na de willekeurige trekkingen en volgens vaste regels, zonder de random stream te raken:
        ids, inzendingsnummers en alles van 2020 blijven gelijk. Alleen records die 2020 niet
        overneemt veranderen, en geen enkel record verandert van categorie.
        """
        own = sorted((x for x in self.inits if x.r19 == "incl" and x.r20 != "over"), key=lambda x: x.id)

        def ticked(option: str) -> int:
            return sum(option in x.ans[2019]["partijen"] for x in self.inits if x.r19 == "incl")

        # Gemeente betrokken: 86 ja van 94 (91%) wordt 85 van 94 (90%). Bij elk ander record
        # verschuift 'nee' de categorie; een preventiecoalitie blijft formeel (regel R1). Het is de
        # coalitie die in 2020 niet meer bestaat, zodat 2020 haar antwoorden nergens gebruikt.
        (coal,) = [x for x in own if x.coalition(2019) and x.r20 not in ("A", "over")]
        a = coal.ans[2019]
        a["gemeente_betrokken"] = "nee"
        a["samenwerking"] = a["afspraken"] = a["financiering"] = None  # routing: niet gevraagd
        a["partijen"] = [o for o in a["partijen"] if o != "gemeente"]
        assert len(a["partijen"]) >= 3  # E3 blijft gehaald
        self.note("kalibratie_2019_gemeente_nee", coal.id)
        # de gemeente blijft 85 keer aangevinkt: eerst waar de gemeente wél betrokken is
        for x in own:
            if ticked("gemeente") >= 85:
                break
            if x.ans[2019]["gemeente_betrokken"] == "ja" and "gemeente" not in x.ans[2019]["partijen"]:
                x.ans[2019]["partijen"] = ordered(PARTIJEN, x.ans[2019]["partijen"] + ["gemeente"])
                self.note("kalibratie_2019_gemeente_vinkje", x.id)
        # Zorgverzekeraar in de partijenlijst: 66 wordt 73. Eerst de records die de zorgverzekeraar
        # betrokken noemen maar niet aanvinkten (minder tegenspraak); twee zulke records neemt 2020
        # over, dus de rest gaat naar records met alleen de gemeente betrokken (laagste ids), die
        # daarmee hun 'nee' tegenspreken (partijenlijst_wijkt_af).
        has_z = [x for x in own if x.ans[2019]["zorgverzekeraar_betrokken"] == "ja"]
        only_g = [x for x in own if x.cat[2019] == ("alleen_een", "G")]
        for x in has_z + only_g:
            if ticked("zorgverzekeraar") >= 73:
                break
            if "zorgverzekeraar" not in x.ans[2019]["partijen"]:
                x.ans[2019]["partijen"] = ordered(PARTIJEN, x.ans[2019]["partijen"] + ["zorgverzekeraar"])
                self.note("kalibratie_2019_zorgverzekeraar_vinkje", x.id)
        assert ticked("gemeente") == 85 and ticked("zorgverzekeraar") == 73

    # -- namen en gemeenten -------------------------------------------------------------------------
    SPECIAL = [  # (naam, gemeente, waar)
        ("Preventieakkoord Regio Twente", "Enschede", "handmatig_afkorting"),
        ("Welzijn op Recept Almere", "Almere", "handmatig_dubbelzinnig"),
        ("Welzijn op Recept Almelo", "Almelo", "inv20"),
        ("Welzijn op Recept Kerkrade", "Kerkrade", "any"),
        ("Welzijn op Recept Friesland", "Leeuwarden", "any"),
        ("Welzijn op Recept Rotterdam-Zuid", "Rotterdam", "any"),
        ("Valpreventie Drechtsteden", "Dordrecht", "any"),
        ("JOGG Almere", "Almere", "token_wint"),
        ("Gezond Leven Zwolle", "Zwolle", "resp20"),
        ("Samen Fit in de Wijk Kanaleneiland", "Utrecht", "resp20"),
        ("Gezond Zeeuws-Vlaanderen", "Terneuzen", "any"),
        ("Samen Gezond Achterhoek", "Doetinchem", "any"),
        ("Zorgzaam Westfriesland", "Hoorn", "any"),
        ("Vitaal Vechtdal", "Hardenberg", "any"),
        ("Gezonde Regio Noord-Limburg", "Venlo", "any"),
        ("Preventienetwerk Gooi en Vechtstreek", "Hilversum", "any"),
        ("Gezond Leven Rivierenland", "Tiel", "any"),
        ("Samen Oud Worden Midden-Limburg", "Roermond", "any"),
        ("Gezonde Hoeksche Waard", "Hoeksche Waard", "any"),
        ("Gezond Groene Hart", "Gouda", "any"),
        ("Preventiecoalitie Zaanstreek-Waterland", "Zaanstad", "C05"),
        ("Gezonde Peel", "Helmond", "any"),
        ("Krimpenerwaard Vitaal", "Krimpenerwaard", "any"),
        ("Gezond Goeree-Overflakkee", "Goeree-Overflakkee", "any"),
        ("Gezond Ouder Worden Súdwest-Fryslân", "Súdwest-Fryslân", "naam_accent"),
        ("Samen Gezond, Samen Sterk Emmen", "Emmen", "any"),
        ("Preventieakkoord 's-Hertogenbosch", "'s-Hertogenbosch", "naam_apostrof"),
        ("Fit & Vitaal Noardeast-Fryslân", "Noardeast-Fryslân", "naam_ampersand"),
        ("Meerjarenprogramma Psychisch Kwetsbare Personen Groningen", "Groningen", "C01"),
    ]
    TEMPLATES = [
        "Gezond Leven {p}",
        "Samen Fit {p}",
        "JOGG {p}",
        "Valpreventie {p}",
        "Lokaal Preventieakkoord {p}",
        "Gezond in {p}",
        "Netwerk Kwetsbare Ouderen {p}",
        "Positieve Gezondheid {p}",
        "Gezonde Wijk {p}",
        "Krachtig Ouder Worden {p}",
        "Samen Sterk in {p}",
        "Gezond Gewicht {p}",
        "GLI-netwerk {p}",
        "Mentaal Gezond {p}",
        "Eenzaamheid Voorkomen {p}",
        "Armoede en Gezondheid {p}",
        "Kansrijke Start {p}",
        "Leefstijlloket {p}",
        "Ketenaanpak Diabetes {p}",
        "Blijf Staan {p}",
        "Beweegnetwerk {p}",
        "Vitaal Ouder Worden {p}",
        "Wijkteam Preventie {p}",
        "Sociaal Vitaal {p}",
        "Huisarts en Wijk {p}",
        "Zorg voor Elkaar {p}",
        "Gezonde Jeugd {p}",
        "Buurtcirkel {p}",
        "Preventiehuis {p}",
        "Welzijnsnetwerk {p}",
        "Gezondheidsnetwerk {p}",
        "Dementievriendelijk {p}",
        "Stevig Staan {p}",
        "Zorgzame Buurt {p}",
        "Vitale Wijk {p}",
        "Sportief Actief {p}",
        "Samen Bewegen {p}",
        "Ouder en Wijzer {p}",
        "Kwetsbaar Thuis {p}",
        "Gezond Opgroeien {p}",
        "Leefstijl op Recept {p}",
        "Preventie Samen {p}",
        "Vitaal Thuis {p}",
    ]
    DISTRICTS = {
        "Amsterdam": [
            "Amsterdam",
            "Amsterdam-Noord",
            "Amsterdam Zuidoost",
            "Amsterdam Nieuw-West",
            "Amsterdam-Oost",
            "Amsterdam West",
            "Amsterdam Centrum",
            "Amsterdam-Zuid",
        ],
        "Rotterdam": [
            "Rotterdam",
            "Rotterdam-Zuid",
            "Feijenoord",
            "Charlois",
            "Delfshaven",
            "IJsselmonde",
            "Rotterdam-Noord",
            "Hillegersberg-Schiebroek",
            "Prins Alexander",
        ],
        "'s-Gravenhage": [
            "Den Haag",
            "Escamp",
            "Laak",
            "Schilderswijk",
            "Transvaal",
            "Moerwijk",
            "Den Haag Zuidwest",
            "Scheveningen",
            "Segbroek",
        ],
        "Utrecht": ["Utrecht", "Overvecht", "Kanaleneiland", "Leidsche Rijn", "Zuilen", "Utrecht-Oost", "Lunetten"],
        "Groningen": ["Groningen", "Vinkhuizen", "Selwerd", "Beijum", "Groningen-Zuid"],
        "Eindhoven": ["Eindhoven", "Woensel", "Gestel", "Strijp", "Tongelre"],
        "Tilburg": ["Tilburg", "Tilburg-Noord", "Reeshof"],
        "Almere": ["Almere", "Almere Haven", "Almere Buiten"],
        "Nijmegen": ["Nijmegen", "Nijmegen-Oost", "Dukenburg"],
        "Breda": ["Breda", "Breda-Noord"],
        "Enschede": ["Enschede", "Enschede-Zuid"],
    }
    DISPLAY = {
        "'s-Gravenhage": "Den Haag",
        "Bergen (L.)": "Bergen",
        "Bergen (NH.)": "Bergen",
        "Nuenen, Gerwen en Nederwetten": "Nuenen",
    }
    QUOTA_AN = {
        "Amsterdam": 9,
        "Rotterdam": 7,
        "'s-Gravenhage": 5,
        "Utrecht": 5,
        "Groningen": 4,
        "Eindhoven": 3,
        "Tilburg": 3,
        "Almere": 3,
        "Nijmegen": 3,
        "Breda": 2,
        "Arnhem": 2,
        "Haarlem": 2,
        "Zwolle": 2,
        "Maastricht": 2,
        "Leeuwarden": 2,
        "Apeldoorn": 2,
        "Amersfoort": 2,
        "Heerlen": 2,
        "Enschede": 2,
    }
    QUOTA_OT = {
        "Amsterdam": 11,
        "Rotterdam": 9,
        "'s-Gravenhage": 8,
        "Utrecht": 7,
        "Groningen": 4,
        "Eindhoven": 5,
        "Tilburg": 3,
        "Almere": 3,
        "Nijmegen": 2,
        "Breda": 3,
        "Enschede": 3,
        "Arnhem": 2,
        "Haarlem": 2,
        "Zwolle": 1,
        "Maastricht": 2,
        "Leeuwarden": 2,
        "Apeldoorn": 2,
        "Amersfoort": 2,
        "Heerlen": 2,
        "Zoetermeer": 2,
        "Leiden": 3,
        "Delft": 2,
        "Deventer": 2,
        "Dordrecht": 2,
        "Oss": 2,
        "Sittard-Geleen": 2,
        "Assen": 2,
        "Ede": 2,
        "Westland": 2,
    }

    def build_names(self) -> None:
        R = self.R
        used: set[str] = set()
        resp20 = lambda x: x.r20 in ("A", "B")  # noqa: E731
        for naam, gem, where in self.SPECIAL:
            if where.startswith("C"):
                x = self.coal[where]
            elif where == "any":
                (x,) = self.pick(lambda x: not x.coal_code and not x.special, 1, used)
            elif where == "inv20":
                (x,) = self.pick(lambda x: x.r20 != "weg" and not x.coal_code and not x.special, 1, used)
            elif where == "token_wint":
                (x,) = self.pick(lambda x: x.r20 in ("A", "B") and not x.coal_code, 1, used)
            else:  # responders 2020 die voor een koppelgeval nodig zijn
                (x,) = self.pick(lambda x: resp20(x) and not x.coal_code and not x.special, 1, used)
            used.add(x.id)
            x.naam, x.statcode, x.special = naam, self.gm_by_name[gem], where
        # gemeenten van de overige initiatieven: grote steden vaker (quota), daarna willekeurig
        analysed = lambda x: x.r20 in ("A", "over")  # noqa: E731
        for group, quota, distinct in ((True, self.QUOTA_AN, True), (False, self.QUOTA_OT, False)):
            todo = sorted((x for x in self.inits if analysed(x) == group and not x.statcode), key=lambda x: x.id)
            R.shuffle(todo)
            left = dict(quota)
            for x in self.inits:
                if x.statcode and analysed(x) == group and self.gm[x.statcode] in left:
                    left[self.gm[x.statcode]] -= 1
            slots = []
            for city, n in left.items():
                slots += [self.gm_by_name[city]] * max(n, 0)
            taken = {x.statcode for x in self.inits if x.statcode and analysed(x) == group}
            rest_codes = [c for c in self.gm if self.gm[c] not in quota and c not in taken]
            n_rest = len(todo) - len(slots)
            extra = R.sample(rest_codes, n_rest) if distinct else [R.choice(rest_codes) for _ in range(n_rest)]
            for x, code in zip(todo, slots + extra, strict=True):
                x.statcode = code
        # namen: sjabloon + plaats(deel); uniek en onderling niet te dicht bij elkaar
        taken_names = {normalise(x.naam) for x in self.inits if x.naam}
        for x in sorted(self.inits, key=lambda x: x.id):
            if not x.naam:
                x.naam = self.fresh_name(x.statcode, taken_names)
                taken_names.add(normalise(x.naam))
        self.fix_close_names(taken_names)

    def place(self, statcode: str) -> str:
        city = self.gm[statcode]
        if city in self.DISTRICTS:
            return self.R.choice(self.DISTRICTS[city])
        return self.DISPLAY.get(city, city)

    def fresh_name(self, statcode: str, taken: set[str]) -> str:
        for _ in range(1000):
            name = self.R.choice(self.TEMPLATES).format(p=self.place(statcode))
            if normalise(name) not in taken:
                return name
        raise RuntimeError("geen vrije naam")

    DELIBERATE_CLOSE = {frozenset({"Welzijn op Recept Almere", "Welzijn op Recept Almelo"})}

    def fix_close_names(self, taken: set[str]) -> None:
        """Geen twee (niet bedoeld) gelijkende namen: token_sort_ratio < 86 voor elk paar."""
        for _ in range(200):
            inits = sorted(self.inits, key=lambda x: x.id)
            norms = [normalise(x.naam) for x in inits]
            m = process.cdist(norms, norms, scorer=fuzz.token_sort_ratio, workers=1)
            np.fill_diagonal(m, 0)
            bad = [
                (i, j)
                for i, j in zip(*np.nonzero(m >= 86))
                if i < j and frozenset({inits[i].naam, inits[j].naam}) not in self.DELIBERATE_CLOSE
            ]
            if not bad:
                return
            for i, j in bad:
                x = inits[j] if not inits[j].special else inits[i]
                if x.special:
                    raise RuntimeError(f"speciale namen te dicht bij elkaar: {inits[i].naam} / {inits[j].naam}")
                taken.discard(normalise(x.naam))
                x.naam = self.fresh_name(x.statcode, taken)
                taken.add(normalise(x.naam))
        raise RuntimeError("namen blijven te dicht bij elkaar")

    # -- inventarisaties ------------------------------------------------------------------------
    def build_inventory_meta(self) -> None:
        R = self.R
        for x in sorted(self.inits, key=lambda x: x.id):
            if x.in_year(2019):
                x.bron[2019] = R.choices(["vorige_inventarisatie", "sleutelfiguur", "overig"], [68, 24, 8])[0]
                if x.r19 in ("incl", "excl"):
                    x.bestaat[2019] = ""
                else:
                    x.bestaat[2019] = R.choices(["ja", "nee", "onbekend", ""], [72, 5, 9, 14])[0]
        new = sorted((x for x in self.inits if x.r19 == "nieuw"), key=lambda x: x.id)
        bronnen = expand([("zonmw_jzojp", 30), ("sleutelfiguur", 28), ("overig", 13)])
        R.shuffle(bronnen)
        for x, b in zip(new, bronnen, strict=True):
            x.bron[2020] = b
        for x in self.inits:
            if x.r19 != "nieuw" and x.r20 != "weg":
                x.bron[2020] = "vorige_inventarisatie"
        onb = sorted((x for x in self.inits if x.r20 == "onb"), key=lambda x: x.id)
        onb_vorig = [x for x in onb if x.r19 != "nieuw"]
        onb_nieuw = [x for x in onb if x.r19 == "nieuw"]
        labels = {}
        for grp, n_onbekend in ((onb_vorig, 6), (onb_nieuw, 4)):
            vals = ["onbekend"] * n_onbekend + [""] * (len(grp) - n_onbekend)
            R.shuffle(vals)
            labels.update({x.id: v for x, v in zip(grp, vals, strict=True)})
        for x in self.inits:
            if x.r20 in ("A", "B", "weg"):
                x.bestaat[2020] = ""
            elif x.r20 == "bn":
                x.bestaat[2020] = "nee"
            elif x.r20 == "onb":
                x.bestaat[2020] = labels[x.id]
            else:
                x.bestaat[2020] = "ja"

    # -- contactpersonen (PII) ------------------------------------------------------------------
    FIRST = [
        "Anouk",
        "Bram",
        "Carlijn",
        "Daan",
        "Eline",
        "Floor",
        "Gijs",
        "Hanneke",
        "Ilse",
        "Joost",
        "Kim",
        "Lotte",
        "Maarten",
        "Nadia",
        "Oscar",
        "Petra",
        "Quinten",
        "Roos",
        "Sander",
        "Tessa",
        "Ursula",
        "Vincent",
        "Wendy",
        "Xander",
        "Yvonne",
        "Zeger",
        "Annemiek",
        "Bas",
        "Charlotte",
        "Dirk",
        "Esther",
        "Frank",
        "Gerda",
        "Hugo",
        "Inge",
        "Jeroen",
        "Karin",
        "Lars",
        "Marieke",
        "Niels",
        "Olga",
        "Pieter",
        "Renske",
        "Stijn",
        "Thijs",
        "Vera",
        "Wouter",
        "Yara",
        "Mirjam",
        "Ruud",
        "Sjoerd",
        "Femke",
        "Jolien",
        "Koen",
        "Loes",
        "Merel",
        "Noor",
        "Rik",
        "Sara",
        "Tim",
    ]
    LAST = [
        "Jansen",
        "de Vries",
        "van den Berg",
        "Bakker",
        "Visser",
        "Smit",
        "Meijer",
        "de Boer",
        "Mulder",
        "de Groot",
        "Bos",
        "Vos",
        "Peters",
        "Hendriks",
        "van Leeuwen",
        "Dekker",
        "Brouwer",
        "de Wit",
        "Dijkstra",
        "Smits",
        "de Graaf",
        "van der Meer",
        "van der Linden",
        "Kok",
        "Jacobs",
        "de Haan",
        "Vermeulen",
        "van den Heuvel",
        "van der Veen",
        "van den Broek",
        "de Bruijn",
        "de Jong",
        "Schouten",
        "Willems",
        "van Dijk",
        "Hoekstra",
        "Koster",
        "Verhoeven",
        "Prins",
        "Blom",
        "Huisman",
        "Postma",
        "Kuipers",
        "van Beek",
        "Wolters",
        "Timmermans",
        "Groen",
        "Gerritsen",
        "Maas",
        "Verbeek",
        "Kramer",
        "Lambers",
        "Sluiter",
        "Zwart",
        "Hofman",
        "Evers",
        "Molenaar",
        "Veenstra",
        "Wijnands",
        "Oosterhuis",
    ]
    DOMAINS = [
        "voorbeeld-gemeente.nl",
        "voorbeeld-ggd.nl",
        "voorbeeld-welzijn.nl",
        "voorbeeld-zorggroep.nl",
        "voorbeeld-huisartsen.nl",
        "voorbeeld-zorgverzekeraar.nl",
        "voorbeeld-thuiszorg.nl",
    ]

    def new_contact(self) -> tuple[str, str, str]:
        R = self.R
        for _ in range(10000):
            first, last = R.choice(self.FIRST), R.choice(self.LAST)
            name = f"{first} {last}"
            if name in self.pii_names:
                continue
            slug = strip_accents(last).lower().replace(" ", "")
            email = f"{first[0].lower()}.{slug}@{R.choice(self.DOMAINS)}"
            k = 2
            while email in self.pii_emails:
                email = f"{first[0].lower()}.{slug}{k}@{email.split('@')[1]}"
                k += 1
            phone = f"06-{R.randrange(10**7, 10**8)}"
            if phone in self.pii_phones:
                continue
            self.pii_names.add(name)
            self.pii_emails.add(email)
            self.pii_phones.add(phone)
            return name, email, phone
        raise RuntimeError("geen contactpersoon")

    def build_contacts(self) -> None:
        self.pii_names, self.pii_emails, self.pii_phones = set(), set(), set()
        for x in sorted(self.inits, key=lambda x: x.id):
            if x.in_year(2019):
                x.contact[2019] = self.new_contact()
            if x.in_year(2020):
                if 2019 in x.contact and self.R.random() < 0.7:
                    x.contact[2020] = x.contact[2019]
                else:
                    x.contact[2020] = self.new_contact()

    REMARKS = [
        "Voor meer informatie kunt u contact opnemen met {naam} via {tel}.",
        "{naam} is sinds dit jaar projectleider; de vorige coördinator is vertrokken.",
        "Onze ervaringen deel ik graag in een interview, met vriendelijke groet, {naam}.",
        "De vragenlijst is ingevuld door {naam} namens de stuurgroep.",
        "Mail gerust naar {email} als er iets onduidelijk is in onze antwoorden.",
        "Bel bij vragen na 14.00 uur naar {tel} ({naam}).",
    ]

    def remark(self, contact) -> str:
        naam, email, tel = contact
        return self.R.choice(self.REMARKS).format(naam=naam, email=email, tel=tel)


# --- inzendingen ----------------------------------------------------------------------------------


@dataclass
class Sub:
    year: int
    init: str | None  # bedoeld initiatief (None bij ongekoppeld)
    token: str
    naam: str
    completed: bool
    ans: dict
    start: datetime
    finish: datetime | None
    pii: tuple = ("", "", "", "")
    rol: str = "gekozen"  # gekozen | dubbel | onbruikbaar | ongekoppeld | negeer
    link: str = "token"  # verwachte koppelmethode
    sid: object = None
    tags: list = field(default_factory=list)


class Submissions:
    """Inzendingen van één jaar opbouwen, met de randgevallen van koppelen en respons."""

    def __init__(self, gen: Generator, year: int):
        self.g, self.year, self.q = gen, year, QUEST[year]
        self.R = gen.R
        self.subs: list[Sub] = []
        self.inv = sorted((x for x in gen.inits if x.in_year(year)), key=lambda x: x.id)
        self.inv_ids = {x.id for x in self.inv}
        self.inv_norm = [normalise(x.naam) for x in self.inv]
        lo = datetime(year, 10, 12 if year == 2020 else 7, 8, 0)
        hi = datetime(year, 11, 27 if year == 2020 else 30, 18, 0)
        self.window = (lo, hi)

    def when(self) -> datetime:
        """Een starttijd in de veldwerkperiode, overdag of 's avonds."""
        lo, hi = self.window
        day = lo + timedelta(days=self.R.randrange((hi - lo).days))
        t = day.replace(
            hour=self.R.randrange(8, 22),
            minute=self.R.randrange(60),
            second=0 if self.year == 2019 else self.R.randrange(60),
        )
        return t

    def duration(self) -> timedelta:
        return timedelta(minutes=self.R.randrange(9, 55), seconds=0 if self.year == 2019 else self.R.randrange(60))

    def pii_for(self, x: Init | None, contact=None, completed=True) -> tuple:
        if not completed:
            return ("", "", "", "")
        contact = contact or x.contact[self.year]
        remark = self.g.remark(contact) if (self.year == 2020 and self.R.random() < 0.3) else ""
        return (*contact, remark)

    def add(
        self,
        x: Init | None,
        ans: dict,
        *,
        completed=True,
        rol="gekozen",
        token=None,
        naam=None,
        link="token",
        start=None,
        finish="auto",
        contact=None,
        tags=(),
    ) -> Sub:
        start = start or self.when()
        if finish == "auto":
            finish = start + self.duration() if completed else None
        sub = Sub(
            self.year,
            x.id if x else None,
            x.id if token is None and x else (token or ""),
            naam if naam is not None else self.typed_name(x),
            completed,
            ans,
            start,
            finish,
            self.pii_for(x, contact, completed),
            rol,
            link,
            tags=list(tags),
        )
        self.subs.append(sub)
        return sub

    def typed_name(self, x: Init) -> str:
        """Met token typt een respondent de naam vrij; meestal exact, soms anders."""
        R = self.R
        r = R.random()
        if r < 0.72:
            return x.naam
        if r < 0.82:
            return x.naam.lower()
        if r < 0.90:
            return x.naam + " (netwerk)"
        return " ".join(w for w in x.naam.split() if w.lower() not in ("in", "op", "en", "de"))

    # -- naamvarianten, gecontroleerd met rapidfuzz zoals de pipeline koppelt -------------------
    def scores(self, name: str) -> np.ndarray:
        return process.cdist([normalise(name)], self.inv_norm, scorer=fuzz.token_sort_ratio, workers=1)[0]

    def expect(self, name: str) -> tuple[str, str | None, float]:
        """Wat de naamstappen van de koppelstap met deze naam doen: (methode, id, score)."""
        norm = normalise(name)
        exact = [x.id for x, n in zip(self.inv, self.inv_norm) if n == norm]
        if len(exact) == 1:
            return "naam", exact[0], 100.0
        sc = self.scores(name)
        order = np.argsort(-sc, kind="stable")
        best, second = sc[order[0]], sc[order[1]]
        if not exact and best >= FUZZY_THRESHOLD and best - second >= FUZZY_MARGIN:
            return "fuzzy", self.inv[order[0]].id, float(best)
        return "ongekoppeld", None, float(best)

    def naam_variant(self, x: Init, kind: str) -> str:
        n = x.naam
        if kind == "exact":
            v = n
        elif kind == "lower":
            v = n.lower()
        elif kind == "upper":
            v = n.upper()
        elif kind == "spaties":
            v = "  " + n.replace(" ", "   ", 1) + " "
        elif kind == "punt":
            v = n + "."
        elif kind == "quotes":
            v = f"\u201c{n}\u201d"
        elif kind == "accent":
            v = strip_accents(n)
        elif kind == "apostrof":
            v = n.replace("'s-", "\u2018s-")
        elif kind == "ampersand":
            v = strip_accents(n).replace(" & ", " &").lower()
        else:
            raise KeyError(kind)
        return v

    def typo(self, x: Init) -> str:
        """Tikfout die fuzzy (>= 90, uniek, >= 5 boven de tweede) naar x koppelt; ruime marge."""
        R = self.R
        n = x.naam
        for _ in range(500):
            letters = [i for i, c in enumerate(n) if c.isalpha() and i > 0]
            i = R.choice(letters)
            op = R.choice(["del", "swap", "dup", "sub"])
            if op == "del":
                v = n[:i] + n[i + 1 :]
            elif op == "swap" and i + 1 < len(n) and n[i + 1].isalpha():
                v = n[:i] + n[i + 1] + n[i] + n[i + 2 :]
            elif op == "dup":
                v = n[:i] + n[i] + n[i:]
            elif op == "sub":
                v = n[:i] + R.choice("aeiounrst") + n[i + 1 :]
            else:
                continue
            if normalise(v) == normalise(n):
                continue
            method, target, score = self.expect(v)
            if method != "fuzzy" or target != x.id or score < 92:
                continue
            sc = sorted(self.scores(v), reverse=True)
            if sc[0] - sc[1] < 10:
                continue
            return v
        raise RuntimeError(f"geen bruikbare tikfout voor {n}")

    def check(self, sub: Sub) -> None:
        """Controleer de bedoelde koppeling van één inzending met de regels van de koppelstap."""
        if sub.link == "handmatig":
            # zonder koppelbestand zou deze inzending ongekoppeld blijven
            assert sub.token not in self.inv_ids and self.expect(sub.naam)[0] == "ongekoppeld", sub.naam
            if "handmatig_dubbelzinnig" in sub.tags:  # twee kandidaten >= 90, minder dan 5 punten uiteen
                top = sorted(self.scores(sub.naam), reverse=True)[:3]
                assert top[0] >= FUZZY_THRESHOLD and top[1] >= FUZZY_THRESHOLD and top[0] - top[1] < FUZZY_MARGIN
                assert top[2] < FUZZY_THRESHOLD
            return
        if sub.link == "negeer":
            # het token is wél een inventaris-id: alleen het koppelbestand houdt de test buiten de analyse
            assert sub.token in self.inv_ids
            return
        if sub.token in self.inv_ids:
            assert sub.link == "token" and sub.init == sub.token, sub
            return
        method, target, score = self.expect(sub.naam)
        assert (method, target) == (sub.link, sub.init), (sub.naam, method, target, score, sub.link, sub.init)


def hyphen_space_variant(name: str) -> str | None:
    for i, c in enumerate(name):
        if c == "-" and 0 < i < len(name) - 1 and name[i - 1].isalpha() and name[i + 1].isalpha():
            return name[:i] + " " + name[i + 1 :]
    return None


def build_submissions_2020(g: Generator) -> tuple[list[Sub], list[tuple[str, str]]]:
    S = Submissions(g, 2020)
    R = g.R
    year = 2020
    q = S.q
    resp = sorted((x for x in g.inits if x.r20 in ("A", "B")), key=lambda x: x.id)
    assert len(resp) == 195
    reserved: set[str] = set()

    def take(pred, n):
        chosen = R.sample([x for x in resp if pred(x) and x.id not in reserved and not x.special], n)
        reserved.update(x.id for x in chosen)
        return chosen

    # bruikbare gedeeltelijke inzendingen (status 2, de vier inclusievragen wel beantwoord)
    partial_a = take(lambda x: x.r20 == "A" and x.cat[2020][0] == "alleen_een", 2)
    partial_b = take(
        lambda x: x.r20 == "B" and inclusion_answered(x.ans[2020]) and x.ans[2020]["vws_interventies"] is not None, 4
    )
    # dubbele inzendingen
    d_tie_date = take(lambda x: x.r20 == "A" and x.cat[2020] == ("formele_afspraken", ""), 1)[0]
    d_tie_id = take(lambda x: x.r20 == "A" and not x.coal_code, 1)[0]
    d_triple = take(lambda x: x.r20 == "A", 1)[0]
    d_other = take(lambda x: True, 5)
    unusable_extra = take(lambda x: True, 4)
    negeer_target = take(lambda x: x.r20 == "A", 1)[0]
    nieuw_token = take(lambda x: True, 1)[0]
    naam_subs = take(lambda x: True, 10)
    fuzzy_subs = take(lambda x: len(x.naam) >= 18, 6)
    fuzzy_hyphen = next(
        x
        for x in R.sample(resp, len(resp))
        if x.id not in reserved
        and not x.special
        and hyphen_space_variant(x.naam)
        and S.expect(hyphen_space_variant(x.naam))[:2] == ("fuzzy", x.id)
    )
    reserved.add(fuzzy_hyphen.id)

    specials = {x.special: x for x in g.inits if x.special}
    t = lambda: S.when()  # noqa: E731

    for x in resp:
        ans = x.ans[year]
        if x is negeer_target:
            continue  # hieronder, samen met de testinzending
        if x in partial_a:
            S.add(x, truncate(ans, q, "zorgverzekeraar_betrokken"), completed=False, tags=["bruikbaar_gedeeltelijk"])
            continue
        if x in partial_b:
            S.add(x, truncate(ans, q, "vws_interventies"), completed=False, tags=["bruikbaar_gedeeltelijk"])
            continue
        if x.special == "handmatig_afkorting":
            S.add(x, ans, token="", naam="PA Twente", link="handmatig", tags=["handmatig_afkorting"])
            continue
        if x.special == "handmatig_dubbelzinnig":
            S.add(x, ans, token="", naam="Welzijn op Recept Alm.", link="handmatig", tags=["handmatig_dubbelzinnig"])
            continue
        if x.special in ("naam_accent", "naam_apostrof", "naam_ampersand"):
            kind = {"naam_accent": "accent", "naam_apostrof": "apostrof", "naam_ampersand": "ampersand"}[x.special]
            S.add(x, ans, token="", naam=S.naam_variant(x, kind), link="naam", tags=[f"naam_{kind}"])
            continue
        if x.special == "token_wint":
            # token is een inventaris-id, de getypte naam is precies die van een ander initiatief
            S.add(x, ans, naam=specials["handmatig_dubbelzinnig"].naam, tags=["token_wint_van_naam"])
            continue
        if x is nieuw_token:
            S.add(x, ans, token="NI-9999", naam=x.naam, link="naam", tags=["token_onbekend"])
            continue
        if x in naam_subs:
            kinds = ["exact", "exact", "lower", "lower", "upper", "spaties", "punt", "quotes", "spaties", "upper"]
            kind = kinds[naam_subs.index(x)]
            S.add(x, ans, token="", naam=S.naam_variant(x, kind), link="naam", tags=[f"naam_{kind}"])
            continue
        if x in fuzzy_subs:
            S.add(x, ans, token="", naam=S.typo(x), link="fuzzy", tags=["fuzzy_tikfout"])
            continue
        if x is fuzzy_hyphen:
            # 'Amsterdam-Noord' getypt als 'Amsterdam Noord': na normalisatie niet gelijk
            # (leesteken verdwijnt, wordt geen spatie), dus koppeling via fuzzy
            S.add(x, ans, token="", naam=hyphen_space_variant(x.naam), link="fuzzy", tags=["fuzzy_streepje"])
            continue
        if x is d_tie_date:
            # gelijk aantal antwoorden; de gekozen inzending is later afgerond maar heeft het lagere id
            t0 = t()
            other = dict(ans, samenwerking="informeel")
            assert count_answers(other, q) == count_answers(ans, q)
            S.add(x, ans, start=t0 - timedelta(days=1), finish=t0 + timedelta(days=2), tags=["gelijkspel_datum"])
            S.add(x, other, rol="dubbel", start=t0, finish=t0 + timedelta(minutes=21), tags=["gelijkspel_datum"])
            continue
        if x is d_tie_id:
            # gelijk aantal antwoorden en identiek afgerond_op: het hoogste respondent_id wint
            t0 = t()
            fin = t0 + timedelta(minutes=30)
            flip = "huisarts_poh"
            other_part = [o for o in PARTIJEN if (o in ans["partijen"]) != (o == flip)]
            other = dict(ans, partijen=other_part)
            assert count_answers(other, q) == count_answers(ans, q)
            S.add(x, other, rol="dubbel", start=t0, finish=fin, tags=["gelijkspel_id"])
            S.add(x, ans, start=t0 + timedelta(minutes=4), finish=fin, tags=["gelijkspel_id"])
            continue
        if x is d_triple:
            t0 = t()
            S.add(x, ans, start=t0, tags=["drie_inzendingen"])
            fewer = dict(ans, doelgroepen=None, vws_interventies=None, gli_programmas=None)
            S.add(
                x,
                fewer,
                rol="dubbel",
                start=t0 + timedelta(days=3),
                tags=["drie_inzendingen", "later_minder_antwoorden"],
            )
            S.add(
                x,
                truncate(ans, q, "n_interventies"),
                completed=False,
                rol="dubbel",
                start=t0 - timedelta(days=2),
                tags=["drie_inzendingen", "gedeeltelijk_bruikbaar_dubbel"],
            )
            continue
        if x in d_other:
            k = d_other.index(x)
            t0 = t()
            S.add(x, ans, start=t0)
            fewer = (
                dict(ans, doelgroepen=None)
                if ans["doelgroepen"] is not None
                else dict(ans, vws_interventies=None, gli_programmas=None)
            )
            if k == 0:  # extra via de algemene link: leeg token, naam exact -> 'naam'
                S.add(
                    x,
                    fewer,
                    rol="dubbel",
                    token="",
                    naam=x.naam,
                    link="naam",
                    start=t0 + timedelta(days=6),
                    tags=["dubbel_via_naam"],
                )
            elif k == 1:  # extra met tikfout in de naam -> 'fuzzy'
                S.add(
                    x,
                    fewer,
                    rol="dubbel",
                    token="",
                    naam=S.typo(x),
                    link="fuzzy",
                    start=t0 - timedelta(days=4),
                    tags=["dubbel_via_fuzzy"],
                )
            elif k == 2:  # gedeeltelijk maar bruikbaar, minder antwoorden
                S.add(
                    x,
                    truncate(ans, q, "n_interventies"),
                    rol="dubbel",
                    completed=False,
                    start=t0 + timedelta(hours=5),
                    tags=["dubbel_gedeeltelijk"],
                )
            else:
                S.add(x, fewer, rol="dubbel", start=t0 + timedelta(days=R.choice([-5, -2, 3, 8])), tags=["dubbel"])
            continue
        S.add(x, ans)

    # onbruikbare gedeeltelijke inzendingen van responders (naast hun bruikbare)
    for k, x in enumerate(unusable_extra):
        part = truncate(x.ans[year], q, "reikwijdte")
        if k == 0:  # via naam gekoppeld
            S.add(
                x,
                part,
                completed=False,
                rol="onbruikbaar",
                token="",
                naam=x.naam.upper(),
                link="naam",
                tags=["onbruikbaar_extra"],
            )
        else:
            S.add(x, part, completed=False, rol="onbruikbaar", tags=["onbruikbaar_extra"])
    # drie non-responders met alleen een onbruikbare gedeeltelijke inzending
    only = g.pick(lambda x: x.r20 == "over" and not x.coal_code and not x.special, 1) + g.pick(
        lambda x: x.r20 == "geen_resp" and not x.special, 2
    )
    for x in only:
        part = g.random_answers(year, cat=("alleen_een", "G"))
        S.add(
            x,
            truncate(part, q, "partijen"),
            completed=False,
            rol="onbruikbaar",
            tags=["alleen_onbruikbaar", f"r20={x.r20}"],
        )
    # de gekozen inzending van negeer_target + een testinzending met zijn token (links: negeer)
    S.add(negeer_target, negeer_target.ans[year])
    test_ans = empty_answers()
    test_ans["doet_preventie"] = "ja"
    S.add(
        negeer_target,
        test_ans,
        rol="negeer",
        naam="TEST RIVM - niet meenemen",
        link="negeer",
        contact=("Tamara Testbeek", "t.testbeek@voorbeeld-rivm.nl", "06-99887766"),
        tags=["negeer"],
    )
    # drie niet te koppelen inzendingen
    for naam, completed in (("Test", False), ("Netwerk preventie", True), ("Buurtsportcoaches Sportief Actief", True)):
        ans = (
            g.random_answers(year, cat=("apart_betrokken", ""))
            if completed
            else truncate(empty_answers(), q, "doet_preventie")
        )
        S.add(
            None,
            ans,
            completed=completed,
            rol="ongekoppeld",
            token="",
            naam=naam,
            link="ongekoppeld",
            contact=g.new_contact(),
            tags=["ongekoppeld"],
        )

    finalize(S, first_id=10001)
    type_contact_details_into_names(S)
    links = []
    for s in S.subs:
        if s.link == "handmatig":
            links.append((s.sid, s.init))
        elif s.link == "negeer":
            links.append((s.sid, "negeer"))
    return S.subs, sorted(links)


def build_submissions_2019(g: Generator) -> list[Sub]:
    S = Submissions(g, 2019)
    R = g.R
    year = 2019
    q = S.q
    resp = sorted((x for x in g.inits if x.r19 in ("incl", "excl")), key=lambda x: x.id)
    assert len(resp) == 165
    reserved: set[str] = set()

    def take(pred, n):
        chosen = R.sample([x for x in resp if pred(x) and x.id not in reserved], n)
        reserved.update(x.id for x in chosen)
        return chosen

    partial_incl = take(lambda x: x.r19 == "incl" and x.r20 != "over" and x.cat[2019][0] == "alleen_een", 1)
    partial_excl = take(lambda x: x.r19 == "excl" and inclusion_answered(x.ans[2019]), 2)
    d_tie = take(
        lambda x: x.r19 == "incl" and x.r20 != "over" and x.ans[2019]["reikwijdte"] in ("gemeente", "regio"), 1
    )[0]
    d_other = take(lambda x: True, 3)
    unusable_extra = take(lambda x: True, 2)
    naam_subs = take(lambda x: True, 7)
    fuzzy_subs = take(lambda x: len(x.naam) >= 18, 3)

    for x in resp:
        ans = x.ans[year]
        if x in partial_incl:
            S.add(x, truncate(ans, q, "zorgverzekeraar_betrokken"), completed=False, tags=["bruikbaar_gedeeltelijk"])
        elif x in partial_excl:
            S.add(x, truncate(ans, q, "n_interventies"), completed=False, tags=["bruikbaar_gedeeltelijk"])
        elif x in naam_subs:
            kind = ["exact", "lower", "upper", "spaties", "punt", "exact", "lower"][naam_subs.index(x)]
            S.add(x, ans, token="", naam=S.naam_variant(x, kind), link="naam", tags=[f"naam_{kind}"])
        elif x in fuzzy_subs:
            S.add(x, ans, token="", naam=S.typo(x), link="fuzzy", tags=["fuzzy_tikfout"])
        elif x is d_tie:
            # gelijk aantal antwoorden; later afgerond (02-12) is als tekst 'kleiner' dan 28-11,
            # en de gekozen inzending heeft het lagere resp_nr: alleen echte datumvergelijking klopt
            other = dict(ans, reikwijdte="regio" if ans["reikwijdte"] == "gemeente" else "gemeente")
            assert count_answers(other, q) == count_answers(ans, q)
            S.add(
                x,
                ans,
                start=datetime(2019, 11, 25, 10, 2),
                finish=datetime(2019, 12, 2, 9, 15),
                tags=["gelijkspel_datum_tekst"],
            )
            S.add(
                x,
                other,
                rol="dubbel",
                start=datetime(2019, 11, 28, 16, 5),
                finish=datetime(2019, 11, 28, 16, 40),
                tags=["gelijkspel_datum_tekst"],
            )
        elif x in d_other:
            k = d_other.index(x)
            t0 = S.when()
            S.add(x, ans, start=t0)
            fewer = (
                dict(ans, doelgroepen=None)
                if ans["doelgroepen"] is not None
                else dict(ans, vws_interventies=None, gli_programmas=None)
            )
            if k == 0:
                S.add(
                    x,
                    fewer,
                    rol="dubbel",
                    token="",
                    naam=x.naam,
                    link="naam",
                    start=t0 - timedelta(days=3),
                    tags=["dubbel_via_naam"],
                )
            elif k == 1:
                S.add(
                    x,
                    truncate(ans, q, "n_interventies"),
                    rol="dubbel",
                    completed=False,
                    start=t0 + timedelta(hours=2),
                    tags=["dubbel_gedeeltelijk"],
                )
            else:
                S.add(x, fewer, rol="dubbel", start=t0 + timedelta(days=4), tags=["dubbel"])
        else:
            S.add(x, ans)
    for x in unusable_extra:
        S.add(x, truncate(x.ans[year], q, "reikwijdte"), completed=False, rol="onbruikbaar", tags=["onbruikbaar_extra"])
    for x in sorted((x for x in g.inits if x.r19 == "partieel"), key=lambda x: x.id):
        part = g.random_answers(year, cat=("apart_betrokken", ""))
        S.add(x, truncate(part, q, "partijen"), completed=False, rol="onbruikbaar", tags=["alleen_onbruikbaar"])
    for naam in ("Testinzending", "Samenwerkingsverband gezondheid"):
        S.add(
            None,
            truncate(empty_answers(), q, "reikwijdte")
            if naam.startswith("Test")
            else g.random_answers(year, cat=("in_gesprek", "")),
            completed=not naam.startswith("Test"),
            rol="ongekoppeld",
            token="",
            naam=naam,
            link="ongekoppeld",
            contact=g.new_contact(),
            tags=["ongekoppeld"],
        )
    finalize(S, first_id=1)
    return S.subs


def type_contact_details_into_names(S: Submissions) -> None:
    """Twee respondenten typen hun eigen e-mailadres of telefoonnummer in het naamveld (met
    token, dus de koppeling blijft gelijk): de pijplijn moet die vervangen, nooit doorgeven."""
    chosen = [s for s in S.subs if s.link == "token" and s.rol == "gekozen" and s.pii[1] and s.pii[2]][:2]
    chosen[0].naam = f"{chosen[0].naam} (contact: {chosen[0].pii[1]})"
    chosen[1].naam = f"{chosen[1].naam}, bel {chosen[1].pii[2]}"
    for s in chosen:
        s.tags.append("persoonsgegevens_in_naam")


def finalize(S: Submissions, first_id: int) -> None:
    """Ids in volgorde van starttijd (zoals een enquêtetool ze uitdeelt) en koppelcontrole."""
    R = S.R
    order = sorted(S.subs, key=lambda s: (s.start, s.naam))
    if S.year == 2020:
        sid = first_id
        for s in order:
            s.sid = sid
            sid += R.choice([1, 1, 1, 2, 3])
    else:
        for k, s in enumerate(order, first_id):
            s.sid = f"R19-{k:04d}"
    S.subs.sort(key=lambda s: s.sid if S.year == 2020 else int(s.sid[4:]))
    for s in S.subs:
        S.check(s)


# --- schrijven -------------------------------------------------------------------------------------


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


# --- codeboeken (met de hand opgemaakte YAML) --------------------------------------------------------


def yaml_map(mapping: dict) -> str:
    return "{" + ", ".join(f"{k}: {'null' if v is None else v}" for k, v in mapping.items()) + "}"


SINGLE_COMMENTS = {
    2020: {
        "doet_preventie": "Q02 Richt het initiatief zich op preventie? 9 = weet niet",
        "reikwijdte": "Q03 Geografische reikwijdte",
        "gemeente_betrokken": "Q10/Q11 Betrokkenheid gemeente en zorgverzekeraar",
        "samenwerking": "Q12 alleen gevraagd als gemeente en zorgverzekeraar allebei betrokken zijn",
        "afspraken": "Q13 alleen gevraagd bij informele of formele afspraken",
    },
    2019: {
        "doet_preventie": "v3: let op 0 = nee, 1 = ja, 8 = weet niet",
        "reikwijdte": "v4: codes in tientallen",
        "gemeente_betrokken": "v9a/v9b: 0 = nee, 1 = ja, 8 = weet niet",
        "samenwerking": "v9: omgekeerde volgorde ten opzichte van 2020!",
        "afspraken": "v10: andere codes dan 2020 (1 = beide)",
    },
}


def single_lines(q: Questionnaire) -> list[str]:
    out = []
    for item in SINGLES:
        var, mapping = q.single[item]
        if item in SINGLE_COMMENTS[q.year]:
            out.append(f"  # {SINGLE_COMMENTS[q.year][item]}")
        out.append(f"  {item}: {{var: {var}, map: {yaml_map(mapping)}}}")
    return out


def codebook_2020() -> str:
    q = Q2020
    lines = [
        "# Codeboek enquête 2020 (synthetisch voorbeeld): koppelt de ruwe SPSS-variabelen aan de",
        "# canonieke variabelen van de pipeline (zie de README). Kopieer dit bestand als sjabloon voor",
        "# een nieuw jaar en pas alleen de rechterkant (ruwe namen en codes) aan.",
        "year: 2020",
        "encoding: null                          # het .sav-bestand vermeldt zelf de tekenset",
        "",
        "keys:",
        "  submission_id: respondent_id          # uniek per inzending (numeriek)",
        "  initiative_id: token                  # initiatief-id uit de persoonlijke link; soms leeg",
        "  initiative_name: Q01_naam             # door de respondent getypte naam",
        "  submitted_at: afgerond_op             # SPSS-datum/tijd; leeg bij gedeeltelijke inzendingen",
        "  completed: {var: status, values: [1]} # 1 = afgerond, 2 = gedeeltelijk ingevuld",
        "",
        "# Persoonsgegevens: worden bij het inlezen verwijderd en komen nergens in de uitvoer.",
        "pii: [Q40_contactnaam, Q41_email, Q42_telefoon, Q43_opmerkingen]",
        "",
        "# Enkelvoudige vragen: ruwe code -> canonieke waarde; null = ontbrekend (weet niet).",
        "# Een code die hier niet staat is een fout (policy.strict_codes).",
        "single:",
        *single_lines(q),
        "",
        "numeric:",
        "  n_interventies: {var: Q06}            # aantal preventieve interventies",
        "",
        "# Meerkeuzevragen: één ruwe variabele per optie; 1 = aangevinkt, 0 = niet aangevinkt,",
        "# systeem-ontbrekend = vraag niet gesteld (routing) of overgeslagen.",
        "# Q08 (GLI-programma's) alleen na een vinkje bij GLI in Q07; 'Samen Sportief in Beweging'",
        "# stond in 2020 nog niet in de vragenlijst en ontbreekt daarom (samen_sportief).",
        "multi:",
        "  selected: [1]",
        "  not_selected: [0]",
        *multi_lines(q),
    ]
    return "\n".join(lines) + "\n"


def codebook_2019() -> str:
    q = Q2019
    lines = [
        "# Codeboek enquête 2019 (synthetisch voorbeeld). Andere variabelenamen en andere codes",
        "# dan 2020: het codeboek vangt dat op, de pipeline ziet alleen canonieke namen.",
        "year: 2019",
        "encoding: null",
        "",
        "keys:",
        "  submission_id: resp_nr                  # tekst, bijv. R19-0001",
        "  initiative_id: ni_code                  # initiatief-id uit de uitnodiging; soms leeg",
        "  initiative_name: v2_naam",
        "  submitted_at: datum_einde               # TEKST 'dd-mm-jjjj uu:mm' (dag eerst)",
        "  completed: {var: voltooid, values: [2]} # let op: 1 = nee, 2 = ja",
        "",
        "pii: [contactpersoon, emailadres, telefoonnummer]",
        "",
        "single:",
        *single_lines(q),
        "",
        "numeric:",
        "  # 99 = weet niet; in het .sav-bestand als user-missing gedeclareerd (leest als leeg)",
        "  n_interventies: {var: v6_aantal}",
        "",
        "# 1 = aangevinkt, 2 = niet aangevinkt (beide expliciet; elke andere code is een fout).",
        "# Niet gevraagd in 2019, dus ontbrekend en nooit geraden: doelgroepen.alle_inwoners,",
        "# financiering.overig en gli_programmas.samen_sportief.",
        "multi:",
        "  selected: [1]",
        "  not_selected: [2]",
        *multi_lines(q),
    ]
    return "\n".join(lines) + "\n"


def multi_lines(q: Questionnaire) -> list[str]:
    out = []
    for set_name in SETS:
        if set_name not in q.multi:
            continue
        opts = q.multi[set_name]
        items = [f"{o}: {v}" for o, v in opts.items()]
        head = f"  {set_name}: {{"
        line = head
        rows = []
        for k, it in enumerate(items):
            piece = it + (", " if k < len(items) - 1 else "}")
            if len(line) + len(piece) > 92 and line.strip() not in ("", head.strip()):
                rows.append(line.rstrip())
                line = " " * len(head) + piece
            else:
                line += piece
        rows.append(line)
        out += rows
    return out


def validate_codebook(text: str, year: int) -> dict:
    import jsonschema

    doc = yaml.safe_load(text)
    with open(SCHEMA, encoding="utf-8") as fh:
        schema = yaml.safe_load(fh)
    jsonschema.Draft202012Validator(schema).validate(json.loads(json.dumps(doc)))
    q = QUEST[year]
    assert doc["year"] == year
    for item, (var, mapping) in q.single.items():
        assert doc["single"][item] == {"var": var, "map": mapping}, item
    for set_name, opts in q.multi.items():
        assert doc["multi"][set_name] == opts, set_name
    return doc


# --- hoofdprogramma ----------------------------------------------------------------------------------


def build() -> tuple[Generator, dict[str, bytes], dict]:
    g = Generator()
    g.build_roles()
    g.build_coalitions()
    g.build_categories()
    g.build_failures()
    g.build_answers_2020_analysed()
    g.build_other_answers()
    g.calibrate_2019()
    g.build_names()
    g.build_inventory_meta()
    g.build_contacts()
    subs20, links = build_submissions_2020(g)
    subs19 = build_submissions_2019(g)
    check_calibration_2019(g, subs19)
    check_pii(g, subs19 + subs20)

    files: dict[str, bytes] = {}
    files["inventaris_2019.csv"] = csv_bytes(inventory_rows(g, 2019), bom=True, crlf=True)
    files["inventaris_2020.csv"] = csv_bytes(inventory_rows(g, 2020), bom=False, crlf=False)
    files["koppelingen_2020.csv"] = csv_bytes(
        [["submission_id", "initiatief_id"]] + [[str(a), b] for a, b in links], bom=False, crlf=False
    )
    for year, text in ((2019, codebook_2019()), (2020, codebook_2020())):
        validate_codebook(text, year)
        files[f"codeboek_{year}.yaml"] = text.encode("utf-8")
    info = {"subs": {2019: subs19, 2020: subs20}, "links": links}
    return g, files, info


def percent(n: int, d: int, digits: int = 0) -> float:
    """100·n/d, half naar boven afgerond op `digits` decimalen (zoals de pijplijn)."""
    scale = 10**digits
    return ((200 * scale * n + d) // (2 * d)) / scale


BY_SAMENWERKING = {
    "formeel": "formele_afspraken",
    "informeel": "informele_afspraken",
    "in_gesprek": "in_gesprek",
    "geen_contact": "apart_betrokken",
}


def category(ans: dict, coalition: bool) -> str:
    """De classificatieregels R1-R5 (kopie, bewust niet geïmporteerd)."""
    g, z, s = ans["gemeente_betrokken"], ans["zorgverzekeraar_betrokken"], ans["samenwerking"]
    if coalition:
        return "formele_afspraken"
    if g == "ja" and z == "ja":
        return BY_SAMENWERKING.get(s, "onbekend")
    if {g, z} == {"ja", "nee"}:
        return "alleen_een"
    if g == z == "nee":
        return "geen_van_beide"
    return "onbekend"


def party_list_disagrees(ans: dict) -> bool:
    """Het signaal partijenlijst_wijkt_af: betrokkenheid bekend en de partijenlijst zegt anders."""
    return ans["partijen"] is not None and any(
        ans[f"{p}_betrokken"] in ("ja", "nee") and (ans[f"{p}_betrokken"] == "ja") != (p in ans["partijen"])
        for p in ("gemeente", "zorgverzekeraar")
    )


CATEGORIES_2019 = {
    "onbekend": 2,
    "geen_van_beide": 5,
    "alleen_een": 19,
    "apart_betrokken": 16,
    "in_gesprek": 9,
    "informele_afspraken": 14,
    "formele_afspraken": 30,
}


def check_calibration_2019(g: Generator, subs: list[Sub]) -> None:
    """De 95 geanalyseerde inzendingen van 2019 zoals ze geschreven worden: de cijfers uit de brief."""
    analysed = {x.id: x for x in g.inits if x.r19 == "incl"}
    chosen = [s for s in subs if s.rol == "gekozen" and s.init in analysed]
    assert len(chosen) == 95 and len({s.init for s in chosen}) == 95
    cats = {s.init: category(s.ans, analysed[s.init].coalition(2019)) for s in chosen}
    assert all(cats[i] == x.cat[2019][0] for i, x in analysed.items()), "een record van categorie veranderd"
    counts = {c: list(cats.values()).count(c) for c in CATEGORIES}
    assert counts == CATEGORIES_2019, counts
    afstemming = counts["informele_afspraken"] + counts["formele_afspraken"]
    assert (afstemming, percent(afstemming, 95)) == (44, 46)  # "iets minder dan de helft"
    assert percent(counts["formele_afspraken"], 95) == 32  # "een derde"

    def answered(item: str) -> list:
        return [s.ans[item] for s in chosen if s.ans[item] not in (None, WN)]

    def share(n: int, d: int, digits: int = 0) -> tuple[int, int, float]:
        return n, d, percent(n, d, digits)

    partijen = answered("partijen")
    # de partijenlijst (tabel en figuur 2): zorgverzekeraar 77%; gemeente 89,5% in de tabel,
    # afgerond de 90% van de brief (85 of 86 van 95 geeft in hele procenten 89% of 91%)
    assert share(sum("zorgverzekeraar" in t for t in partijen), len(partijen)) == (73, 95, 77)
    assert share(sum("gemeente" in t for t in partijen), len(partijen), 1) == (85, 95, 89.5)
    # de betrokkenheidsvragen, het "aangehaakt" van de brief: 90% en 77% van de beantwoorde
    gem, zv = answered("gemeente_betrokken"), answered("zorgverzekeraar_betrokken")
    assert share(gem.count("ja"), len(gem)) == (85, 94, 90)
    assert share(zv.count("ja"), len(zv)) == (73, 95, 77)
    # ongeveer driekwart biedt minstens één VWS-interventie aan
    vws = [s.ans["vws_interventies"] for s in chosen if s.ans["vws_interventies"] is not None]
    assert share(sum(bool(t) for t in vws), len(vws)) == (69, 92, 75)
    # partijenlijst_wijkt_af: 2 overgenomen records (betrokken, niet aangevinkt; 2020 ongemoeid)
    # en 2 met alleen de gemeente betrokken die de zorgverzekeraar toch aanvinkten
    disagree = [s.init for s in chosen if party_list_disagrees(s.ans)]
    assert len(disagree) == 4, disagree
    assert sum(analysed[i].r20 == "over" for i in disagree) == 2


def check_pii(g: Generator, subs: list[Sub]) -> None:
    """PII-waarden moeten onderscheidend zijn: geen deel van een naam of van elkaar (behalve
    in de namen waarin een respondent ze met opzet typte: die moet de pijplijn vervangen)."""
    values = sorted({v for s in subs for v in s.pii if v})
    names = [x.naam for x in g.inits] + [s.naam for s in subs if "persoonsgegevens_in_naam" not in s.tags]
    for v in values:
        for n in names:
            assert v not in n, (v, n)
    people = sorted({s.pii[0] for s in subs if s.pii[0]})
    for a in people:
        for b in people:
            assert a == b or a not in b, (a, b)


def write_all(out: Path) -> None:
    g, files, info = build()
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
    df19, lab19, val19 = survey_2019(info["subs"][2019], g)
    write_sav(df19, out / "enquete_2019.sav", lab19, val19, 2019, missing={"v6_aantal": [WN_NUMERIC_2019]})
    df20, lab20, val20 = survey_2020(info["subs"][2020], g)
    write_sav(df20, out / "enquete_2020.sav", lab20, val20, 2020)
    for year in (2019, 2020):
        data, meta = pyreadstat.read_sav(str(out / f"enquete_{year}.sav"))
        assert len(data) == len(info["subs"][year])
    written = sorted(list(files) + ["enquete_2019.sav", "enquete_2020.sav"])
    s19, s20 = info["subs"][2019], info["subs"][2020]
    print(f"Voorbeeldinvoer geschreven naar {out} (seed {SEED}):")
    for name in written:
        print(f"  {name:24s} {(out / name).stat().st_size:>8d} bytes")
    print(
        f"  inventaris 2019: {sum(x.in_year(2019) for x in g.inits)} initiatieven, "
        f"2020: {sum(x.in_year(2020) for x in g.inits)}"
    )
    print(
        f"  enquête 2019: {len(s19)} inzendingen, 2020: {len(s20)} inzendingen; "
        f"{len(info['links'])} regels in koppelingen_2020.csv"
    )
    return g, info


def edge_report(g: Generator, info: dict) -> list[str]:
    """Welk id / welke inzending welk randgeval laat zien (voor README en gerichte tests)."""
    out = []
    ids = lambda xs: ", ".join(sorted(x.id for x in xs)) or "-"  # noqa: E731

    def grp(title, xs):
        out.append(f"{title} ({len(xs)}): {ids(xs)}")

    inits = sorted(g.inits, key=lambda x: x.id)
    out.append("== Initiatieven 2020")
    for code in sorted(g.coal):
        x = g.coal[code]
        cat = x.cat.get(2020, ("-",))[0]
        out.append(
            f"coalitie {code}: {x.id} start {x.coal_start}, rol 2020 {x.r20}, categorie {cat}"
            + (" (S informeel: coalitie_niet_formeel)" if x.cat.get(2020, ("", ""))[1] == "coal_informeel" else "")
        )
    for sub, title in (
        ("G_wn", "onbekend (G weet niet, Z ja)"),
        ("S_wn", "onbekend (G ja, Z ja, S weet niet; overgenomen)"),
        ("S", "geen_van_beide met S ingevuld (samenwerking_zonder_beide)"),
    ):
        grp(title, [x for x in inits if x.cat.get(2020, ("", ""))[1] == sub and x.r20 in ("A", "over")])
    for key in (
        "partijenlijst_wijkt_af_gemeente",
        "partijenlijst_wijkt_af_zorgverzekeraar",
        "gli_set_zonder_gli",
        "afspraken_weet_niet",
        "afspraken_leeg",
        "financiering_leeg",
        "doelgroepen_leeg",
    ):
        out.append(f"{key}: {', '.join(sorted(map(str, g.notes.get(key, []))))}")
    grp("overgenomen", [x for x in inits if x.r20 == "over"])
    out.append(
        "overgenomen_geexcludeerd (criterium in 2019): "
        + ", ".join(f"{i} {c}={m}" for i, c, m in g.notes["overgenomen_geexcludeerd"])
    )
    grp("bestaat_niet, wel respons 2019", [x for x in inits if x.r20 == "bn" and x.r19 in ("incl", "excl")])
    grp("bestaan_onbekend 'onbekend'", [x for x in inits if x.r20 == "onb" and x.bestaat[2020] == "onbekend"])
    grp("bestaan_onbekend leeg", [x for x in inits if x.r20 == "onb" and x.bestaat[2020] == ""])
    grp("bestaan_onbekend, wel respons 2019", [x for x in inits if x.r20 == "onb" and x.r19 in ("incl", "excl")])
    grp("geen_respons_vorig_jaar: nieuw in 2020", [x for x in inits if x.r20 == "geen_resp" and x.r19 == "nieuw"])
    grp(
        "geen_respons_vorig_jaar: in 2019 geen inzending",
        [x for x in inits if x.r20 == "geen_resp" and x.r19 == "geen"],
    )
    grp(
        "geen_respons_vorig_jaar: in 2019 alleen onbruikbaar",
        [x for x in inits if x.r20 == "geen_resp" and x.r19 == "partieel"],
    )
    multi = [x for x in inits if x.r20 == "B" and len(x.fail[2020]) > 1]
    out.append("uitgesloten op meer criteria: " + ", ".join(f"{x.id} {'+'.join(sorted(x.fail[2020]))}" for x in multi))
    miss = [x for x in inits if x.r20 == "B" and any(v in ("wn", "leeg") for v in x.fail[2020].values())]
    out.append(
        "uitgesloten door ontbrekend antwoord: "
        + ", ".join(f"{x.id} {k}={v}" for x in miss for k, v in sorted(x.fail[2020].items()))
    )
    out.append("== Initiatieven 2019 (kalibratie op de brief; alleen records die 2020 niet overneemt)")
    for key in (
        "kalibratie_2019_gemeente_nee",
        "kalibratie_2019_gemeente_vinkje",
        "kalibratie_2019_zorgverzekeraar_vinkje",
    ):
        out.append(f"{key}: {', '.join(sorted(map(str, g.notes.get(key, []))))}")
    grp(
        "partijenlijst_wijkt_af 2019",
        [x for x in inits if x.r19 == "incl" and party_list_disagrees(x.ans[2019])],
    )
    for year in (2020, 2019):
        out.append(f"== Inzendingen {year}")
        tags: dict[str, list] = {}
        for sub in info["subs"][year]:
            for t in sub.tags:
                tags.setdefault(t, []).append(sub)
            if sub.link in ("naam", "fuzzy") and not any(
                t.startswith(("naam_", "fuzzy_", "dubbel_via")) for t in sub.tags
            ):
                tags.setdefault(f"koppeling_{sub.link}", []).append(sub)
        for t in sorted(tags):
            out.append(
                f"{t}: "
                + "; ".join(
                    f"{s.sid} -> {s.init or '-'} [{s.rol}, {s.link}{'' if s.completed else ', gedeeltelijk'}]"
                    + (
                        f" '{s.naam}'"
                        if s.link in ("naam", "fuzzy", "handmatig", "ongekoppeld", "negeer") or t.startswith("token")
                        else ""
                    )
                    for s in tags[t]
                )
            )
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="uitvoermap (standaard: deze map)")
    parser.add_argument(
        "--randgevallen", action="store_true", help="druk daarna per randgeval de ids en inzendingen af"
    )
    args = parser.parse_args(argv)
    g, info = write_all(args.out)
    if args.randgevallen:
        print("\n".join(edge_report(g, info)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
