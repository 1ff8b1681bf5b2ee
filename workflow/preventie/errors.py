"""The one project exception: user mistakes (bad input, bad config) and failed data checks."""

from __future__ import annotations

from collections.abc import Iterable

from .privacy import mask

MAX_LISTED = 10


def list_items(items: Iterable[object], limit: int = MAX_LISTED) -> str:
    """Comma-separated items, cut off after `limit` with a count of the rest."""
    items = [str(i) for i in items]
    shown = ", ".join(items[:limit])
    rest = len(items) - limit
    return f"{shown} … en nog {rest}" if rest > 0 else shown


class PipelineError(Exception):
    """A user mistake or a failed data check, printed as one clear line (file, variable,
    rows, hint) without traceback. Programming errors must not use this type: they keep
    their traceback.

    The line quotes input values (a code, a number, a date, an id), and a respondent may have
    typed an e-mail address or phone number into any of them: the whole line is masked
    (`privacy.mask`), so no message reaches the terminal or a log with personal data, whoever
    raises it.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        variable: str | None = None,
        rows: Iterable[object] | None = None,
        rows_label: str = "rijen",
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = file
        self.variable = variable
        self.rows = list(rows) if rows is not None else []
        self.rows_label = rows_label
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = []
        if self.file:
            parts.append(f"{self.file}: ")
        if self.variable:
            parts.append(f"variabele '{self.variable}': ")
        parts.append(self.message)
        if self.rows:
            parts.append(f" ({self.rows_label}: {list_items(self.rows)})")
        if self.hint:
            parts.append(f". {self.hint}")
        return mask("".join(parts).replace("\n", " "))


# Every kind of warning the pipeline gives (the column `soort` of waarschuwingen.csv), in the
# order of the stages that give them.
WARNING_KINDS = {
    "persoonsgegevens": "een e-mailadres of telefoonnummer in vrije tekst, vervangen door een aanduiding",
    "onbekende_code": "een antwoordcode die het codeboek niet kent, gelezen als ontbrekend (strict_codes: false)",
    "token_vorm": "tokens in een vorm die geen initiatief-id heeft, daarom niet op token gekoppeld",
    "ongekoppeld": "inzendingen die niet aan een initiatief te koppelen waren",
    "bestaan_onbekend": "niet-responderende initiatieven zonder uitkomst van het deskresearch: niet overgenomen",
    "geen_overgangen": "geen classificatie van vorig jaar: geen overgangen tussen de jaren",
    "niet_op_kaart": "gemeentecodes die niet in de gemeentegrenzen van het jaar liggen",
    "symbolen_overlappen": "te veel symbolen om naast elkaar op de kaart te zetten",
    "figuur_te_breed": "een figuur breder dan de tekst, dus kleiner afgedrukt",
    "jaartal_in_tekst": "een jaartal in een tekst van de analisten dat niet bij dit jaar past",
    "cijfer_zonder_bron": "een cijfer in de tekst van de factsheet dat niet uit een tabel komt",
    "overig": "een waarschuwing zonder eigen soort",
}


def submissions_error(
    message: str, source: str, variable: str | None, submissions: Iterable[object], hint: str | None = None
) -> PipelineError:
    """An error about some submissions of an export (one variable's values), naming them by id."""
    return PipelineError(message, file=source, variable=variable, rows=submissions, rows_label="inzendingen", hint=hint)


class PipelineWarning(str):
    """A warning for the log and for the year's waarschuwingen.csv: its text, and its kind (one of
    WARNING_KINDS), so a reviewer can select the warnings of one kind. Everything else sees a
    plain string (equality, joining), so a function returns its warnings as text as before."""

    kind: str

    def __new__(cls, text: str, kind: str) -> PipelineWarning:
        if kind not in WARNING_KINDS:
            raise ValueError(f"unknown kind of warning: {kind}")
        warning = super().__new__(cls, text)
        warning.kind = kind
        return warning
