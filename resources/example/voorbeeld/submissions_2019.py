"""De inzendingen van 2019: één per responder, en de randgevallen van koppelen en respons
(README, 'Randgevallen'). De stappen trekken in vaste volgorde uit één stream: niet omwisselen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from . import handlers
from .answers import random_answers
from .generator import Generator
from .initiatives import Init, count_answers, empty_answers, inclusion_answered, truncate
from .submissions import Sub, Submissions, finalize

YEAR = 2019
NAME_KINDS = ["exact", "lower", "upper", "spaties", "punt", "exact", "lower"]
# de gewone dubbelen, één per initiatief in Cases.d_other: via naam, gedeeltelijk, met minder antwoorden
OTHER_DUPLICATES = [
    partial(handlers.duplicate_via_name, shift=timedelta(days=-3)),
    partial(handlers.duplicate_partial, shift=timedelta(hours=2)),
    partial(handlers.duplicate_fewer, days=4),
]


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
    todo = plan(cases)
    for x in resp:
        todo.get(x.id, handlers.chosen)(S, x)
    add_unusable(S, cases.unusable_extra)
    add_unlinked(S)
    finalize(S, first_id=1)
    return S.subs


def choose_cases(S: Submissions, resp: list[Init]) -> Cases:
    reserved: set[str] = set()

    def take(pred, n):
        picked = S.R.sample([x for x in resp if pred(x) and x.id not in reserved], n)
        reserved.update(x.id for x in picked)
        return picked

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


def plan(cases: Cases) -> dict[str, handlers.Handler]:
    """Per responder met een randgeval wat hij inzendt (de handlers van beide jaren: handlers.py)."""
    return handlers.plan_cases(
        (cases.partial_incl, partial(handlers.usable_partial, last="zorgverzekeraar_betrokken")),
        (cases.partial_excl, partial(handlers.usable_partial, last="n_interventies")),
        (cases.naam_subs, [partial(handlers.name_variant, kind=kind) for kind in NAME_KINDS]),
        (cases.fuzzy_subs, handlers.name_typo),
        ([cases.d_tie], add_tie_on_text_date),
        (cases.d_other, OTHER_DUPLICATES),
    )


def add_tie_on_text_date(S: Submissions, x: Init) -> None:
    """Gelijk aantal antwoorden; later afgerond (02-12) is als tekst 'kleiner' dan 28-11, en de
    gekozen inzending heeft het lagere resp_nr: alleen een echte datumvergelijking klopt."""
    ans = x.ans[YEAR]
    other = dict(ans, reikwijdte="regio" if ans["reikwijdte"] == "gemeente" else "gemeente")
    assert count_answers(other, S.q) == count_answers(ans, S.q)
    tags = ["gelijkspel_datum_tekst"]
    S.add(x, ans, start=datetime(2019, 11, 25, 10, 2), finish=datetime(2019, 12, 2, 9, 15), tags=tags)
    start, finish = datetime(2019, 11, 28, 16, 5), datetime(2019, 11, 28, 16, 40)
    S.add(x, other, rol="dubbel", start=start, finish=finish, tags=tags)


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
        handlers.unlinked(S, naam, ans, completed=not test)
