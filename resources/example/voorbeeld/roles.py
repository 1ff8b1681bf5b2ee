"""De rol van elk initiatief per jaar (respons, inclusie, overname, bestaan), de coalities, categorieën
en uitsluitgronden: vastgelegd vóór de antwoorden, zodat de stroom de gepubliceerde aantallen geeft."""

from __future__ import annotations

from .data import read_yaml
from .generator import Generator
from .initiatives import Init
from .vocab import expand

# de aantallen per rol, categorie en uitsluitgrond: gegevens, in rollen.yaml
TABLES = read_yaml("rollen.yaml")


def roles_of(rows: list) -> list:
    """[[a, b, aantal], ...] uit rollen.yaml -> [((a, b), aantal), ...] voor expand."""
    return [(tuple(value), n) for *value, n in rows]


def build_roles(g: Generator) -> None:
    R = g.R
    in19 = expand(roles_of(TABLES["rollen_2019"]))
    new = expand(roles_of(TABLES["rollen_nieuw"]))
    assert len(in19) == 260 and len(new) == 71
    R.shuffle(in19)
    R.shuffle(new)
    g.inits = [Init(f"NI-{i:04d}", r19, r20) for i, (r19, r20) in enumerate(in19 + new, 1)]
    g.by_id = {x.id: x for x in g.inits}


def has_roles(r19: str, r20: str):
    return lambda x: x.r19 == r19 and x.r20 == r20


def build_coalitions(g: Generator) -> None:
    used: set[str] = set()
    for code, r19, r20, start in TABLES["coalities"]:
        (x,) = g.pick(has_roles(r19, r20), 1, used)
        used.add(x.id)
        x.coal_start, x.coal_code = start, code
    g.coal = {x.coal_code: x for x in g.inits if x.coal_code}


def shuffled_categories(g: Generator, table: str) -> list[tuple[str, str]]:
    """De (categorie, subtype) van een tabel in rollen.yaml, uitgeschreven en geschud (subtypes:
    initiatives.gzs); de aantallen maken de factsheet 2020 en de brief over 2019."""
    cats = expand(roles_of(TABLES[table]))
    g.R.shuffle(cats)
    return cats


def build_categories(g: Generator) -> None:
    build_categories_2020(g)
    build_categories_2019(g)


def build_categories_2020(g: Generator) -> None:
    """2020, geanalyseerd: 93 responders (A) + 23 overgenomen, wier antwoorden van 2019 dezelfde zijn."""
    for code, x in g.coal.items():
        if x.r20 in ("A", "over"):
            x.cat[2020] = ("formele_afspraken", "coal_informeel" if code == "C01" else "coal")
    a_rest = sorted((x for x in g.inits if x.r20 == "A" and not x.coal_code), key=lambda x: x.id)
    cats = shuffled_categories(g, "categorieen_2020_respons")
    for x, c in zip(a_rest, cats, strict=True):
        x.cat[2020] = c
    over_rest = sorted((x for x in g.inits if x.r20 == "over" and not x.coal_code), key=lambda x: x.id)
    cats = shuffled_categories(g, "categorieen_2020_overgenomen")
    for x, c in zip(over_rest, cats, strict=True):
        x.cat[2020] = c
        x.cat[2019] = c  # hun antwoorden van 2019 zijn precies deze (zelfde coalitiestatus)
    for code in ("C11", "C12"):
        g.coal[code].cat[2019] = ("formele_afspraken", "coal")


def build_categories_2019(g: Generator) -> None:
    """2019, geanalyseerd: 95 = 23 (later overgenomen, al gezet) + 72 overigen."""
    others = sorted((x for x in g.inits if x.r19 == "incl" and x.r20 != "over"), key=lambda x: x.id)
    assert len(others) == 72
    fixed = {}
    for x in others:
        if x.coalition(2019):
            fixed[x.id] = ("formele_afspraken", "coal")
        elif x.coal_code in ("C01", "C02"):  # werden in 2020 preventiecoalitie
            fixed[x.id] = ("informele_afspraken", "")
    rest = [x for x in others if x.id not in fixed]
    cats = shuffled_categories(g, "categorieen_2019_overig")
    for x, c in zip(rest, cats, strict=True):
        x.cat[2019] = c
    for xid, c in fixed.items():
        g.by_id[xid].cat[2019] = c


def build_failures(g: Generator) -> None:
    R = g.R
    modes20 = expand(TABLES["uitsluiting_2020"])
    b = sorted((x for x in g.inits if x.r20 == "B"), key=lambda x: x.id)
    R.shuffle(modes20)
    for x, m in zip(b, modes20, strict=True):
        x.fail[2020] = dict(m)
    # 2019: 70 uitgesloten responders; de vier 'overgenomen_geexcludeerd' elk met een ander criterium.
    oe = sorted((x for x in g.inits if x.r20 == "over_excl"), key=lambda x: x.id)
    for x, m in zip(oe, TABLES["uitsluiting_2019_overgenomen"], strict=True):
        x.fail[2019] = dict(m)
        g.note("overgenomen_geexcludeerd", (x.id, sorted(m)[0], m[sorted(m)[0]]))
    modes19 = expand(TABLES["uitsluiting_2019"])
    ex = sorted((x for x in g.inits if x.r19 == "excl" and x.r20 != "over_excl"), key=lambda x: x.id)
    R.shuffle(modes19)
    for x, m in zip(ex, modes19, strict=True):
        x.fail[2019] = dict(m)


def build_inventory_meta(g: Generator) -> None:
    R = g.R
    for x in sorted(g.inits, key=lambda x: x.id):
        if x.in_year(2019):
            x.bron[2019] = R.choices(["vorige_inventarisatie", "sleutelfiguur", "overig"], [68, 24, 8])[0]
            if x.r19 in ("incl", "excl"):
                x.bestaat[2019] = ""
            else:
                x.bestaat[2019] = R.choices(["ja", "nee", "onbekend", ""], [72, 5, 9, 14])[0]
    new = sorted((x for x in g.inits if x.r19 == "nieuw"), key=lambda x: x.id)
    bronnen = expand([("zonmw_jzojp", 30), ("sleutelfiguur", 28), ("overig", 13)])
    R.shuffle(bronnen)
    for x, b in zip(new, bronnen, strict=True):
        x.bron[2020] = b
    for x in g.inits:
        if x.r19 != "nieuw" and x.r20 != "weg":
            x.bron[2020] = "vorige_inventarisatie"
    onb = sorted((x for x in g.inits if x.r20 == "onb"), key=lambda x: x.id)
    onb_vorig = [x for x in onb if x.r19 != "nieuw"]
    onb_nieuw = [x for x in onb if x.r19 == "nieuw"]
    labels = {}
    for grp, n_onbekend in ((onb_vorig, 6), (onb_nieuw, 4)):
        vals = ["onbekend"] * n_onbekend + [""] * (len(grp) - n_onbekend)
        R.shuffle(vals)
        labels.update({x.id: v for x, v in zip(grp, vals, strict=True)})
    for x in g.inits:
        if x.r20 in ("A", "B", "weg"):
            x.bestaat[2020] = ""
        elif x.r20 == "bn":
            x.bestaat[2020] = "nee"
        elif x.r20 == "onb":
            x.bestaat[2020] = labels[x.id]
        else:
            x.bestaat[2020] = "ja"
