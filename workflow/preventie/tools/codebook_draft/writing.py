"""Writing the draft as YAML with its review comments, and the summary of what changed."""

from __future__ import annotations

import re

import yaml

from ...codebook import code_order
from .codes import Codes, says_missing
from .draft import Draft, Line, NewQuestion, short
from .labels import REVIEW, SECTIONS, TICKS, normalise_label, sorted_codes
from .variables import Variable


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
    # Long: the codebook's layout from top to bottom, as a reader reads it.
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
