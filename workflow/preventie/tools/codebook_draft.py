"""A draft codebook for a new year's export, made from last year's codebook and export.

For every entry of last year's codebook the draft decides which raw variable of the new export
carries it now and how its codes map: by the variable label (for a multiple-response set the
option text after the question), by the value labels (the code labelled "Ja" means `ja` again,
"Weet niet" null), by what the values look like, and last by the name. An option is only looked
for among the options of its own question this year (the same question text; without labels the
same name family, Q05_*), and by its text, its name or its place there: a tick box of another
question is never it. A single question or a count is not recognised by answers that last year's
other questions shared ('Ja'/'Nee'/'Weet niet'). A question whose variables are all gone is left
out of the draft, which the pipeline reads as not asked that year, and is written as a comment
('# niet gevraagd in 2021: ...'); new options and new questions are written commented out.

A code that an SPSS export declares missing (`RawExport.declared_missing`) is proposed as null
where its value label says so ('Weet niet', 'Wil ik niet zeggen') or where it has none; a
declared code whose label names an answer is left to the analyst. The completion key and tick
boxes are read from this year's value labels (Qualtrics' Finished: 1 'False', 2 'True'), never
from last year's number alone.

It never guesses silently: an entry it cannot decide with certainty (no exact label, a code
without a matching label, two candidates, a new option, a question gone) carries
`# CONTROLEREN: <why>` on its line, with last year's and the proposed variable and their labels,
and the draft starts with `concept: true`, which the pipeline refuses until an analyst has
reviewed it. Answers are never written out: only names, labels, codes and the form of ids
(`NI-9999`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

import pandas as pd
import yaml
from rapidfuzz import fuzz

from .. import canon
from ..codebook import Codebook, normalise_code, normalise_codes
from ..errors import PipelineError
from ..ingest import PERSONAL_DATA, code_order, normalise_ids, parse_timestamps
from ..io import RawExport, declared_mask
from ..link import normalise_name

REVIEW = "CONTROLEREN"
# A proposal needs a score of THRESHOLD and a signal besides a label that looks somewhat alike
# (what the values say, the same name, or a label at least ALIKE): labels that share 'bij het
# initiatief' score about 60 by chance. The same name (and kind of values) alone is enough for a
# proposal to review: without labels (CSV) it is all there is.
THRESHOLD = 50.0
EVIDENCE = 25.0  # what the values say: the same form of ids, a date, the same value labels ...
SAME_NAME = THRESHOLD
RUNNER_UP = 10.0  # a second candidate this close is named in the review comment
ALIKE = 80.0  # two answer or option texts this alike may be the same answer (to review)
SHARE = 0.9  # of the ids that must have one form before the form counts
OVERLAP = 0.2  # of this year's ids or names that occurred last year too, before that counts

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


# --- what the draft knows of a variable --------------------------------------------------------


@dataclass(frozen=True)
class Variable:
    """One export variable as the draft sees it: its metadata and what kind of values it holds."""

    name: str
    label: str = ""
    norm: str = ""  # normalised label
    stem: str = ""  # normalised question of a multiple-response label
    stem_text: str = ""
    option: str = ""  # normalised option text
    option_text: str = ""
    value_labels: dict[str, str] = field(default_factory=dict)  # normalised code -> label
    codes: frozenset[str] = frozenset()  # the distinct codes that occur, normalised
    missing: frozenset[str] = frozenset()  # the codes the export declares missing (SPSS), normalised
    kind: str = "leeg"  # getal, tekst, datum, or leeg when nothing is filled in
    values: pd.Series | None = field(default=None, repr=False, compare=False)

    @property
    def described(self) -> str:
        return f"{self.name} '{self.label}'" if self.label else self.name


def value_kind(raw: pd.Series, codes: pd.Series) -> str:
    """getal, datum or tekst; leeg for a column without values. Text is a date only when every
    value is written as one (a CSV's '2014' is a number, not 1 January)."""
    if pd.api.types.is_datetime64_any_dtype(raw):
        return "datum"
    filled = codes.dropna()
    if filled.empty:
        return "leeg"
    if pd.to_numeric(filled, errors="coerce").notna().all():
        return "getal"
    if filled.str.match(DATE_LIKE).all():
        try:
            parse_timestamps(raw, pd.Series(range(len(raw)), index=raw.index, dtype="string"), "", str(raw.name))
            return "datum"
        except PipelineError:
            pass
    return "tekst"


def declared_codes(export: RawExport, name: str) -> frozenset[str]:
    """The codes an SPSS file declares missing for a variable ('Missing Values', io's ranges): each
    single code, and of a range the codes in it that the data or the value labels hold."""
    ranges = export.declared_missing.get(name, [])
    found = {normalise_code(lo) for lo, hi in ranges if lo == hi}
    if any(lo != hi for lo, hi in ranges):
        values = pd.Series([*export.value_labels.get(name, {}), *export.data[name].dropna().unique()])
        found |= {normalise_code(v) for v in values[declared_mask(values, ranges)]}
    return frozenset(c for c in found if c is not None)


def describe_export(export: RawExport) -> dict[str, Variable]:
    """Every variable of an export, in file order, with what its format tells (SPSS: variable
    and value labels; CSV and XLSX: only the name and the codes that occur)."""
    names = [str(n) for n in export.data.columns]
    labels = [" ".join(str(export.variable_labels.get(n) or "").split()) for n in names]
    parts = [split_option(label) or ("", "") for label in labels]
    norms = normalise_labels(labels)
    stems = normalise_labels(stem for stem, _ in parts)
    options = normalise_labels(option for _, option in parts)
    out = {}
    for i, name in enumerate(names):
        raw = export.data[name]
        codes = normalise_codes(raw)
        value_labels = {
            normalise_code(k): " ".join(str(v).split()) for k, v in export.value_labels.get(name, {}).items()
        }
        out[name] = Variable(
            name=name,
            label=labels[i],
            norm=norms[i],
            stem=stems[i],
            stem_text=parts[i][0],
            option=options[i],
            option_text=parts[i][1],
            value_labels={k: v for k, v in value_labels.items() if k is not None},
            codes=frozenset(codes.dropna().tolist()),
            missing=declared_codes(export, name),
            kind=value_kind(raw, codes),
            values=raw,
        )
    return out


def id_shape(var: Variable) -> str | None:
    """The form nearly all ids of a text column share, digits as 9 ('NI-9999'); else None."""
    if var.kind != "tekst" or var.values is None:
        return None
    shares = normalise_ids(var.values).dropna().str.replace(r"\d", "9", regex=True).value_counts(normalize=True)
    return str(shares.index[0]) if len(shares) and shares.iloc[0] >= SHARE else None


def personal_kind(var: Variable) -> str | None:
    """Which personal data a variable holds, by its label, its name or (text) its values."""
    for text in (var.norm, normalise_label(var.name)):
        for kind, pattern in PERSONAL_WORDS.items():
            if text and pattern.search(text):
                return kind
    if var.kind == "tekst" and var.values is not None:
        text = var.values.astype("string").dropna()
        for kind, pattern in PERSONAL_DATA.items():
            if len(text) and text.str.contains(pattern).mean() >= 0.5:
                return kind
    return None


def overlap(old: Variable, new: Variable, normalise) -> float:
    """Share of this year's distinct values that occurred last year too (ids, names)."""
    if old.values is None or new.values is None or new.kind != "tekst":
        return 0.0
    now = set(normalise(new.values).dropna())
    return len(now & set(normalise(old.values).dropna())) / len(now) if now else 0.0


def whole_numbers(var: Variable) -> pd.Series:
    """The codes of a variable that are whole numbers of at least 0 (not those declared missing,
    such as 999 'Weet niet' in a count)."""
    numbers = pd.to_numeric(pd.Series(sorted(var.codes - var.missing), dtype="string"), errors="coerce").dropna()
    return numbers[(numbers >= 0) & (numbers == numbers.round())]


# --- the entries of last year's codebook, and this year's candidates ---------------------------


@dataclass(frozen=True)
class Entry:
    """One variable entry of last year's codebook."""

    section: str  # keys, pii, single, numeric or multi
    name: str  # 'initiative_id', 'doet_preventie', 'partijen.gemeente'; pii: the variable itself
    old_var: str

    @property
    def set_name(self) -> str:
        return self.name.split(".")[0]


def entries(book: Codebook) -> list[Entry]:
    """Every variable entry of a codebook, in codebook order."""
    out = [Entry("keys", role, var) for role, var in book.key_vars().items()]
    out += [Entry("pii", var, var) for var in book.pii]
    out += [Entry("single", name, spec.var) for name, spec in book.single.items()]
    out += [Entry("numeric", name, var) for name, var in book.numeric.items()]
    out += [Entry("multi", f"{s}.{o}", var) for s, options in book.multi.items() for o, var in options.items()]
    return out


@dataclass(frozen=True)
class Match:
    """A candidate for an entry: its score, whether its label is last year's, and what else fits."""

    var: str
    score: float
    exact: bool
    evidence: tuple[str, ...] = ()


def evidence(entry: Entry, old: Variable, new: Variable, book: Codebook) -> tuple[str, ...]:
    """What the values (and for the completion key the wording) of a candidate say for it."""
    role = entry.name if entry.section == "keys" else entry.section
    found: list[str | None] = []
    if role == "submission_id":
        # an id: whole numbers or text (not a measurement such as a location, unique by chance)
        unique = new.values is not None and new.values.notna().all() and len(new.codes) == len(new.values)
        ids = new.kind == "tekst" or len(whole_numbers(new)) == len(new.codes - new.missing)
        found.append("uniek en in elke rij ingevuld" if unique and ids else None)
        said = SUBMISSION_WORDS.search(new.norm) or SUBMISSION_WORDS.search(normalise_label(new.name))
        found.append("label of naam noemt een inzending of respondent" if said and ids else None)
    elif role == "initiative_id":
        shape = id_shape(new)
        share = overlap(old, new, normalise_ids)
        found.append(
            f"waarden hebben dezelfde vorm als vorig jaar ({shape})" if shape and shape == id_shape(old) else None
        )
        found.append(f"{share:.0%} van de waarden kwam vorig jaar ook voor" if share >= OVERLAP else None)
    elif role == "initiative_name":
        share = overlap(old, new, normalise_name)
        found.append(f"{share:.0%} van de namen kwam vorig jaar ook voor" if share >= OVERLAP else None)
    elif role == "submitted_at":
        found.append("datum/tijd" if new.kind == "datum" else None)
    elif role == "completed":
        # 'Ja'/'Nee' alone is any yes/no question: the label must speak of completion too
        said = {polarity(label, COMPLETED) for label in new.value_labels.values()}
        labels = " / ".join(new.value_labels[c] for c in sorted_codes(new.value_labels))
        found.append(f"waardelabels {labels}" if {True, False} <= said else None)
        found.append(
            "label of naam noemt de afronding" if COMPLETION.search(f"{new.norm} {new.name.lower()}") else None
        )
        found.append(
            "zelfde codes als vorig jaar" if not new.value_labels and new.codes and new.codes <= old.codes else None
        )
    elif role == "single":
        before = set(normalise_labels(old.value_labels.values()))
        same = before and before <= set(normalise_labels(new.value_labels.values()))
        fits = not new.value_labels and new.codes and new.codes <= set(book.single[entry.name].map)
        found.append("zelfde waardelabels" if same else "codes passen bij vorig jaar" if fits else None)
    elif role == "numeric":
        # a count: whole numbers, in last year's range, not a question whose every code is labelled
        now, before = whole_numbers(new), whole_numbers(old)
        coded = bool(new.codes) and new.codes <= set(new.value_labels)
        counted = new.codes - new.missing
        in_range = len(now) and len(now) == len(counted) and (before.empty or now.max() <= 10 * max(before.max(), 1))
        found.append("gehele getallen in hetzelfde bereik als vorig jaar" if in_range and not coded else None)
    elif role == "multi":
        ticks = new.codes and new.codes <= book.selected | book.not_selected
        found.append("codes van een aankruisvraag zoals vorig jaar" if ticks else None)
    else:  # pii
        kind = personal_kind(new)
        found.append(f"ook een {kind}" if kind and kind == personal_kind(old) else None)
    return tuple(reason for reason in found if reason)


# Kinds of values that can hold the same ids (a respondent number one year, Qualtrics'
# 'R_1a2B3c' the next).
ID_KINDS = frozenset({"getal", "tekst"})
# Keys that personal data never is: a unique e-mail address is no submission id.
NOT_PERSONAL = ("submission_id", "initiative_id", "submitted_at", "completed")


def compatible(entry: Entry, old: Variable, new: Variable) -> bool:
    """Without last year's label, a candidate must hold the same kind of values (number, text,
    date; for an id number or text) and be the same kind of question: an option of a
    multiple-response question is never a single question or a count, nor the other way round.
    Personal data is never a key."""
    same_kind = old.kind == new.kind or "leeg" in (old.kind, new.kind)
    if entry.section == "keys" and entry.name in ("submission_id", "initiative_id"):
        same_kind = same_kind or {old.kind, new.kind} <= ID_KINDS
    if entry.section == "keys" and entry.name in NOT_PERSONAL and personal_kind(new):
        return False
    return same_kind and not (old.label and new.label and bool(old.stem) != bool(new.stem))


def shared_evidence(entry: Entry, old: dict[str, Variable], book: Codebook) -> frozenset[str]:
    """What the values of a single question or a count say that last year's other variables said
    too ('Ja'/'Nee'/'Weet niet' labels, whole numbers): no evidence of this question."""
    if entry.section not in ("single", "numeric"):
        return frozenset()
    own = old[entry.old_var]
    return frozenset(why for var in old.values() if var.name != own.name for why in evidence(entry, own, var, book))


def score(
    entry: Entry, old: Variable, new: Variable, book: Codebook, question: Question | None, shared: frozenset[str]
) -> Match | None:
    """How well this year's variable fits last year's entry; None when it cannot be it. An option
    of a set is only looked for among the options of the set's own question this year, and needs
    its text, its name or its place among them: that it is a tick box says nothing of which."""
    same_name = SAME_NAME if old.name == new.name else 0.0
    if entry.section == "multi":
        if question is None or new.name not in question.members:
            return None
        a, b = (old.option, new.option) if old.stem and new.stem else (old.norm, new.norm)
        exact, alike = bool(a) and a == b, label_score(a, b)
    else:
        exact, alike = bool(old.norm) and old.norm == new.norm, label_score(old.norm, new.norm)
    if exact:
        return Match(new.name, 100.0 + same_name, True)
    if not compatible(entry, old, new):
        return None
    found = tuple(why for why in evidence(entry, old, new, book) if why not in shared)
    if entry.section == "multi":
        place = question.place(old.name, new.name) if question else None
        found += (place,) * bool(place)
        if not (place or same_name or alike >= ALIKE):
            return None
    elif not (found or same_name or alike >= ALIKE):
        return None
    reasons = ("zelfde naam",) * bool(same_name) + found
    return Match(new.name, alike + same_name + EVIDENCE * len(found), False, reasons)


def family(name: str) -> str | None:
    """The name a question's options share: 'Q05_' of Q05_3, 'v7b_' of v7b_bk, 'Q5' of Q5a."""
    found = FAMILY.match(name)
    return (found.group(1) or found.group(2)) if found else None


@dataclass(frozen=True)
class Question:
    """This year's question of a multiple-response set of last year: the variables that may carry
    its options (file order), and last year's, for an option's place among its siblings."""

    text: str  # this year's question text; empty when found by names (no labels)
    members: tuple[str, ...]
    before: tuple[str, ...]
    previous_text: str = ""  # last year's question text
    review: str | None = None

    def place(self, old_name: str, new_name: str) -> str | None:
        """'zelfde plek in de vraag (3 van 8)' when an option kept its place among as many options."""
        if len(self.before) != len(self.members) or old_name not in self.before:
            return None
        i = self.before.index(old_name)
        return f"zelfde plek in de vraag ({i + 1} van {len(self.before)})" if self.members[i] == new_name else None


def choose_questions(book: Codebook, old: dict[str, Variable], new: dict[str, Variable]) -> dict[str, Question]:
    """Per set of last year, this year's question. With labels: the one with the same text, else
    (to review) the one sharing at least half of its option texts or with a text alike, never one
    another set has. Without labels last year or this year: the variables of the set's name family
    (Q05_*) or with last year's names (if last year had labels, only unlabelled ones: a label this
    year would be another question's). A set whose question is not found has no members: it was
    not asked."""
    now: dict[str, list[str]] = {}
    for var in new.values():
        if var.stem:
            now.setdefault(var.stem, []).append(var.name)
    plans = []
    for set_name, options in book.multi.items():
        stems = Counter(old[v].stem for v in options.values() if old[v].stem)
        plans.append((set_name, options, stems.most_common(1)[0][0] if stems else None))
    taken = {stem for _, _, stem in plans if stem in now}
    out = {}
    for set_name, options, stem in sorted(plans, key=lambda plan: plan[2] not in now):
        names = set(options.values())
        if stem is None or not any(new[v].stem for v in new):
            counts = Counter(family(v) for v in names)
            families = {f for f, n in counts.items() if f and n >= 2 and 2 * n >= len(names)}
            # labelled last year, this year's must be unlabelled too: a label is another question's
            members = tuple(v for v in new if (v in names or family(v) in families) and not (stem and new[v].label))
            before = tuple(v for v in old if v in names or (family(v) in families and not old[v].stem))
            out[set_name] = Question("", members, before)
            continue
        before = tuple(v for v in old if old[v].stem == stem)
        previous = old[before[0]].stem_text
        texts = {old[v].option for v in options.values()}
        best = stem if stem in now else None
        if best is None:
            fits = {
                q: (len(texts & {new[v].option for v in now[q]}), label_score(stem, q))
                for q in sorted(now)
                if q not in taken
            }
            best = max(fits, key=fits.get, default=None)
            if best is not None and 2 * fits[best][0] < len(texts) and fits[best][1] < ALIKE:
                best = None
        if best is None:
            out[set_name] = Question("", (), before, previous)
            continue
        taken.add(best)
        text = new[now[best][0]].stem_text
        why = None if best == stem else f"vraagtekst anders dan vorig jaar: '{previous}' → '{text}'"
        out[set_name] = Question(text, tuple(now[best]), before, previous, why)
    return {s: out[s] for s in book.multi}


def assign(
    todo: list[Entry],
    old: dict[str, Variable],
    new: dict[str, Variable],
    book: Codebook,
    questions: dict[str, Question],
) -> dict[Entry, tuple[Match, list[str]]]:
    """This year's variable per entry (an entry without one is left out), with why to review it.

    Every pair of entry and candidate is scored and the best pairs are taken first (last year's
    label, then the highest score), each variable once: a clear match is never spoilt by a
    weaker entry that happens to come first in the codebook."""
    position = {name: i for i, name in enumerate(new)}
    scored: dict[Entry, list[Match]] = {}
    for entry in todo:
        question = questions.get(entry.set_name) if entry.section == "multi" else None
        shared = shared_evidence(entry, old, book)
        found = (score(entry, old[entry.old_var], var, book, question, shared) for var in new.values())
        scored[entry] = [m for m in found if m is not None]
    pairs = sorted(
        ((i, m) for i, entry in enumerate(todo) for m in scored[entry] if m.exact or m.score >= THRESHOLD),
        key=lambda pair: (not pair[1].exact, -pair[1].score, pair[0], position[pair[1].var]),
    )
    chosen: dict[Entry, Match] = {}
    for i, match in pairs:
        if todo[i] not in chosen and match.var not in {m.var for m in chosen.values()}:
            chosen[todo[i]] = match
    for entry in todo:  # a codebook cannot do without these: then the best candidate left
        if entry.section == "keys" and entry.name in REQUIRED_KEYS and entry not in chosen:
            taken = {m.var for m in chosen.values()}
            rest = sorted((m for m in scored[entry] if m.var not in taken), key=lambda m: (-m.score, position[m.var]))
            if rest:
                chosen[entry] = rest[0]
    by_label = {m.var for m in chosen.values() if m.exact}
    out = {}
    for entry, match in chosen.items():
        before, others = old[entry.old_var], [m for m in scored[entry] if m.var != match.var]
        reasons = []
        if match.exact:
            twins = [m.var for m in others if m.exact]
            if twins:
                reasons.append(f"ook {', '.join(twins)} heeft dit label")
        else:
            if before.label and new[match.var].label:
                reasons.append("ander label dan vorig jaar")
            elif before.name == match.var:
                reasons.append("alleen op naam (geen labels)")
            reasons += [why for why in match.evidence if not (why == "zelfde naam" and before.name == match.var)]
            if match.score < THRESHOLD:
                reasons.append("geen goede kandidaat, zwakke gok")
            close = [
                m.var for m in others if m.var not in by_label and m.score >= max(THRESHOLD, match.score - RUNNER_UP)
            ]
            if close:
                reasons.append(f"ook mogelijk: {', '.join(close[:3])}")
        out[entry] = (match, reasons)
    return out


# --- codes ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Codes:
    """How last year's codes of one variable carry over to this year's."""

    map: dict[str, str | None]  # this year's code -> canonical value (for a flag: the codes, value None)
    pairs: tuple[tuple[str, str], ...] = ()  # (last year's code, this year's) per answer kept
    review: tuple[str, ...] = ()
    new: tuple[tuple[str, str], ...] = ()  # (code, label) of this year that last year did not have
    gone: tuple[tuple[str, str], ...] = ()  # (code, label) of last year without a counterpart


def _unique(labels: dict[str, str], text: str) -> str | None:
    """The one code whose normalised label is `text` (None when none or several)."""
    hits = [code for code, label in labels.items() if text and label == text]
    return hits[0] if len(hits) == 1 else None


def _taken_over(mapping: dict[str, str | None], why: str) -> Codes:
    """Last year's codes unchanged, to review (no value labels to check them against)."""
    return Codes(dict(mapping), tuple((c, c) for c in mapping), (why,))


def _flags(codes) -> dict[str, None]:
    """A set of codes (completed, ticked) in the ordered form of Codes.map."""
    return dict.fromkeys(sorted_codes(codes))


@cache
def _missing_phrases() -> tuple[str, ...]:
    return tuple(normalise_labels(MISSING_LABELS))


def says_missing(label: str, loose: bool = False) -> bool:
    """Whether a normalised value label says 'no answer' ('Weet niet'); `loose`: or contains it
    ('Weet niet / geen mening'), for a code the export declares missing."""
    phrases = _missing_phrases()
    if not loose:
        return label in phrases
    return any(re.search(rf"\b{re.escape(phrase)}\b", label) for phrase in phrases)


def declared_missing(
    result: dict[str, str | None], declared: frozenset[str], labels: dict[str, str], review: list[str]
) -> None:
    """The codes the export declares missing (SPSS) that the map does not have yet and that have
    no value label: null, to review (a labelled one is null only where its label says so). A
    declared code that the map gives a value is named."""
    for code in sorted_codes(declared):
        if code not in result and code not in labels:
            result[code] = None
            review.append(f"code {code} is in de export als ontbrekend gedeclareerd (geen waardelabel): als null")
        elif result.get(code) is not None:
            label = f" '{labels[code]}'" if code in labels else ""
            review.append(
                f"code {code}{label} is in de export als ontbrekend gedeclareerd, maar krijgt de waarde {result[code]}"
            )


def map_answer_codes(
    old_map: dict[str, str | None],
    old_labels: dict[str, str],
    new_labels: dict[str, str],
    new_codes: frozenset[str],
    canonical: dict[str, str],
    declared: frozenset[str] = frozenset(),
) -> Codes:
    """This year's codes of a single question: the code with last year's label keeps last year's
    meaning; else (to review) the code labelled as the canonical value, or as 'weet niet' for
    null, or labelled alike. A code the export declares missing (`declared`, SPSS) is null where
    its label says so or where it has none. Without value labels the codes can only be taken over."""
    if not new_labels:
        taken = _taken_over(old_map, "geen waardelabels in de export: codes van vorig jaar overgenomen")
        review = list(taken.review)
        extra = sorted_codes(new_codes - set(old_map) - declared)
        if extra:
            review.append(f"code(s) {', '.join(extra)} komen voor, niet in de map")
        mapping = dict(taken.map)
        declared_missing(mapping, declared, new_labels, review)
        return Codes({c: mapping[c] for c in sorted_codes(mapping)}, taken.pairs, tuple(review))
    free = dict(zip(new_labels, normalise_labels(new_labels.values())))
    before = dict(zip(old_labels, normalise_labels(old_labels.values())))
    found: dict[str, tuple[str, str | None]] = {}  # last year's code -> (this year's, why to review)
    for code in old_map:
        hit = _unique(free, before.get(code, ""))
        if hit is not None:
            found[code] = (hit, None)
            free.pop(hit)
    gone = []
    for code, target in old_map.items():
        if code in found:
            continue
        hit = why = None
        for text in normalise_labels([canonical[target]] if target else MISSING_LABELS):
            hit = _unique(free, text)
            if hit is not None:
                why = f"code {hit} '{new_labels[hit]}' gekoppeld op de canonieke waarde {target or 'null'}"
                break
        if hit is None and before.get(code):
            alike = sorted(free, key=lambda c: (-label_score(before[code], free[c]), code_order(c)))
            if alike and label_score(before[code], free[alike[0]]) >= ALIKE:
                hit = alike[0]
                why = f"code {hit} '{new_labels[hit]}' lijkt op vorig jaar {code} '{old_labels[code]}'"
        if hit is None and not before.get(code) and code in free:
            hit, why = code, f"code {code} had vorig jaar geen label: overgenomen"
        if hit is None:
            gone.append((code, old_labels.get(code, "")))
            continue
        found[code] = (hit, why)
        free.pop(hit)
    result = {now: old_map[code] for code, (now, _) in found.items()}
    review = [why for _, why in found.values() if why]
    for code in sorted_codes(free):
        label = new_labels[code]
        target = next(
            (v for v, text in canonical.items() if v not in result.values() and normalise_label(text) == free[code]),
            None,
        )
        if target is None and code in declared and says_missing(free[code], loose=True):
            result[code] = None
            review.append(f"nieuwe code {code} '{label}' als null opgenomen (in de export als ontbrekend gedeclareerd)")
        elif target is not None or says_missing(free[code]):
            result[code] = target
            review.append(f"nieuwe code {code} '{label}' als {target or 'null'} opgenomen")
        elif code in declared:
            review.append(
                f"code {code} '{label}' is in de export als ontbrekend gedeclareerd, maar het label zegt niet dat"
                " het antwoord ontbreekt: niet in de map"
            )
        else:
            review.append(f"code {code} '{label}' heeft geen tegenhanger: niet in de map")
    unlabelled = sorted_codes(new_codes - set(new_labels) - set(result) - declared)
    if unlabelled:
        review.append(f"code(s) {', '.join(unlabelled)} komen voor zonder waardelabel: niet in de map")
    new = tuple((code, new_labels[code]) for code in sorted_codes(free))
    pairs = tuple((code, now) for code, (now, _) in found.items())
    if not result:
        taken = _taken_over(old_map, "geen enkele code te koppelen: codes van vorig jaar overgenomen")
        result, pairs, review = dict(taken.map), taken.pairs, [*review, *taken.review]
    declared_missing(result, declared, new_labels, review)
    return Codes({c: result[c] for c in sorted_codes(result)}, pairs, tuple(review), new, tuple(gone))


def map_flag_codes(
    old_codes: frozenset[str],
    old_labels: dict[str, str],
    new_labels: dict[str, str],
    meaning: bool,
    what: str,
    yes: re.Pattern = TICKED,
) -> Codes:
    """This year's codes that mean yes (`meaning` True: completed, ticked) or no (not ticked):
    those with last year's labels; else, to review, every code whose label says so."""
    if not new_labels:
        return _taken_over(_flags(old_codes), "geen waardelabels in de export: codes van vorig jaar overgenomen")
    free = dict(zip(new_labels, normalise_labels(new_labels.values())))
    old_codes = sorted_codes(old_codes)
    pairs = [(c, hit) for c in old_codes if (hit := _unique(free, normalise_label(old_labels.get(c)))) is not None]
    review = []
    if not pairs:
        said = [c for c in sorted_codes(new_labels) if polarity(new_labels[c], yes) is meaning]
        review = [f"code {c} '{new_labels[c]}' gelezen als {what}" for c in said]
        pairs = list(zip(old_codes, said)) + [("", c) for c in said[len(old_codes) :]]
    if not pairs:
        # never silently: say what this year's labels of the codes taken over are
        said = [
            f"{c} '{new_labels[c]}'" + (" zegt het tegendeel" if polarity(new_labels[c], yes) is (not meaning) else "")
            if c in new_labels
            else f"{c} zonder label"
            for c in old_codes
        ]
        why = f"geen code die {what} betekent: codes van vorig jaar overgenomen ({', '.join(said)})"
        return _taken_over(_flags(old_codes), why)
    return Codes(_flags({now for _, now in pairs}), tuple(p for p in pairs if p[0]), tuple(review))


# --- the draft ------------------------------------------------------------------------------


@dataclass
class Line:
    """One entry of the draft: this year's variable and codes, and why to review it."""

    section: str
    name: str
    var: str | None  # None: no counterpart this year (selected/not_selected: no variable at all)
    old_var: str | None  # None: new this year
    codes: Codes | None = None
    review: list[str] = field(default_factory=list)
    note: str = ""  # what the export says of it (a label), for the reader

    @property
    def key(self) -> str:
        """'single.doet_preventie'; a personal-data line by its variable in the draft."""
        return f"pii.{self.var or self.name}" if self.section == "pii" else f"{self.section}.{self.name}"

    @property
    def kept(self) -> bool:
        """Whether the line is in the draft (a key without a counterpart as null, to review)."""
        return self.var is not None or self.name in TICKS or self.section == "keys"


@dataclass(frozen=True)
class Gone:
    """A question of last year's codebook of which the export has no variable: left out of the
    draft, so that the pipeline takes it as not asked this year; always to review."""

    section: str  # single, numeric or multi
    name: str  # the canonical variable or set
    before: str  # what it was last year: the question text and its variables with their labels
    review: str

    @property
    def key(self) -> str:
        return f"{self.section}.{self.name}"


@dataclass(frozen=True)
class NewQuestion:
    """A question of this year's export that the codebook does not map and that is no personal
    data: single, numeric or multi as the draft proposes it (commented out); tekst, datum or leeg
    when the pipeline cannot read it as a question."""

    kind: str
    text: str  # the label; of a multiple-response question the question
    variables: tuple[Variable, ...]


@dataclass
class Draft:
    """A draft codebook, and everything the change summary reports."""

    year: int
    previous_year: int
    sources: tuple[str, str, str]  # file names: this year's export, last year's codebook and export
    lines: list[Line]
    questions: dict[str, Question]  # per set in the draft
    gone: list[Gone]  # last year's questions not in the export: not asked
    unmatched_options: list[tuple[str, Variable]]  # (set, variable): new options, no canonical one
    new_questions: list[NewQuestion]
    unused: list[Variable]  # in the export unused, as last year
    order: dict[str, int]  # this year's variables in file order

    def section(self, section: str) -> list[Line]:
        return [line for line in self.lines if line.section == section and line.kept]

    def question_key(self, line: Line) -> str:
        """The question a line belongs to: 'single.afspraken', 'multi.financiering'."""
        return f"multi.{line.name.split('.')[0]}" if line.section == "multi" else line.key

    def is_gone(self, line: Line) -> bool:
        return self.question_key(line) in {gone.key for gone in self.gone}

    def dropped(self) -> list[Line]:
        """Last year's entries without a counterpart this year, other than those of a question gone."""
        return [line for line in self.lines if line.var is None and line.old_var is not None and not self.is_gone(line)]

    def sets(self) -> dict[str, list[Line]]:
        """The option lines per set, those without a counterpart too: sets in last year's order,
        options in canonical order."""
        out: dict[str, list[Line]] = {}
        for line in self.lines:
            if line.section == "multi" and line.name not in TICKS and (line.var or line.old_var):
                out.setdefault(line.name.split(".")[0], []).append(line)
        for set_name, lines in out.items():
            options = list(canon.MULTIS[set_name].options)
            lines.sort(key=lambda line: options.index(line.name.split(".")[1]))
        return out

    def to_review(self) -> list[tuple[str, str]]:
        """(entry, why) per line or set of the draft marked CONTROLEREN, in the draft's order."""
        out = [(f"multi.{s}", q.review) for s, q in self.questions.items() if q.review]
        out += [(line.key, "; ".join(line.review)) for line in self.lines if line.review and line.kept]
        out += [(line.key, "; ".join(line.review)) for line in self.dropped() if line.review and not line.kept]
        out += [
            (gone.key, f"niet gevraagd in {self.year} (vorig jaar {gone.before}): {gone.review}") for gone in self.gone
        ]
        return sorted(out, key=lambda item: SECTIONS.index(item[0].split(".")[0]))


def check_year(year: int, book: Codebook) -> None:
    """The draft's year must be a codebook year (2000-2100) other than last year's own."""
    if not 2000 <= year <= 2100:
        raise PipelineError(f"--year {year} is geen jaartal van 2000 tot en met 2100")
    if year == book.year:
        raise PipelineError(
            f"--year {year} is het jaar van het vorige codeboek zelf",
            file=book.source,
            hint="Geef het jaar van de export",
        )


def merged_labels(names, variables: dict[str, Variable]) -> dict[str, str]:
    """Code -> value label over several variables (the first label of a code wins)."""
    out: dict[str, str] = {}
    for name in names:
        for code, label in variables[name].value_labels.items():
            out.setdefault(code, label)
    return out


def new_options(
    lines: list[Line], questions: dict[str, Question], new: dict[str, Variable], taken: set[str]
) -> tuple[list[Line], list[tuple[str, Variable]]]:
    """The unused options of a set's own question this year, matched by their text to the
    canonical options the draft does not map yet (exact, else alike): proposed, always to review.
    The rest (no canonical option) is reported and written in the draft commented out."""
    proposed, unmatched = [], []
    for set_name, question in questions.items():
        spare = [v for v in question.members if v not in taken]
        prefix = f"{set_name}."
        mapped = {line.name.removeprefix(prefix) for line in lines if line.var and line.name.startswith(prefix)}
        free = {o: text for o, text in canon.MULTIS[set_name].options.items() if o not in mapped}
        scored = []
        for i, var in enumerate(spare):
            for option, text in free.items():
                wanted = normalise_label(text)
                alike = max(fuzz.token_set_ratio(wanted, new[var].option), fuzz.partial_ratio(wanted, new[var].option))
                points = 101.0 if wanted == new[var].option else alike
                if new[var].option and points >= ALIKE:
                    scored.append((-points, i, option, var))
        used, given = set(), set()
        for points, _, option, var in sorted(scored):
            if var in used or option in given:
                continue
            used.add(var)
            given.add(option)
            how = "gelijk aan" if points < -100 else "lijkt op"
            why = f"nieuwe optie {new[var].described}: {how} de canonieke optie '{free[option]}'"
            proposed.append(Line("multi", f"{set_name}.{option}", var, None, review=[why], note=new[var].option_text))
        unmatched += [(set_name, new[v]) for v in spare if v not in used]
    return proposed, unmatched


def short(var: Variable) -> str:
    """A variable with the text that tells it apart: Q14_1 'Wmo' (an option), Q10 'Is de ...?'."""
    text = var.option_text or var.label
    return f"{var.name} '{text}'" if text else var.name


def labels_pair(before: Variable, now: Variable) -> str:
    """Last year's variable and this year's, with their labels, for a line to review."""
    if before.described == now.described:
        return f"{now.described}, als vorig jaar"
    return f"{before.described} → {now.described}"


def not_asked(lines: list[Line], questions: dict[str, Question], old: dict[str, Variable]) -> list[Gone]:
    """Last year's questions of which the draft found no variable: a single or a count without a
    counterpart, a set none of whose options has one (one option gone is only that option)."""
    why = "geen variabele van deze vraag in de export; staat hij er onder een andere naam of tekst, vul hem dan in"
    out = [
        Gone(line.section, line.name, old[line.old_var].described, why)
        for line in lines
        if line.section in ("single", "numeric") and line.var is None and line.old_var
    ]
    sets: dict[str, list[Line]] = {}
    for line in lines:
        if line.section == "multi" and line.name not in TICKS:
            sets.setdefault(line.name.split(".")[0], []).append(line)
    for set_name, options in sets.items():
        if all(line.var is None for line in options):
            was = ", ".join(short(old[line.old_var]) for line in options if line.old_var)
            text = questions[set_name].previous_text if set_name in questions else ""
            out.append(Gone("multi", set_name, f"'{text}': {was}" if text else was, why))
    return out


def unmapped(
    rest: list[Variable], old: dict[str, Variable], book: Codebook
) -> tuple[list[NewQuestion], list[Variable]]:
    """This year's variables nobody uses (no personal data, no option of a known question): the
    new questions, and those that were in last year's export unused too (the same label; where a
    label is missing, the same name)."""
    used = set(book.key_vars().values()) | set(book.pii) | set(book.answer_vars().values())
    labels = {var.norm for var in old.values() if var.name not in used and var.norm}
    names = {var.name: var for var in old.values() if var.name not in used}
    as_before = {
        var.name
        for var in rest
        if var.norm in labels or (var.name in names and not (var.norm and names[var.name].norm))
    }
    questions: dict[tuple[str, str], tuple[str, str, list[Variable]]] = {}  # by question text, else by name
    for var in rest:
        if var.name in as_before:
            continue
        if var.stem:
            questions.setdefault(("stem", var.stem), ("multi", var.stem_text, []))[2].append(var)
        else:
            kind = "single" if var.value_labels else "numeric" if var.kind == "getal" else var.kind
            questions[("name", var.name)] = (kind, var.label, [var])
    out = [NewQuestion(kind, text, tuple(variables)) for kind, text, variables in questions.values()]
    return out, [var for var in rest if var.name in as_before]


def draft_codebook(
    new_export: RawExport, old_export: RawExport, book: Codebook, year: int, sources: tuple[str, str, str]
) -> Draft:
    """The draft codebook of `year` for `new_export`, from last year's `book` and its export."""
    check_year(year, book)
    new, old = describe_export(new_export), describe_export(old_export)
    todo = entries(book)
    questions = choose_questions(book, old, new)
    found = assign(todo, old, new, book, questions)
    lines = []
    for entry in todo:
        match, reasons = found.get(entry, (None, []))
        var = new[match.var] if match else None
        if var is None:  # reported as dropped, with what it was
            note = old[entry.old_var].option_text or old[entry.old_var].label
            if entry.section == "keys":
                reasons = [f"geen tegenhanger van vorig jaar {old[entry.old_var].described}"]
        elif entry.section == "multi":
            note = var.option_text or var.label
        elif entry.section == "single":
            values = "; ".join(f"{c} = {var.value_labels[c]}" for c in sorted_codes(var.value_labels))
            note = ": ".join(part for part in (var.described, values) if part) if var.label or values else ""
        else:
            note = var.label
        lines.append(Line(entry.section, entry.name, var and var.name, entry.old_var, review=reasons, note=note))
    for line in lines:
        if line.var is None:
            continue
        before, now = old[line.old_var], new[line.var]
        if line.section == "single":
            line.codes = map_answer_codes(
                book.single[line.name].map,
                before.value_labels,
                now.value_labels,
                now.codes,
                canon.SINGLES[line.name].values,
                now.missing,
            )
        elif line.key == "keys.completed":
            line.codes = map_flag_codes(
                book.completed_values, before.value_labels, now.value_labels, True, "afgerond", COMPLETED
            )
            unknown = sorted_codes(now.codes - set(now.value_labels)) if now.value_labels else []
            if unknown:
                line.codes = Codes(
                    line.codes.map, line.codes.pairs, (*line.codes.review, f"code(s) {', '.join(unknown)} zonder label")
                )
        if line.codes:
            line.review += list(line.codes.review)
    for line in lines:  # every line to review names both variables with their labels
        if line.review and line.old_var and line.var:
            line.review.insert(0, labels_pair(old[line.old_var], new[line.var]))
    taken = {line.var for line in lines if line.var}
    proposed, unmatched = new_options(lines, questions, new, taken)
    lines += proposed
    taken |= {line.var for line in proposed}
    if book.multi:
        lines += tick_lines(book, old, new, [line.var for line in lines if line.section == "multi" and line.var])
    for var in new.values():  # personal data nobody uses: never to be read
        if var.name not in taken and personal_kind(var):
            why = f"nieuw: {var.described} lijkt op een {personal_kind(var)} (persoonsgegevens)"
            lines.append(Line("pii", var.name, var.name, None, review=[why], note=var.label))
            taken.add(var.name)
    for line in lines:  # a key no codebook can be without: a placeholder that ingest names
        if line.section == "keys" and line.name in REQUIRED_KEYS and line.var is None:
            line.var = MISSING_VAR.format(line.name)
            line.review.append("geen kandidaat in de export: vul de variabele in")
            if line.name == "completed":
                line.codes = _taken_over(_flags(book.completed_values), "codes van vorig jaar overgenomen")
    gone = not_asked(lines, questions, old)
    spare: dict[str, list[Variable]] = {}
    for set_name, var in unmatched:
        spare.setdefault(set_name, []).append(var)
    for line in lines:  # an option gone from a question with options the draft could not place
        set_name = line.name.split(".")[0]
        if line.section == "multi" and line.var is None and line.old_var and spare.get(set_name):
            if f"multi.{set_name}" not in {g.key for g in gone}:
                others = ", ".join(var.described for var in spare[set_name])
                line.review.append(
                    f"vorig jaar {old[line.old_var].described} niet gevonden, maar de vraag heeft nieuwe"
                    f" opties die het concept niet plaatst: {others}; is het er een van?"
                )
    in_draft = {line.name.split(".")[0] for line in lines if line.section == "multi" and line.var}
    kept_questions = {s: q for s, q in questions.items() if s in in_draft}
    placed = taken | {var.name for _, var in unmatched}
    new_questions, unused = unmapped([var for var in new.values() if var.name not in placed], old, book)
    order = {name: i for i, name in enumerate(new)}
    return Draft(year, book.year, sources, lines, kept_questions, gone, unmatched, new_questions, unused, order)


def tick_lines(book: Codebook, old: dict[str, Variable], new: dict[str, Variable], multi_vars: list[str]) -> list[Line]:
    """The selected and not_selected codes of the draft's sets, from the value labels of all of
    their variables (last year's 'Aangevinkt' is this year's 'Aangevinkt')."""
    old_vars = [var for options in book.multi.values() for var in options.values()]
    before, now = merged_labels(old_vars, old), merged_labels(multi_vars, new)
    occurring = frozenset().union(*(new[v].codes for v in multi_vars))
    lines = []
    for name, codes, meaning, what in (
        ("selected", book.selected, True, "aangevinkt"),
        ("not_selected", book.not_selected, False, "niet aangevinkt"),
    ):
        mapped = map_flag_codes(codes, before, now, meaning, what)
        note = " / ".join(now[c] for c in mapped.map if c in now)
        lines.append(Line("multi", name, None, None, mapped, list(mapped.review), note))
    both = {c for line in lines for c in line.codes.map}
    other = sorted_codes(occurring - both)
    if other:
        lines[-1].review.append(f"code(s) {', '.join(other)} komen voor, aangevinkt noch niet aangevinkt")
    return lines


# --- writing the draft and the summary --------------------------------------------------------


def yaml_scalar(value) -> str:
    """One value as YAML writes it in flow style, quoted only where a plain word would be misread."""
    return (
        yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, width=1 << 16)
        .removesuffix("\n")
        .removesuffix("\n...")
    )


