"""Welk id en welke inzending welk randgeval laat zien (--randgevallen): de README en de gerichte
tests noemen ze, en een aanpassing van de generator verschuift ze."""

from __future__ import annotations

from .checks import party_list_disagrees
from .generator import Generator
from .initiatives import Init
from .submissions import Sub

NOTES_2020 = (
    "partijenlijst_wijkt_af_gemeente",
    "partijenlijst_wijkt_af_zorgverzekeraar",
    "gli_set_zonder_gli",
    "afspraken_weet_niet",
    "afspraken_leeg",
    "financiering_leeg",
    "doelgroepen_leeg",
)
NOTES_2019 = (
    "kalibratie_2019_gemeente_nee",
    "kalibratie_2019_gemeente_vinkje",
    "kalibratie_2019_zorgverzekeraar_vinkje",
)
# randgevallen van de classificatie 2020: subtype (initiatives.gzs) -> beschrijving
SUBTYPES_2020 = (
    ("G_wn", "onbekend (G weet niet, Z ja)"),
    ("S_wn", "onbekend (G ja, Z ja, S weet niet; overgenomen)"),
    ("S", "geen_van_beide met S ingevuld (samenwerking_zonder_beide)"),
)
# een getypte naam is het randgeval bij deze koppelmethoden
SHOWS_NAME = ("naam", "fuzzy", "handmatig", "ongekoppeld", "negeer")


def edge_report(g: Generator, subs: dict[int, list[Sub]]) -> list[str]:
    inits = sorted(g.inits, key=lambda x: x.id)
    disagree_2019 = [x for x in inits if x.r19 == "incl" and party_list_disagrees(x.ans[2019])]
    out = ["== Initiatieven 2020", *initiatives_2020(g, inits)]
    out += ["== Initiatieven 2019 (kalibratie op de brief; alleen records die 2020 niet overneemt)"]
    out += [*notes(g, NOTES_2019), group("partijenlijst_wijkt_af 2019", disagree_2019)]
    for year in (2020, 2019):
        out += [f"== Inzendingen {year}", *submissions(subs[year])]
    return out


def group(title: str, xs: list[Init]) -> str:
    return f"{title} ({len(xs)}): {', '.join(sorted(x.id for x in xs)) or '-'}"


def notes(g: Generator, keys: tuple[str, ...]) -> list[str]:
    return [f"{key}: {', '.join(sorted(map(str, g.notes.get(key, []))))}" for key in keys]


def initiatives_2020(g: Generator, inits: list[Init]) -> list[str]:
    out = []
    for code in sorted(g.coal):
        x = g.coal[code]
        cat = x.cat.get(2020, ("-",))[0]
        out.append(
            f"coalitie {code}: {x.id} start {x.coal_start}, rol 2020 {x.r20}, categorie {cat}"
            + (" (S informeel: coalitie_niet_formeel)" if x.cat.get(2020, ("", ""))[1] == "coal_informeel" else "")
        )
    for sub, title in SUBTYPES_2020:
        out.append(group(title, [x for x in inits if x.cat.get(2020, ("", ""))[1] == sub and x.r20 in ("A", "over")]))
    out += notes(g, NOTES_2020)
    out += flow_2020(g, inits)
    return out


def flow_2020(g: Generator, inits: list[Init]) -> list[str]:
    """Overname, bestaan en uitsluiting: de stappen van de stroom van 2020."""
    out = [group("overgenomen", [x for x in inits if x.r20 == "over"])]
    out.append(
        "overgenomen_geexcludeerd (criterium in 2019): "
        + ", ".join(f"{i} {c}={m}" for i, c, m in g.notes["overgenomen_geexcludeerd"])
    )
    responded_2019 = ("incl", "excl")
    groups = [
        ("bestaat_niet, wel respons 2019", lambda x: x.r20 == "bn" and x.r19 in responded_2019),
        ("bestaan_onbekend 'onbekend'", lambda x: x.r20 == "onb" and x.bestaat[2020] == "onbekend"),
        ("bestaan_onbekend leeg", lambda x: x.r20 == "onb" and x.bestaat[2020] == ""),
        ("bestaan_onbekend, wel respons 2019", lambda x: x.r20 == "onb" and x.r19 in responded_2019),
        ("geen_respons_vorig_jaar: nieuw in 2020", lambda x: x.r20 == "geen_resp" and x.r19 == "nieuw"),
        ("geen_respons_vorig_jaar: in 2019 geen inzending", lambda x: x.r20 == "geen_resp" and x.r19 == "geen"),
        ("geen_respons_vorig_jaar: in 2019 alleen onbruikbaar", lambda x: x.r20 == "geen_resp" and x.r19 == "partieel"),
    ]
    out += [group(title, [x for x in inits if pred(x)]) for title, pred in groups]
    multi = [x for x in inits if x.r20 == "B" and len(x.fail[2020]) > 1]
    out.append("uitgesloten op meer criteria: " + ", ".join(f"{x.id} {'+'.join(sorted(x.fail[2020]))}" for x in multi))
    miss = [x for x in inits if x.r20 == "B" and any(v in ("wn", "leeg") for v in x.fail[2020].values())]
    out.append(
        "uitgesloten door ontbrekend antwoord: "
        + ", ".join(f"{x.id} {k}={v}" for x in miss for k, v in sorted(x.fail[2020].items()))
    )
    return out


def submissions(subs: list[Sub]) -> list[str]:
    """Per tag de inzendingen; naam- en fuzzy-koppelingen zonder eigen tag onder koppeling_<methode>."""
    tags: dict[str, list] = {}
    for sub in subs:
        for t in sub.tags:
            tags.setdefault(t, []).append(sub)
        if sub.link in ("naam", "fuzzy") and not any(t.startswith(("naam_", "fuzzy_", "dubbel_via")) for t in sub.tags):
            tags.setdefault(f"koppeling_{sub.link}", []).append(sub)
    return [f"{t}: " + "; ".join(describe(s, t) for s in tags[t]) for t in sorted(tags)]


def describe(s: Sub, tag: str) -> str:
    partial = "" if s.completed else ", gedeeltelijk"
    name = f" '{s.naam}'" if s.link in SHOWS_NAME or tag.startswith("token") else ""
    return f"{s.sid} -> {s.init or '-'} [{s.rol}, {s.link}{partial}]{name}"
