"""Willekeurige maar plausibele antwoorden, voor de records die de kalibratie niet precies vastlegt."""

from __future__ import annotations

from .generator import Generator
from .initiatives import empty_answers, gzs
from .questionnaires import QUEST
from .vocab import GLI, PARTIJEN, VWS, WN, ordered


def random_set(g: Generator, options, probs: dict, min_ticks: int = 1) -> list:
    R = g.R
    ticked = [o for o in options if R.random() < probs.get(o, 0.3)]
    while len(ticked) < min_ticks:
        extra = R.choice([o for o in options if o not in ticked])
        ticked.append(extra)
    return ordered(options, ticked)


P_PARTIJEN = {
    "huisarts_poh": 0.70,
    "welzijn": 0.55,
    "thuiszorg": 0.47,
    "ggd": 0.47,
    "paramedici": 0.46,
    "sociaal_werk": 0.45,
    "inwoners": 0.41,
    "kennisinstituut": 0.33,
    "beroepsonderwijs": 0.26,
    "overig": 0.13,
}
P_VWS = {
    "welzijn_op_recept": 0.48,
    "gli": 0.30,
    "valpreventie": 0.30,
    "kinderen_overgewicht": 0.22,
    "diabetes": 0.22,
}
P_DOEL = {
    "ouderen": 0.68,
    "psychisch": 0.48,
    "jongeren": 0.42,
    "overgewicht": 0.40,
    "lage_ses": 0.36,
    "mantelzorgers": 0.27,
    "onderwijs": 0.22,
    "alle_inwoners": 0.25,
}
P_FIN = {"wmo": 0.65, "zvw": 0.55, "wpg": 0.30, "overig": 0.18}


def reikwijdte(g: Generator) -> str:
    return g.R.choices(["wijk", "gemeente", "regio", "provincie"], [12, 46, 35, 7])[0]


def n_interventies(g: Generator) -> int:
    return min(25, 2 + int(g.R.expovariate(1 / 5)))


def random_answers(g: Generator, year: int, cat=None, fail=None) -> dict:
    """Volledige antwoorden van één inzending; `cat` (geïncludeerd) of `fail` (uitgesloten)."""
    R, q = g.R, QUEST[year]
    fail = fail or {}
    ans = empty_answers()
    e1 = fail.get("E1")
    ans["doet_preventie"] = {"nee": "nee", "wn": WN, "leeg": None}.get(e1, "ja")
    e2 = fail.get("E2")
    ans["reikwijdte"] = {"landelijk": "landelijk", "leeg": None}.get(e2) if e2 else reikwijdte(g)
    if cat is not None:
        gem, z, s = gzs(*cat)
    else:
        gem = R.choices(["ja", "nee", WN], [80, 16, 4])[0]
        z = R.choices(["ja", "nee", WN], [50, 45, 5])[0]
        s = None
        if gem == "ja" and z == "ja":
            s = R.choices(["geen_contact", "in_gesprek", "informeel", "formeel", WN], [30, 22, 18, 26, 4])[0]
    ans["gemeente_betrokken"], ans["zorgverzekeraar_betrokken"], ans["samenwerking"] = gem, z, s
    ans["partijen"] = random_parties(g, gem, z, fail.get("E3"))
    e4 = fail.get("E4")
    ans["n_interventies"] = {"one": 1, "zero": 0, "leeg": None, "wn99": WN}.get(e4) if e4 else n_interventies(g)
    # interventies, GLI
    if R.random() < 0.97:
        # ongeveer driekwart biedt minstens één van de VWS-interventies aan
        ans["vws_interventies"] = [] if R.random() < 0.27 else random_set(g, VWS, P_VWS)
        if "gli" in ans["vws_interventies"]:
            ans["gli_programmas"] = gli_ticks(g, R.random() < 0.72)
    if R.random() < 0.96:
        opts = q.options("doelgroepen")
        ans["doelgroepen"] = random_set(g, opts, P_DOEL)
    if s in ("informeel", "formeel"):
        ans["afspraken"] = R.choices(["beide", "inhoud", "financiering", WN], [58, 26, 12, 4])[0]
        if R.random() < 0.94:
            ans["financiering"] = random_set(g, q.options("financiering"), P_FIN)
    return ans


def random_parties(g: Generator, gem, z, e3: str | None) -> list | None:
    """De partijenlijst volgt meestal de betrokkenheid; bij uitsluitgrond E3 precies 2, 1 of 0 vinkjes."""
    R = g.R
    if e3 == "leeg":
        return None
    base = []
    if gem == "ja" and R.random() < 0.97:
        base.append("gemeente")
    if z == "ja" and R.random() < 0.9:
        base.append("zorgverzekeraar")
    others = [o for o in PARTIJEN[2:] if R.random() < P_PARTIJEN[o]]
    ticked = ordered(PARTIJEN, base + others)
    want = {"two": 2, "one": 1, "zero": 0}.get(e3)
    if want is not None:
        R.shuffle(ticked)
        ticked = ordered(PARTIJEN, ticked[:want])
        while len(ticked) < want:
            ticked = ordered(PARTIJEN, ticked + [R.choice([o for o in PARTIJEN if o not in ticked])])
    else:
        while len(ticked) < 3:
            ticked = ordered(PARTIJEN, ticked + [R.choice([o for o in PARTIJEN[2:] if o not in ticked])])
    return ticked


def gli_ticks(g: Generator, erkend: bool) -> list:
    R = g.R
    if not erkend:
        return ["anders"]
    ticked = [o for o in ("beweegkuur", "cool", "slimmer") if R.random() < 0.5]
    if not ticked:
        ticked = [R.choice(["beweegkuur", "cool", "slimmer"])]
    if R.random() < 0.1:
        ticked.append("anders")
    return ordered(GLI, ticked)


def build_other_answers(g: Generator) -> None:
    for x in sorted(g.inits, key=lambda x: x.id):
        if x.r20 == "B":
            x.ans[2020] = random_answers(g, 2020, fail=x.fail[2020])
        if x.r19 == "incl" and 2019 not in x.ans:
            x.ans[2019] = random_answers(g, 2019, cat=x.cat[2019])
        if x.r19 == "excl":
            x.ans[2019] = random_answers(g, 2019, fail=x.fail[2019])
