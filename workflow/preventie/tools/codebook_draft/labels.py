"""What the labels and names of an export say: the words and patterns the draft looks for,
and labels compared as words."""

from __future__ import annotations

import re

import pandas as pd
from rapidfuzz import fuzz

from ...codebook import code_order
from ...normalise import normalise_name

REVIEW = "CONTROLEREN"
ALIKE = 80.0  # two answer or option texts this alike may be the same answer (to review)
SHARE = 0.9  # of the ids that must have one form before the form counts

# Value labels that mean "no answer": last year's "Weet niet" meant null, this year's does too.
MISSING_LABELS = (
    "weet niet",
    "weet ik niet",
    "geen antwoord",
    "onbekend",
    "niet van toepassing",
    "nvt",
    "geen mening",
    "wil ik niet zeggen",
    "zeg ik liever niet",
    "dont know",
    "no answer",
    "not applicable",
    "prefer not to say",
)
# Yes or no in a value label: ticked, or completed (which a tick box's 'Aangevinkt' is not); a
# negation wins: 'Niet aangevinkt', 'Gedeeltelijk ingevuld', and Qualtrics' 'False' (Finished).
NEGATIVE = re.compile(
    r"\b(niet|geen|nee|gedeeltelijk|onvolledig|incompleet|afgebroken|no|not|false|partial|incomplete|unfinished)\b"
)
TICKED = re.compile(r"\b(ja|aangevinkt|geselecteerd|gekozen|yes|true|checked|selected)\b")
COMPLETED = re.compile(r"\b(ja|afgerond|voltooid|compleet|volledig|yes|true|complete|completed|finished)\b")
# A variable label or name that speaks of a submission's completion ('Vragenlijst voltooid', 'status').
COMPLETION = re.compile(r"voltooid|afgerond|status|compleet|volledig|complete|finished")
# A variable label or name that speaks of an id of a submission ('Respondentnummer', Qualtrics'
# 'Response ID').
SUBMISSION_WORDS = re.compile(r"respon[ds]|inzending|submission|record ?id|(^|\s)(id|nr|nummer)$")
# A normalised label or name that says the variable holds personal data (first match wins). A
# plain 'naam' is not one: 'Naam van het initiatief' is the initiative's.
PERSONAL_WORDS = {
    "e-mailadres": re.compile(r"e ?mail"),
    "telefoonnummer": re.compile(r"telefoon|mobiel|phone"),
    "opmerking": re.compile(r"opmerking|toelichting|comment"),
    "naam": re.compile(
        r"contactpersoon|contactnaam|voornaam|achternaam|naam (van )?(de )?(contact|respondent|invuller)"
        r"|(first|last|sur) ?name|recipient ?name"
    ),
    # what Qualtrics records of every respondent (IPAddress, LocationLatitude, LocationLongitude)
    "ip-adres": re.compile(r"\bip ?ad+ress?\b"),
    "locatie": re.compile(r"latitude|longitude|breedtegraad|lengtegraad"),
}
# A question and its option in a multiple-response label: "Welke partijen ...? - Gemeente".
OPTION_LABEL = (re.compile(r"^(.+?\?)\s*[-–:]\s*(.+)$"), re.compile(r"^(.+?)\s+[-–]\s+(.+)$"))
DATE_LIKE = r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}"
# The options of one question share a name up to a separator (Q05_1, Q05_2) or a letter (Q5a, Q5b).
FAMILY = re.compile(r"^(.*[_.-])[^_.-]+$|^([A-Za-z]+\d+)[A-Za-z]{1,2}$")
REQUIRED_KEYS = ("submission_id", "completed")
# A required key without any candidate gets a placeholder: the draft stays a valid codebook and
# ingest names the variable as missing from the export if it is left in.
MISSING_VAR = "ONTBREEKT_{}"
TICKS = ("selected", "not_selected")
SECTIONS = ("keys", "pii", "single", "numeric", "multi")


def normalise_labels(texts) -> list[str]:
    """Labels compared as words: lower case, no accents, punctuation or extra white space."""
    texts = list(texts)
    return normalise_name(pd.Series(texts, dtype="string")).fillna("").tolist() if texts else []


def normalise_label(text: str | None) -> str:
    return normalise_labels([text or ""])[0]


def label_score(a: str, b: str) -> float:
    """0-100 for two normalised labels: the mean of plain similarity (the same wording) and
    word-set similarity (the same words, reordered or with words added)."""
    if not a or not b:
        return 0.0
    return (fuzz.ratio(a, b) + fuzz.token_set_ratio(a, b)) / 2


def polarity(label: str, yes: re.Pattern = TICKED) -> bool | None:
    """True for a value label that says `yes` ('Aangevinkt'; with COMPLETED 'Afgerond'), False
    for a negation ('Niet aangevinkt', 'Gedeeltelijk ingevuld'), None when it says neither."""
    text = normalise_label(label)
    if NEGATIVE.search(text):
        return False
    return True if yes.search(text) else None


def split_option(label: str) -> tuple[str, str] | None:
    """(question, option) of a multiple-response label, or None when it has no option part."""
    for pattern in OPTION_LABEL:
        found = pattern.match(label)
        if found:
            return found.group(1).strip(), found.group(2).strip()
    return None


def sorted_codes(codes) -> list[str]:
    return sorted(codes, key=code_order)
