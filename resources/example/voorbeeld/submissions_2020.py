"""De inzendingen van 2020, met de randgevallen van koppelen en respons."""

from __future__ import annotations

from datetime import timedelta

from .answers import random_answers
from .contacts import new_contact
from .generator import Generator
from .initiatives import count_answers, empty_answers, inclusion_answered, truncate
from .submissions import Sub, Submissions, finalize, hyphen_space_variant, type_contact_details_into_names
from .vocab import PARTIJEN


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
        part = random_answers(g, year, cat=("alleen_een", "G"))
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
            random_answers(g, year, cat=("apart_betrokken", ""))
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
            contact=new_contact(g),
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
