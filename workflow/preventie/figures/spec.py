"""What every figure module gives the registry (figures/__init__.py): its name, caption, what it
reads, how it is made and how a reader sees its data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from .style import Figure


@dataclass(frozen=True)
class Sources:
    """What the figures stage reads for a year: the analysed set, the boundaries, the tables."""

    year: int
    records: pd.DataFrame
    boundaries: Any  # a GeoDataFrame of the year's municipalities
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)


@dataclass(frozen=True)
class FigureSpec:
    """One figure of the factsheet. `name` names its outputs (figuren/<name>.png, .svg, .alt.txt,
    .csv); `caption` is its caption in the factsheet (the filter adds "Figuur N: ", N its place
    in the registry); `tables` are the tables of tabellen/ it reads; `make` draws it from the
    sources; `view` turns its data table (as drawn, or as read back with its schema) into what
    the reader sees under it."""

    name: str
    caption: str
    tables: tuple[str, ...]
    make: Callable[[Sources], Figure]
    view: Callable[[pd.DataFrame], pd.DataFrame]

    @property
    def schema(self) -> str:
        """The schema of its data table in tables.yaml (figuren/<name>.csv)."""
        return f"figuur_{self.name}"
