"""De inzendingen van 2019, met de randgevallen van koppelen en respons."""

from __future__ import annotations

from datetime import datetime, timedelta

from .answers import random_answers
from .contacts import new_contact
from .generator import Generator
from .initiatives import count_answers, empty_answers, inclusion_answered, truncate
from .submissions import Sub, Submissions, finalize


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
        part = random_answers(g, year, cat=("apart_betrokken", ""))
        S.add(x, truncate(part, q, "partijen"), completed=False, rol="onbruikbaar", tags=["alleen_onbruikbaar"])
    for naam in ("Testinzending", "Samenwerkingsverband gezondheid"):
        S.add(
            None,
            truncate(empty_answers(), q, "reikwijdte")
            if naam.startswith("Test")
            else random_answers(g, year, cat=("in_gesprek", "")),
            completed=not naam.startswith("Test"),
            rol="ongekoppeld",
            token="",
            naam=naam,
            link="ongekoppeld",
            contact=new_contact(g),
            tags=["ongekoppeld"],
        )
    finalize(S, first_id=1)
    return S.subs
