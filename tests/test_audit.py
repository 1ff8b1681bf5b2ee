"""The audit workbook: explanation sheet, one sheet per table, safe text, repeatable bytes."""

from __future__ import annotations

import datetime
import time
import zipfile

import openpyxl
import pandas as pd

from preventie.audit import Sheet, write_audit


def sheets():
    links = pd.DataFrame(
        {
            "submission_id": pd.array(["1", "2"], "string"),
            "initiatief_id": pd.array(["NI-1", None], "string"),
            "methode": pd.array(["token", "ongekoppeld"], "string"),
            "score": pd.array([100.0, 12.5], "Float64"),
            "toelichting": pd.array(["token", "x"], "string"),
            "naam_ingevuld": pd.array(['=HYPERLINK("http://x")', "@SUM(A1)"], "string"),
            "naam_inventaris": pd.array(["Gezond", None], "string"),
        }
    )
    identities = pd.DataFrame(
        {
            "identiteit": ["a = b + c"],
            "links": [3],
            "rechts": [3],
            "uitwerking": ["1 + 2"],
            "klopt": pd.array([True], "boolean"),
        }
    )
    return [
        Sheet("koppeling", "koppeling", "koppeling/koppeling.csv", links),
        Sheet("stroom_identiteiten", "stroom_identiteiten", "tabellen/stroom_identiteiten.csv", identities),
    ], identities


def test_workbook_structure_and_safe_text(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609459200")
    tables, identities = sheets()
    write_audit(tables, identities, 2020, tmp_path / "audit.xlsx")
    book = openpyxl.load_workbook(tmp_path / "audit.xlsx")
    assert book.sheetnames == ["toelichting", "koppeling", "stroom_identiteiten"]
    intro = [row for row in book["toelichting"].iter_rows(values_only=True)]
    assert any(row[0] == "koppeling" and "Koppeling inzendingen" in row[1] for row in intro)
    assert any(row[0] == "a = b + c" and row[4] == "ja" for row in intro)
    ws = book["koppeling"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:G3"
    assert ws["F2"].value == '=HYPERLINK("http://x")' and ws["F2"].data_type == "s"  # text, not a formula
    assert ws["F3"].data_type == "s" and ws["D3"].value == 12.5
    assert ws.column_dimensions["F"].width > 10
    identities = book["stroom_identiteiten"]
    assert [c.value for c in identities[2]] == ["a = b + c", 3, 3, "1 + 2", "ja"]  # booleans as in the CSVs


def test_workbook_bytes_repeat(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609459200")
    tables, identities = sheets()
    write_audit(tables, identities, 2020, tmp_path / "a.xlsx")
    time.sleep(1.1)
    write_audit(tables, identities, 2020, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()


def test_workbook_names_its_title_creator_and_build_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609459200")
    tables, identities = sheets()
    write_audit(tables, identities, 2020, tmp_path / "audit.xlsx")
    properties = openpyxl.load_workbook(tmp_path / "audit.xlsx").properties  # what Excel shows under File > Info
    assert properties.title == "Auditwerkmap evaluatie Preventie in het zorgstelsel, jaar 2020"
    assert properties.creator == "RIVM" and properties.subject.endswith("jaar 2020")
    assert properties.created == properties.modified == datetime.datetime(2021, 1, 1)  # SOURCE_DATE_EPOCH
    with zipfile.ZipFile(tmp_path / "audit.xlsx") as book:  # no entry carries the time of the run
        assert {entry.date_time[:3] for entry in book.infolist()} <= {(1980, 1, 1), (1980, 1, 31)}


def test_a_table_too_large_for_a_sheet_links_to_its_csv_file(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1609459200")
    tables, identities = sheets()
    write_audit(tables, identities, 2020, tmp_path / "audit.xlsx", max_rows=1)
    book = openpyxl.load_workbook(tmp_path / "audit.xlsx")
    assert book.sheetnames == ["toelichting", "koppeling", "stroom_identiteiten"]
    ws = book["koppeling"]  # two rows: its size and a link instead of the rows
    assert ws["A1"].value == "koppeling: 2 rijen, te veel voor dit blad; elke rij staat in het CSV-bestand"
    assert ws["A2"].value == "koppeling/koppeling.csv"
    # from results/2020/audit/ to the table; XlsxWriter stores a file link with Excel's backslashes
    assert ws["A2"].hyperlink.target.replace("\\", "/") == "../koppeling/koppeling.csv"
    assert ws["A3"].value.startswith("kolommen: submission_id, initiatief_id, methode")
    assert ws.max_row == 3
    intro = {row[0]: row for row in book["toelichting"].iter_rows(values_only=True) if row and row[0]}
    assert intro["koppeling"][1].endswith("Meer dan 1 rijen: het blad verwijst naar het CSV-bestand.")
    assert intro["koppeling"][3] == 2
    assert [c.value for c in book["stroom_identiteiten"][2]] == ["a = b + c", 3, 3, "1 + 2", "ja"]  # one row: kept
