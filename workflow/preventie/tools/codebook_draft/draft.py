"""The draft itself: every line of last year's codebook with this year's variable, and what is gone
or new."""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ... import canon
from ...codebook import Codebook
from ...errors import PipelineError
from ...exports import RawExport
from .codes import Codes, flags, map_answer_codes, map_flag_codes, taken_over
from .labels import ALIKE, COMPLETED, MISSING_VAR, REQUIRED_KEYS, SECTIONS, TICKS, normalise_label, sorted_codes
from .matching import Question, assign, choose_questions, entries
from .variables import Variable, describe_export, personal_kind


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
    # Long: one pass over last year's entries, then what is gone and what is new: they share the matches.
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
                line.codes = taken_over(flags(book.completed_values), "codes van vorig jaar overgenomen")
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