def code_value(code: str):
    """A normalised code as the draft writes it: 1 and 2.5 as numbers, other codes as text."""
    if re.fullmatch(r"[+-]?\d+", code):
        return int(code)
    try:
        return float(code)
    except ValueError:
        return code


def _codes_list(codes: Codes) -> str:
    return "[" + ", ".join(yaml_scalar(code_value(c)) for c in codes.map) + "]"


def _comment(line: Line, note: bool = True) -> str:
    """The end of a draft line: why to review it, else (`note`) what the export calls it."""
    if line.review:
        return f"  # {REVIEW}: {'; '.join(line.review)}"
    return f"  # {line.note}" if note and line.note else ""


def slug(text: str) -> str:
    """A name from a text: 'Mensen met een migratieachtergrond' -> mensen_met_een_migratieachtergrond
    (for a new option or answer, a proposal: the canonical name is the analyst's)."""
    return re.sub(r"\W+", "_", normalise_label(text)).strip("_")


def _gone(draft: Draft, indent: str, name: str, before: str, review: str | list[str]) -> str:
    """The comment in place of an entry of last year that the export no longer has."""
    why = "; ".join(review) if isinstance(review, list) else review
    return f"{indent}# niet gevraagd in {draft.year}: {name} (vorig jaar {before})" + (
        f"  # {REVIEW}: {why}" if why else ""
    )


