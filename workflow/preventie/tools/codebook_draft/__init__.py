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

from pathlib import Path

from ...codebook import load_codebook
from ...errors import PipelineError
from ...exports import read_input
from ...ingest import check_variables
from ...io import read_yaml
from .draft import check_year, draft_codebook
from .writing import render, summary

__all__ = ["check_year", "draft_codebook", "render", "summary", "write_draft"]


def write_draft(export: Path, year: int, previous_codebook: Path, previous_export: Path, target: Path) -> str:
    """Draft `year`'s codebook for `export` from last year's codebook and export, write it to
    `target` (never over a reviewed codebook); the change summary."""
    book = load_codebook(str(previous_codebook))
    check_year(year, book)
    old = read_input(previous_export)
    check_variables(old, book, str(previous_export))  # last year's codebook must fit last year's export
    new = read_input(export)
    sources = (export.name, previous_codebook.name, previous_export.name)
    draft = draft_codebook(new, old, book, year, sources)
    if target.exists() and not _is_draft(target):
        raise PipelineError(
            "bestaat al en is geen concept (geen 'concept: true')",
            file=str(target),
            hint="Kies een ander bestand met --output",
        )
    try:
        target.write_text(render(draft), encoding="utf-8", newline="\n")
    except OSError as err:
        raise PipelineError(f"kan niet geschreven worden: {err.strerror}", file=str(target)) from None
    return summary(draft, str(target))


def _is_draft(path: Path) -> bool:
    """A draft may be made again; a reviewed codebook (or any other file) is never overwritten."""
    try:
        return read_yaml(path).get("concept") is True
    except PipelineError:
        return False
