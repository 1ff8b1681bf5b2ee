"""Namen en gemeenten van de initiatieven; geen twee namen (behalve bedoeld) dicht bij elkaar, zodat
elke tikfout eenduidig koppelt."""

from __future__ import annotations

import numpy as np
from rapidfuzz import fuzz, process

from .generator import Generator
from .vocab import normalise

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


def build_names(g: Generator) -> None:
    R = g.R
    used: set[str] = set()
    resp20 = lambda x: x.r20 in ("A", "B")  # noqa: E731
    for naam, gem, where in SPECIAL:
        if where.startswith("C"):
            x = g.coal[where]
        elif where == "any":
            (x,) = g.pick(lambda x: not x.coal_code and not x.special, 1, used)
        elif where == "inv20":
            (x,) = g.pick(lambda x: x.r20 != "weg" and not x.coal_code and not x.special, 1, used)
        elif where == "token_wint":
            (x,) = g.pick(lambda x: x.r20 in ("A", "B") and not x.coal_code, 1, used)
        else:  # responders 2020 die voor een koppelgeval nodig zijn
            (x,) = g.pick(lambda x: resp20(x) and not x.coal_code and not x.special, 1, used)
        used.add(x.id)
        x.naam, x.statcode, x.special = naam, g.gm_by_name[gem], where
    # gemeenten van de overige initiatieven: grote steden vaker (quota), daarna willekeurig
    analysed = lambda x: x.r20 in ("A", "over")  # noqa: E731
    for group, quota, distinct in ((True, QUOTA_AN, True), (False, QUOTA_OT, False)):
        todo = sorted((x for x in g.inits if analysed(x) == group and not x.statcode), key=lambda x: x.id)
        R.shuffle(todo)
        left = dict(quota)
        for x in g.inits:
            if x.statcode and analysed(x) == group and g.gm[x.statcode] in left:
                left[g.gm[x.statcode]] -= 1
        slots = []
        for city, n in left.items():
            slots += [g.gm_by_name[city]] * max(n, 0)
        taken = {x.statcode for x in g.inits if x.statcode and analysed(x) == group}
        rest_codes = [c for c in g.gm if g.gm[c] not in quota and c not in taken]
        n_rest = len(todo) - len(slots)
        extra = R.sample(rest_codes, n_rest) if distinct else [R.choice(rest_codes) for _ in range(n_rest)]
        for x, code in zip(todo, slots + extra, strict=True):
            x.statcode = code
    # namen: sjabloon + plaats(deel); uniek en onderling niet te dicht bij elkaar
    taken_names = {normalise(x.naam) for x in g.inits if x.naam}
    for x in sorted(g.inits, key=lambda x: x.id):
        if not x.naam:
            x.naam = fresh_name(g, x.statcode, taken_names)
            taken_names.add(normalise(x.naam))
    fix_close_names(g, taken_names)


def place(g: Generator, statcode: str) -> str:
    city = g.gm[statcode]
    if city in DISTRICTS:
        return g.R.choice(DISTRICTS[city])
    return DISPLAY.get(city, city)


def fresh_name(g: Generator, statcode: str, taken: set[str]) -> str:
    for _ in range(1000):
        name = g.R.choice(TEMPLATES).format(p=place(g, statcode))
        if normalise(name) not in taken:
            return name
    raise RuntimeError("geen vrije naam")


DELIBERATE_CLOSE = {frozenset({"Welzijn op Recept Almere", "Welzijn op Recept Almelo"})}


def fix_close_names(g: Generator, taken: set[str]) -> None:
    """Geen twee (niet bedoeld) gelijkende namen: token_sort_ratio < 86 voor elk paar."""
    for _ in range(200):
        inits = sorted(g.inits, key=lambda x: x.id)
        norms = [normalise(x.naam) for x in inits]
        m = process.cdist(norms, norms, scorer=fuzz.token_sort_ratio, workers=1)
        np.fill_diagonal(m, 0)
        bad = [
            (i, j)
            for i, j in zip(*np.nonzero(m >= 86))
            if i < j and frozenset({inits[i].naam, inits[j].naam}) not in DELIBERATE_CLOSE
        ]
        if not bad:
            return
        for i, j in bad:
            x = inits[j] if not inits[j].special else inits[i]
            if x.special:
                raise RuntimeError(f"speciale namen te dicht bij elkaar: {inits[i].naam} / {inits[j].naam}")
            taken.discard(normalise(x.naam))
            x.naam = fresh_name(g, x.statcode, taken)
            taken.add(normalise(x.naam))
    raise RuntimeError("namen blijven te dicht bij elkaar")
