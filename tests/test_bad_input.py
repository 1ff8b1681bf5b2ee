"""Every bad input is one FOUT line naming file, variable and rows, with no traceback and no
partial output of the failing stage; messy but valid input gives the clean example's tables."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
import yaml

from conftest import copy_project, run_snakemake
from fixtures import assert_same_tables, edit, fail_with, write_three_years, write_xlsx

pytestmark = pytest.mark.e2e


@pytest.fixture
def broken(tmp_path) -> Path:
    workdir = copy_project(tmp_path)
    write_three_years(workdir)
    return workdir


# --- wrong inputs ---------------------------------------------------------------------------------


def test_unmapped_code(broken):
    edit(broken / "fixture/enquete_2020.csv", "1,T1,,1,,1,2,", "1,T1,,1,,7,2,")
    line = fail_with(broken, "ingest")
    assert "fixture/enquete_2020.csv" in line and "'Q02'" in line and "7" in line and "inzendingen: 1" in line


def test_missing_variable(broken):
    edit(broken / "fixture/enquete_2019.csv", ",Q06,", ",Q6,")
    line = fail_with(broken, "ingest")
    assert "Q06 (dichtstbij: Q6" in line and "enquete_2019.csv" in line


def test_duplicate_inventory_id(broken):
    edit(broken / "fixture/inventaris_2020.csv", "T4,Valpreventie", "T1,Valpreventie")
    line = fail_with(broken, "ingest")
    assert "inventaris_2020.csv" in line and "initiatief_id komt meer dan eens voor: T1" in line


def test_missing_inventory_column(broken):
    path = broken / "fixture/inventaris_2018.csv"
    text = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(",".join(line.split(",")[:3] + line.split(",")[4:]) for line in text) + "\n")
    line = fail_with(broken, "ingest")
    assert "inventaris_2018.csv" in line and "gemeente_code" in line


def test_unreadable_file(broken):
    (broken / "fixture/enquete_2020.xlsx").write_bytes(b"not a workbook")
    edit(broken / "fixture/config.yaml", "fixture/enquete_2020.csv", "fixture/enquete_2020.xlsx")
    line = fail_with(broken, "ingest")
    assert "enquete_2020.xlsx" in line and "Excel-bestand" in line


def test_bad_links_file(broken):
    (broken / "fixture/links.csv").write_text("submission_id,initiatief_id\n2,T9\n", encoding="utf-8")
    edit(broken / "fixture/config.yaml", "links: null", "links: fixture/links.csv")
    line = fail_with(broken, "koppeling")
    assert "fixture/links.csv" in line and "T9" in line


def test_config_error_names_the_key(broken):
    result = run_snakemake(broken, "--configfile", "fixture/config.yaml", "--config", "year=2021")
    assert result.returncode != 0
    assert "'year': 2021 staat niet onder 'years'" in result.stderr


# --- silent changes, now errors ------------------------------------------------------------------


def test_inventory_ids_that_collide_after_normalising(broken):
    edit(broken / "fixture/inventaris_2020.csv", "T4,Valpreventie", " t1 ,Valpreventie")
    line = fail_with(broken, "ingest")
    assert line.startswith(
        "FOUT [ingest 2020]: fixture/inventaris_2020.csv: variabele 'initiatief_id': "
        "initiatief_id komt meer dan eens voor: T1 (geschreven als T1, t1;"
    )
    assert line.endswith("(regels: 2, 5)")


def test_a_key_twice_in_a_codebook(broken):
    edit(
        broken / "fixture/codeboek_2019.yaml",
        "      1: ja\n      2: nee\n    var: Q02",
        "      1: ja\n      2: nee\n      1: nee\n    var: Q02",
    )
    line = fail_with(broken, "ingest")
    assert re.fullmatch(
        r"FOUT \[ingest 2019\]: fixture/codeboek_2019.yaml: geen geldige YAML: sleutel '1' staat "
        r"twee keer in dezelfde mapping \(regels \d+ en \d+\)",
        line,
    ), line


def test_a_draft_codebook_is_refused(broken):
    path = broken / "fixture/codeboek_2019.yaml"
    path.write_text("concept: true\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    line = fail_with(broken, "ingest")
    assert line == (
        "FOUT [ingest 2019]: fixture/codeboek_2019.yaml: codeboek is nog een concept (concept: true). "
        "Controleer elke regel met '# CONTROLEREN' en verwijder daarna de regel 'concept: true'"
    ), line


def test_a_multiple_response_code_that_no_mapping_declares(broken):
    edit(
        broken / "fixture/enquete_2018.csv",
        "1,T1,Gezond Leven Zwolle,1,p.de.vries@fixture-voorbeeld.nl,1,2,1,1,1",
        "1,T1,Gezond Leven Zwolle,1,p.de.vries@fixture-voorbeeld.nl,1,2,7,1,1",
    )
    line = fail_with(broken, "ingest")
    assert line == (
        "FOUT [ingest 2018]: fixture/enquete_2018.csv: variabele 'P1': code(s) niet in het codeboek "
        "(multi.partijen.gemeente; aangevinkt: 1, niet aangevinkt: 0): 7 (inzendingen: 1)"
    )


def test_a_coalition_that_starts_after_the_reporting_year(broken):
    edit(broken / "fixture/inventaris_2018.csv", "GM0150,ja,2017,ja", "GM0150,ja,2019,ja")
    line = fail_with(broken, "ingest")
    assert line == (
        "FOUT [ingest 2018]: fixture/inventaris_2018.csv: variabele 'coalitie_startjaar': startjaar "
        "ligt na het rapportagejaar 2018 (regels: 4)"
    )


def test_a_municipality_that_is_not_in_the_years_boundaries(broken):
    edit(broken / "fixture/inventaris_2020.csv", "GM0505,nee,,nee", "GM0501,nee,,nee")  # Brielle: merged in 2023
    edit(broken / "fixture/inventaris_2020.csv", "GM0193,nee", "GM0192,nee")
    line = fail_with(broken, "ingest")
    assert line.startswith(
        "FOUT [ingest 2020]: fixture/inventaris_2020.csv: variabele 'gemeente_code': geen "
        "gemeente in de gemeentegrenzen van 2020: GM0192 (dichtstbij: GM0193 Zwolle, "
    )
    assert line.endswith(
        "(regels: 2). Gebruik de code van dat jaar (na een gemeentelijke herindeling de nieuwe gemeente)"
    )


def test_a_merged_municipality_is_named_with_its_successor_from_the_earlier_boundaries(broken):
    """A 2021 inventory with Delfzijl (merged into Eemsdelta in 2021): the ingest rule reads the
    boundaries of 2019 and 2020 as well, and names where the old municipality went."""
    data = broken / "fixture"
    for kind in ("inventaris", "enquete"):
        shutil.copy(data / f"{kind}_2020.csv", data / f"{kind}_2021.csv")
    codebook = yaml.safe_load((data / "codeboek_2020.yaml").read_text(encoding="utf-8"))
    (data / "codeboek_2021.yaml").write_text(yaml.safe_dump({**codebook, "year": 2021}), encoding="utf-8")
    config = yaml.safe_load((data / "config.yaml").read_text(encoding="utf-8"))
    years = {y: config["years"][y] for y in (2019, 2020)}  # no boundaries for 2018
    years[2021] = {key: value and value.replace("2020", "2021") for key, value in config["years"][2020].items()}
    config.update(year=2021, years=years, geo={"municipalities": "resources/geo/gemeente_{year}.geojson"})
    (data / "config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    edit(data / "inventaris_2021.csv", "GM0193,nee", "GM0010,nee")
    line = fail_with(broken, "ingest")
    assert line == (
        "FOUT [ingest 2021]: fixture/inventaris_2021.csv: variabele 'gemeente_code': geen gemeente in de "
        "gemeentegrenzen van 2021: GM0010 (Delfzijl tot 2021, opgegaan in GM1979 Eemsdelta) (regels: 2). "
        "Gebruik de code van dat jaar (na een gemeentelijke herindeling de nieuwe gemeente)"
    )


# --- empty files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name, what", [("enquete_2019.csv", "inzendingen"), ("inventaris_2019.csv", "initiatieven")])
def test_a_file_with_a_header_and_no_rows_is_named(broken, name, what):
    path = broken / "fixture" / name
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    line = fail_with(broken, "ingest")
    assert line == f"FOUT [ingest 2019]: fixture/{name}: bevat geen {what} (alleen een kopregel, of leeg)"


# --- configuration errors: one line before any work, no Python frames ----------------------------


def stops_at_start(workdir: Path, *args: str) -> str:
    result = run_snakemake(workdir, *args)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert [line for line in lines if line.startswith("FOUT")] == lines[-1:], result.stderr
    assert "Traceback" not in result.stderr and 'File "' not in result.stderr and "Error" not in result.stderr
    assert not (workdir / "results").exists()  # no work started, no log written
    return lines[-1]


@pytest.mark.parametrize(
    "setting, expected",
    [
        ("year: 2031", "ongeldige configuratie bij 'year': 2031 staat niet onder 'years' (wel: 2019, 2020)"),
        (
            "policy: {fuzzy_threshold: 150}",
            "ongeldige configuratie bij 'policy.fuzzy_threshold': 150 is greater than the maximum of 100",
        ),
        (
            "bogus: 1",
            "ongeldige configuratie bij '(bovenste niveau)': Additional properties are not allowed "
            "('bogus' was unexpected)",
        ),
        (
            "report: {renderer: word}",
            "ongeldige configuratie bij 'report.renderer': 'word' is not one of ['auto', 'quarto', 'pandoc']",
        ),
        ("results: Snakefile", "ongeldige configuratie bij 'results': Snakefile is een bestand, geen map"),
        (
            "results: Snakefile/sub",
            "ongeldige configuratie bij 'results': Snakefile/sub kan niet gemaakt worden: Snakefile is een bestand",
        ),
        (
            "first_year: 2020\nyears: {2020: {inventory: weg.csv, survey: resources/example/enquete_2020.sav, "
            "codebook: resources/example/codeboek_2020.yaml}}",
            "ongeldige configuratie bij 'years.2020.inventory': bestand niet gevonden: weg.csv",
        ),
        (
            "year: 2020\nyear: 2019",
            "eigen.yaml: geen geldige YAML: sleutel 'year' staat twee keer in dezelfde mapping (regels 1 en 2)",
        ),
    ],
)
def test_a_configuration_error_is_one_line_before_any_work(tmp_path, setting, expected):
    workdir = copy_project(tmp_path)
    (workdir / "eigen.yaml").write_text(setting + "\n", encoding="utf-8")
    line = stops_at_start(workdir, "--configfile", "eigen.yaml")
    assert line.startswith(f"FOUT [configuratie]: {expected}"), line


def test_a_yaml_error_in_the_workflows_config_names_file_and_line(tmp_path):
    workdir = copy_project(tmp_path)
    edit(workdir / "config/config.yaml", "  strict_codes: true", "  strict_codes: [true")
    line = stops_at_start(workdir)
    assert re.match(r"FOUT \[configuratie\]: config/config.yaml: geen geldige YAML \(regel \d+\): ", line), line


def test_the_config_check_names_file_and_line_of_any_config_file(tmp_path):
    import subprocess
    import sys

    workdir = copy_project(tmp_path)
    (workdir / "eigen.yaml").write_text("policy:\n  strict_codes: [true\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "preventie", "config", "eigen.yaml"], cwd=workdir, capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.startswith("FOUT [configuratie]: eigen.yaml: geen geldige YAML (regel 3): ")
    ok = subprocess.run([sys.executable, "-m", "preventie", "config"], cwd=workdir, capture_output=True, text=True)
    assert ok.stdout == (
        "configuratie in orde: factsheet 2020, reeks vanaf 2019; nodig: 2020 (alles), 2019 (analyse); uitvoer results\n"
    )


# --- messy but valid: a Dutch Excel export with messy identifiers gives the same tables -----------


def dutch_excel_csv(frame: pd.DataFrame, path: Path) -> None:
    """How Dutch Excel saves a sheet as CSV: ';', cp1252, CRLF, decimal commas, empty rows at the end."""

    def cell(value) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return ""
        if isinstance(value, float):
            return f"{value:.2f}".replace(".", ",")
        if isinstance(value, pd.Timestamp):
            return value.strftime("%d-%m-%Y %H:%M:%S")
        return str(value)

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")  # quotes a cell as Excel does
    writer.writerow(frame.columns)
    writer.writerows([cell(v) for v in row] for row in frame.itertuples(index=False))
    writer.writerows([[""] * len(frame.columns)] * 3)
    path.write_bytes(buffer.getvalue().encode("cp1252"))


def messy_ids(values: pd.Series) -> pd.Series:
    """Identifiers as people and tools mangle them: lower case, white space around."""
    return values.map(lambda v: v if not isinstance(v, str) or not v else f" {v.lower()} ")


def test_a_dutch_excel_export_with_messy_identifiers_gives_the_same_tables(example_run, tmp_path):
    workdir = copy_project(tmp_path)
    example = workdir / "resources/example"
    survey, _ = pyreadstat.read_sav(str(example / "enquete_2020.sav"))
    survey["token"] = messy_ids(survey["token"])
    dutch_excel_csv(survey, example / "enquete_2020.csv")
    inventory = pd.read_csv(example / "inventaris_2020.csv", dtype=str, keep_default_na=False)
    inventory["initiatief_id"] = messy_ids(inventory["initiatief_id"])
    dutch_excel_csv(inventory, example / "inventaris_2020_excel.csv")
    links = pd.read_csv(example / "koppelingen_2020.csv", dtype=str)
    links["initiatief_id"] = messy_ids(links["initiatief_id"])
    dutch_excel_csv(links, example / "koppelingen_2020_excel.csv")
    config = workdir / "config/config.yaml"
    edit(config, "survey: resources/example/enquete_2020.sav", "survey: resources/example/enquete_2020.csv")
    edit(
        config,
        "inventory: resources/example/inventaris_2020.csv",
        "inventory: resources/example/inventaris_2020_excel.csv",
    )
    edit(config, "links: resources/example/koppelingen_2020.csv", "links: resources/example/koppelingen_2020_excel.csv")
    result = run_snakemake(workdir, "results/2020/tabellen/stroom.csv", "results/2020/analyse/classificatie.csv")
    assert result.returncode == 0, result.stderr[-3000:]
    log = (workdir / "results/2020/logs/ingest.log").read_text(encoding="utf-8")
    assert "tekenset cp1252, scheidingsteken ';', 3 lege rij(en) overgeslagen" in log
    clean, messy = example_run / "results/2020", workdir / "results/2020"
    assert_same_tables(clean, messy, ("analyse/classificatie.csv", "koppeling/koppeling.csv"))
    shutil.rmtree(workdir / "results")


# --- exports as real survey tools write them (issue 18) -------------------------------------------


def test_an_email_typed_into_a_number_field_never_reaches_the_terminal_or_the_log(broken):
    """A CSV export keeps what a respondent typed into an open number field, an e-mail too: the
    FOUT line quotes the value with the address masked, and so does the step's log."""
    edit(
        broken / "fixture/enquete_2020.csv",
        "1,T1,,1,,1,2,1,1,1,4,",
        "1,T1,,1,,1,2,1,1,1,4 (zie mail aan j.jansen@voorbeeld.test),",
    )
    line = fail_with(broken, "ingest")
    assert line == (
        "FOUT [ingest 2020]: fixture/enquete_2020.csv: variabele 'Q06': geen geheel getal ≥ 0 "
        "(numeric.n_interventies): 4 (zie mail aan [e-mailadres]) (inzendingen: 1)"
    )
    logs = "".join(p.read_text(encoding="utf-8") for p in (broken / "fixture_results").rglob("*.log"))
    assert "[e-mailadres]" in logs and "voorbeeld.test" not in logs


