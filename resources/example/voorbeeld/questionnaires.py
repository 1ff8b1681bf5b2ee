"""De twee vragenlijsten (2019, 2020) met hun Nederlandse labels; ze verschillen in namen en codes,
zodat alleen het codeboek het verband legt. De vragenlijsten en labels zelf zijn gegevens:
vragenlijst_2019.yaml, vragenlijst_2020.yaml en vraagteksten.yaml naast deze module."""

from __future__ import annotations

from dataclasses import dataclass

from .data import read_yaml
from .vocab import SETS, SINGLES, WN, ordered


@dataclass(frozen=True)
class Questionnaire:
    year: int
    single: dict  # canoniek -> (ruwe variabele, {code: canonieke waarde of None})
    numeric: dict  # canoniek -> ruwe variabele
    multi: dict  # set -> {optie: ruwe variabele}
    checked: int
    unchecked: int
    order: tuple  # volgorde van de vragen (voor gedeeltelijke inzendingen)

    def options(self, set_name: str) -> tuple:
        return tuple(self.multi[set_name])

    def code(self, item: str, value) -> int:
        var, mapping = self.single[item]
        target = None if value == WN else value
        for code, canon_value in mapping.items():
            if canon_value == target:
                return code
        raise KeyError((self.year, item, value))


def read_questionnaire(year: int) -> Questionnaire:
    """De vragenlijst van een jaar uit vragenlijst_<jaar>.yaml; elke set heeft de opties van vocab.py
    in hun volgorde (een jaar mag er een paar niet vragen)."""
    doc = read_yaml(f"vragenlijst_{year}.yaml")
    assert doc["year"] == year
    single = {item: (spec["var"], spec["map"]) for item, spec in doc["single"].items()}
    assert set(single) == set(SINGLES), (year, sorted(single))
    for set_name, opts in doc["multi"].items():
        assert list(opts) == ordered(SETS[set_name], opts), (year, set_name)
    return Questionnaire(
        year=year,
        single=single,
        numeric=doc["numeric"],
        multi=doc["multi"],
        checked=doc["checked"],
        unchecked=doc["unchecked"],
        order=tuple(doc["order"]),
    )


Q2019 = read_questionnaire(2019)
Q2020 = read_questionnaire(2020)
QUEST = {2019: Q2019, 2020: Q2020}
WN_NUMERIC_2019 = 99  # v6_aantal: 99 = weet niet, als user-missing gedeclareerd

# Nederlandse labels (vraagteksten en antwoorden) voor de .sav-bestanden, uit vraagteksten.yaml.
TEXTS = read_yaml("vraagteksten.yaml")
OPTION_LABELS = TEXTS["options"]
SET_QUESTIONS = TEXTS["sets"]
SINGLE_QUESTIONS = TEXTS["single"]
VALUE_LABELS = TEXTS["values"]
