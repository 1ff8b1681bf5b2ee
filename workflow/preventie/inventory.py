"""The inventory of a year: its columns validated and typed, its municipality codes checked
against the year's boundaries, personal data typed into names masked."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .errors import PipelineError, list_items
from .ingest import require_rows, text_column
from .normalise import mask_personal_data, masked_warning, normalise_ids

INVENTORY_REQUIRED = ("initiatief_id", "naam", "bron", "gemeente_code", "preventiecoalitie")
INVENTORY_OPTIONAL = ("coalitie_startjaar", "bestaat_nog")
BRON_VALUES = ("vorige_inventarisatie", "zonmw_jzojp", "sleutelfiguur", "overig")
BESTAAT_VALUES = ("ja", "nee", "onbekend")
GEMEENTE_CODE = re.compile(r"^GM\d{4}$")


@dataclass
class Inventory:
    """The validated inventory, and warnings for the log."""

    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)


def ingest_inventory(
    raw: pd.DataFrame,
    source: str,
    year: int | None = None,
    municipalities: dict[str, str] | None = None,
    successors: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
) -> Inventory:
    # Long: one check per column, in the order their errors are reported.
    """A validated inventory: one row per potential initiative, typed columns.

    With `year`, a coalition cannot start after it; with `municipalities` (code -> name, the
    year's boundaries), every gemeente_code must be one of them. A code that is not, but that
    `successors` (see `municipal_successors`; or a function that makes them, called only when a
    code is unknown, since overlaying boundaries takes time) knows, is named with the
    municipality it became.
    """
    require_rows(raw, source, "initiatieven")
    missing = [c for c in INVENTORY_REQUIRED if c not in raw.columns]
    if missing:
        raise PipelineError(
            f"verplichte kolom(men) ontbreken: {', '.join(missing)}",
            file=source,
            hint=f"Gevonden kolommen: {list_items(map(str, raw.columns))}",
        )
    data = raw.reset_index(drop=True)
    lines = pd.Series(np.arange(len(data)) + 2, index=data.index)  # header is line 1

    def fail(mask: pd.Series, col: str, message: str, hint: str | None = None):
        if mask.any():
            raise PipelineError(
                message, file=source, variable=col, rows=lines[mask].tolist(), rows_label="regels", hint=hint
            )

    out = pd.DataFrame(index=data.index)
    for col in INVENTORY_REQUIRED:
        values = normalise_ids(data[col]) if col == "initiatief_id" else text_column(data, col)
        fail(values.isna(), col, "lege waarde in verplichte kolom")
        out[col] = values
    dup = out["initiatief_id"].duplicated(keep=False)
    if dup.any():
        ids = sorted(out.loc[dup, "initiatief_id"].unique())
        spellings = sorted(text_column(data, "initiatief_id")[dup].unique())
        collided = (
            f" (geschreven als {list_items(spellings)}; hoofdletters, spaties, '.0' en nullen vóór een id van "
            "alleen cijfers tellen niet mee)"
            if len(spellings) > len(ids)
            else ""
        )
        raise PipelineError(
            "initiatief_id komt meer dan eens voor: " + list_items(ids) + collided,
            file=source,
            variable="initiatief_id",
            rows=lines[dup].tolist(),
            rows_label="regels",
        )
    bron = out["bron"].str.lower()
    fail(~bron.isin(BRON_VALUES), "bron", "onbekende waarde", f"Toegestaan: {', '.join(BRON_VALUES)}")
    out["bron"] = pd.Categorical(bron, categories=BRON_VALUES)
    fail(
        ~out["gemeente_code"].str.fullmatch(GEMEENTE_CODE.pattern),
        "gemeente_code",
        "geen CBS-gemeentecode",
        "Verwacht GM plus 4 cijfers, bijv. GM0363",
    )
    if municipalities is not None:
        unknown = ~out["gemeente_code"].isin(list(municipalities))
        if unknown.any():
            successors = successors() if callable(successors) else successors
            codes = [
                describe_unknown_municipality(code, municipalities, successors)
                for code in sorted(out.loc[unknown, "gemeente_code"].unique())
            ]
            fail(
                unknown,
                "gemeente_code",
                f"geen gemeente in de gemeentegrenzen van {year}: {list_items(codes)}",
                "Gebruik de code van dat jaar (na een gemeentelijke herindeling de nieuwe gemeente)",
            )
    out["naam"], masked = mask_personal_data(out["naam"])
    warnings = [masked_warning(masked, source, "naam")] if any(masked.values()) else []
    coalition = out["preventiecoalitie"].str.lower()
    fail(~coalition.isin(["ja", "nee"]), "preventiecoalitie", "verwacht ja of nee")
    out["preventiecoalitie"] = (coalition == "ja").astype("boolean")

    start_text = text_column(data, "coalitie_startjaar")
    start = pd.to_numeric(start_text, errors="coerce")
    fail(start_text.notna() & (start.isna() | (start != np.floor(start))), "coalitie_startjaar", "geen jaartal")
    out["coalitie_startjaar"] = start.astype("Int64")
    fail(
        out["coalitie_startjaar"].notna() & ~out["preventiecoalitie"],
        "coalitie_startjaar",
        "startjaar ingevuld terwijl preventiecoalitie 'nee' is",
    )
    if year is not None:
        fail(
            (out["coalitie_startjaar"] > year).fillna(False).astype(bool),
            "coalitie_startjaar",
            f"startjaar ligt na het rapportagejaar {year}",
        )

    exists = text_column(data, "bestaat_nog").str.lower()
    fail(
        exists.notna() & ~exists.isin(BESTAAT_VALUES),
        "bestaat_nog",
        "onbekende waarde",
        "Toegestaan: ja, nee, onbekend of leeg",
    )
    out["bestaat_nog"] = pd.Categorical(exists, categories=BESTAAT_VALUES)
    return Inventory(out.sort_values("initiatief_id", ignore_index=True), warnings)


def nearest_municipalities(code: str, municipalities: dict[str, str], n: int = 3) -> str:
    """The n valid codes numerically nearest to an unknown one, with their names."""
    number = int(code[2:])
    nearest = sorted(municipalities, key=lambda c: (abs(int(c[2:]) - number), c))[:n]
    return ", ".join(f"{c} {municipalities[c]}" for c in nearest)


def describe_unknown_municipality(
    code: str, municipalities: dict[str, str], successors: pd.DataFrame | None = None
) -> str:
    """A code not in the year's boundaries, for the error: what became of it when an earlier
    year's boundaries have it ('GM0010 (Delfzijl tot 2021, opgegaan in GM1979 Eemsdelta)'),
    else the valid codes numerically nearest to it (a typing error)."""
    rows = successors[successors["gemeente_code"] == code] if successors is not None else None
    if rows is None or rows.empty:
        return f"{code} (dichtstbij: {nearest_municipalities(code, municipalities)})"
    first = rows.iloc[0]
    if len(rows) == 1:
        fate = f"opgegaan in {first['opvolger_code']} {first['opvolger_naam']}"
    else:
        note = [" van de oppervlakte"] + [""] * (len(rows) - 1)  # said once, at the largest share
        fate = "verdeeld over " + ", ".join(
            f"{r.opvolger_code} {r.opvolger_naam} ({r.aandeel:.0%}{n})" for r, n in zip(rows.itertuples(), note)
        )
    # 'tot' only where the files say when: with a year missing in between, the last year seen
    when = f"tot {first['tot']}" if first["tot"] == first["laatste_jaar"] + 1 else f"in {first['laatste_jaar']}"
    return f"{code} ({first['gemeente_naam']} {when}, {fate})"
