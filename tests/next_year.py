"""A made-up next year, 2021, as it reaches an analyst: derived from the example's 2020 the way
survey tools, inventories and texts change from one year to the next.

- the export (`export_2021`): the financing question gone (Q14_1..Q14_4); a new target group
  (Q05_9), two new GLI programmes (Q08_5 'Leefstijlroer', and Q08_6 'Samen Sportief in Beweging',
  a canonical option 2020 did not ask), a new question (Q15); Q02 recoded (Nee 2 -> 0, Weet niet
  9 -> 8). `survey_2021` adds what a real new year brings: a fifth of last year's respondents do
  not answer, new submission numbers and dates, and some initiatives moved to closer collaboration;
- the inventory: 2020's, with `bestaat_nog` filled in by desk research for this year's
  non-responders; NI-0320 still has GM0010 (Delfzijl, merged into Eemsdelta GM1979 in 2021);
- the texts: reports/teksten/2020 copied as they are.

`python tests/next_year.py FOLDER` writes it into a copy of the project (see the README's
"Een echt jaar draaien"); the tests use the same functions.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pandas as pd
import pyreadstat
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources/example"
FOLDER = "data_2021"  # where the year's files go, inside the project copy

TICKS = {0.0: "Niet aangevinkt", 1.0: "Aangevinkt"}
# New in 2021: variable -> (the variable it follows, label, value labels)
NEW_2021 = {
    "Q05_9": ("Q05_8", "Op welke doelgroepen richt het initiatief zich? - Mensen met een migratieachtergrond", TICKS),
    "Q08_5": ("Q08_4", "Welke GLI-programma's worden aangeboden? - Leefstijlroer", TICKS),
    "Q08_6": ("Q08_5", "Welke GLI-programma's worden aangeboden? - Samen Sportief in Beweging", TICKS),
    "Q15": ("Q13", "Werkt het initiatief samen met het onderwijs?", {1.0: "Ja", 2.0: "Nee", 9.0: "Weet niet"}),
}
FINANCING = ("Q14_1", "Q14_2", "Q14_3", "Q14_4")
# Every fifth of last year's submissions (in id order) has no successor this year.
NOT_AGAIN = 5
# Initiatives 'in gesprek' in 2020 whose collaboration became informal in 2021 (every other one).
CLOSER = 2


def _read_2020():
    data, meta = pyreadstat.read_sav(str(EXAMPLE / "enquete_2020.sav"))
    labels = dict(meta.column_names_to_labels)
    values = {var: dict(codes) for var, codes in meta.variable_value_labels.items()}
    return data, labels, values


def _write(data: pd.DataFrame, labels: dict, values: dict, path: Path) -> Path:
    pyreadstat.write_sav(
        data,
        str(path),
        column_labels=[labels.get(var) for var in data.columns],
        variable_value_labels={var: codes for var, codes in values.items() if var in data.columns},
    )
    return path


def changed_questionnaire(data: pd.DataFrame, labels: dict, values: dict, drop: tuple[str, ...] = ()) -> pd.DataFrame:
    """The 2020 export with 2021's questionnaire: financing and `drop` gone, the new variables in
    place (ticked in every third row that answered their question), Q02 recoded."""
    data = data.drop(columns=[*FINANCING, *drop])
    rows = pd.Series(range(len(data)), index=data.index)
    for var, (after, label, codes) in NEW_2021.items():
        if codes is TICKS:
            column = (rows % 3 == 0).astype(float).where(data[after].notna())
        else:  # the answers in turn
            column = (rows % len(codes)).map(dict(enumerate(codes))).astype(float)
        data.insert(data.columns.get_loc(after) + 1, var, column)
        labels[var], values[var] = label, codes
    data["Q02"] = data["Q02"].replace({2.0: 0.0, 9.0: 8.0})
    values["Q02"] = {1.0: "Ja", 0.0: "Nee", 8.0: "Weet niet"}
    return data


def export_2021(path: Path, drop: tuple[str, ...] = ()) -> Path:
    """The 2020 example's export with 2021's questionnaire (see `changed_questionnaire`), written as
    SPSS with labels, as the survey tool would."""
    data, labels, values = _read_2020()
    return _write(changed_questionnaire(data, labels, values, drop), labels, values, path)


def survey_2021(path: Path) -> Path:
    """2021's export as a new year brings it: the questionnaire of `export_2021`, a fifth of last
    year's submitters not again, new submission numbers and dates, closer collaboration for some."""
    data, labels, values = _read_2020()
    data = changed_questionnaire(data, labels, values)
    data = data.sort_values("respondent_id", ignore_index=True)
    data = data[data.index % NOT_AGAIN != NOT_AGAIN - 1].reset_index(drop=True)
    talking = data.index[data["Q12"] == 2.0]
    data.loc[talking[::CLOSER], "Q12"] = 3.0  # in gesprek -> informeel
    data["respondent_id"] = data["respondent_id"] + 10000
    data["afgerond_op"] = data["afgerond_op"] + pd.DateOffset(years=1)
    return _write(data, labels, values, path)


def responders_2021(survey: Path) -> set[str]:
    """The inventory ids that have a submission in 2021's export (by their token)."""
    data, _ = pyreadstat.read_sav(str(survey), usecols=["token"])
    return set(data["token"].dropna().astype(str).str.upper())


def inventory_2021(path: Path, survey: Path) -> Path:
    """2020's inventory with this year's desk research: every initiative without a submission this
    year gets `bestaat_nog` (ja, and nee for every seventh); GM0010 left as it was (the merger)."""
    inventory = pd.read_csv(EXAMPLE / "inventaris_2020.csv", dtype=str, keep_default_na=False)
    silent = ~inventory["initiatief_id"].isin(responders_2021(survey))
    gone = silent & (inventory.index % 7 == 0)
    inventory["bestaat_nog"] = ""
    inventory.loc[silent, "bestaat_nog"] = "ja"
    inventory.loc[gone, "bestaat_nog"] = "nee"
    inventory.to_csv(path, index=False)
    return path


def make(project: Path) -> dict[str, Path]:
    """Write 2021's export and inventory into `project`/data_2021, and copy 2020's texts to
    reports/teksten/2021 as an analyst would start; the files, by kind."""
    folder = project / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    survey = survey_2021(folder / "enquete_2021.sav")
    inventory = inventory_2021(folder / "inventaris_2021.csv", survey)
    texts = project / "reports/teksten/2021"
    if not texts.exists():
        shutil.copytree(project / "reports/teksten/2020", texts)
    return {"survey": survey, "inventory": inventory, "texts": texts}


def config(project: Path, codebook: str, **changes) -> Path:
    """A config for 2021 as the README's "Een echt jaar draaien" writes it: the example's 2019 and
    2020 and this 2021, the series from 2019, the published figures up to 2020."""
    example = yaml.safe_load((project / "config/config.yaml").read_text(encoding="utf-8"))
    years = dict(example["years"])
    years[2021] = {
        "inventory": f"{FOLDER}/inventaris_2021.csv",
        "survey": f"{FOLDER}/enquete_2021.sav",
        "codebook": codebook,
        "links": None,
    }
    settings = {"year": 2021, "first_year": 2019, "years": years, "historical": example["historical"], **changes}
    path = project / "config/rivm_2021.yaml"
    path.write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()
    for kind, written in make(target).items():
        print(f"{kind}: {written}")
