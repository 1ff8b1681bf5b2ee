"""Het initiatief met zijn rol per jaar en zijn antwoorden, en de telregels van de responsstap die de
keuzes tussen inzendingen moeten volgen."""

from __future__ import annotations

from dataclasses import dataclass, field

from .questionnaires import Questionnaire
from .vocab import SETS, SINGLES, WN


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