def _spare_options(draft: Draft, set_name: str, prefix: str) -> list[str]:
    """The new options of a question without a canonical option, commented out (`prefix`)."""
    out = []
    for name, var in draft.unmatched_options:
        if name == set_name:
            what = f"'{var.option_text or var.label}'" if var.option_text or var.label else "(geen label)"
            option = slug(var.option_text or var.label) or var.name.lower()
            out.append(f"{prefix}{option}: {yaml_scalar(var.name)}  # nieuwe optie {what}: geen canonieke optie")
    return out


def suggested_map(var: Variable) -> str:
    """A map for a new single question from its value labels: 'Weet niet' null, else the label;
    a code the export declares missing null where its label says so or where it has none."""
    labels = dict(var.value_labels) | {code: "" for code in var.missing if code not in var.value_labels}
    pairs = [
        (code, None if says_missing(normalise_label(label), loose=code in var.missing) else slug(label) or None)
        for code, label in sorted(labels.items(), key=lambda item: code_order(item[0]))
    ]
    return ", ".join(f"{yaml_scalar(code_value(c))}: {yaml_scalar(v)}" for c, v in pairs)


def render_new_questions(draft: Draft) -> list[str]:
    """The new questions, commented out under the section they would go in."""
    if not draft.new_questions:
        return []
    out = [
        "",
        "# Nieuwe vragen: in de export, niet in het codeboek van vorig jaar en geen persoonsgegevens;",
        "# de pijplijn leest ze niet. Gebruiken: geef de vraag een canonieke naam (die staan in",
        "# workflow/preventie/canon.py) in plaats van <naam> en zet de regels zonder '#' in hun sectie.",
    ]
    for kind in ("single", "numeric", "multi"):
        questions = [q for q in draft.new_questions if q.kind == kind]
        if questions:
            out.append(f"# {kind}:")
        for question in questions:
            var = question.variables[0]
            if kind == "single":
                out.append(
                    f"#   <naam>: {{var: {yaml_scalar(var.name)}, map: {{{suggested_map(var)}}}}}  # {var.described}"
                )
            elif kind == "numeric":
                out.append(f"#   <naam>: {{var: {yaml_scalar(var.name)}}}  # {var.described}")
            else:
                out.append(f"#   <naam>:  # {question.text}")
                out += [
                    f"#     {slug(v.option_text) or v.name.lower()}: {yaml_scalar(v.name)}"
                    + (f"  # {v.option_text}" if v.option_text else "")
                    for v in question.variables
                ]
    other = [q for q in draft.new_questions if q.kind not in ("single", "numeric", "multi")]
    out += [f"# geen vraag voor de pijplijn ({q.kind}): {q.variables[0].described}" for q in other]
    return out


