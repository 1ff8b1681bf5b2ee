"""Exports as real survey tools write them: each quirk gives the clean export's submissions (so
every table after them), or one FOUT line that names the real cause and the setting that fixes it.

Every quirk file is the example's 2020 export written the way a tool writes it. The clean
reference is the example's own .sav read with its codebook.
"""

from __future__ import annotations

import csv
import json
from io import StringIO
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat
import pytest

from preventie import config as cfg
from preventie import exports, io
from preventie.codebook import load_codebook
from preventie.errors import PipelineError
from preventie.ingest import ingest_survey
from preventie.inventory import INVENTORY_REQUIRED
from preventie.tools.check_config import codebook_problems

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources/example"
SAV = EXAMPLE / "enquete_2020.sav"
CODEBOOK = EXAMPLE / "codeboek_2020.yaml"
SETTING = "years.2020.survey"


@pytest.fixture(scope="module")
def book():
    return load_codebook(str(CODEBOOK), year=2020)


@pytest.fixture(scope="module")
def example():
    """The example's 2020 export (codes, not labels) and its metadata."""
    return pyreadstat.read_sav(str(SAV))


@pytest.fixture(scope="module")
def clean(book):
    """The submissions of the clean export: what every quirk must give."""
    return ingest_survey(exports.read_input(SAV), book, str(SAV)).submissions


def ingested(path: Path, book, **options):
    """Read as the ingest stage reads the survey, with the config's `options`."""
    export = exports.read_input(path, **cfg.survey_read_options({"setting": SETTING, **options}, book))
    return export, ingest_survey(export, book, str(path))


def rewrite_sav(data: pd.DataFrame, meta, path: Path, **options) -> None:
    """`data` as SPSS writes it, with the example's labels and value labels."""
    pyreadstat.write_sav(
        data,
        str(path),
        column_labels=dict(zip(meta.column_names, meta.column_labels)),
        variable_value_labels=meta.variable_value_labels,
        **options,
    )


def as_text(data: pd.DataFrame) -> pd.DataFrame:
    """Cells as a survey tool writes them to text: whole numbers without '.0', empty for missing."""
    out = data.copy()
    for col in out.columns:
        if pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].map(lambda v: "" if pd.isna(v) else f"{v:g}")
        elif pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d %H:%M:%S").fillna("")
        else:
            out[col] = out[col].fillna("")
    return out.astype(str)


def csv_rows(data: pd.DataFrame) -> list[list[str]]:
    text = as_text(data)
    return [list(text.columns), *text.to_numpy().tolist()]


def delimited(rows: list[list[str]], sep: str = ",", quoting: int = csv.QUOTE_MINIMAL, newline: str = "\n") -> str:
    buffer = StringIO()
    csv.writer(buffer, delimiter=sep, quoting=quoting, lineterminator=newline).writerows(rows)
    return buffer.getvalue()


def failure(path: Path, **options) -> str:
    """The one FOUT line reading `path` gives (the script adapter prints str(err))."""
    with pytest.raises(PipelineError) as info:
        exports.read_input(path, setting=SETTING, **options)
    line = str(info.value)
    assert "\n" not in line
    return line


# --- 1. SPSS user-defined missing values ---------------------------------------------------------


def test_codes_spss_declares_missing_are_read_as_the_codebook_says(tmp_path, example, book, clean):
    # SPSS's 'Missing Values' dialog (pyreadstat writes the same declaration): Q12 code 1 declared
    # missing while the codebook maps 1: geen_contact; and a range 8 t/m 9 on Q02 (9: null)
    data, meta = example
    path = tmp_path / "enquete_2020.sav"
    rewrite_sav(data, meta, path, missing_ranges={"Q12": [1], "Q02": [{"lo": 8, "hi": 9}]})
    export, result = ingested(path, book)
    pd.testing.assert_frame_equal(result.submissions, clean)
    assert (result.submissions["samenwerking"] == "geen_contact").sum() == 30
    report = result.report.set_index("variabele")
    assert report.loc["Q12", "codes_gezien"].startswith("1=Beide betrokken, geen onderling contact: 30;")
    assert report.loc["Q12", "missend_verklaard"] == "1: 30 als code, 0 als leeg gelezen"
    weet_niet = int((data["Q02"] == 9).sum())
    assert report.loc["Q02", "missend_verklaard"] == f"8 t/m 9: {weet_niet} als code, 0 als leeg gelezen"
    assert report.loc["Q03", "missend_verklaard"] == ""
    assert "codes als ontbrekend verklaard (SPSS) bij Q02, Q12" in export.describe()


