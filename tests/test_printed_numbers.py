"""Printed numbers: each printed number carries its source, in the text, the HTML, the audit."""

from __future__ import annotations

import re
import zipfile

import pytest

import documents
from preventie import io
from preventie.factsheet.dutch import ranked_phrase, tel
from preventie.factsheet.printed_numbers import (
    Getal,
    count,
    derived,
    digit_words,
    exact_text,
    markup,
    number_list,
    p_value,
    percent,
    read_source,
    setting,
    untraced,
    untraced_digits,
)


def test_a_percentage_is_rounded_from_the_exact_fraction_and_says_so():
    pct = percent(count(5, "partijen", "ggd"), count(8, "partijen", "ggd", "noemer"))
    assert pct == "63%"  # 62.5 rounds half up
    s = pct.source
    assert (s.table, s.row, s.column, s.exact, s.derivation) == ("partijen", "ggd", "n / noemer", "62,5%", "5 van 8")
    assert "afgerond op hele procenten" in s.describe()


def test_exact_values_are_written_in_full_or_cut_with_an_ellipsis():
    assert exact_text(116) == "116"
    assert exact_text(0.5) == "0,5"
    assert exact_text(1234) == "1.234"
    from fractions import Fraction

    assert exact_text(Fraction(4900, 116)) == "42,241379…"
    assert exact_text(Fraction(20_000_001, 10_000_000)) == "2…"  # cut after six decimals, no bare comma


def test_a_derived_count_says_how():
    a, b = count(93, "stroom", "respons_geincludeerd"), count(23, "stroom", "overgenomen")
    total = derived(116, [(a, "respondenten"), (b, "overgenomen")], "+", "stroom", "geanalyseerd")
    assert total == "116" and total.source.derivation == "116 = 93 respondenten + 23 overgenomen"


def test_p_values_and_settings_are_traced_too():
    p = p_value(0.0304, "non_respons_toets", "chi2_p_waarde")
    assert p == "0,030" and p.source.exact == "0,0304" and p.source.table == "non_respons_toets"
    assert p_value(0.0004, "t", "r") == "< 0,001"
    assert setting(95, "95", "betrouwbaarheid").source.describe().startswith("Bron: instelling van de methode")


def test_filters_keep_the_source_of_the_numbers_they_print():
    n = count(3, "samenwerking", "in_gesprek")
    assert tel(n, "initiatief", "initiatieven") == n.markup() + " initiatieven"
    assert tel(count(0, "t", "r"), "initiatief", "initiatieven") == "geen initiatieven"
    pct = percent(count(1, "t", "a"), count(4, "t", "a", "noemer"))
    assert markup(pct) in ranked_phrase([[{"in_zin": "de GGD", "pct": pct, "aandeel": pct, "betrouwbaar": True}]])
    assert markup(2020) == "2020"  # a year is text, not a traced number


def test_the_numbers_are_read_back_in_text_order_with_their_sentences():
    n, of = count(49, "samenwerking", "afstemming"), count(116, "stroom", "geanalyseerd")
    source = (
        f"# Resultaten\n\nVan de {of.markup()} initiatieven stemmen er {n.markup()} af "
        f"({percent(n, of).markup()}). Een tweede zin zonder getal.\n\n"
        f"| Soort | n |\n|:--|--:|\n| Afstemming | {n.markup()} |\n\n: Samenwerking {{#tbl:s}}\n"
    )
    numbers = number_list(read_source(source))
    assert numbers["getal"].tolist() == ["116", "49", "42%", "49"]
    assert numbers["nr"].tolist() == [1, 2, 3, 4]
    first = numbers.iloc[0]
    assert first["zin"] == "Van de 116 initiatieven stemmen er 49 af (42%)."
    assert (first["paragraaf"], first["tabel"], first["rij"], first["kolom"]) == (
        "Resultaten",
        "stroom",
        "geanalyseerd",
        "n",
    )
    assert numbers.iloc[2]["exacte_waarde"] == "42,241379…%" and numbers.iloc[2]["herleiding"] == "49 van 116"
    assert numbers.iloc[3]["zin"].startswith("Samenwerking") and "Afstemming" in numbers.iloc[3]["zin"]
    assert untraced_digits(read_source(source)) == []  # every number of text and table is traced
    typed = source + "\n| Soort | n |\n|:--|--:|\n| Gemeenten | 17 |\n\n::: {.figuurdata}\n| a | 5 |\n|--|--|\n:::\n"
    assert [context for _, context in untraced_digits(read_source(typed))] == ["17"]  # figure data is as is


def test_a_quote_in_a_source_cannot_break_the_span():
    odd = Getal("7", count(7, 't"abel', "r").source)
    assert number_list(read_source(f"Er zijn {odd.markup()} stuks."))["tabel"].tolist() == ["t'abel"]