def render(draft: Draft) -> str:
    """The draft as YAML in the layout of the hand-written codebooks: one line per entry, in
    flow style, each with its comment; deterministic (file names, never paths or times). A
    question the export no longer has, an option gone and a new option or question without a
    canonical name are comments, in their place."""
    export, book, previous = draft.sources
    gone = {g.key: g for g in draft.gone}
    out = [
        f"# Concept-codeboek {draft.year}, gemaakt door `preventie codeboek` uit {export}, met het",
        f"# codeboek {book} en de export {previous} van {draft.previous_year}. Controleer elke regel",
        f"# met '# {REVIEW}' en verwijder daarna de regel 'concept: true'.",
        "concept: true",
        f"year: {draft.year}",
        "encoding: null  # een .sav-bestand noemt zijn tekenset zelf; die van een CSV wordt herkend",
        "",
        "keys:",
    ]
    for line in draft.section("keys"):
        value = yaml_scalar(line.var)
        if line.name == "completed":
            value = f"{{var: {value}, values: {_codes_list(line.codes)}}}"
        out.append(f"  {line.name}: {value}{_comment(line)}")
    pii = sorted(draft.section("pii"), key=lambda line: draft.order.get(line.var, len(draft.order)))
    out += ["", "# Persoonsgegevens: worden bij het inlezen nooit gelezen en komen nergens in de uitvoer."]
    out += (["pii:"] + [f"  - {yaml_scalar(line.var)}{_comment(line)}" for line in pii]) if pii else ["pii: []"]
    out += ["", "# Enkelvoudige vragen: ruwe code -> canonieke waarde; null = ontbrekend (weet niet)."]
    out.append("single:" if draft.section("single") else "single: {}")
    for line in draft.lines:
        if line.section != "single":
            continue
        if line.key in gone:
            out.append(_gone(draft, "  ", line.name, gone[line.key].before, gone[line.key].review))
            continue
        mapping = ", ".join(f"{yaml_scalar(code_value(c))}: {yaml_scalar(v)}" for c, v in line.codes.map.items())
        out += [f"  # {line.note}"] * bool(line.note)  # the value labels, to check the map against
        out.append(f"  {line.name}: {{var: {yaml_scalar(line.var)}, map: {{{mapping}}}}}{_comment(line, note=False)}")
    out += ["", "numeric:" if draft.section("numeric") else "numeric: {}"]
    for line in draft.lines:
        if line.section == "numeric":
            if line.key in gone:
                out.append(_gone(draft, "  ", line.name, gone[line.key].before, gone[line.key].review))
            else:
                out.append(f"  {line.name}: {{var: {yaml_scalar(line.var)}}}{_comment(line)}")
    out += ["", "# Meerkeuzevragen: één ruwe variabele per optie."]
    sets = draft.sets()
    asked = [s for s in sets if f"multi.{s}" not in gone]
    out.append("multi:" if asked else "multi: {}")
    if asked:
        for line in draft.section("multi"):
            if line.name in TICKS:
                out.append(f"  {line.name}: {_codes_list(line.codes)}{_comment(line)}")
    for set_name, options in sets.items():
        if f"multi.{set_name}" in gone:
            g = gone[f"multi.{set_name}"]
            out.append(_gone(draft, "  ", set_name, g.before, g.review))
            spare = _spare_options(draft, set_name, "  #   ")
            out += [f"  # {set_name}:"] * bool(spare) + spare
            continue
        question = draft.questions.get(set_name)
        head = f"  # {REVIEW}: {question.review}" if question and question.review else ""
        head = head or (f"  # {question.text}" if question and question.text else "")
        out.append(f"  {set_name}:{head}")
        for line in options:
            option = line.name.split(".")[1]
            if line.var is None:
                before = f"{line.old_var} '{line.note}'" if line.note else line.old_var
                out.append(_gone(draft, "    ", option, before, line.review))
            else:
                out.append(f"    {option}: {yaml_scalar(line.var)}{_comment(line)}")
        out += _spare_options(draft, set_name, "    # ")
    out += render_new_questions(draft)
    return "\n".join(out) + "\n"


