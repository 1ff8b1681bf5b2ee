"""The factsheet: no hand-typed numbers, numbers in the right sentences, three formats."""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import documents
from conftest import ROOT
from preventie.factsheet import FIGURES, change_word, data_table_markdown, p_text, render_source, share

TEMPLATE = ROOT / "reports" / "factsheet.qmd.j2"
# Digits that may stand in the template body because they are fixed references, not results.
FIXED_REFERENCES: set[str] = set()


def template_body() -> str:
    """The template without its YAML front matter (formatting options, not text)."""
    text = TEMPLATE.read_text(encoding="utf-8")
    match = re.match(r"---\n.*?\n---\n", text, flags=re.S)
    assert match, "the template starts with YAML front matter"
    return text[match.end():]


def hand_typed_digits(body: str) -> list[str]:
    """Digits outside Jinja expressions, statements and comments, minus listed references."""
    stripped = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", " ", body, flags=re.S)
    found = re.findall(r"\d[\d.,]*", stripped)
    return [d for d in found if d not in FIXED_REFERENCES]


def test_template_body_contains_no_hand_typed_number():
    assert hand_typed_digits(template_body()) == []


def test_the_digit_check_would_catch_one():
    assert hand_typed_digits("In {{ jaar }} waren er 116 initiatieven") == ["116"]
    assert hand_typed_digits("{% if x > 2 %}ja{% endif %} {{ 3 }}") == []


def test_unknown_template_variable_is_an_error(tmp_path):
    import jinja2

    (tmp_path / "t.j2").write_text("In {{ jaar }} waren er {{ aantal }}.", encoding="utf-8")
    with pytest.raises(jinja2.UndefinedError):
        render_source(tmp_path, "t.j2", {"jaar": 2020})


def test_year_on_year_words():
    assert change_word(95, 116) == "een toename"
    assert change_word(0.46, 0.42) == "een afname"
    assert change_word(3, 3) == "geen verandering"


def test_shares_and_p_values_in_dutch():
    assert share(29, 47) == {"n": "29", "noemer": "47", "pct": "62%"}
    assert share(1234, 2000)["n"] == "1.234"
    assert p_text(0.0304) == "0,030" and p_text(0.0004) == "< 0,001" and p_text(None) == "–"


def test_figure_data_is_a_literal_markdown_table():
    data = pd.DataFrame({"naam": ["<b>|*x*", "'s-Gravenhage"], "n": ["3", "12"]})
    table = data_table_markdown(data, "Gegevens bij figuur 1: test.")
    lines = table.splitlines()
    assert lines[0] == "| naam | n |"
    assert lines[1] == "| :--- | ---: |"   # text left, numbers right
    assert lines[2] == r"| \<b\>\|\*x\* | 3 |"     # no markup, no extra column
    assert lines[-1] == ": Gegevens bij figuur 1: test."


def test_figure_data_reads_back_as_the_same_cells():
    import pypandoc

    data = pd.DataFrame({"naam": ["<b>|*x*_y_ @z $1$"], "n": ["3"]})
    html = pypandoc.convert_text(data_table_markdown(data, "Gegevens"), "html", format="markdown")
    assert "&lt;b&gt;|*x*_y_ @z $1$" in html and "<em>" not in html and "<cite" not in html


# --- the rendered example ---------------------------------------------------------------------


def html_page(run: Path, year: int = 2020):
    return documents.html_page(run / f"results/{year}/factsheet/factsheet_{year}.html")


