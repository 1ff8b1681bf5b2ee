"""De antwoorden: willekeurig en plausibel, of precies verdeeld op de gepubliceerde aantallen."""

from __future__ import annotations

from .generator import Generator
from .initiatives import empty_answers, gzs
from .questionnaires import QUEST
from .vocab import DOEL, FIN, GLI, PARTIJEN, VWS, WN, expand, ordered


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
    # partijen
    e3 = fail.get("E3")
    if e3 == "leeg":
        ans["partijen"] = None
    else:
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
        ans["partijen"] = ticked
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


def allocate(
    g: Generator, holders: list[str], counts: dict, options, base: dict | None = None, minimum: int = 1, donors_ok=None
) -> dict:
    """Verdeel precies counts[o] vinkjes per optie over `holders`, elk minstens `minimum`.

    `base` bevat vaste vinkjes (tellen mee voor het minimum maar worden nooit verplaatst);
    `donors_ok(optie, holder)` beperkt wie een optie mag krijgen.
    """
    R = g.R
    base = base or {}
    ticks = {h: set(base.get(h, ())) for h in holders}
    movable = [o for o in options if o in counts]
    for o in movable:
        pool = [h for h in holders if donors_ok is None or donors_ok(o, h)]
        for h in R.sample(pool, counts[o]):
            ticks[h].add(o)
    for _ in range(10000):
        short = [h for h in holders if len(ticks[h]) < minimum]
        if not short:
            break
        h = short[0]
        moved = False
        for o in R.sample(movable, len(movable)):
            if o in ticks[h] or (donors_ok is not None and not donors_ok(o, h)):
                continue
            donors = [d for d in holders if o in ticks[d] and len(ticks[d]) > minimum + 1 and o not in base.get(d, ())]
            if donors:
                d = R.choice(donors)
                ticks[d].discard(o)
                ticks[h].add(o)
                moved = True
                break
        if not moved:
            raise RuntimeError("toewijzing lukt niet")
    else:
        raise RuntimeError("toewijzing convergeert niet")
    for o in movable:
        assert sum(o in t for t in ticks.values()) == counts[o], o
    return {h: ordered(options, t) for h, t in ticks.items()}


