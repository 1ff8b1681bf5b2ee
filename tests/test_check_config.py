"""`preventie config`: everything that can be checked before a run, every problem one line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml

from conftest import ROOT
from next_year import config, make
from preventie.__main__ import main
from preventie.tools import check_config

EXAMPLE = "resources/example"
CODEBOOK = "data_2021/codeboek_2021.yaml"


@pytest.fixture
def next_year(tmp_path, monkeypatch) -> Path:
    """A project folder with the example and a made-up 2021 as the analyst would have it ready:
    the year's files (tests/next_year.py), the codebook drafted and reviewed, the merged
    municipality's new code, the texts' metadata updated."""
    for part in ("config", "resources", "reports/teksten"):
        shutil.copytree(ROOT / part, tmp_path / part)
    files = make(tmp_path)
    monkeypatch.chdir(tmp_path)
    previous = [f"{EXAMPLE}/codeboek_2020.yaml", "--previous-export", f"{EXAMPLE}/enquete_2020.sav"]
    args = ["codeboek", str(files["survey"]), "--year", "2021", "--previous-codebook", *previous]
    assert main([*args, "--output", CODEBOOK]) == 0
    book = tmp_path / CODEBOOK
    book.write_text(book.read_text(encoding="utf-8").replace("concept: true\n", ""), encoding="utf-8")
    edit(files["inventory"], ",GM0010,", ",GM1979,")
    edit(files["texts"] / "metadata.yaml", "jaar: 2020", "jaar: 2021")
    edit(files["texts"] / "metadata.yaml", "peildatum: 2020-11-01", "peildatum: 2021-11-01")
    config(tmp_path, CODEBOOK)
    return tmp_path


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


RIVM = Path("config/rivm_2021.yaml")


def test_a_year_ready_to_run_passes_and_says_what_will_be_built(next_year, capsys):
    assert check_config.problems([RIVM], next_year) == []
    capsys.readouterr()
    assert main(["config", str(RIVM)]) == 0
    assert capsys.readouterr().out == (
        "configuratie in orde: factsheet 2021, reeks vanaf 2019; nodig: 2021 (alles), 2020 (analyse), "
        "2019 (respons); uitvoer results\n"
    )


def test_every_problem_of_a_new_year_is_one_line(next_year, capsys):
    """What an analyst easily gets wrong in a new year, all reported in one round."""
    config = yaml.safe_load(RIVM.read_text(encoding="utf-8"))
    del config["years"][2019]  # 2020 would be rebuilt without its carry-forward source
    RIVM.write_text(yaml.safe_dump(config), encoding="utf-8")
    book = next_year / CODEBOOK
    book.write_text("concept: true\n" + book.read_text(encoding="utf-8"), encoding="utf-8")  # not reviewed
    inventory = next_year / "data_2021/inventaris_2021.csv"
    edit(inventory, ",GM1979,", ",GM0010,")  # the municipality as it was called before the merger
    pd.read_csv(inventory, dtype=str).drop(columns="bestaat_nog").to_csv(inventory, index=False)
    shutil.copy(ROOT / "reports/teksten/2020/metadata.yaml", next_year / "reports/teksten/2021/metadata.yaml")

    capsys.readouterr()
    assert main(["config", str(RIVM)]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert all(line.startswith("FOUT [configuratie]: ") for line in lines)
    text = "\n".join(lines)
    assert len(lines) == 5, text
    assert "'years': 2019 ontbreekt" in lines[0] and "Voeg 2019 toe onder 'years'" in lines[0]
    assert f"{CODEBOOK}: codeboek is nog een concept (concept: true)" in text
    assert "data_2021/inventaris_2021.csv: kolom 'bestaat_nog' ontbreekt" in text
    assert "GM0010 (Delfzijl tot 2021, opgegaan in GM1979 Eemsdelta)" in text
    assert (
        "reports/teksten/2021/metadata.yaml: 'jaar' is 2020, maar dit zijn de teksten van de factsheet over 2021"
        in (text)
    )


def test_a_codebook_that_does_not_fit_the_export_and_a_missing_inclusion_question_are_named(next_year):
    book = yaml.safe_load((next_year / CODEBOOK).read_text(encoding="utf-8"))
    book["single"]["samenwerking"]["var"] = "Q12b"
    del book["numeric"]["n_interventies"]
    (next_year / CODEBOOK).write_text(yaml.safe_dump(book), encoding="utf-8")
    found = [str(p) for p in check_config.problems([RIVM], next_year)]
    assert len(found) == 2, found
    assert "het codeboek mist n_interventies, nodig voor de inclusiecriteria" in found[0]
    assert "variabele(n) uit het codeboek ontbreken in de export: Q12b (dichtstbij: Q12" in found[1]


def test_a_recoded_answer_the_codebook_does_not_know_is_named(next_year):
    """Last year's codebook copied for this year: Q02's new codes (0 = nee, 8 = weet niet) are unknown."""
    book = yaml.safe_load((next_year / CODEBOOK).read_text(encoding="utf-8"))
    book["single"]["doet_preventie"]["map"] = {1: "ja", 2: "nee", 9: None}
    (next_year / CODEBOOK).write_text(yaml.safe_dump(book), encoding="utf-8")
    (found,) = [str(p) for p in check_config.problems([RIVM], next_year)]
    assert found.startswith("data_2021/enquete_2021.sav: variabele 'Q02': code(s) niet in het codeboek")


def test_a_schema_error_is_the_only_line(next_year, capsys):
    (next_year / "fout.yaml").write_text("policy: {min_denominator: 0}\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["config", "fout.yaml"]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "FOUT [configuratie]: ongeldige configuratie bij 'policy.min_denominator': 0 is less than the minimum of 1"
    ]
