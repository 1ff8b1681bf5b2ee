"""No personal data of respondents in any output or log of the example run, in any format."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd
import pypdf
import pyreadstat
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import ROOT
from preventie.normalise import mask_personal_data, might_hold_personal_data
from preventie.privacy import mask

pytestmark = pytest.mark.e2e


def pii_values() -> set[str]:
    """Every non-empty value of every PII variable in the example exports."""
    values: set[str] = set()
    for year in (2019, 2020):
        book = yaml.safe_load((ROOT / f"resources/example/codeboek_{year}.yaml").read_text(encoding="utf-8"))
        data, _ = pyreadstat.read_sav(str(ROOT / f"resources/example/enquete_{year}.sav"), usecols=book["pii"])
        for column in book["pii"]:
            values |= {str(v).strip() for v in data[column] if str(v).strip() and str(v) != "nan"}
    return values


def readable_text(path: Path) -> str:
    """What a person could read in a file, whatever its format (compressed formats unpacked)."""
    suffix = path.suffix.lower()
    if suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if suffix == ".parquet":
        return pd.read_parquet(path).astype(str).to_csv()
    if suffix == ".pdf":
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages)
    if suffix == ".sav":
        data, meta = pyreadstat.read_sav(str(path))
        return data.astype(str).to_csv() + str(meta.column_labels) + str(meta.variable_value_labels)
    if suffix == ".png":
        return ""  # pixels: figures are drawn from tables that are scanned themselves
    return path.read_bytes().decode("utf-8", "replace")


def test_example_exports_really_contain_pii():
    values = pii_values()
    assert any("@" in v for v in values) and len(values) > 300


def test_the_scan_sees_inside_every_format(tmp_path):
    secret = "a.jansen@voorbeeld-test.nl"
    pd.DataFrame({"x": [secret]}).to_parquet(tmp_path / "t.parquet")
    with zipfile.ZipFile(tmp_path / "t.docx", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", f"<w:t>{secret}</w:t>")
    assert secret not in (tmp_path / "t.docx").read_bytes().decode("latin-1")  # hidden from a byte scan
    for name in ("t.parquet", "t.docx"):
        assert secret in readable_text(tmp_path / name)


def test_no_pii_value_in_any_result_or_log(example_run):
    values = pii_values()
    files = [p for d in ("results", ".snakemake/log") for p in (example_run / d).rglob("*") if p.is_file()]
    assert len(files) > 80  # the factsheet year complete, and what it needs of the year before
    formats = {p.suffix for p in files}
    assert {".pdf", ".docx", ".xlsx", ".parquet", ".sav", ".html", ".csv", ".svg"} <= formats
    hits = []
    for path in files:
        text = readable_text(path)
        hits += [(str(path.relative_to(example_run)), v) for v in values if v in text]
    assert hits == []


def test_personal_data_typed_into_a_name_is_masked_with_a_count(example_run):
    data, _ = pyreadstat.read_sav(str(ROOT / "resources/example/enquete_2020.sav"), usecols=["Q01_naam"])
    typed = [n for n in data["Q01_naam"] if "@" in n or ", bel 06-" in n]
    assert len(typed) == 2  # the example has them, so the scan above checks them too
    links = pd.read_csv(example_run / "results/2020/koppeling/koppeling.csv", dtype=str)
    names = " ".join(links["naam_ingevuld"].dropna())
    assert "(contact: [e-mailadres])" in names and ", bel [telefoonnummer]" in names
    log = (example_run / "results/2020/logs/ingest.log").read_text(encoding="utf-8")
    assert (
        "variabele 'Q01_naam': 1 e-mailadres en 1 telefoonnummer in vrije tekst vervangen door een "
        "aanduiding (persoonsgegevens)"
    ) in log


def test_a_variable_the_codebook_does_not_use_is_reported_by_counts_only(example_run):
    report = pd.read_csv(example_run / "results/2020/ingest/codeboekrapport.csv", dtype=str, keep_default_na=False)
    unused = report[report["soort"] == "niet_gebruikt"]
    assert unused["variabele"].tolist() == ["Q09"]  # the start year: asked, never mapped
    assert unused["label"].item() == "In welk jaar is het initiatief gestart?"
    filled, empty = re.fullmatch(r"ingevuld: (\d+); leeg: (\d+)", unused["codes_gezien"].item()).groups()
    data, _ = pyreadstat.read_sav(str(ROOT / "resources/example/enquete_2020.sav"), usecols=["Q09"])
    assert (int(filled), int(empty)) == (int(data["Q09"].notna().sum()), int(data["Q09"].isna().sum()))


# --- the masking itself: Dutch phone numbers and e-mail addresses as people type them -----------

# Made-up numbers in every form a Dutch respondent types: mobile and landline (area codes of 2, 3
# and 4 digits), national and international (+31, 0031, with '(0)' or a kept 0), separated by
# spaces, dashes (also the en and em dash Word's autocorrect makes of '-'), slashes, dots or
# brackets.
PHONE_NUMBERS = [
    "0612345678",
    "06-12345678",
    "06 12345678",
    "06 1234 5678",
    "06 12 34 56 78",
    "06.12.34.56.78",
    "(06) 11223344",
    "(06)-11223344",
    "06\u201322334455",
    "06 \u2013 22334455",
    "06\u201422334455",
    "06/33445566",
    "06\u00a012345678",
    "+31 6 12345678",
    "+31 (0)6 12345678",
    "+316 12345678",
    "+31612345678",
    "+31-6-12345678",
    "+31 06 12345678",
    "0031 6 12345678",
    "0031612345678",
    "020-1234567",
    "020 123 4567",
    "(020) 123 45 67",
    "020.123.45.67",
    "030/1234567",
    "0113-123456",
    "(0113) 12 34 56",
    "+31 20 123 4567",
    "+31 (0)20 1234567",
    "+31(0)20-1234567",
    "0031 (0)20 123 4567",
    "+31 (20) 1234567",
]
EMAIL_ADDRESSES = [
    "j.jansen@voorbeeld.test",
    "naam(at)voorbeeld.test",
    "naam (at) voorbeeld.test",
    "naam [at] voorbeeld.test",
    "naam[at]voorbeeld[punt]test",
    "naam [AT] voorbeeld [DOT] test",
    "naam @ voorbeeld.test",
    "info@sub.voorbeeld.co.uk",
]
# Text an initiative's name or a reason holds that is no personal data and must stay as it is.
ORDINARY = [
    "Fit 2020",
    "2019-2020",
    "12 deelnemers",
    "1234 AB Utrecht",
    "postcode 1234AB",
    "0-4 jarigen",
    "GLI 2.0",
    "gemeente: 14 020",
    "0800-1234",
    "0900-1234567",
    "KvK 12345678",
    "01-02-2020",
    "1-10-2020 t/m 31-12-2020",
    "23-11-2020 14:05",
    "2020-11-03 14:05:00",
    "€ 10.000,-",
    "0,5 fte",
    "inzendingen: 10012, 10044",
    "NI-0162",
    "R19-0001",
    "GM0363",
    "Samen @ Zwolle",
    "06-12345",
]


def masked(text: str) -> str:
    return mask_personal_data(pd.Series([text], dtype="string"))[0].iloc[0]


@pytest.mark.parametrize("number", PHONE_NUMBERS)
def test_dutch_phone_numbers_as_people_type_them_are_masked(number):
    for text, expected in [
        (number, "[telefoonnummer]"),
        (f"bel {number}.", "bel [telefoonnummer]."),
        (f"Gezond Leven ({number})", "Gezond Leven ([telefoonnummer])"),
    ]:
        assert masked(text) == expected, text


@pytest.mark.parametrize("address", EMAIL_ADDRESSES)
def test_email_addresses_as_people_type_them_are_masked(address):
    assert masked(f"contact: {address}, graag") == "contact: [e-mailadres], graag"


@pytest.mark.parametrize("text", ORDINARY)
def test_ordinary_text_is_not_masked(text):
    assert masked(text) == text


@pytest.mark.parametrize("text", PHONE_NUMBERS + EMAIL_ADDRESSES)
def test_the_filter_before_the_search_passes_every_kind_of_personal_data(text):
    assert might_hold_personal_data(pd.Series([text, f"x {text} y"])).all()


# Text built from what the two patterns are made of: digits (also Arabic-Indic ones, which the
# patterns' \d matches), separators, brackets, at signs and the words of a disguised address.
PIECES = st.lists(
    st.sampled_from(
        list("0123456789٠١٢٣٤٥ +-–./()[]{}<>@＠_ab") + ["31", "06", "020", "at", "punt", "dot", ".nl", "naam"]
    ),
    max_size=30,
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(PIECES)
def test_whatever_the_search_masks_the_filter_lets_through(text):
    if mask(text) != text:
        assert might_hold_personal_data(pd.Series([text]))[0], text


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=20))
def test_masking_a_column_is_masking_each_text(texts):
    column = pd.Series(texts, dtype="string")
    assert mask_personal_data(column)[0].tolist() == [mask(text) for text in texts]
