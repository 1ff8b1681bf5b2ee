"""The entries of last year's codebook, this year's candidates for each, and the choice between them."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...codebook import Codebook
from ...normalise import normalise_ids, normalise_name
from .labels import (
    ALIKE,
    COMPLETED,
    COMPLETION,
    FAMILY,
    REQUIRED_KEYS,
    SUBMISSION_WORDS,
    label_score,
    normalise_label,
    normalise_labels,
    polarity,
    sorted_codes,
)
from .variables import Variable, id_shape, overlap, personal_kind, whole_numbers

# A proposal needs a score of THRESHOLD and a signal besides a label that looks somewhat alike
# (what the values say, the same name, or a label at least ALIKE): labels that share 'bij het
# initiatief' score about 60 by chance. The same name (and kind of values) alone is enough for a
# proposal to review: without labels (CSV) it is all there is.
THRESHOLD = 50.0
EVIDENCE = 25.0  # what the values say: the same form of ids, a date, the same value labels ...
SAME_NAME = THRESHOLD
RUNNER_UP = 10.0  # a second candidate this close is named in the review comment
OVERLAP = 0.2  # of this year's ids or names that occurred last year too, before that counts


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
