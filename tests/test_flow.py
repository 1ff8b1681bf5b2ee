"""The flow and the inclusion criteria in one vocabulary (preventie.flow, inclusion.DEFINITIONS):
each phrasing is written once, and every place that names a step or a criterion reads it there."""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import pytest

from conftest import ROOT
from preventie import flow
from preventie.figures import stroom
from preventie.inclusion import CRITERIA_FILE, DEFINITIONS
from preventie.numbers import format_number
from preventie.tables import ITEM_TABLES, flow_table

LIBRARY = ROOT / "workflow" / "preventie"
# The survey question that criterion E1 reads (canon.py): the questionnaire's words, not the criterion's.
QUESTION = "Initiatief richt zich op preventie"
E1 = DEFINITIONS["E1"]
# Each phrasing and the one module that writes it.
PHRASINGS = [
    *((phrasing, "criteria.yaml") for phrasing in sorted({E1.name, E1.method, E1.failed, E1.excluded, E1.term})),
    *((row.label, "tables/characteristics.py") for spec in ITEM_TABLES.values() for row in spec.extra.values()),
]


def library_sources() -> dict[str, str]:
    """The library's modules (name relative to the package -> source) and the criteria's words."""
    paths = {path.relative_to(LIBRARY).as_posix(): path for path in sorted(LIBRARY.rglob("*.py"))}
    paths[CRITERIA_FILE.name] = CRITERIA_FILE
    return {name: path.read_text(encoding="utf-8").replace(QUESTION, "") for name, path in paths.items()}


@pytest.mark.parametrize(("phrasing", "home"), PHRASINGS, ids=[p for p, _ in PHRASINGS])
def test_each_phrasing_is_written_once_in_the_library(phrasing, home):
    # as words: "geen preventie" is not in "geen preventiecoalitie"
    pattern = re.compile(rf"(?<!\w){re.escape(phrasing)}(?!\w)")
    found = {name: len(pattern.findall(text)) for name, text in library_sources().items() if pattern.search(text)}
    assert found == {home: 1}


def test_the_library_holds_what_the_test_looks_for():
    sources = library_sources()
    assert {"criteria.yaml", "inclusion.py", "flow.py", "factsheet/context.py", "figures/stroom.py"} <= set(sources)


def test_the_exclusion_steps_speak_their_criterions_words():
    for code, criterion in DEFINITIONS.items():
        step = flow.STEPS[f"excl_{code}"]
        assert step.label == f"Geëxcludeerd: {criterion.excluded}"
        assert (step.term, step.box) == (criterion.term, criterion.in_box)


def counts() -> dict[str, int]:
    """A count for every step, none zero (a zero leaves its line out of the diagram)."""
    made = {step: 10 + i for i, step in enumerate(flow.FLOW_STEPS)}
    made["non_respons"] = 100  # more than the carried over
    return made


def line(step: str, n: dict[str, int]) -> str:
    return f"{flow.box(flow.STEPS[step].box, 2019)}: {format_number(n[step])}"


def test_the_flow_diagram_says_the_vocabularys_words():
    """What the flow diagram draws (figures/stroom.py), built from preventie.flow."""
    n = counts()
    drawn = {b.key: b.lines for b in stroom.flow_layout(n, 2019)}
    assert drawn == {
        "geidentificeerd": (line("geidentificeerd", n),),
        "respons": (line("respons", n),),
        "non_respons": (line("non_respons", n),),
        "geexcludeerd": (line("respons_geexcludeerd", n), *(line(f"excl_{code}", n) for code in DEFINITIONS)),
        "geincludeerd": (line("respons_geincludeerd", n),),
        "overgenomen": (line("overgenomen", n), flow.box(flow.CARRIED_BOX_NOTE, 2019)),
        "niet_overgenomen": (
            f"{flow.NOT_CARRIED_BOX}: {format_number(n['non_respons'] - n['overgenomen'])}",
            *(line(step, n) for step in flow.NOT_CARRIED_STEPS),
        ),
        "geanalyseerd": (line("geanalyseerd", n),),
    }
    parts = [f"{flow.FLOW_TERMS[step]} {format_number(n[step])}" for step in flow.SUBMISSIONS_NOT_COUNTED]
    footer = f"{line('inzendingen', n)}, waarvan {', '.join(parts[:-1])} en {parts[-1]}."
    drawn = stroom.flow_diagram(flow_table(n), 2020).figure
    try:
        assert footer in [text.get_text() for axes in drawn.axes for text in axes.texts]
    finally:
        plt.close(drawn)
