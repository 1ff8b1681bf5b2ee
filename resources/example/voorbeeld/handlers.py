"""Wat een responder met een randgeval inzendt, in beide jaren: elk jaar maakt een plan (initiatief-id
-> handler, plan_cases) en noemt daarin deze handlers, met functools.partial ingevuld; de overige
responders zenden één gekozen inzending (chosen). Een handler trekt pas uit de random stream als hij
draait, in de volgorde van de responders."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from .contacts import new_contact
from .initiatives import Init, truncate
from .submissions import Submissions

# handler(S, x) voegt de inzendingen van responder x toe
Handler = Callable[[Submissions, Init], None]


def plan_cases(*groups: tuple[list[Init], Handler | list[Handler]]) -> dict[str, Handler]:
    """Het plan van een jaar uit (initiatieven, handler) of (initiatieven, een handler per initiatief);
    elk initiatief draagt hoogstens één randgeval."""
    plan: dict[str, Handler] = {}
    for inits, handlers in groups:
        each = handlers if isinstance(handlers, list) else [handlers] * len(inits)
        for x, handler in zip(inits, each, strict=True):
            assert x.id not in plan, x.id
            plan[x.id] = handler
    return plan


def chosen(S: Submissions, x: Init) -> None:
    """Geen randgeval: één gekozen inzending met token."""
    S.add(x, x.ans[S.year])


def usable_partial(S: Submissions, x: Init, *, last: str) -> None:
    """Gedeeltelijk maar bruikbaar: afgebroken na de vraag `last`."""
    S.add(x, truncate(x.ans[S.year], S.q, last), completed=False, tags=["bruikbaar_gedeeltelijk"])


def name_variant(S: Submissions, x: Init, *, kind: str) -> None:
    """Leeg token, de naam als variant `kind` (Submissions.naam_variant): gelijk na normalisatie."""
    S.add(x, x.ans[S.year], token="", naam=S.naam_variant(x, kind), link="naam", tags=[f"naam_{kind}"])


def name_typo(S: Submissions, x: Init) -> None:
    """Leeg token, een tikfout in de naam: koppelt fuzzy."""
    S.add(x, x.ans[S.year], token="", naam=S.typo(x), link="fuzzy", tags=["fuzzy_tikfout"])


def first_of_two(S: Submissions, x: Init) -> tuple[datetime, dict]:
    """De gekozen inzending van een gewone dubbele, op een willekeurig tijdstip t0; geeft t0 en de
    antwoorden van de dubbele (minder, zodat de keuze eenduidig is)."""
    t0 = S.when()
    ans = x.ans[S.year]
    S.add(x, ans, start=t0)
    return t0, fewer_answers(ans)


def duplicate_via_name(S: Submissions, x: Init, *, shift: timedelta) -> None:
    """Een gewone dubbele op t0 + shift, leeg token en de naam exact: koppelt via de naam."""
    t0, fewer = first_of_two(S, x)
    start = t0 + shift
    S.add(x, fewer, rol="dubbel", token="", naam=x.naam, link="naam", start=start, tags=["dubbel_via_naam"])


def duplicate_via_typo(S: Submissions, x: Init, *, shift: timedelta) -> None:
    """Een gewone dubbele op t0 + shift, leeg token en een tikfout in de naam: koppelt fuzzy."""
    t0, fewer = first_of_two(S, x)
    start = t0 + shift
    S.add(x, fewer, rol="dubbel", token="", naam=S.typo(x), link="fuzzy", start=start, tags=["dubbel_via_fuzzy"])


def duplicate_partial(S: Submissions, x: Init, *, shift: timedelta) -> None:
    """Een gewone dubbele op t0 + shift, gedeeltelijk maar bruikbaar (minder antwoorden)."""
    t0, _ = first_of_two(S, x)
    part = truncate(x.ans[S.year], S.q, "n_interventies")
    S.add(x, part, rol="dubbel", completed=False, start=t0 + shift, tags=["dubbel_gedeeltelijk"])


def duplicate_fewer(S: Submissions, x: Init, *, days: int | tuple[int, ...]) -> None:
    """Een gewone dubbele met minder antwoorden, `days` dagen na t0; bij een tuple één daarvan,
    getrokken op het moment zelf (na de gekozen inzending)."""
    t0, fewer = first_of_two(S, x)
    shift = timedelta(days=S.R.choice(days) if isinstance(days, tuple) else days)
    S.add(x, fewer, rol="dubbel", start=t0 + shift, tags=["dubbel"])


def unlinked(S: Submissions, naam: str, ans: dict, *, completed: bool) -> None:
    """Een inzending die bij geen initiatief hoort, met een eigen (nieuwe) contactpersoon."""
    contact = new_contact(S.g)
    S.add(
        None,
        ans,
        completed=completed,
        rol="ongekoppeld",
        token="",
        naam=naam,
        link="ongekoppeld",
        contact=contact,
        tags=["ongekoppeld"],
    )


def fewer_answers(ans: dict) -> dict:
    """Een dubbele met minder antwoorden, zodat de keuze tussen de twee eenduidig is."""
    if ans["doelgroepen"] is not None:
        return dict(ans, doelgroepen=None)
    return dict(ans, vws_interventies=None, gli_programmas=None)