def _rows(title: str, rows: list[str]) -> list[str]:
    return ["", f"{title} ({len(rows)})"] + [f"  {row}" for row in rows or ["(geen)"]]


def _aligned(pairs: list[tuple[str, str]]) -> list[str]:
    width = max((len(a) for a, _ in pairs), default=0)
    return [f"{a.ljust(width)}  {b}".rstrip() for a, b in pairs]


def renumbered(line: Line) -> str | None:
    """'nee 0 → 2, null 8 → 9': the answers of a line whose code changed since last year."""
    if line.codes is None:
        return None
    what = {"keys.completed": "afgerond", "multi.selected": "aangevinkt", "multi.not_selected": "niet aangevinkt"}
    changed = []
    for before, now in line.codes.pairs:
        if before != now:
            meaning = what.get(line.key) or yaml_scalar(line.codes.map.get(now))
            changed.append(f"{meaning} {before} → {now}")
    return ", ".join(changed) or None


def new_question_row(question: NewQuestion) -> tuple[str, str]:
    """'Q15', "'Werkt ...?' (enkelvoudig: 1 = Ja; 2 = Nee), als commentaar in het concept"."""
    variables = question.variables
    names = variables[0].name if len(variables) == 1 else f"{variables[0].name} … {variables[-1].name}"
    text = f"'{question.text}' " if question.text else ""
    if question.kind == "single":
        var = variables[0]
        kind = "enkelvoudig: " + "; ".join(f"{c} = {var.value_labels[c]}" for c in sorted_codes(var.value_labels))
    else:
        kind = {"numeric": "getal", "multi": f"meerkeuze, {len(variables)} opties"}.get(question.kind, question.kind)
    where = (
        "als commentaar in het concept"
        if question.kind in ("single", "numeric", "multi")
        else "geen vraag voor de pijplijn"
    )
    return names, f"{text}({kind}), {where}"