def build_answers_2020_analysed(g: Generator) -> None:
    """De 116 geanalyseerde records van 2020, exact gekalibreerd op de factsheet."""
    R = g.R
    recs = sorted((x for x in g.inits if x.r20 in ("A", "over")), key=lambda x: x.id)
    assert len(recs) == 116
    ids = [x.id for x in recs]
    src = {x.id: (2020 if x.r20 == "A" else 2019) for x in recs}
    ans = {x.id: empty_answers() for x in recs}
    cat = {x.id: x.cat[2020] for x in recs}
    for x in recs:
        a = ans[x.id]
        a["doet_preventie"] = "ja"
        a["reikwijdte"] = reikwijdte(g)
        a["n_interventies"] = n_interventies(g)
        a["gemeente_betrokken"], a["zorgverzekeraar_betrokken"], a["samenwerking"] = gzs(*cat[x.id])
    g_ja = [i for i in ids if ans[i]["gemeente_betrokken"] == "ja"]
    z_ja = [i for i in ids if ans[i]["zorgverzekeraar_betrokken"] == "ja"]
    assert len(g_ja) == 108 and len(z_ja) == 86, (len(g_ja), len(z_ja))
    # partijen: gemeente 107 (één 'apart betrokken' zonder vinkje), zorgverzekeraar 79
    apart_a = [i for i in ids if cat[i][0] == "apart_betrokken" and src[i] == 2020]
    apart_all = [i for i in ids if cat[i][0] == "apart_betrokken"]
    gesprek_all = [i for i in ids if cat[i][0] == "in_gesprek"]
    (no_gem,) = R.sample(apart_a, 1)
    no_zv = R.sample([i for i in apart_all if i != no_gem], 4) + R.sample(gesprek_all, 3)
    g.note("partijenlijst_wijkt_af_gemeente", no_gem)
    for i in sorted(no_zv):
        g.note("partijenlijst_wijkt_af_zorgverzekeraar", i)
    base = {
        i: ([("gemeente")] if i in g_ja and i != no_gem else [])
        + (["zorgverzekeraar"] if i in z_ja and i not in no_zv else [])
        for i in ids
    }
    counts = {
        "huisarts_poh": 81,
        "welzijn": 64,
        "thuiszorg": 55,
        "ggd": 55,
        "paramedici": 53,
        "sociaal_werk": 52,
        "inwoners": 48,
        "kennisinstituut": 39,
        "beroepsonderwijs": 31,
        "overig": 14,
    }
    part = allocate(g, ids, counts, PARTIJEN, base=base, minimum=3)
    for i in ids:
        ans[i]["partijen"] = part[i]
    assert sum("gemeente" in part[i] for i in ids) == 107
    assert sum("zorgverzekeraar" in part[i] for i in ids) == 79
    # VWS-interventies: 81 met minstens één; 35 beantwoord zonder vinkje
    any_vws = sorted(R.sample(ids, 81))
    vws = allocate(
        g,
        any_vws,
        {"welzijn_op_recept": 58, "gli": 36, "valpreventie": 34, "kinderen_overgewicht": 28, "diabetes": 28},
        VWS,
        minimum=1,
    )
    for i in ids:
        ans[i]["vws_interventies"] = vws.get(i, [])
    gli_ids = sorted(i for i in ids if "gli" in ans[i]["vws_interventies"])
    assert len(gli_ids) == 36
    # GLI-programma's: 26 erkend (13/18/11), 12 'anders' (10 alleen anders + 2 naast erkend)
    erkend = sorted(R.sample(gli_ids, 26))
    gp = allocate(g, erkend, {"beweegkuur": 13, "cool": 18, "slimmer": 11}, GLI, minimum=1)
    also_anders = set(R.sample(erkend, 2))
    for i in gli_ids:
        if i in gp:
            ans[i]["gli_programmas"] = ordered(GLI, gp[i] + (["anders"] if i in also_anders else []))
        else:
            ans[i]["gli_programmas"] = ["anders"]
    non_gli_a = [i for i in ids if i not in gli_ids and src[i] == 2020]
    (stray,) = R.sample(non_gli_a, 1)
    ans[stray]["gli_programmas"] = ["cool"]  # beantwoord zonder GLI: telt niet in de noemer
    g.note("gli_set_zonder_gli", stray)
    # afspraken en financiering: alleen bij informele/formele afspraken (49)
    afst = sorted(i for i in ids if cat[i][0] in ("informele_afspraken", "formele_afspraken"))
    assert len(afst) == 49
    afst_a = [i for i in afst if src[i] == 2020]
    miss_wn, miss_leeg = R.sample(afst_a, 2)
    g.note("afspraken_weet_niet", miss_wn)
    g.note("afspraken_leeg", miss_leeg)
    rest = [i for i in afst if i not in (miss_wn, miss_leeg)]
    vals = expand([("beide", 29), ("inhoud", 12), ("financiering", 6)])
    R.shuffle(vals)
    for i, v in zip(rest, vals, strict=True):
        ans[i]["afspraken"] = v
    ans[miss_wn]["afspraken"] = WN
    fin_skip = [miss_leeg] + R.sample([i for i in afst_a if i not in (miss_wn, miss_leeg)], 2)
    for i in sorted(fin_skip):
        g.note("financiering_leeg", i)
    fin_ids = [i for i in afst if i not in fin_skip]
    fin = allocate(
        g,
        fin_ids,
        {"wmo": 31, "zvw": 27, "wpg": 15, "overig": 8},
        FIN,
        minimum=1,
        donors_ok=lambda o, h: o != "overig" or src[h] == 2020,
    )
    for i in fin_ids:
        ans[i]["financiering"] = fin[i]
    # doelgroepen: 4 onbeantwoord (2020-antwoorden); alle_inwoners alleen in 2020 gevraagd
    doel_skip = R.sample([i for i in ids if src[i] == 2020], 4)
    for i in sorted(doel_skip):
        g.note("doelgroepen_leeg", i)
    doel_ids = [i for i in ids if i not in doel_skip]
    doel = allocate(
        g,
        doel_ids,
        {
            "ouderen": 80,
            "psychisch": 56,
            "jongeren": 49,
            "overgewicht": 46,
            "lage_ses": 41,
            "mantelzorgers": 31,
            "onderwijs": 25,
            "alle_inwoners": 27,
        },
        DOEL,
        minimum=1,
        donors_ok=lambda o, h: o != "alle_inwoners" or src[h] == 2020,
    )
    for i in doel_ids:
        ans[i]["doelgroepen"] = doel[i]
    for x in recs:
        x.ans[src[x.id]] = ans[x.id]