def test_an_export_with_serial_dates_and_numeric_ids_gives_the_same_tables(example_run, tmp_path):
    """The example as two tools write it: the 2020 export as XLSX with the submission date as an
    Excel serial number and the token as a number (NI-0162 -> 162), the inventories and the links
    file with the ids as text with their zeros (0162), the 2019 SPSS export with text tokens
    (0039). Dates read as Excel dates, ids equal whatever their zeros: the same tables (not
    informele afspraken 14 for 13, not respons 182 for 195)."""
    workdir = copy_project(tmp_path)
    example = workdir / "resources/example"

    def digits(values: pd.Series) -> pd.Series:
        return values.map(lambda v: v.replace("NI-", "") if isinstance(v, str) else v)

    survey, _ = pyreadstat.read_sav(str(example / "enquete_2020.sav"))
    survey["token"] = pd.to_numeric(digits(survey["token"]).replace("", None)).astype("float64")
    survey["afgerond_op"] = (survey["afgerond_op"] - pd.Timestamp("1899-12-30")) / pd.Timedelta(days=1)
    write_xlsx(survey, example / "enquete_2020.xlsx")
    older, meta = pyreadstat.read_sav(str(example / "enquete_2019.sav"), user_missing=True)
    older["ni_code"] = digits(older["ni_code"])
    pyreadstat.write_sav(
        older,
        str(example / "enquete_2019.sav"),
        column_labels=meta.column_labels,
        variable_value_labels=meta.variable_value_labels,
        missing_ranges=meta.missing_ranges,
    )
    for name in ("inventaris_2019.csv", "inventaris_2020.csv", "koppelingen_2020.csv"):
        table = pd.read_csv(example / name, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        table["initiatief_id"] = digits(table["initiatief_id"])
        table.to_csv(example / name, index=False)
    edit(workdir / "config/config.yaml", "enquete_2020.sav", "enquete_2020.xlsx")
    result = run_snakemake(workdir, "results/2020/tabellen/stroom.csv", "results/2020/analyse/classificatie.csv")
    assert result.returncode == 0, result.stderr[-3000:]
    log = (workdir / "results/2020/logs/ingest.log").read_text(encoding="utf-8")
    assert "variabele 'afgerond_op': 199 datum(s) als getal opgeslagen, gelezen als Excel-datum" in log
    clean, quirky = example_run / "results/2020", workdir / "results/2020"
    assert_same_tables(clean, quirky)
    links = {
        name: pd.read_csv(root / "koppeling/koppeling.csv", dtype=str).set_index("submission_id")
        for name, root in (("clean", clean), ("quirky", quirky))
    }
    assert links["quirky"]["methode"].equals(links["clean"]["methode"])
    assert links["quirky"]["initiatief_id"].equals(digits(links["clean"]["initiatief_id"]).str.lstrip("0"))
    shutil.rmtree(workdir / "results")


# --- a --configfile Snakemake cannot read: its file and line, before Snakemake reads it ------------


@pytest.mark.parametrize(
    "content, expected",
    [
        (
            "year: 2020\npolicy:\n  strict_codes: [true\n",
            "eigen.yaml: geen geldige YAML (regel 4): expected ',' or ']', but got '<stream end>'",
        ),
        (
            "year: 2020\npolicy:\n\tstrict_codes: true\n",
            "eigen.yaml: geen geldige YAML (regel 3): found character '\\t' that cannot start any token",
        ),
        ("- 2020\n", "eigen.yaml: verwacht een YAML-mapping (sleutel: waarde)"),
    ],
)
def test_a_configfile_that_is_no_valid_yaml_is_one_line_with_its_file_and_line(tmp_path, content, expected):
    # Snakemake reads --configfile files before the Snakefile and said only "Config file is not
    # valid JSON or YAML"; the workflow profile checks them first
    workdir = copy_project(tmp_path)
    (workdir / "goed.yaml").write_text("policy: {fuzzy_threshold: 90}\n", encoding="utf-8")
    (workdir / "eigen.yaml").write_text(content, encoding="utf-8")
    line = stops_at_start(workdir, "--configfile", "goed.yaml", "eigen.yaml")
    assert line == f"FOUT [configuratie]: {expected}"


def test_a_configfile_that_is_not_there_is_one_line(tmp_path):
    workdir = copy_project(tmp_path)
    line = stops_at_start(workdir, "--configfile", "bestaat_niet.yaml")
    assert line == "FOUT [configuratie]: bestaat_niet.yaml: bestand niet gevonden"


def test_a_configfile_is_read_as_yaml_1_2_where_no_is_not_false(tmp_path):
    # Snakemake itself reads YAML 1.1, where `no` is false; the pipeline reads the file again
    workdir = copy_project(tmp_path)
    (workdir / "eigen.yaml").write_text("policy:\n  strict_codes: no\n", encoding="utf-8")
    line = stops_at_start(workdir, "--configfile", "eigen.yaml")
    assert line == (
        "FOUT [configuratie]: ongeldige configuratie bij 'policy.strict_codes': 'no' is not of type 'boolean'. "
        "Schrijf true of false: 'no' is tekst (YAML 1.2)"
    )
    (workdir / "eigen.yaml").write_text("policy:\n  strict_codes: false\n", encoding="utf-8")
    result = run_snakemake(workdir, "--dry-run", "--configfile", "eigen.yaml")
    assert result.returncode == 0, result.stderr[-2000:]
