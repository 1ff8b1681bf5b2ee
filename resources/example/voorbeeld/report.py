"""Welk id welk randgeval laat zien (--randgevallen)."""

from __future__ import annotations

from .checks import party_list_disagrees
from .generator import Generator


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