def test_a_declared_missing_code_the_codebook_does_not_map_stays_missing(tmp_path):
    # the example's 2019 export declares 99 (weet niet) missing for the number of interventions;
    # the codebook has no map for a number: 99 is never counted as 99 interventions
    book_2019 = load_codebook(str(EXAMPLE / "codeboek_2019.yaml"), year=2019)
    sav = EXAMPLE / "enquete_2019.sav"
    export = exports.read_input(sav, **cfg.survey_read_options({"setting": "years.2019.survey"}, book_2019))
    assert export.declared_missing == {"v6_aantal": [(99.0, 99.0)]}
    declared = int((export.data["v6_aantal"] == 99).sum())
    assert declared > 0  # read as the code ...
    result = ingest_survey(export, book_2019, str(sav))
    assert result.submissions["n_interventies"].max() < 99  # ... and then missing, as SPSS means it
    row = result.report.set_index("variabele").loc["v6_aantal"]
    assert row["missend_verklaard"] == f"99: 0 als code, {declared} als leeg gelezen"
    assert row["codes_gezien"].endswith(f"leeg: {int(export.data['v6_aantal'].isna().sum()) + declared}")
    io.write_table(result.report, tmp_path / "codeboekrapport.csv", "codeboekrapport")  # fits its schema


# --- 2. UTF-16 text ------------------------------------------------------------------------------


def test_excel_unicode_text_is_read(tmp_path, example, book, clean):
    # Excel, 'Opslaan als: Unicode-tekst (*.txt)': UTF-16 LE with a byte-order mark, tabs, CRLF
    data, _ = example
    text = delimited(csv_rows(data), sep="\t", newline="\r\n")
    for name in ("enquete_2020.txt", "enquete_2020.csv"):
        path = tmp_path / name
        path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
        export, result = ingested(path, book)
        assert (export.encoding, export.separator) == ("utf-16", "\t")
        pd.testing.assert_frame_equal(result.submissions, clean)
    path.write_bytes(b"\xff\xfe" + text.encode("utf-16-le"))
    assert failure(path, encoding="cp1252") == (
        f"{path}: het bestand is UTF-16 (zoals Excel 'Unicode-tekst' het schrijft), niet cp1252. "
        f"Laat 'encoding' weg of zet utf-16 bij {SETTING} in de configuratie"
    )


# --- 3. a separator after the last field of the data rows only ----------------------------------


def test_a_separator_after_the_last_field_of_every_data_row_is_read_right(tmp_path, example, book, clean):
    # an export script that writes every field followed by the separator ('value;'), but the
    # header joined: each data row has one (empty) field more than the header
    data, _ = example
    header, *rows = csv_rows(data)
    path = tmp_path / "enquete_2020.csv"

    def write(rows):
        lines = [delimited([header], sep=";")] + [delimited([row], sep=";").removesuffix("\n") + ";\n" for row in rows]
        path.write_text("".join(lines), encoding="utf-8", newline="")

    write(rows)
    _, result = ingested(path, book)
    pd.testing.assert_frame_equal(result.submissions, clean)
    rows[23].append("x")  # a filled field there is no separator: named with its line
    write(rows)
    assert failure(path).startswith(f"{path}: 52 velden in een regel, terwijl de kopregel er 50 heeft (regel: 25).")


def test_a_filled_field_after_the_last_column_is_named_with_its_rows(tmp_path):
    path = tmp_path / "inventaris.csv"
    path.write_text("initiatief_id;naam\nNI-1;A;\nNI-2;B;x\nNI-3;C;y\n", encoding="utf-8")
    assert failure(path) == (
        f"{path}: een gevuld veld na de laatste kolom van de kopregel (2 kolommen) (rijen: 2, 3). Geef elke "
        f"kolom een naam in de kopregel, of controleer het scheidingsteken ('separator' bij {SETTING} in de "
        "configuratie)"
    )


