"""Controles op wat geschreven wordt, met de regels van de pijplijn overgeschreven: de kalibratie van
2019 (de brief) en persoonsgegevens die een privacytest zonder valse treffers kan zoeken."""

from __future__ import annotations

from .generator import Generator
from .submissions import Sub
from .vocab import CATEGORIES, WN


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
