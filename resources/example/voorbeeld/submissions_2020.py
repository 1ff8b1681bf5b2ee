"""De inzendingen van 2020: één per responder, en de randgevallen van koppelen en respons
(README, 'Randgevallen'). De stappen trekken in vaste volgorde uit één stream: niet omwisselen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from . import handlers
from .answers import random_answers
from .generator import Generator
from .initiatives import Init, count_answers, empty_answers, inclusion_answered, truncate
from .submissions import Sub, Submissions, finalize, hyphen_space_variant, type_contact_details_into_names
from .vocab import PARTIJEN

YEAR = 2020
NAME_KINDS = ["exact", "exact", "lower", "lower", "upper", "spaties", "punt", "quotes", "spaties", "upper"]
SPECIAL_NAME_KINDS = {"naam_accent": "accent", "naam_apostrof": "apostrof", "naam_ampersand": "ampersand"}
# de gewone dubbelen, één per initiatief in Cases.d_other: via naam, via een tikfout, gedeeltelijk, en
# twee met minder antwoorden op een getrokken aantal dagen ervoor of erna
OTHER_DUPLICATES = [
    partial(handlers.duplicate_via_name, shift=timedelta(days=6)),
    partial(handlers.duplicate_via_typo, shift=timedelta(days=-4)),
    partial(handlers.duplicate_partial, shift=timedelta(hours=5)),
    partial(handlers.duplicate_fewer, days=(-5, -2, 3, 8)),
    partial(handlers.duplicate_fewer, days=(-5, -2, 3, 8)),
]


@dataclass
class Cases:
    """De responders met een randgeval; elk initiatief draagt er hoogstens één."""

    partial_a: list[Init]
    partial_b: list[Init]
    d_tie_date: Init
    d_tie_id: Init
    d_triple: Init
    d_other: list[Init]
    unusable_extra: list[Init]
    negeer_target: Init
    nieuw_token: Init
    naam_subs: list[Init]
    fuzzy_subs: list[Init]
    fuzzy_hyphen: Init


def build_submissions_2020(g: Generator) -> tuple[list[Sub], list[tuple[str, str]]]:
    S = Submissions(g, YEAR)
    resp = sorted((x for x in g.inits if x.r20 in ("A", "B")), key=lambda x: x.id)
    assert len(resp) == 195
    cases = choose_cases(S, resp)
    todo = plan(cases, resp)
    for x in resp:
        todo.get(x.id, handlers.chosen)(S, x)
    add_unusable(S, cases.unusable_extra)
    add_ignored_test(S, cases.negeer_target)
    add_unlinked(S)
    finalize(S, first_id=10001)
    type_contact_details_into_names(S)
    return S.subs, links(S.subs)


def choose_cases(S: Submissions, resp: list[Init]) -> Cases:
    reserved: set[str] = set()

    def take(pred, n):
        picked = S.R.sample([x for x in resp if pred(x) and x.id not in reserved and not x.special], n)
        reserved.update(x.id for x in picked)
        return picked

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
        for x in S.R.sample(resp, len(resp))
        if x.id not in reserved
        and not x.special
        and hyphen_space_variant(x.naam)
        and S.expect(hyphen_space_variant(x.naam))[:2] == ("fuzzy", x.id)
    )
    return Cases(
        partial_a,
        partial_b,
        d_tie_date,
        d_tie_id,
        d_triple,
        d_other,
        unusable_extra,
        negeer_target,
        nieuw_token,
        naam_subs,
        fuzzy_subs,
        fuzzy_hyphen,
    )


def plan(cases: Cases, resp: list[Init]) -> dict[str, handlers.Handler]:
    """Per responder met een randgeval wat hij inzendt (de handlers van beide jaren: handlers.py)."""
    specials = {x.special: x for x in resp if x.special}
    typed = specials["handmatig_dubbelzinnig"].naam  # token_wint typt de naam van dit initiatief
    by_special = {
        "handmatig_afkorting": partial(manual_link, naam="PA Twente"),
        "handmatig_dubbelzinnig": partial(manual_link, naam="Welzijn op Recept Alm."),
        **{special: partial(handlers.name_variant, kind=kind) for special, kind in SPECIAL_NAME_KINDS.items()},
        "token_wint": partial(token_beats_name, naam=typed),
    }
    return handlers.plan_cases(
        (cases.partial_a, partial(handlers.usable_partial, last="zorgverzekeraar_betrokken")),
        (cases.partial_b, partial(handlers.usable_partial, last="vws_interventies")),
        ([specials[special] for special in by_special], list(by_special.values())),
        ([cases.nieuw_token], unknown_token),
        (cases.naam_subs, [partial(handlers.name_variant, kind=kind) for kind in NAME_KINDS]),
        (cases.fuzzy_subs, handlers.name_typo),
        ([cases.fuzzy_hyphen], hyphen_as_space),
        ([cases.d_tie_date], add_tie_on_date),
        ([cases.d_tie_id], add_tie_on_id),
        ([cases.d_triple], add_triple),
        (cases.d_other, OTHER_DUPLICATES),
        ([cases.negeer_target], later),
    )


def manual_link(S: Submissions, x: Init, *, naam: str) -> None:
    """Leeg token en een naam die de koppelstap niet vindt: alleen koppelingen_2020.csv koppelt."""
    S.add(x, x.ans[YEAR], token="", naam=naam, link="handmatig", tags=[x.special])


def token_beats_name(S: Submissions, x: Init, *, naam: str) -> None:
    """Het token is een inventaris-id, de getypte naam precies die van een ander initiatief."""
    S.add(x, x.ans[YEAR], naam=naam, tags=["token_wint_van_naam"])


def unknown_token(S: Submissions, x: Init) -> None:
    """Token NI-9999 bestaat niet; de naam (exact) koppelt."""
    S.add(x, x.ans[YEAR], token="NI-9999", naam=x.naam, link="naam", tags=["token_onbekend"])


def hyphen_as_space(S: Submissions, x: Init) -> None:
    """'Amsterdam-Noord' getypt als 'Amsterdam Noord': na normalisatie niet gelijk (het leesteken
    verdwijnt, wordt geen spatie), dus koppeling via fuzzy."""
    S.add(x, x.ans[YEAR], token="", naam=hyphen_space_variant(x.naam), link="fuzzy", tags=["fuzzy_streepje"])


def later(S: Submissions, x: Init) -> None:
    """Zijn inzending komt in add_ignored_test, samen met de testinzending."""


def add_tie_on_date(S: Submissions, x: Init) -> None:
    """Gelijk aantal antwoorden; de gekozen inzending is later afgerond maar heeft het lagere id."""
    ans = x.ans[YEAR]
    t0 = S.when()
    other = dict(ans, samenwerking="informeel")
    assert count_answers(other, S.q) == count_answers(ans, S.q)
    S.add(x, ans, start=t0 - timedelta(days=1), finish=t0 + timedelta(days=2), tags=["gelijkspel_datum"])
    S.add(x, other, rol="dubbel", start=t0, finish=t0 + timedelta(minutes=21), tags=["gelijkspel_datum"])


def add_tie_on_id(S: Submissions, x: Init) -> None:
    """Gelijk aantal antwoorden en identiek afgerond_op: het hoogste respondent_id wint."""
    ans = x.ans[YEAR]
    t0 = S.when()
    fin = t0 + timedelta(minutes=30)
    flip = "huisarts_poh"
    other = dict(ans, partijen=[o for o in PARTIJEN if (o in ans["partijen"]) != (o == flip)])
    assert count_answers(other, S.q) == count_answers(ans, S.q)
    S.add(x, other, rol="dubbel", start=t0, finish=fin, tags=["gelijkspel_id"])
    S.add(x, ans, start=t0 + timedelta(minutes=4), finish=fin, tags=["gelijkspel_id"])


def add_triple(S: Submissions, x: Init) -> None:
    """Drie inzendingen: de gekozen, een latere met minder antwoorden, een eerdere gedeeltelijke."""
    ans = x.ans[YEAR]
    t0 = S.when()
    S.add(x, ans, start=t0, tags=["drie_inzendingen"])
    fewer = dict(ans, doelgroepen=None, vws_interventies=None, gli_programmas=None)
    tags = ["drie_inzendingen", "later_minder_antwoorden"]
    S.add(x, fewer, rol="dubbel", start=t0 + timedelta(days=3), tags=tags)
    S.add(
        x,
        truncate(ans, S.q, "n_interventies"),
        completed=False,
        rol="dubbel",
        start=t0 - timedelta(days=2),
        tags=["drie_inzendingen", "gedeeltelijk_bruikbaar_dubbel"],
    )


def add_unusable(S: Submissions, extra: list[Init]) -> None:
    """Onbruikbare gedeeltelijke inzendingen: naast een bruikbare, of de enige (dan non-respons)."""
    for k, x in enumerate(extra):
        part = truncate(x.ans[YEAR], S.q, "reikwijdte")
        if k == 0:  # via naam gekoppeld
            naam = x.naam.upper()
            tags = ["onbruikbaar_extra"]
            S.add(x, part, completed=False, rol="onbruikbaar", token="", naam=naam, link="naam", tags=tags)
        else:
            S.add(x, part, completed=False, rol="onbruikbaar", tags=["onbruikbaar_extra"])
    taken_over = S.g.pick(lambda x: x.r20 == "over" and not x.coal_code and not x.special, 1)
    only = taken_over + S.g.pick(lambda x: x.r20 == "geen_resp" and not x.special, 2)
    for x in only:
        part = truncate(random_answers(S.g, YEAR, cat=("alleen_een", "G")), S.q, "partijen")
        S.add(x, part, completed=False, rol="onbruikbaar", tags=["alleen_onbruikbaar", f"r20={x.r20}"])


def add_ignored_test(S: Submissions, x: Init) -> None:
    """De gekozen inzending van x, en een testinzending met zijn token die koppelingen_2020.csv negeert."""
    S.add(x, x.ans[YEAR])
    test_ans = empty_answers()
    test_ans["doet_preventie"] = "ja"
    S.add(
        x,
        test_ans,
        rol="negeer",
        naam="TEST RIVM - niet meenemen",
        link="negeer",
        contact=("Tamara Testbeek", "t.testbeek@voorbeeld-rivm.nl", "06-99887766"),
        tags=["negeer"],
    )


def add_unlinked(S: Submissions) -> None:
    for naam, completed in (("Test", False), ("Netwerk preventie", True), ("Buurtsportcoaches Sportief Actief", True)):
        if completed:
            ans = random_answers(S.g, YEAR, cat=("apart_betrokken", ""))
        else:
            ans = truncate(empty_answers(), S.q, "doet_preventie")
        handlers.unlinked(S, naam, ans, completed=completed)


def links(subs: list[Sub]) -> list[tuple[str, str]]:
    """koppelingen_2020.csv: de handmatige koppelingen en de testinzending die wegvalt."""
    out = []
    for s in subs:
        if s.link == "handmatig":
            out.append((s.sid, s.init))
        elif s.link == "negeer":
            out.append((s.sid, "negeer"))
    return sorted(out)