# --- 4. a title row, a read-me worksheet, Excel's 'sep=' line -------------------------------------


def test_excels_sep_line_is_read_and_skipped(tmp_path, example, book, clean):
    # 'sep=;' as first line: the hint that makes Excel split the columns whatever its locale;
    # export tools that write for Excel put it there
    data, _ = example
    path = tmp_path / "enquete_2020.csv"
    path.write_text("sep=;\r\n" + delimited(csv_rows(data), sep=";", newline="\r\n"), encoding="utf-8", newline="")
    export, result = ingested(path, book)
    assert export.separator == ";" and "eerste regel 'sep=;' (voor Excel) gelezen en overgeslagen" in export.describe()
    pd.testing.assert_frame_equal(result.submissions, clean)


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> None:
    """A workbook as openpyxl writes it: one worksheet per entry, rows as given."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    workbook.save(path)


def xlsx_rows(data: pd.DataFrame) -> list[list]:
    """Rows as a survey tool puts them in a workbook: numbers as numbers, empty as empty."""
    cells = data.astype(object).where(data.notna(), None)
    return [list(data.columns), *cells.to_numpy().tolist()]


def test_a_title_row_above_the_names_is_named_with_the_setting_that_skips_it(tmp_path, example, book, clean):
    # a title above the table, as an analyst types it in Excel or a reporting tool writes it
    data, _ = example
    path = tmp_path / "enquete_2020.xlsx"
    write_xlsx(path, {"Export": [["Enquête Preventie in het zorgstelsel 2020"], [], *xlsx_rows(data)]})
    expect = book.raw_vars()
    assert failure(path, expect=expect) == (
        f"{path}: rij 1, waar de kopregel hoort, bevat geen van de verwachte kolomnamen, maar 'Enquête Preventie "
        "in het zorgstelsel 2020'; rij 3 wel (respondent_id, token, status … en nog 46). Zet 'header_row: 3' "
        f"bij {SETTING} in de configuratie"
    )
    _, result = ingested(path, book, header_row=3)
    pd.testing.assert_frame_equal(result.submissions, clean)
    # the same in a CSV as Excel saves it: the title padded with separators
    text = tmp_path / "enquete_2020.csv"
    rows = csv_rows(data)
    text.write_text(delimited([["Enquête 2020"] + [""] * 49, [], *rows], sep=";"), encoding="utf-8")
    assert "Zet 'header_row: 3' bij years.2020.survey" in failure(text, expect=expect)
    _, result = ingested(text, book, header_row=3)
    pd.testing.assert_frame_equal(result.submissions, clean)


def test_a_read_me_worksheet_first_is_named_with_the_setting_that_picks_the_data(tmp_path, example, book, clean):
    # a workbook whose first worksheet explains the export (tools and analysts add one)
    data, _ = example
    path = tmp_path / "enquete_2020.xlsx"
    readme = [["Toelichting bij deze export"], ["Eén rij per inzending; codes zoals in het codeboek."]]
    write_xlsx(path, {"Toelichting": readme, "Gegevens": xlsx_rows(data)})
    assert failure(path, expect=book.raw_vars()) == (
        f"{path}: rij 1 van werkblad 'Toelichting', waar de kopregel hoort, bevat geen van de verwachte "
        "kolomnamen, maar 'Toelichting bij deze export'; rij 1 van werkblad 'Gegevens' wel (respondent_id, token, "
        f"status … en nog 46). Zet 'sheet: Gegevens' bij {SETTING} in de configuratie"
    )
    for sheet in ("Gegevens", 2):
        _, result = ingested(path, book, sheet=sheet)
        pd.testing.assert_frame_equal(result.submissions, clean)
    assert failure(path, sheet="Data") == (
        f"{path}: werkblad 'Data' bestaat niet; wel: 'Toelichting', 'Gegevens'. Zet bij 'sheet' de naam of het "
        f"nummer (1 = het eerste) van een werkblad bij {SETTING} in de configuratie"
    )


def test_the_inventory_and_links_file_are_read_the_same_way(tmp_path):
    inventory = tmp_path / "inventaris.csv"
    rows = [list(INVENTORY_REQUIRED), ["NI-0001", "A", "overig", "GM0363", "nee"]]
    inventory.write_text(delimited([["Inventarisatie 2020"], *rows], sep=";"), encoding="utf-8")
    line = failure(inventory, expect=INVENTORY_REQUIRED)
    assert line.endswith(
        "rij 2 wel (initiatief_id, naam, bron … en nog 2). Zet 'header_row: 2' bij years.2020.survey in de configuratie"
    )
    assert exports.read_input(inventory, header_row=2, expect=INVENTORY_REQUIRED).data.to_dict("list") == {
        c: [v] for c, v in zip(*rows)
    }
    links = tmp_path / "koppelingen.csv"
    links.write_bytes(b"\xff\xfe" + "sep=,\r\nsubmission_id,initiatief_id\r\n10001,NI-0162\r\n".encode("utf-16-le"))
    assert exports.read_input(links, expect=("submission_id", "initiatief_id")).data.to_dict("list") == {
        "submission_id": ["10001"],
        "initiatief_id": ["NI-0162"],
    }


def test_a_setting_that_does_not_fit_the_file_is_named(tmp_path):
    text = tmp_path / "e.csv"
    text.write_text("a,b\n1,2\n", encoding="utf-8")
    assert failure(text, sheet="Gegevens") == (
        f"{text}: 'sheet' geldt niet voor een CSV-bestand. Verwijder 'sheet' bij {SETTING} in de configuratie"
    )
    assert failure(SAV, header_row=2) == (
        f"{SAV}: 'header_row' geldt niet voor een SPSS-bestand. Verwijder 'header_row' bij {SETTING} in de configuratie"
    )
    assert failure(text, header_row=5) == (
        f"{text}: rij 5 is er niet: daar horen de kolomnamen. Zet 'header_row' op de rij met de kolomnamen bij "
        f"{SETTING} in de configuratie"
    )


# --- 5. Qualtrics' three header rows --------------------------------------------------------------


def qualtrics_rows(data: pd.DataFrame, meta) -> list[list[str]]:
    """Qualtrics' CSV: the names, the question texts, then each column's ImportId as JSON."""
    header, *rows = csv_rows(data)
    labels = dict(zip(meta.column_names, meta.column_labels))
    texts = [labels[name] or name for name in header]
    texts[header.index("Q02")] += "\n(één antwoord)"  # question texts may hold a line break
    ids = [json.dumps({"ImportId": f"QID{i}"}, separators=(",", ":")) for i, _ in enumerate(header)]
    ids[header.index("afgerond_op")] = '{"ImportId":"endDate","timeZone":"Europe/Amsterdam"}'
    return [header, texts, ids, *rows]


def test_a_qualtrics_export_is_read_without_its_two_extra_header_rows(tmp_path, example, book, clean):
    # Qualtrics 'Download data table, CSV, use numeric values': UTF-8 with BOM, every field quoted
    data, meta = example
    path = tmp_path / "enquete_2020.csv"
    rows = qualtrics_rows(data, meta)
    path.write_bytes(b"\xef\xbb\xbf" + delimited(rows, quoting=csv.QUOTE_ALL, newline="\r\n").encode("utf-8"))
    export, result = ingested(path, book)
    pd.testing.assert_frame_equal(result.submissions, clean)
    assert export.variable_labels["Q02"] == dict(zip(meta.column_names, meta.column_labels))["Q02"] + (
        "\n(één antwoord)"
    )
    assert "Qualtrics-export: rij 2 (vraagteksten, gelezen als labels) en rij 3 (ImportId's) overgeslagen" in (
        export.describe()
    )
    workbook = tmp_path / "enquete_2020.xlsx"  # Qualtrics' Excel download has the same three rows
    write_xlsx(workbook, {"Sheet0": [rows[0], rows[1], rows[2], *xlsx_rows(data)[1:]]})
    _, result = ingested(workbook, book)
    pd.testing.assert_frame_equal(result.submissions, clean)


# --- 6. compressed SPSS ---------------------------------------------------------------------------


def test_a_compressed_spss_file_is_read(tmp_path, example, book, clean):
    # SPSS 'Save as: SPSS Compressed (*.zsav)'; pyreadstat writes the same format
    data, meta = example
    path = tmp_path / "enquete_2020.zsav"
    rewrite_sav(data, meta, path, compress=True)
    _, result = ingested(path, book)
    pd.testing.assert_frame_equal(result.submissions, clean)


# --- 7. an unreadable variable -------------------------------------------------------------------


def test_an_unreadable_variable_the_codebook_does_not_use_is_left_out_and_reported(tmp_path, example, book, clean):
    # a date variable with a value past the year 9999 (SPSS keeps any number in a date format;
    # a mistyped year does it): pyreadstat stops the whole read at it
    data, meta = example
    data = data.assign(Q44_startdatum=pd.Series(13_000_000_000.0, index=data.index))
    data.loc[16, "Q44_startdatum"] = 1e12  # the year 33270
    path = tmp_path / "enquete_2020.sav"
    rewrite_sav(data, meta, path, variable_format={"Q44_startdatum": "DATE11"})
    export, result = ingested(path, book)
    pd.testing.assert_frame_equal(result.submissions, clean)
    reason = "datum buiten wat te lezen is (de jaren 1 tot en met 9999) (rijen: 17)"
    assert export.unread == {"Q44_startdatum": reason}
    row = result.report.set_index("variabele").loc["Q44_startdatum"]
    assert (row["soort"], row["codes_gezien"]) == ("niet_gebruikt", f"niet ingelezen: {reason}")
    # the codebook uses the date: the error names the variable and the row
    used = data.drop(columns="afgerond_op").rename(columns={"Q44_startdatum": "afgerond_op"})
    rewrite_sav(used, meta, path, variable_format={"afgerond_op": "DATE11"})
    assert failure(path, expect=book.raw_vars()) == (
        f"{path}: variabele 'afgerond_op': datum buiten wat te lezen is (de jaren 1 tot en met 9999) (rijen: 17). "
        "Verbeter de waarde in de export"
    )


# --- 8. formulas without their result ------------------------------------------------------------


def test_formulas_without_a_stored_result_are_refused_naming_the_cells(tmp_path, example):
    # a workbook written by a script (openpyxl: ws["F2"] = "=1"), never opened in Excel: no
    # result is stored, and every reader sees empty cells (respons_geincludeerd 93 -> 0)
    data, _ = example
    rows = xlsx_rows(data)
    column = rows[0].index("Q02")
    for row in rows[1:]:
        row[column] = None if row[column] is None else f"={int(row[column])}"
    path = tmp_path / "enquete_2020.xlsx"
    write_xlsx(path, {"Export": rows})
    formulas = [f"F{i}" for i, row in enumerate(rows[1:], start=2) if row[column] is not None]
    assert failure(path) == (
        f"{path}: variabele 'Q02': {len(formulas)} formulecel(len) zonder opgeslagen uitkomst in werkblad "
        f"'Export': die zouden als leeg gelezen worden (cellen: {', '.join(formulas[:10])} … en nog "
        f"{len(formulas) - 10}). Het bestand is door een programma geschreven en nooit in Excel berekend: open "
        "het in Excel en sla het op (Excel rekent de formules dan uit "
        "en bewaart de uitkomsten), of schrijf de waarden in plaats van formules"
    )


def test_a_formula_with_its_result_stored_is_read(tmp_path):
    # what Excel and LibreOffice write: the result next to the formula; "" as t="str" with <v></v>
    path = tmp_path / "e.xlsx"
    write_xlsx(path, {"Blad1": [["id", "Q02"], [1, 1]]})
    import zipfile

    with zipfile.ZipFile(path) as package:
        parts = {name: package.read(name) for name in package.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    sheet = sheet.replace(
        '<c r="B2" t="n"><v>1</v></c>', '<c r="B2"><f>0+1</f><v>1</v></c><c r="C2" t="str"><f>""</f><v></v></c>'
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as package:
        for name, content in parts.items():
            package.writestr(name, content)
    assert exports.read_input(path).data["Q02"].tolist() == [1]


# --- 9. an unknown encoding, named where it was set ------------------------------------------------


def test_an_unknown_encoding_names_the_setting_it_came_from(tmp_path):
    codebook = tmp_path / "codeboek_2020.yaml"
    codebook.write_text(CODEBOOK.read_text(encoding="utf-8").replace("encoding: null", "encoding: utf-9"))
    config = {
        "years": {2020: {"survey": str(SAV), "codebook": str(codebook)}},
        "policy": {"strict_codes": True},
    }
    [problem] = codebook_problems(config, 2020, Path.cwd())
    assert str(problem) == (
        f"{SAV}: onbekende tekenset 'utf-9'. Zet een bestaande 'encoding' in het codeboek {codebook} (bijv. utf-8 "
        "of cp1252), of laat haar weg"
    )
    config["years"][2020]["survey"] = {"path": str(SAV), "encoding": "utf-9"}
    [problem] = codebook_problems(config, 2020, Path.cwd())
    assert str(problem).endswith(
        f"Zet een bestaande 'encoding' bij {SETTING} in de configuratie (bijv. utf-8 of cp1252), of laat haar weg"
    )


# --- the settings reach the stages ---------------------------------------------------------------


@pytest.mark.e2e
def test_sheet_and_header_row_reach_the_stages_that_read_the_files(tmp_path):
    from conftest import copy_project, run_snakemake
    from fixtures import edit, fail_with, write_three_years

    workdir = copy_project(tmp_path)
    write_three_years(workdir)
    data, config = workdir / "fixture", workdir / "fixture/config.yaml"
    survey = pd.read_csv(data / "enquete_2020.csv", dtype=str, keep_default_na=False)
    readme = [["Toelichting bij deze export"]]
    write_xlsx(data / "enquete_2020.xlsx", {"Toelichting": readme, "Gegevens": csv_rows(survey)})
    edit(config, "survey: fixture/enquete_2020.csv", "survey: fixture/enquete_2020.xlsx")
    inventory = data / "inventaris_2020.csv"
    inventory.write_text("Inventarisatie 2020\n" + inventory.read_text(encoding="utf-8"), encoding="utf-8")
    (data / "links.csv").write_bytes(
        b"\xff\xfe" + "sep=,\r\nsubmission_id,initiatief_id\r\n2,T4\r\n".encode("utf-16-le")
    )
    edit(
        config,
        "links: null\n    survey: fixture/enquete_2020",
        "links: fixture/links.csv\n    survey: fixture/enquete_2020",
    )
    line = fail_with(workdir, "ingest")
    assert line == (
        "FOUT [ingest 2020]: fixture/enquete_2020.xlsx: rij 1 van werkblad 'Toelichting', waar de kopregel hoort, "
        "bevat geen van de verwachte kolomnamen, maar 'Toelichting bij deze export'; rij 1 van werkblad 'Gegevens' "
        "wel (id, token, naam … en nog 11). Zet 'sheet: Gegevens' bij years.2020.survey in de configuratie"
    )
    edit(config, "survey: fixture/enquete_2020.xlsx", "survey: {path: fixture/enquete_2020.xlsx, sheet: Gegevens}")
    line = fail_with(workdir, "ingest")
    assert line.startswith("FOUT [ingest 2020]: fixture/inventaris_2020.csv: rij 1, waar de kopregel hoort")
    assert line.endswith("Zet 'header_row: 2' bij years.2020.inventory in de configuratie")
    edit(
        config,
        "inventory: fixture/inventaris_2020.csv",
        "inventory: {path: fixture/inventaris_2020.csv, header_row: 2}",
    )
    result = run_snakemake(
        workdir, "fixture_results/2020/koppeling/koppeling.csv", "--configfile", "fixture/config.yaml"
    )
    assert result.returncode == 0, result.stderr[-3000:]
    log = (workdir / "fixture_results/2020/logs/ingest.log").read_text(encoding="utf-8")
    assert "werkblad 'Gegevens'" in log and "kolomnamen in rij 2" in log
    links = pd.read_csv(workdir / "fixture_results/2020/koppeling/koppeling.csv", dtype=str)
    assert links.set_index("submission_id").loc["2", ["initiatief_id", "methode"]].tolist() == ["T4", "handmatig"]


def test_an_encoding_that_does_not_fit_an_spss_file_says_to_leave_it_out():
    # the .sav names its own character set (UTF-8 here); a set encoding overrides it
    assert failure(SAV, encoding="cp1252") == (
        f"{SAV}: tekens niet te lezen als cp1252. Zet de juiste 'encoding' bij {SETTING} in de configuratie "
        "(bijv. utf-8 of cp1252), of laat haar weg: het bestand noemt zijn tekenset"
    )
