"""De rol van elk initiatief per jaar (respons, inclusie, overname, bestaan), de coalities, categorieën
en uitsluitgronden: vastgelegd vóór de antwoorden, zodat de stroom de gepubliceerde aantallen geeft."""

from __future__ import annotations

from .generator import Generator
from .initiatives import Init
from .vocab import expand


def build_roles(g: Generator) -> None:
    R = g.R
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
    g.inits = [Init(f"NI-{i:04d}", r19, r20) for i, (r19, r20) in enumerate(in19 + new, 1)]
    g.by_id = {x.id: x for x in g.inits}


def has_roles(r19: str, r20: str):
    return lambda x: x.r19 == r19 and x.r20 == r20


def build_coalitions(g: Generator) -> None:
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
        (x,) = g.pick(has_roles(r19, r20), 1, used)
        used.add(x.id)
        x.coal_start, x.coal_code = start, code
    g.coal = {x.coal_code: x for x in g.inits if x.coal_code}


# categorie en subtype per rol (subtypes: initiatives.gzs); de aantallen maken de factsheet 2020
# en de brief over 2019 (README, 'Kalibratie')
CATEGORIES_2020_RESPONDED = [
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
CATEGORIES_2020_TAKEN_OVER = [
    (("onbekend", "S_wn"), 1),
    (("geen_van_beide", ""), 1),
    (("alleen_een", "G"), 5),
    (("alleen_een", "Z"), 1),
    (("apart_betrokken", ""), 4),
    (("in_gesprek", ""), 2),
    (("informele_afspraken", ""), 3),
    (("formele_afspraken", ""), 4),
]
CATEGORIES_2019_OTHERS = [  # zonder de vaste: coalities (formeel) en de latere C01/C02 (informeel)
    (("onbekend", "G_wn_Z_nee"), 1),
    (("geen_van_beide", ""), 4),
    (("alleen_een", "G"), 11),
    (("alleen_een", "Z"), 2),
    (("apart_betrokken", ""), 12),
    (("in_gesprek", ""), 7),
    (("informele_afspraken", ""), 11 - 2),
    (("formele_afspraken", ""), 24 - 5),
]


def build_categories(g: Generator) -> None:
    build_categories_2020(g)
    build_categories_2019(g)


def build_categories_2020(g: Generator) -> None:
    """2020, geanalyseerd: 93 responders (A) + 23 overgenomen, wier antwoorden van 2019 dezelfde zijn."""
    for code, x in g.coal.items():
        if x.r20 in ("A", "over"):
            x.cat[2020] = ("formele_afspraken", "coal_informeel" if code == "C01" else "coal")
    a_rest = sorted((x for x in g.inits if x.r20 == "A" and not x.coal_code), key=lambda x: x.id)
    cats = expand(CATEGORIES_2020_RESPONDED)
    g.R.shuffle(cats)
    for x, c in zip(a_rest, cats, strict=True):
        x.cat[2020] = c
    over_rest = sorted((x for x in g.inits if x.r20 == "over" and not x.coal_code), key=lambda x: x.id)
    cats = expand(CATEGORIES_2020_TAKEN_OVER)
    g.R.shuffle(cats)
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
    cats = expand(CATEGORIES_2019_OTHERS)
    g.R.shuffle(cats)
    for x, c in zip(rest, cats, strict=True):
        x.cat[2019] = c
    for xid, c in fixed.items():
        g.by_id[xid].cat[2019] = c


def build_failures(g: Generator) -> None:
    R = g.R
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
    b = sorted((x for x in g.inits if x.r20 == "B"), key=lambda x: x.id)
    R.shuffle(modes20)
    for x, m in zip(b, modes20, strict=True):
        x.fail[2020] = dict(m)
    # 2019: 70 uitgesloten responders; de vier 'overgenomen_geexcludeerd' elk met een ander criterium.
    oe = sorted((x for x in g.inits if x.r20 == "over_excl"), key=lambda x: x.id)
    for x, m in zip(oe, ({"E1": "nee"}, {"E2": "landelijk"}, {"E3": "two"}, {"E4": "wn99"})):
        x.fail[2019] = dict(m)
        g.note("overgenomen_geexcludeerd", (x.id, sorted(m)[0], m[sorted(m)[0]]))
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
