"""De kalibratie: antwoorden precies verdeeld op de gepubliceerde aantallen (factsheet 2020, de
brief over 2019), zodat de pijplijn die cijfers moet vinden."""

from __future__ import annotations

from dataclasses import dataclass

from .answers import n_interventies, reikwijdte
from .generator import Generator
from .initiatives import empty_answers, gzs
from .vocab import DOEL, FIN, GLI, PARTIJEN, VWS, WN, expand, ordered

# factsheet 2020, over de 116 geanalyseerde records (README, 'Kalibratie')
PARTIJEN_2020 = {
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
VWS_2020 = {"welzijn_op_recept": 58, "gli": 36, "valpreventie": 34, "kinderen_overgewicht": 28, "diabetes": 28}
GLI_2020 = {"beweegkuur": 13, "cool": 18, "slimmer": 11}
AFSPRAKEN_2020 = [("beide", 29), ("inhoud", 12), ("financiering", 6)]
FIN_2020 = {"wmo": 31, "zvw": 27, "wpg": 15, "overig": 8}
DOEL_2020 = {
    "ouderen": 80,
    "psychisch": 56,
    "jongeren": 49,
    "overgewicht": 46,
    "lage_ses": 41,
    "mantelzorgers": 31,
    "onderwijs": 25,
    "alle_inwoners": 27,
}


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


@dataclass
class Analysed:
    """De 116 geanalyseerde records van 2020 en hun antwoorden, per initiatief-id."""

    ids: list[str]
    src: dict[str, int]  # het jaar van de antwoorden: 2020, of 2019 als het record wordt overgenomen
    cat: dict[str, tuple]
    ans: dict[str, dict]

    def own(self, ids) -> list[str]:
        """Alleen records met antwoorden van 2020: wat 2019 niet vroeg, kunnen de overgenomen niet hebben."""
        return [i for i in ids if self.src[i] == 2020]


def build_answers_2020_analysed(g: Generator) -> None:
    """De 116 geanalyseerde records van 2020, exact gekalibreerd op de factsheet."""
    recs = sorted((x for x in g.inits if x.r20 in ("A", "over")), key=lambda x: x.id)
    assert len(recs) == 116
    a = Analysed(
        ids=[x.id for x in recs],
        src={x.id: (2020 if x.r20 == "A" else 2019) for x in recs},
        cat={x.id: x.cat[2020] for x in recs},
        ans={x.id: empty_answers() for x in recs},
    )
    for x in recs:
        ans = a.ans[x.id]
        ans["doet_preventie"] = "ja"
        ans["reikwijdte"] = reikwijdte(g)
        ans["n_interventies"] = n_interventies(g)
        ans["gemeente_betrokken"], ans["zorgverzekeraar_betrokken"], ans["samenwerking"] = gzs(*a.cat[x.id])
    allocate_parties_2020(g, a)
    allocate_interventions_2020(g, a)
    allocate_agreements_2020(g, a)
    allocate_target_groups_2020(g, a)
    for x in recs:
        x.ans[a.src[x.id]] = a.ans[x.id]


def allocate_parties_2020(g: Generator, a: Analysed) -> None:
    """Partijen: gemeente 107 (één 'apart betrokken' zonder vinkje), zorgverzekeraar 79."""
    R, ids, cat, ans = g.R, a.ids, a.cat, a.ans
    g_ja = [i for i in ids if ans[i]["gemeente_betrokken"] == "ja"]
    z_ja = [i for i in ids if ans[i]["zorgverzekeraar_betrokken"] == "ja"]
    assert len(g_ja) == 108 and len(z_ja) == 86, (len(g_ja), len(z_ja))
    apart_a = a.own(i for i in ids if cat[i][0] == "apart_betrokken")
    apart_all = [i for i in ids if cat[i][0] == "apart_betrokken"]
    gesprek_all = [i for i in ids if cat[i][0] == "in_gesprek"]
    (no_gem,) = R.sample(apart_a, 1)
    no_zv = R.sample([i for i in apart_all if i != no_gem], 4) + R.sample(gesprek_all, 3)
    g.note("partijenlijst_wijkt_af_gemeente", no_gem)
    for i in sorted(no_zv):
        g.note("partijenlijst_wijkt_af_zorgverzekeraar", i)
    base = {
        i: (["gemeente"] if i in g_ja and i != no_gem else [])
        + (["zorgverzekeraar"] if i in z_ja and i not in no_zv else [])
        for i in ids
    }
    part = allocate(g, ids, PARTIJEN_2020, PARTIJEN, base=base, minimum=3)
    for i in ids:
        ans[i]["partijen"] = part[i]
    assert sum("gemeente" in part[i] for i in ids) == 107
    assert sum("zorgverzekeraar" in part[i] for i in ids) == 79


def allocate_interventions_2020(g: Generator, a: Analysed) -> None:
    """VWS-interventies: 81 met minstens één, 35 zonder vinkje. GLI-programma's: 26 erkend, 12
    'anders' (10 alleen anders, 2 naast erkend), en één record zonder GLI dat ze toch invulde."""
    R, ids, ans = g.R, a.ids, a.ans
    any_vws = sorted(R.sample(ids, 81))
    vws = allocate(g, any_vws, VWS_2020, VWS, minimum=1)
    for i in ids:
        ans[i]["vws_interventies"] = vws.get(i, [])
    gli_ids = sorted(i for i in ids if "gli" in ans[i]["vws_interventies"])
    assert len(gli_ids) == 36
    erkend = sorted(R.sample(gli_ids, 26))
    gp = allocate(g, erkend, GLI_2020, GLI, minimum=1)
    also_anders = set(R.sample(erkend, 2))
    for i in gli_ids:
        if i in gp:
            ans[i]["gli_programmas"] = ordered(GLI, gp[i] + (["anders"] if i in also_anders else []))
        else:
            ans[i]["gli_programmas"] = ["anders"]
    (stray,) = R.sample(a.own(i for i in ids if i not in gli_ids), 1)
    ans[stray]["gli_programmas"] = ["cool"]  # beantwoord zonder GLI: telt niet in de noemer
    g.note("gli_set_zonder_gli", stray)


def allocate_agreements_2020(g: Generator, a: Analysed) -> None:
    """Afspraken en financiering: alleen gevraagd bij informele of formele afspraken (49)."""
    R, ans = g.R, a.ans
    afst = sorted(i for i in a.ids if a.cat[i][0] in ("informele_afspraken", "formele_afspraken"))
    assert len(afst) == 49
    afst_a = a.own(afst)
    miss_wn, miss_leeg = R.sample(afst_a, 2)
    g.note("afspraken_weet_niet", miss_wn)
    g.note("afspraken_leeg", miss_leeg)
    rest = [i for i in afst if i not in (miss_wn, miss_leeg)]
    vals = expand(AFSPRAKEN_2020)
    R.shuffle(vals)
    for i, v in zip(rest, vals, strict=True):
        ans[i]["afspraken"] = v
    ans[miss_wn]["afspraken"] = WN
    fin_skip = [miss_leeg] + R.sample([i for i in afst_a if i not in (miss_wn, miss_leeg)], 2)
    for i in sorted(fin_skip):
        g.note("financiering_leeg", i)
    fin_ids = [i for i in afst if i not in fin_skip]
    fin = allocate(g, fin_ids, FIN_2020, FIN, minimum=1, donors_ok=lambda o, h: o != "overig" or a.src[h] == 2020)
    for i in fin_ids:
        ans[i]["financiering"] = fin[i]


def allocate_target_groups_2020(g: Generator, a: Analysed) -> None:
    """Doelgroepen: 4 onbeantwoord (antwoorden van 2020); alle_inwoners alleen in 2020 gevraagd."""
    doel_skip = g.R.sample(a.own(a.ids), 4)
    for i in sorted(doel_skip):
        g.note("doelgroepen_leeg", i)
    doel_ids = [i for i in a.ids if i not in doel_skip]
    doel = allocate(
        g, doel_ids, DOEL_2020, DOEL, minimum=1, donors_ok=lambda o, h: o != "alle_inwoners" or a.src[h] == 2020
    )
    for i in doel_ids:
        a.ans[i]["doelgroepen"] = doel[i]


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
