"""De canonieke namen en de naamnormalisatie van de pijplijn, overgeschreven uit
workflow/preventie/ en bewust niet geïmporteerd: zo blijft het voorbeeld een onafhankelijke controle."""

from __future__ import annotations

import unicodedata

WN = "weet_niet"  # antwoord 'weet niet': een code die in het codeboek op null staat

PARTIJEN = (
    "gemeente",
    "zorgverzekeraar",
    "huisarts_poh",
    "welzijn",
    "thuiszorg",
    "ggd",
    "paramedici",
    "sociaal_werk",
    "inwoners",
    "kennisinstituut",
    "beroepsonderwijs",
    "overig",
)
VWS = ("welzijn_op_recept", "gli", "valpreventie", "kinderen_overgewicht", "diabetes")
GLI = ("beweegkuur", "cool", "slimmer", "anders")  # samen_sportief: in 2019/2020 niet gevraagd
FIN = ("wmo", "zvw", "wpg", "overig")
DOEL = ("ouderen", "psychisch", "jongeren", "overgewicht", "lage_ses", "mantelzorgers", "onderwijs", "alle_inwoners")
SINGLES = (
    "doet_preventie",
    "reikwijdte",
    "gemeente_betrokken",
    "zorgverzekeraar_betrokken",
    "samenwerking",
    "afspraken",
)
SETS = {"partijen": PARTIJEN, "vws_interventies": VWS, "gli_programmas": GLI, "financiering": FIN, "doelgroepen": DOEL}
CATEGORIES = (
    "onbekend",
    "geen_van_beide",
    "alleen_een",
    "apart_betrokken",
    "in_gesprek",
    "informele_afspraken",
    "formele_afspraken",
)


def normalise(name: str) -> str:
    """De naamnormalisatie van de koppelstap: kleine letters, accenten weg, leestekens weg
    (niet vervangen), witruimte samen."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join(c for c in text if not unicodedata.category(c).startswith("P"))
    return " ".join(text.split())


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def expand(spec):
    """[(waarde, aantal), ...] -> lijst met herhalingen, in opgegeven volgorde."""
    out = []
    for value, n in spec:
        out += [value] * n
    return out


def ordered(options, ticked) -> list:
    return [o for o in options if o in ticked]
