"""Inzendingen: de bouwstenen, en de controle van elke bedoelde koppeling met de regels van de
koppelstap (rapidfuzz), zodat elk randgeval doet wat de README zegt."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
from rapidfuzz import fuzz, process

from .contacts import remark
from .generator import Generator
from .initiatives import Init
from .questionnaires import QUEST
from .vocab import normalise, strip_accents

FUZZY_THRESHOLD = 90  # policy.fuzzy_threshold
FUZZY_MARGIN = 5


@dataclass
class Sub:
    year: int
    init: str | None  # bedoeld initiatief (None bij ongekoppeld)
    token: str
    naam: str
    completed: bool
    ans: dict
    start: datetime
    finish: datetime | None
    pii: tuple = ("", "", "", "")
    rol: str = "gekozen"  # gekozen | dubbel | onbruikbaar | ongekoppeld | negeer
    link: str = "token"  # verwachte koppelmethode
    sid: object = None
    tags: list = field(default_factory=list)


class Submissions:
    """Inzendingen van één jaar opbouwen, met de randgevallen van koppelen en respons."""

    def __init__(self, gen: Generator, year: int):
        self.g, self.year, self.q = gen, year, QUEST[year]
        self.R = gen.R
        self.subs: list[Sub] = []
        self.inv = sorted((x for x in gen.inits if x.in_year(year)), key=lambda x: x.id)
        self.inv_ids = {x.id for x in self.inv}
        self.inv_norm = [normalise(x.naam) for x in self.inv]
        lo = datetime(year, 10, 12 if year == 2020 else 7, 8, 0)
        hi = datetime(year, 11, 27 if year == 2020 else 30, 18, 0)
        self.window = (lo, hi)

    def when(self) -> datetime:
        """Een starttijd in de veldwerkperiode, overdag of 's avonds."""
        lo, hi = self.window
        day = lo + timedelta(days=self.R.randrange((hi - lo).days))
        t = day.replace(
            hour=self.R.randrange(8, 22),
            minute=self.R.randrange(60),
            second=0 if self.year == 2019 else self.R.randrange(60),
        )
        return t

    def duration(self) -> timedelta:
        return timedelta(minutes=self.R.randrange(9, 55), seconds=0 if self.year == 2019 else self.R.randrange(60))

    def pii_for(self, x: Init | None, contact=None, completed=True) -> tuple:
        if not completed:
            return ("", "", "", "")
        contact = contact or x.contact[self.year]
        note = remark(self.g, contact) if (self.year == 2020 and self.R.random() < 0.3) else ""
        return (*contact, note)

    def add(
        self,
        x: Init | None,
        ans: dict,
        *,
        completed=True,
        rol="gekozen",
        token=None,
        naam=None,
        link="token",
        start=None,
        finish="auto",
        contact=None,
        tags=(),
    ) -> Sub:
        start = start or self.when()
        if finish == "auto":
            finish = start + self.duration() if completed else None
        sub = Sub(
            self.year,
            x.id if x else None,
            x.id if token is None and x else (token or ""),
            naam if naam is not None else self.typed_name(x),
            completed,
            ans,
            start,
            finish,
            self.pii_for(x, contact, completed),
            rol,
            link,
            tags=list(tags),
        )
        self.subs.append(sub)
        return sub

    def typed_name(self, x: Init) -> str:
        """Met token typt een respondent de naam vrij; meestal exact, soms anders."""
        R = self.R
        r = R.random()
        if r < 0.72:
            return x.naam
        if r < 0.82:
            return x.naam.lower()
        if r < 0.90:
            return x.naam + " (netwerk)"
        return " ".join(w for w in x.naam.split() if w.lower() not in ("in", "op", "en", "de"))

    def scores(self, name: str) -> np.ndarray:
        return process.cdist([normalise(name)], self.inv_norm, scorer=fuzz.token_sort_ratio, workers=1)[0]

    def expect(self, name: str) -> tuple[str, str | None, float]:
        """Wat de naamstappen van de koppelstap met deze naam doen: (methode, id, score)."""
        norm = normalise(name)
        exact = [x.id for x, n in zip(self.inv, self.inv_norm) if n == norm]
        if len(exact) == 1:
            return "naam", exact[0], 100.0
        sc = self.scores(name)
        order = np.argsort(-sc, kind="stable")
        best, second = sc[order[0]], sc[order[1]]
        if not exact and best >= FUZZY_THRESHOLD and best - second >= FUZZY_MARGIN:
            return "fuzzy", self.inv[order[0]].id, float(best)
        return "ongekoppeld", None, float(best)

    def naam_variant(self, x: Init, kind: str) -> str:
        n = x.naam
        if kind == "exact":
            v = n
        elif kind == "lower":
            v = n.lower()
        elif kind == "upper":
            v = n.upper()
        elif kind == "spaties":
            v = "  " + n.replace(" ", "   ", 1) + " "
        elif kind == "punt":
            v = n + "."
        elif kind == "quotes":
            v = f"\u201c{n}\u201d"
        elif kind == "accent":
            v = strip_accents(n)
        elif kind == "apostrof":
            v = n.replace("'s-", "\u2018s-")
        elif kind == "ampersand":
            v = strip_accents(n).replace(" & ", " &").lower()
        else:
            raise KeyError(kind)
        return v

    def typo(self, x: Init) -> str:
        """Tikfout die fuzzy (>= 90, uniek, >= 5 boven de tweede) naar x koppelt; ruime marge."""
        R = self.R
        n = x.naam
        for _ in range(500):
            letters = [i for i, c in enumerate(n) if c.isalpha() and i > 0]
            i = R.choice(letters)
            op = R.choice(["del", "swap", "dup", "sub"])
            if op == "del":
                v = n[:i] + n[i + 1 :]
            elif op == "swap" and i + 1 < len(n) and n[i + 1].isalpha():
                v = n[:i] + n[i + 1] + n[i] + n[i + 2 :]
            elif op == "dup":
                v = n[:i] + n[i] + n[i:]
            elif op == "sub":
                v = n[:i] + R.choice("aeiounrst") + n[i + 1 :]
            else:
                continue
            if normalise(v) == normalise(n):
                continue
            method, target, score = self.expect(v)
            if method != "fuzzy" or target != x.id or score < 92:
                continue
            sc = sorted(self.scores(v), reverse=True)
            if sc[0] - sc[1] < 10:
                continue
            return v
        raise RuntimeError(f"geen bruikbare tikfout voor {n}")

    def check(self, sub: Sub) -> None:
        """Controleer de bedoelde koppeling van één inzending met de regels van de koppelstap."""
        if sub.link == "handmatig":
            # zonder koppelbestand zou deze inzending ongekoppeld blijven
            assert sub.token not in self.inv_ids and self.expect(sub.naam)[0] == "ongekoppeld", sub.naam
            if "handmatig_dubbelzinnig" in sub.tags:  # twee kandidaten >= 90, minder dan 5 punten uiteen
                top = sorted(self.scores(sub.naam), reverse=True)[:3]
                assert top[0] >= FUZZY_THRESHOLD and top[1] >= FUZZY_THRESHOLD and top[0] - top[1] < FUZZY_MARGIN
                assert top[2] < FUZZY_THRESHOLD
            return
        if sub.link == "negeer":
            # het token is wél een inventaris-id: alleen het koppelbestand houdt de test buiten de analyse
            assert sub.token in self.inv_ids
            return
        if sub.token in self.inv_ids:
            assert sub.link == "token" and sub.init == sub.token, sub
            return
        method, target, score = self.expect(sub.naam)
        assert (method, target) == (sub.link, sub.init), (sub.naam, method, target, score, sub.link, sub.init)


