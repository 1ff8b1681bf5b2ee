"""How the codes of a variable map this year: by their value labels, or taken over from last year."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ...codebook import code_order
from .labels import (
    ALIKE,
    MISSING_LABELS,
    TICKED,
    label_score,
    normalise_label,
    normalise_labels,
    polarity,
    sorted_codes,
)


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


def taken_over(mapping: dict[str, str | None], why: str) -> Codes:
    """Last year's codes unchanged, to review (no value labels to check them against)."""
    return Codes(dict(mapping), tuple((c, c) for c in mapping), (why,))


def flags(codes) -> dict[str, None]:
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
    # Long: the ways a code is mapped, from the most certain to the least, each its own case.
    """This year's codes of a single question: the code with last year's label keeps last year's
    meaning; else (to review) the code labelled as the canonical value, or as 'weet niet' for
    null, or labelled alike. A code the export declares missing (`declared`, SPSS) is null where
    its label says so or where it has none. Without value labels the codes can only be taken over."""
    if not new_labels:
        taken = taken_over(old_map, "geen waardelabels in de export: codes van vorig jaar overgenomen")
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
        taken = taken_over(old_map, "geen enkele code te koppelen: codes van vorig jaar overgenomen")
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
        return taken_over(flags(old_codes), "geen waardelabels in de export: codes van vorig jaar overgenomen")
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
        return taken_over(flags(old_codes), why)
    return Codes(flags({now for _, now in pairs}), tuple(p for p in pairs if p[0]), tuple(review))
