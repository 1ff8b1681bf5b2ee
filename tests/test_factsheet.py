"""The factsheet: no hand-typed numbers, numbers in the right sentences, three formats."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from conftest import ROOT
from preventie.errors import PipelineError
from preventie.factsheet import (FIGURES, change_word, choose_renderer, data_table_html, p_text,
                                 render_source, share)

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


def test_data_table_is_escaped_html():
    table = data_table_html(pd.DataFrame({"naam": ["<b>&"], "n": [3]}), "Gegevens bij figuur 1")
    assert "&lt;b&gt;&amp;" in table and '<th scope="col">naam</th>' in table
    assert table.startswith('<details class="figuurdata"><summary>Gegevens bij figuur 1</summary>')


def test_renderer_choice():
    assert choose_renderer("auto", None) == "pandoc"
    assert choose_renderer("auto", "/usr/bin/quarto") == "quarto"
    assert choose_renderer("pandoc", "/usr/bin/quarto") == "pandoc"
    with pytest.raises(PipelineError, match="geen quarto-programma gevonden"):
        choose_renderer("quarto", None)


# --- the rendered example ---------------------------------------------------------------------


class _Text(HTMLParser):
    """Visible text, image attributes and the document language of an HTML page."""

    def __init__(self):
        super().__init__()
        self.parts, self.images, self.lang, self._skip = [], [], None, 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "img":
            self.images.append(attrs)
        if tag in ("style", "script"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_page(run: Path, year: int = 2020) -> _Text:
    parser = _Text()
    parser.feed((run / f"results/{year}/factsheet/factsheet_{year}.html").read_text(encoding="utf-8"))
    parser.text = re.sub(r"\s+", " ", "".join(parser.parts))
    return parser


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
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
        assert "301" in text and "Publiekssamenvatting" in text
    with zipfile.ZipFile(folder / "factsheet_2020.docx") as docx:
        document = docx.read("word/document.xml").decode("utf-8")
        assert "Publiekssamenvatting" in document and "116" in document
        assert sum(n.startswith("word/media/") for n in docx.namelist()) == len(FIGURES)


@pytest.mark.e2e
def test_renderer_is_recorded_and_fast(example_run):
    rendering = (example_run / "results/2020/factsheet/weergave.json").read_text(encoding="utf-8")
    assert '"renderer": "pandoc"' in rendering or '"renderer": "quarto"' in rendering
    log = (example_run / "logs/factsheet/2020.log").read_text(encoding="utf-8")
    seconds = float(re.search(r"in (\d+\.\d) s", log).group(1))
    assert seconds < 10


@pytest.mark.e2e
def test_resolved_source_is_kept_and_has_no_template_syntax(example_run):
    source = (example_run / "results/2020/factsheet/factsheet_2020.qmd").read_text(encoding="utf-8")
    assert "{{" not in source and "{%" not in source
    assert "301 mogelijke" in source


@pytest.mark.skipif(shutil.which("quarto") is None, reason="Quarto is niet geïnstalleerd op deze machine")
def test_real_quarto_renders_the_resolved_source(example_run, tmp_path):
    folder = tmp_path / "results/2020"
    shutil.copytree(example_run / "results/2020", folder)
    source = folder / "factsheet/factsheet_2020.qmd"
    for fmt in ("html", "docx", "typst"):
        result = subprocess.run(["quarto", "render", source.name, "--to", fmt], cwd=source.parent,
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stderr[-2000:]
    assert (source.parent / "factsheet_2020.pdf").exists()


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
    assert module.restyle(module.default_reference()) == (ROOT / "reports" / "reference.docx").read_bytes()


def test_every_figure_has_a_caption():
    from preventie.naming import FIGURE_NAMES

    assert set(FIGURES) == set(FIGURE_NAMES)