def hyphen_space_variant(name: str) -> str | None:
    for i, c in enumerate(name):
        if c == "-" and 0 < i < len(name) - 1 and name[i - 1].isalpha() and name[i + 1].isalpha():
            return name[:i] + " " + name[i + 1 :]
    return None


def type_contact_details_into_names(S: Submissions) -> None:
    """Twee respondenten typen hun eigen e-mailadres of telefoonnummer in het naamveld (met
    token, dus de koppeling blijft gelijk): de pijplijn moet die vervangen, nooit doorgeven."""
    chosen = [s for s in S.subs if s.link == "token" and s.rol == "gekozen" and s.pii[1] and s.pii[2]][:2]
    chosen[0].naam = f"{chosen[0].naam} (contact: {chosen[0].pii[1]})"
    chosen[1].naam = f"{chosen[1].naam}, bel {chosen[1].pii[2]}"
    for s in chosen:
        s.tags.append("persoonsgegevens_in_naam")


def finalize(S: Submissions, first_id: int) -> None:
    """Ids in volgorde van starttijd (zoals een enquêtetool ze uitdeelt) en koppelcontrole."""
    R = S.R
    order = sorted(S.subs, key=lambda s: (s.start, s.naam))
    if S.year == 2020:
        sid = first_id
        for s in order:
            s.sid = sid
            sid += R.choice([1, 1, 1, 2, 3])
    else:
        for k, s in enumerate(order, first_id):
            s.sid = f"R19-{k:04d}"
    S.subs.sort(key=lambda s: s.sid if S.year == 2020 else int(s.sid[4:]))
    for s in S.subs:
        S.check(s)
