"""A new year, right the first time: the made-up 2021 of tests/next_year.py run as the README's
"Een echt jaar draaien" describes it, with the traps of a real next year (a dropped question,
new options, recoded answers, a merger, copied texts, published figures to test against)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml

from conftest import copy_project, run_snakemake
from next_year import config, make
from preventie.__main__ import main
from preventie.factsheet.printed_numbers import plain

pytestmark = pytest.mark.e2e

CODEBOOK = "data_2021/codeboek_2021.yaml"
QUICK = ("--config", "report={formats: [html], renderer: pandoc}")  # the text is what is tested here


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def run(project: Path, *args: str):
    return run_snakemake(project, "--configfile", "config/rivm_2021.yaml", *QUICK, *args)


@pytest.fixture(scope="module")
def year_2021(tmp_path_factory) -> Path:
    """The analyst's steps: the year's files, the drafted codebook reviewed, the merged
    municipality's new code, the copied texts' metadata updated, then snakemake."""
    project = copy_project(tmp_path_factory.mktemp("volgend_jaar"))
    files = make(project)
    example = project / "resources/example"
    assert (
        main(
            [
                "codeboek",
                str(files["survey"]),
                "--year",
                "2021",
                "--previous-codebook",
                str(example / "codeboek_2020.yaml"),
                "--previous-export",
                str(example / "enquete_2020.sav"),
                "--output",
                str(project / CODEBOOK),
            ]
        )
        == 0
    )
    edit(project / CODEBOOK, "concept: true\n", "")  # reviewed: every marked line is right for this export
    edit(files["inventory"], ",GM0010,", ",GM1979,")  # Delfzijl is part of Eemsdelta since 2021
    edit(files["texts"] / "metadata.yaml", "jaar: 2020", "jaar: 2021")
    edit(files["texts"] / "metadata.yaml", "peildatum: 2020-11-01", "peildatum: 2021-11-01")
    config(project, CODEBOOK)
    result = run(project)
    assert result.returncode == 0, result.stderr[-4000:]
    (project / "stderr.txt").write_text(result.stderr, encoding="utf-8")
    return project


def table(project: Path, year: int, name: str) -> pd.DataFrame:
    return pd.read_csv(project / f"results/{year}/{name}", dtype=str, keep_default_na=False)


def text(project: Path) -> str:
    source = (project / "results/2021/factsheet/factsheet_2021.qmd").read_text(encoding="utf-8")
    return " ".join(plain(source).split())


def test_only_the_three_years_the_factsheet_needs_are_built(year_2021):
    results = year_2021 / "results"
    assert (results / "2021/manifest.json").exists()
    assert (results / "2020/analyse/classificatie.csv").exists() and not (results / "2020/tabellen").exists()
    assert (results / "2019/respons/antwoorden.parquet").exists() and not (results / "2019/analyse").exists()


def test_the_dropped_question_is_not_asked_in_2021_and_never_filled_from_2020(year_2021):
    financing = table(year_2021, 2021, "tabellen/financiering.csv")
    assert set(financing["gevraagd"]) == {"nee"} and set(financing["noemer"]) == {"0"}
    assert set(financing["opmerking"]) == {"niet gevraagd in 2021"}
    carried = table(year_2021, 2021, "overname/overname.csv")
    carried = carried[carried["uitkomst"] == "overgenomen"]
    assert len(carried) > 0
    for variables in carried["overgenomen_variabelen"]:
        assert "samenwerking" in variables.split(";") and "financiering_wmo" not in variables
    words = text(year_2021)
    assert "De vraag naar de financieringsbronnen stond niet in de vragenlijst van 2021." in words
    assert "(Wmo) (" not in words and "Zorgverzekeringswet (Zvw) (" not in words
    # the canonical option 2021 asked for the first time
    gli = table(year_2021, 2021, "tabellen/gli_programmas.csv").set_index("kenmerk")
    assert gli.loc["samen_sportief", "gevraagd"] == "ja" and int(gli.loc["samen_sportief", "noemer"]) > 0


def test_trace_and_the_audit_say_the_dropped_question_was_not_asked(year_2021, capsys):
    carried = table(year_2021, 2021, "overname/overname.csv")
    initiative = carried.loc[carried["uitkomst"] == "overgenomen", "initiatief_id"].iloc[0]
    assert main(["trace", initiative, "--year", "2021", "--results", str(year_2021 / "results")]) == 0
    assert "  financiering: niet gevraagd in 2021" in capsys.readouterr().out.splitlines()
    workbook = openpyxl.load_workbook(year_2021 / "results/2021/audit/audit_2021.xlsx", read_only=True)
    rows = list(workbook["financiering"].iter_rows(values_only=True))
    assert rows[0][-2:] == ("gevraagd", "opmerking")
    assert {row[-1] for row in rows[1:]} == {"niet gevraagd in 2021"}


def test_the_previous_year_is_back_tested_and_the_trend_says_where_each_number_comes_from(year_2021):
    tested = table(year_2021, 2021, "tabellen/gepubliceerd_toets.csv")
    assert set(tested["jaar"]) == {"2020"} and set(tested["klopt"]) == {"ja"}
    trend = table(year_2021, 2021, "tabellen/trend.csv").set_index("jaar")
    assert trend["bron"].to_dict() == {
        "2018": "gepubliceerd",
        "2019": "gepubliceerd",
        "2020": "herberekend",
        "2021": "nieuw",
    }
    assert trend.loc["2020", "geanalyseerd"] == "116"


def test_the_trend_sentence_chooses_its_words_from_its_numbers(year_2021):
    trend = table(year_2021, 2021, "tabellen/trend.csv").set_index("jaar")["geanalyseerd"].astype(int)
    now, before = trend["2021"], trend["2020"]
    assert now < before  # a fifth of the respondents did not answer again
    expected = (
        f"Het aantal geanalyseerde netwerkinitiatieven nam van 81 in 2018 tot 116 in 2020 elk jaar toe en nam "
        f"daarna af tot {now} in 2021, {before - now} initiatieven minder dan in 2020"
    )
    words = text(year_2021)
    assert expected in words
    assert f"In 2021 zijn {now} netwerkinitiatieven met een vorm van preventie geanalyseerd, een afname" in words
    assert "toename" not in words.split("Ontwikkelingen in de cijfers")[1].split("Net als in eerdere jaren")[0]


def test_the_copied_texts_pass_once_their_metadata_names_the_year(year_2021):
    stderr = (year_2021 / "stderr.txt").read_text(encoding="utf-8")
    assert "jaartal" not in stderr  # the example's texts name only 2016 before the trend, acknowledged
    assert "De peildatum van de inventarisatie is november 2021." in text(year_2021)


def test_a_published_figure_that_differs_stops_the_run_until_a_revision_is_declared(year_2021, tmp_path):
    project = tmp_path / "project"
    shutil.copytree(year_2021, project)
    settings = yaml.safe_load((project / "config/rivm_2021.yaml").read_text(encoding="utf-8"))
    settings["historical"][2020] = 117
    (project / "config/rivm_2021.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    result = run(project)
    assert result.returncode != 0
    fout = [line for line in result.stderr.splitlines() if line.startswith("FOUT [")]
    assert fout == [
        "FOUT [classify 2020]: de herberekening van 2020 wijkt af van de gepubliceerde cijfers: geanalyseerd: "
        "gepubliceerd 117, berekend 116. Zoek de oorzaak (codeboek, koppelingen, overname, inventarisatie) of leg "
        "de herziening met haar reden vast in de configuratie: historical.2020.revision"
    ], result.stderr[-3000:]

    reason = "Na publicatie bleek een initiatief twee keer geteld."
    settings["historical"][2020] = {"analysed": 117, "revision": reason}
    (project / "config/rivm_2021.yaml").write_text(yaml.safe_dump(settings), encoding="utf-8")
    result = run(project)
    assert result.returncode == 0, result.stderr[-3000:]
    words = text(project)
    assert (
        "De cijfers van 2020 zijn herzien ten opzichte van de eerdere publicatie: geanalyseerde initiatieven 117 "
        f"werd 116. {reason}" in words
    )
    trend = table(project, 2021, "tabellen/trend.csv").set_index("jaar")
    assert trend.loc["2020", ["bron", "gepubliceerd"]].tolist() == ["herzien", "117"]
    assert "Het aantal van 2020 (gepubliceerd was 117) is herberekend en herzien." in words  # the trend's alt text