@pytest.mark.e2e
@pytest.mark.parametrize(
    "sentence",
    [
        r"De inventarisatie van 2020 leverde 301 mogelijke netwerkinitiatieven op",
        r"Daarvan vulden er 195 \(65%\) de vragenlijst in",
        r"voldeden er 93 aan alle criteria",
        r"zijn voor 23 initiatieven de antwoorden van 2019 gebruikt",
        r"aantal geanalyseerde netwerkinitiatieven op 116",
        r"Bij 49 initiatieven stemmen zij hun inzet af: bij 36 met formele afspraken, waaronder alle 12 preventiecoalities",
        r"Bij 62% \(29\) gaan ze over zowel de inhoud als de financiering",
        r"In 2020 zijn 116 netwerkinitiatieven met een vorm van preventie geanalyseerd, een toename ten opzichte van 2019 \(95\)",
    ],
)
def test_html_states_the_published_numbers_in_their_sentences(example_run, sentence):
    text = html_page(example_run).text
    text = text.replace("Van die respondenten voldeden er", "voldeden er")
    assert re.search(sentence, text), sentence


@pytest.mark.e2e
def test_html_is_accessible_and_self_contained(example_run):
    page = html_page(example_run)
    assert page.lang == "nl"
    assert len(page.images) == len(FIGURES)
    for image, name in zip(page.images, FIGURES):   # in order of appearance
        expected = (example_run / f"results/2020/figuren/{name}.alt.txt").read_text(encoding="utf-8").strip()
        assert image.get("alt") == expected.replace('"', "'"), name
        assert image["src"].startswith("data:image/svg+xml")  # embedded, no external files
    html_text = (example_run / "results/2020/factsheet/factsheet_2020.html").read_text(encoding="utf-8")
    assert html_text.count('<details class="figuurdata">') == len(FIGURES)
    assert "Voorbeeldtekst" in page.text  # the example interview texts are marked


@pytest.mark.e2e
def test_pdf_and_docx_exist_and_hold_the_text(example_run):
    folder = example_run / "results/2020/factsheet"
    pdf = folder / "factsheet_2020.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
    text = documents.pdf_text(pdf)
    assert "De inventarisatie van 2020 leverde 301 mogelijke netwerkinitiatieven op" in text
    with zipfile.ZipFile(folder / "factsheet_2020.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
        assert "Publiekssamenvatting" in document and "116" in document
        assert sum(n.startswith("word/media/") for n in docx.namelist()) == len(FIGURES)


@pytest.mark.e2e
def test_renderer_is_recorded_and_fast(example_run):
    rendering = json.loads((example_run / "results/2020/factsheet/weergave.json").read_text(encoding="utf-8"))
    expected = "quarto" if shutil.which("quarto") else "pandoc"   # report.renderer: auto
    assert rendering["renderer"] == expected and rendering["pandoc"] and rendering["typst"]
    log = (example_run / "logs/factsheet/2020.log").read_text(encoding="utf-8")
    assert f"weergegeven met {expected}" in log
    seconds = float(re.search(r"in (\d+\.\d) s", log).group(1))
    assert seconds < (60 if expected == "quarto" else 10)


@pytest.mark.e2e
def test_resolved_source_is_kept_and_has_no_template_syntax(example_run):
    source = (example_run / "results/2020/factsheet/factsheet_2020.qmd").read_text(encoding="utf-8")
    assert "{{" not in source and "{%" not in source
    assert "301 mogelijke" in source


@pytest.mark.parametrize(
    "label, expected",
    [("Valpreventie", "valpreventie"), ("(Kwetsbare) ouderen", "(kwetsbare) ouderen"),
     ("Mensen met een lage SES", "mensen met een lage SES"), ("GGD", "GGD"), ("Wmo", "Wmo"),
     ("Welzijn op Recept", "Welzijn op Recept"), ("Gecombineerde leefstijlinterventie (GLI)", "de GLI")],
)
def test_labels_inside_a_sentence(label, expected):
    from preventie.factsheet import in_sentence

    assert in_sentence(label) == expected


def test_reference_document_is_what_its_script_makes():
    import importlib.util

    spec = importlib.util.spec_from_file_location("maak", ROOT / "reports" / "maak_referentiedocument.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.OUT == ROOT / "reports/_extensions/rivm/reference.docx"
    assert module.restyle(module.default_reference()) == module.OUT.read_bytes()


def test_every_figure_has_a_caption():
    from preventie.naming import FIGURE_NAMES

    assert set(FIGURES) == set(FIGURE_NAMES)