def build_other_answers(g: Generator) -> None:
    for x in sorted(g.inits, key=lambda x: x.id):
        if x.r20 == "B":
            x.ans[2020] = random_answers(g, 2020, fail=x.fail[2020])
        if x.r19 == "incl" and 2019 not in x.ans:
            x.ans[2019] = random_answers(g, 2019, cat=x.cat[2019])
        if x.r19 == "excl":
            x.ans[2019] = random_answers(g, 2019, fail=x.fail[2019])


def calibrate_2019(g: Generator) -> None:
    """De brief over 2019: gemeente aangehaakt 90%, zorgverzekeraar 77%, in de partijenlijst
    (zorgverzekeraar 73 van 95) en in de betrokkenheidsvragen (gemeente 85 van 94).

    Na de willekeurige trekkingen en volgens vaste regels, zonder de random stream te raken:
    ids, inzendingsnummers en alles van 2020 blijven gelijk. Alleen records die 2020 niet
    overneemt veranderen, en geen enkel record verandert van categorie.
    """
    own = sorted((x for x in g.inits if x.r19 == "incl" and x.r20 != "over"), key=lambda x: x.id)

    def ticked(option: str) -> int:
        return sum(option in x.ans[2019]["partijen"] for x in g.inits if x.r19 == "incl")

    # Gemeente betrokken: 86 ja van 94 (91%) wordt 85 van 94 (90%). Bij elk ander record
    # verschuift 'nee' de categorie; een preventiecoalitie blijft formeel (regel R1). Het is de
    # coalitie die in 2020 niet meer bestaat, zodat 2020 haar antwoorden nergens gebruikt.
    (coal,) = [x for x in own if x.coalition(2019) and x.r20 not in ("A", "over")]
    a = coal.ans[2019]
    a["gemeente_betrokken"] = "nee"
    a["samenwerking"] = a["afspraken"] = a["financiering"] = None  # routing: niet gevraagd
    a["partijen"] = [o for o in a["partijen"] if o != "gemeente"]
    assert len(a["partijen"]) >= 3  # E3 blijft gehaald
    g.note("kalibratie_2019_gemeente_nee", coal.id)
    # de gemeente blijft 85 keer aangevinkt: eerst waar de gemeente wél betrokken is
    for x in own:
        if ticked("gemeente") >= 85:
            break
        if x.ans[2019]["gemeente_betrokken"] == "ja" and "gemeente" not in x.ans[2019]["partijen"]:
            x.ans[2019]["partijen"] = ordered(PARTIJEN, x.ans[2019]["partijen"] + ["gemeente"])
            g.note("kalibratie_2019_gemeente_vinkje", x.id)
    # Zorgverzekeraar in de partijenlijst: 66 wordt 73. Eerst de records die de zorgverzekeraar
    # betrokken noemen maar niet aanvinkten (minder tegenspraak); twee zulke records neemt 2020
    # over, dus de rest gaat naar records met alleen de gemeente betrokken (laagste ids), die
    # daarmee hun 'nee' tegenspreken (partijenlijst_wijkt_af).
    has_z = [x for x in own if x.ans[2019]["zorgverzekeraar_betrokken"] == "ja"]
    only_g = [x for x in own if x.cat[2019] == ("alleen_een", "G")]
    for x in has_z + only_g:
        if ticked("zorgverzekeraar") >= 73:
            break
        if "zorgverzekeraar" not in x.ans[2019]["partijen"]:
            x.ans[2019]["partijen"] = ordered(PARTIJEN, x.ans[2019]["partijen"] + ["zorgverzekeraar"])
            g.note("kalibratie_2019_zorgverzekeraar_vinkje", x.id)
    assert ticked("gemeente") == 85 and ticked("zorgverzekeraar") == 73