def summary(draft: Draft, written: str) -> str:
    """What changed since last year, for the analyst who reviews the draft (Dutch, no answers)."""
    export, book, previous = draft.sources
    review = draft.to_review()
    out = [
        f"Concept-codeboek {draft.year} geschreven naar {written}",
        f"uit {export}; vorig jaar ({draft.previous_year}): {book} en {previous}.",
        f"{len(review)} regel(s) met '# {REVIEW}': nakijken, daarna 'concept: true' verwijderen.",
    ]
    moved = [
        (line.key, f"{line.old_var} → {line.var}")
        for line in draft.lines
        if line.kept and line.old_var and line.var and line.old_var != line.var
    ]
    out += _rows("Hernoemd", _aligned(moved))
    new = [
        (line.var, f"'{line.note}' als persoonsgegeven (pii)" if line.note else "als persoonsgegeven (pii)")
        for line in draft.lines
        if line.section == "pii" and line.old_var is None
    ]
    out += _rows("Nieuwe persoonsgegevens", _aligned(new))
    gone = [(g.key, f"niet gevraagd: vorig jaar {g.before}") for g in draft.gone]
    gone += [(line.key, f"{line.old_var} '{line.note}'" if line.note else line.old_var) for line in draft.dropped()]
    gone += [
        (line.key, f"code {c} '{label}' ({line.old_var})")
        for line in draft.lines
        if line.codes
        for c, label in line.codes.gone
    ]
    gone.sort(key=lambda row: SECTIONS.index(row[0].split(".")[0]))
    out += _rows("Vervallen (geen tegenhanger dit jaar)", _aligned(gone))
    codes = [(f"{line.key}", f"{renumbered(line)}") for line in draft.lines if line.kept and renumbered(line)]
    out += _rows("Antwoordcodes anders genummerd", _aligned(codes))
    options = [
        (line.key, f"{line.var} '{line.note}'")
        for line in draft.lines
        if line.section == "multi" and line.old_var is None and line.var
    ]
    options += [
        (f"multi.{s}", f"{short(var)}: geen canonieke optie, als commentaar in het concept")
        for s, var in draft.unmatched_options
    ]
    options += [
        (line.key, f"code {c} '{label}' ({line.var})")
        for line in draft.lines
        if line.codes and line.kept
        for c, label in line.codes.new
    ]
    out += _rows("Nieuwe antwoordopties", _aligned(options))
    out += _rows("Nieuwe vragen", _aligned([new_question_row(q) for q in draft.new_questions]))
    unused = [(var.name, f"'{var.label}'" if var.label else "") for var in draft.unused]
    out += _rows("Niet gebruikt, net als vorig jaar", _aligned(unused))
    out += _rows(f"Te controleren (# {REVIEW} in het concept)", [f"{key}: {why}" for key, why in review])
    return "\n".join(out)
