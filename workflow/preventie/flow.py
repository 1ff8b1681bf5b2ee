"""The flow of a year's initiatives in one vocabulary: its steps (tabellen/stroom.csv, in this
order), the sums between them that the tables check, and the words for each step wherever it is
written, so that a step reads the same in the tables, the figure and the text.

A step has a `label` for a reader (the label column of stroom.csv, the flow figure's data, the
audit), a `term` where the factsheet writes it as one term of a sum ("116 = 93 respondenten + 23
met overgenomen antwoorden") and a `box` line in the flow diagram ("Respons: 195"). The exclusion
steps take their words from their inclusion criterion (inclusion.DEFINITIONS). The steps about
submissions are named after the reason in respons/inzendingen_vervallen.csv (inzendingen_<reden>)
and count exactly the submissions with that reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from .inclusion import DEFINITIONS


@dataclass(frozen=True)
class Step:
    """How one step of the flow is written; no term or box where no sum or box names the step."""

    label: str
    term: str = ""
    box: str = ""  # "{vorig_jaar}" stands for the year before the flow's (see `box`)


def _excluded(code: str) -> Step:
    """The step of the responders that fail criterion `code` first, in the criterion's words."""
    criterion = DEFINITIONS[code]
    return Step(f"Geëxcludeerd: {criterion.excluded}", criterion.term, criterion.in_box)


STEPS = {
    "geidentificeerd": Step("Geïdentificeerd in de inventarisatie", box="Geïdentificeerd"),
    "respons": Step("Respons op de enquête", "respondenten", "Respons"),
    "non_respons": Step("Geen respons (non-respons)", "zonder respons", "Non-respons"),
    "respons_geincludeerd": Step(
        "Respons, voldoet aan de criteria", "respondenten die aan de criteria voldoen", "Geïncludeerd"
    ),
    "respons_geexcludeerd": Step(
        "Respons, voldoet niet aan de criteria (geëxcludeerd)", "respondenten die afvielen", "Geëxcludeerd"
    ),
    **{f"excl_{code}": _excluded(code) for code in DEFINITIONS},
    "overgenomen": Step(
        "Geen respons, gegevens overgenomen uit het vorige jaar", "met overgenomen antwoorden", "Overgenomen"
    ),
    "overgenomen_geexcludeerd": Step(
        "Geen respons, gegevens van het vorige jaar overgenomen maar geëxcludeerd", box="overgenomen, geëxcludeerd"
    ),
    "niet_overgenomen_bestaat_niet": Step(
        "Geen respons, niet meegenomen: initiatief bestaat niet meer", box="bestaat niet meer"
    ),
    "niet_overgenomen_bestaan_onbekend": Step(
        "Geen respons, niet meegenomen: onbekend of het initiatief nog bestaat", box="bestaan onbekend"
    ),
    "niet_overgenomen_geen_respons_vorig_jaar": Step(
        "Geen respons, niet meegenomen: geen eigen respons in het vorige jaar", box="geen eigen respons {vorig_jaar}"
    ),
    "niet_overgenomen_geen_vorig_jaar": Step(
        "Geen respons, niet meegenomen: geen gegevens over het vorige jaar", box="geen gegevens over {vorig_jaar}"
    ),
    "geanalyseerd": Step("Geanalyseerd (respons en overgenomen)", box="Geanalyseerd"),
    "preventiecoalities": Step("Geanalyseerd, waarvan preventiecoalitie", "preventiecoalities"),
    "preventiecoalities_nieuw": Step("Preventiecoalities die dit jaar zijn begonnen", "nieuw dit jaar"),
    "inzendingen": Step("Inzendingen van de enquête", box="Inzendingen"),
    "inzendingen_ongekoppeld": Step("Inzendingen, niet aan een initiatief te koppelen", "niet te koppelen"),
    "inzendingen_negeer": Step(
        "Inzendingen, genegeerd: het koppelbestand zegt negeer (bijv. een testinzending)", "genegeerd"
    ),
    "inzendingen_dubbel": Step("Inzendingen, dubbel", "dubbel"),
    "inzendingen_onbruikbaar": Step("Inzendingen, onbruikbaar", "onbruikbaar"),
}
FLOW_STEPS = tuple(STEPS)
# How a reader names each step: the label column of stroom.csv, the figure's data and the audit.
FLOW_LABELS = {step: words.label for step, words in STEPS.items()}
# How a step is named as one term of a sum or difference ("116 = 93 respondenten + ..."); the
# diagram's line about the submissions names them with these words too.
FLOW_TERMS = {step: words.term for step, words in STEPS.items() if words.term}
# The diagram's box of the non-responders that are not analysed (non_respons − overgenomen, no
# step of its own), and the second line of the box of those whose answers were carried over.
NOT_CARRIED_BOX = "Niet meegenomen"
CARRIED_BOX_NOTE = "gegevens uit {vorig_jaar}"

# (left side, right-hand terms) of each identity; 'samenwerking' is the category total.
# The non-responders not carried, in the order the diagram's box lists them (the last is carried but excluded).
NOT_CARRIED_STEPS = (
    "niet_overgenomen_bestaat_niet",
    "niet_overgenomen_bestaan_onbekend",
    "niet_overgenomen_geen_respons_vorig_jaar",
    "niet_overgenomen_geen_vorig_jaar",
    "overgenomen_geexcludeerd",
)
# The submissions that count for no initiative, in the order the diagram's footer names them.
SUBMISSIONS_NOT_COUNTED = (
    "inzendingen_ongekoppeld",
    "inzendingen_negeer",
    "inzendingen_dubbel",
    "inzendingen_onbruikbaar",
)

IDENTITIES = (
    ("geidentificeerd", ("respons", "non_respons")),
    ("respons", ("respons_geincludeerd", "respons_geexcludeerd")),
    ("respons_geexcludeerd", tuple(f"excl_{code}" for code in DEFINITIONS)),
    (
        "non_respons",
        (
            "overgenomen",
            "overgenomen_geexcludeerd",
            "niet_overgenomen_bestaat_niet",
            "niet_overgenomen_bestaan_onbekend",
            "niet_overgenomen_geen_respons_vorig_jaar",
            "niet_overgenomen_geen_vorig_jaar",
        ),
    ),
    ("geanalyseerd", ("respons_geincludeerd", "overgenomen")),
    ("geanalyseerd", ("samenwerking",)),
    (
        "inzendingen",
        ("respons", *SUBMISSIONS_NOT_COUNTED),
    ),
)


def box(text: str, previous_year: int) -> str:
    """A line of the flow diagram's boxes (a step's `box`, NOT_CARRIED_BOX, CARRIED_BOX_NOTE) for a
    flow whose previous year is `previous_year`."""
    return text.format(vorig_jaar=previous_year)