# --- the rendered example ---------------------------------------------------------------------------


def test_the_digit_check_would_catch_a_hand_typed_number():
    page = '<p>In 2020 waren er <span class="getal" tabindex="0">116</span> en nog 17 andere (figuur 2).</p>'
    assert [re.search(r"\d+ andere", d).group() for d in documents.untraced_in_page(page)] == ["17 andere"]


def test_a_number_typed_into_a_text_is_found_and_a_name_with_digits_is_not():
    n = count(116, "stroom", "geanalyseerd")
    source = (
        f"# Inleiding\n\nIn 2020 deden {n.markup()} initiatieven en 17 gemeenten mee (@fig:trend) [@vws2016],\n"
        "sinds 1 januari 2019, ondanks COVID-19.[^1]\n\n[^1]: Op 3 plekken.\n\nOpgemaakt met pandoc 3.9.\n"
    )
    found = untraced_digits(read_source(source), ["COVID-19"])
    assert [section for section, _ in found] == ["Inleiding", "Inleiding"]
    assert "17 gemeenten" in found[0][1] and "3 plekken" in found[1][1]
    assert untraced("COVID-19-pandemie in 2021", documents.DIGIT_WORDS) == []
    assert digit_words("# uitleg\nCOVID-19  # de ziekte\n\nZorg1punt5\n") == ["COVID-19", "Zorg1punt5"]


@pytest.fixture(scope="module")
def rendered(example_run):
    base = example_run / "results/2020/factsheet"
    return {
        "html": (base / "factsheet_2020.html").read_text(encoding="utf-8"),
        "numbers": io.read_table(base / "getallen.csv", "getallen"),
        "base": base,
    }


def test_every_digit_of_the_rendered_text_is_traced_or_allowed(example_run, rendered):
    assert documents.untraced_in_page(rendered["html"]) == []
    log = (example_run / "results/2020/logs/factsheet.log").read_text(encoding="utf-8")
    assert "cijfer zonder bron" not in log  # nor did the stage find one in the texts


def test_each_number_is_a_focusable_element_described_by_its_source(rendered):
    html = rendered["html"]
    elements = re.findall(
        r'<span class="getal" tabindex="0" aria-describedby="([^"]+)">(.*?)'
        r'<span class="getal-bron" role="tooltip" id="([^"]+)">([^<]+)</span></span>',
        html,
        flags=re.S,
    )
    numbers = rendered["numbers"]
    assert len(elements) == len(numbers) == html.count('class="getal"') > 100
    assert all(described == target for described, _, target, _ in elements)
    assert [re.sub(r"<[^>]+>", "", printed) for _, printed, _, _ in elements] == numbers["getal"].tolist()
    assert all(source.startswith("Bron: ") for _, _, _, source in elements)
    assert "116 = 93 respondenten die aan de criteria voldoen + 23 met overgenomen antwoorden" in html
    assert ".getal:focus .getal-bron" in html  # the source shows on keyboard focus, not only on hover


def test_pdf_and_word_print_the_plain_numbers(rendered):
    from pypdf import PdfReader

    pdf = " ".join(page.extract_text() for page in PdfReader(rendered["base"] / "factsheet_2020.pdf").pages)
    with zipfile.ZipFile(rendered["base"] / "factsheet_2020.docx") as docx:
        word = docx.read("word/document.xml").decode("utf-8")
    for text in (pdf, word):
        assert "116" in text and "Bron: tabel" not in text and "{.getal" not in text and "getal-bron" not in text


def test_the_number_list_is_in_text_order_with_its_cells(rendered):
    numbers = rendered["numbers"]
    first = numbers.iloc[0]
    assert (first["paragraaf"], first["getal"], first["tabel"], first["rij"]) == (
        "Publiekssamenvatting",
        "116",
        "stroom",
        "geanalyseerd",
    )
    assert first["zin"].startswith("In 2020 zijn 116 netwerkinitiatieven")
    percentages = numbers[numbers["getal"].str.endswith("%")]
    assert (percentages["afronding"] == "hele procenten, een half naar boven").all()
    assert percentages["herleiding"].str.fullmatch(r"[\d.]+ van [\d.]+").all()
    tables = {path.stem for path in (rendered["base"].parent / "tabellen").glob("*.csv")}
    assert set(numbers["tabel"]) <= tables | {"methode", "metadata"}


def test_the_audit_lists_every_number(example_run, rendered):
    from openpyxl import load_workbook

    book = load_workbook(example_run / "results/2020/audit/audit_2020.xlsx", read_only=True)
    rows = list(book["getallen"].iter_rows(values_only=True))
    assert list(rows[0]) == list(rendered["numbers"].columns)
    assert len(rows) - 1 == len(rendered["numbers"])
    assert [str(r[3]) for r in rows[1:]] == rendered["numbers"]["getal"].tolist()
