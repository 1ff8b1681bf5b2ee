"""De inzendingen van 2019: één per responder, en de randgevallen van koppelen en respons
(README, 'Randgevallen'). De stappen trekken in vaste volgorde uit één stream: niet omwisselen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .answers import random_answers
from .contacts import new_contact
from .generator import Generator
from .initiatives import Init, count_answers, empty_answers, inclusion_answered, truncate
from .submissions import Sub, Submissions, fewer_answers, finalize

YEAR = 2019
NAME_KINDS = ["exact", "lower", "upper", "spaties", "punt", "exact", "lower"]


@dataclass
class Cases:
    """De responders met een randgeval; elk initiatief draagt er hoogstens één."""

    partial_incl: list[Init]
    partial_excl: list[Init]
    d_tie: Init
    d_other: list[Init]
    unusable_extra: list[Init]
    naam_subs: list[Init]
    fuzzy_subs: list[Init]


def build_submissions_2019(g: Generator) -> list[Sub]:
    S = Submissions(g, YEAR)
    resp = sorted((x for x in g.inits if x.r19 in ("incl", "excl")), key=lambda x: x.id)
    assert len(resp) == 165
    cases = choose_cases(S, resp)
    for x in resp:
        if not (add_partial(S, x, cases) or add_linked_by_name(S, x, cases) or add_duplicates(S, x, cases)):
            S.add(x, x.ans[YEAR])
    add_unusable(S, cases.unusable_extra)
    add_unlinked(S)
    finalize(S, first_id=1)
    return S.subs


def choose_cases(S: Submissions, resp: list[Init]) -> Cases:
    reserved: set[str] = set()

    def take(pred, n):
        chosen = S.R.sample([x for x in resp if pred(x) and x.id not in reserved], n)
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
    return Cases(partial_incl, partial_excl, d_tie, d_other, unusable_extra, naam_subs, fuzzy_subs)


def add_partial(S: Submissions, x: Init, cases: Cases) -> bool:
    ans = x.ans[YEAR]
    if x in cases.partial_incl:
        S.add(x, truncate(ans, S.q, "zorgverzekeraar_betrokken"), completed=False, tags=["bruikbaar_gedeeltelijk"])
    elif x in cases.partial_excl:
        S.add(x, truncate(ans, S.q, "n_interventies"), completed=False, tags=["bruikbaar_gedeeltelijk"])
    else:
        return False
    return True


def add_linked_by_name(S: Submissions, x: Init, cases: Cases) -> bool:
    ans = x.ans[YEAR]
    if x in cases.naam_subs:
        kind = NAME_KINDS[cases.naam_subs.index(x)]
        S.add(x, ans, token="", naam=S.naam_variant(x, kind), link="naam", tags=[f"naam_{kind}"])
    elif x in cases.fuzzy_subs:
        S.add(x, ans, token="", naam=S.typo(x), link="fuzzy", tags=["fuzzy_tikfout"])
    else:
        return False
    return True


def add_duplicates(S: Submissions, x: Init, cases: Cases) -> bool:
    ans = x.ans[YEAR]
    if x is cases.d_tie:
        add_tie_on_text_date(S, x, ans)
    elif x in cases.d_other:
        add_other_duplicate(S, x, ans, cases.d_other.index(x))
    else:
        return False
    return True


def add_tie_on_text_date(S: Submissions, x: Init, ans: dict) -> None:
    """Gelijk aantal antwoorden; later afgerond (02-12) is als tekst 'kleiner' dan 28-11, en de
    gekozen inzending heeft het lagere resp_nr: alleen een echte datumvergelijking klopt."""
    other = dict(ans, reikwijdte="regio" if ans["reikwijdte"] == "gemeente" else "gemeente")
    assert count_answers(other, S.q) == count_answers(ans, S.q)
    tags = ["gelijkspel_datum_tekst"]
    S.add(x, ans, start=datetime(2019, 11, 25, 10, 2), finish=datetime(2019, 12, 2, 9, 15), tags=tags)
    start, finish = datetime(2019, 11, 28, 16, 5), datetime(2019, 11, 28, 16, 40)
    S.add(x, other, rol="dubbel", start=start, finish=finish, tags=tags)


def add_other_duplicate(S: Submissions, x: Init, ans: dict, k: int) -> None:
    """De k-de gewone dubbele: via naam, gedeeltelijk, of met minder antwoorden."""
    t0 = S.when()
    S.add(x, ans, start=t0)
    fewer = fewer_answers(ans)
    if k == 0:
        start = t0 - timedelta(days=3)
        S.add(x, fewer, rol="dubbel", token="", naam=x.naam, link="naam", start=start, tags=["dubbel_via_naam"])
    elif k == 1:
        part = truncate(ans, S.q, "n_interventies")
        start = t0 + timedelta(hours=2)
        S.add(x, part, rol="dubbel", completed=False, start=start, tags=["dubbel_gedeeltelijk"])
    else:
        S.add(x, fewer, rol="dubbel", start=t0 + timedelta(days=4), tags=["dubbel"])


def add_unusable(S: Submissions, extra: list[Init]) -> None:
    """Onbruikbare gedeeltelijke inzendingen: naast een bruikbare, of de enige (rol 'partieel')."""
    for x in extra:
        part = truncate(x.ans[YEAR], S.q, "reikwijdte")
        S.add(x, part, completed=False, rol="onbruikbaar", tags=["onbruikbaar_extra"])
    for x in sorted((x for x in S.g.inits if x.r19 == "partieel"), key=lambda x: x.id):
        part = truncate(random_answers(S.g, YEAR, cat=("apart_betrokken", "")), S.q, "partijen")
        S.add(x, part, completed=False, rol="onbruikbaar", tags=["alleen_onbruikbaar"])


def add_unlinked(S: Submissions) -> None:
    for naam in ("Testinzending", "Samenwerkingsverband gezondheid"):
        test = naam.startswith("Test")
        if test:
            ans = truncate(empty_answers(), S.q, "reikwijdte")
        else:
            ans = random_answers(S.g, YEAR, cat=("in_gesprek", ""))
        contact = new_contact(S.g)
        S.add(
            None,
            ans,
            completed=not test,
            rol="ongekoppeld",
            token="",
            naam=naam,
            link="ongekoppeld",
            contact=contact,
            tags=["ongekoppeld"],
        )
