"""The factsheet: no hand-typed numbers, numbers in the right sentences, three formats."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import documents
from conftest import ROOT, run_snakemake
from preventie.errors import PipelineError
from preventie.factsheet.captions import FIGURES, data_table_markdown
from preventie.factsheet.context import share_change, tied_groups
from preventie.factsheet.dutch import change_word, course_sentence, ranked_phrase, tel, vorm
from preventie.factsheet.printed_numbers import count, p_value, plain, share
from preventie.factsheet.template import render_source
from preventie.factsheet.texts import check_metadata, cited, foreign_years, parse_texts

TEMPLATE = ROOT / "reports" / "factsheet.qmd.j2"
# Digits that may stand in the template body because they are fixed references, not results.
FIXED_REFERENCES: set[str] = set()


def template_body() -> str:
    """The template without its YAML front matter (formatting options, not text)."""
    text = TEMPLATE.read_text(encoding="utf-8")
    match = re.match(r"---\n.*?\n---\n", text, flags=re.S)
    assert match, "the template starts with YAML front matter"
    return text[match.end() :]


def hand_typed_digits(body: str) -> list[str]:
    """Digits outside Jinja expressions, statements and comments, minus listed references."""
    stripped = re.sub(r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}", " ", body, flags=re.S)
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
    assert share(count(29, "t", "r"), count(47, "t", "r", "noemer")) == {
        "n": "29",
        "noemer": "47",
        "pct": "62%",
        "betrouwbaar": True,
        "aandeel": "62%",
    }
    assert count(1234, "t", "r") == "1.234"
    assert p_value(0.0304, "t", "r") == "0,030" and p_value(0.0004, "t", "r") == "< 0,001"
    assert p_value(None, "t", "r") == "–"


def test_figure_data_is_a_literal_markdown_table_in_dutch_notation():
    data = pd.DataFrame({"Naam": ["<b>|*x*", "'s-Gravenhage"], "Aantal": [3, 1234], "Percentage": [46.3, 50.0]})
    lines = data_table_markdown(data).splitlines()
    assert lines[0] == "| Naam | Aantal | Percentage |"
    assert lines[1] == "| :--- | ---: | ---: |"  # text left, numbers right
    assert lines[2] == r"| \<b\>\|\*x\* | 3 | 46,3 |"  # no markup, no extra column, decimal comma
    assert lines[3] == "| 's-Gravenhage | 1.234 | 50 |"


def test_figure_data_reads_back_as_the_same_cells():
    import pypandoc

    data = pd.DataFrame({"naam": ["<b>|*x*_y_ @z $1$"], "n": [3]})
    html = pypandoc.convert_text(data_table_markdown(data), "html", format="markdown")
    assert "&lt;b&gt;|*x*_y_ @z $1$" in html and "<em>" not in html and "<cite" not in html


@pytest.mark.parametrize(
    "count, one, many, noun, verb",
    [
        ("0", "vulde", "vulden", "geen initiatieven", "vulden"),
        ("1", "vulde", "vulden", "1 initiatief", "vulde"),
        ("2", "vulde", "vulden", "2 initiatieven", "vulden"),
        ("1.001", "vulde", "vulden", "1.001 initiatieven", "vulden"),
    ],
)
def test_counts_agree_with_their_nouns_and_verbs(count, one, many, noun, verb):
    assert tel(count, "initiatief", "initiatieven") == noun
    assert vorm(count, one, many) == verb


def rows(*pairs):
    return [{"in_zin": label, "pct": pct, "aandeel": pct, "betrouwbaar": True} for label, pct in pairs]


def test_ties_are_named_together_and_never_cut():
    ranked_rows = rows(
        ("huisarts", "70%"), ("welzijn", "55%"), ("thuiszorg", "47%"), ("de GGD", "47%"), ("paramedici", "46%")
    )
    top = tied_groups(ranked_rows, at_least=3)
    assert [len(g) for g in top] == [1, 1, 2]  # the third place is shared: both are named
    assert ranked_phrase(top[1:]) == "welzijn (55%) en thuiszorg en de GGD (beide 47%)"
    assert ranked_phrase(tied_groups(rows(("a", "24%"), ("b", "24%"), ("c", "24%")))) == "a, b en c (elk 24%)"


def test_a_share_of_too_few_gives_its_counts_not_a_percentage():
    """Below policy.min_denominator the text gives 'n van de noemer', the tables '–', and two such
    shares are never named as a tie."""
    few = share(count(4, "t", "a"), count(8, "t", "a", "noemer"), minimum=10)
    assert few["pct"] == "–" and not few["betrouwbaar"]
    assert plain(few["aandeel"]) == "4 van de 8"
    enough = share(count(5, "t", "a"), count(10, "t", "a", "noemer"), minimum=10)
    assert enough["pct"] == "50%" and enough["aandeel"] == "50%"
    other = share(count(2, "t", "b"), count(8, "t", "b", "noemer"), minimum=10)
    labelled = [dict(few, in_zin="de GLI"), dict(other, in_zin="valpreventie")]
    groups = tied_groups(labelled)
    assert [len(g) for g in groups] == [1, 1]
    assert plain(ranked_phrase(groups)) == "de GLI (4 van de 8) en valpreventie (2 van de 8)"


def course(counts: dict[int, int]) -> str | None:
    points = [(y, count(n, "trend", str(y), "geanalyseerd")) for y, n in counts.items()]
    sentence = course_sentence(points, "Het aantal", ("initiatief", "initiatieven"))
    return None if sentence is None else plain(sentence)


@pytest.mark.parametrize(
    "counts, expected",
    [
        (
            {2018: 81, 2019: 95, 2020: 116},
            "Het aantal nam van 81 in 2018 tot 116 in 2020 elk jaar toe, 21 initiatieven meer dan in 2019",
        ),
        ({2019: 95, 2020: 116}, "Het aantal nam toe van 95 in 2019 tot 116 in 2020"),
        (
            {2018: 120, 2019: 110, 2020: 100},
            "Het aantal nam van 120 in 2018 tot 100 in 2020 elk jaar af, 10 initiatieven minder dan in 2019",
        ),
        ({2019: 95, 2020: 95}, "Het aantal bleef gelijk: 95 in 2019 en in 2020"),
        # the trap: "laat een toename zien: van 81 in 2018 naar 96 in 2021" and then "een afname met 20"
        (
            {2018: 81, 2019: 95, 2020: 116, 2021: 96},
            "Het aantal nam van 81 in 2018 tot 116 in 2020 elk jaar toe en "
            "nam daarna af tot 96 in 2021, 20 initiatieven minder dan in 2020",
        ),
        (
            {2016: 50, 2018: 81, 2019: 95},
            "Het aantal nam toe van 50 in 2016 tot 95 in 2019, 14 initiatieven meer dan in 2018",
        ),  # a year missing: not 'elk jaar'
        (
            {2018: 81, 2019: 81, 2020: 82},
            "Het aantal bleef gelijk: 81 in 2018 en in 2019 en nam daarna toe tot 82 in "
            "2020, 1 initiatief meer dan in 2019",
        ),
        ({2020: 116}, None),
    ],
)
def test_the_course_of_a_count_is_told_in_words_its_numbers_bear_out(counts, expected):
    assert course(counts) == expected


def test_a_share_is_called_a_rise_or_fall_only_when_significant():
    base = {
        "kenmerk": "afstemming",
        "n_vorig": 44,
        "noemer_vorig": 95,
        "n_nu": 49,
        "noemer_nu": 116,
        "toets": "chi-kwadraat",
    }
    same = share_change(pd.Series(base | {"pct_vorig": 46.3, "pct_nu": 42.2, "p_waarde": 0.55, "significant": False}))
    assert same["is"] == "ongeveer gelijk gebleven" and (same["vorig"], same["nu"]) == ("46%", "42%")
    fall = share_change(pd.Series(base | {"pct_vorig": 46.3, "pct_nu": 22.2, "p_waarde": 0.001, "significant": True}))
    assert fall["is"] == "gedaald"


TEXTS = {
    "inleiding": "Tekst met een voetnoot[^1] en een bron [@vws2016].\n\n[^1]: De voetnoot.",
    "tekstbox_1": "> **Voorbeeldtekst**\n\n# Een initiatief uitgelicht\n\nDe tekst.",
}


def test_texts_fill_their_slots_with_footnotes_of_their_own():
    texts = parse_texts(TEXTS, {"voorbeeldtekst": True}, [{"id": "vws2016"}, {"id": "ongebruikt"}], "teksten/2020")
    assert "[^inleiding-1]" in texts.slots["inleiding"] and "[^1]" not in texts.slots["inleiding"]
    assert texts.boxes["uitgelicht"] == {
        "titel": "Een initiatief uitgelicht",
        "tekst": "> **Voorbeeldtekst**\n\nDe tekst.",
    }
    assert cited(texts) == ["vws2016"]


@pytest.mark.parametrize(
    "files, message",
    [
        (
            {"ervaring": "x"},
            r"^teksten/2020/ervaring.md: dit bestand vult geen plek in de factsheet. Bedoelt u ervaringen.md\?$",
        ),
        ({"tekstbox_2": "Geen titel."}, r"^teksten/2020/tekstbox_2.md: een tekstbox begint met een titel"),
    ],
)
def test_a_text_file_that_fills_no_slot_is_one_clear_error(files, message):
    with pytest.raises(PipelineError, match=message):
        parse_texts(files, None, [], "teksten/2020")


@pytest.mark.parametrize(
    "metadata, key",
    [
        ({"interviews": {"aantal": "veel", "met": ["x y z"]}}, "interviews.aantal"),
        ({"inventarisatie": {"internet": "zoeken op internet"}}, "inventarisatie"),
        ({"peildatum": "november"}, "peildatum"),
        ({"auteur": "RIVM"}, "(bovenste niveau)"),
    ],
)
def test_a_bad_metadata_file_names_the_key(metadata, key):
    with pytest.raises(PipelineError, match=f"^teksten/2020/metadata.yaml: ongeldig bij '{re.escape(key)}'"):
        check_metadata({"jaar": 2020, **metadata}, "teksten/2020/metadata.yaml")


@pytest.mark.parametrize(
    "metadata, message",
    [
        ({"voorbeeldtekst": False}, r"ongeldig bij '\(bovenste niveau\)': 'jaar' is a required property"),
        (
            {"jaar": 2020, "peildatum": "2020-11-01"},
            r"'jaar' is 2020, maar dit zijn de teksten van de factsheet over 2021. Een map die van 2020 is gekopieerd",
        ),
        ({"jaar": 2021, "peildatum": "2020-11-01"}, r"'peildatum' 2020-11-01 ligt niet in 2021"),
        ({"jaar": 2021, "peildatum": "2022-07-01"}, r"'peildatum' 2022-07-01 ligt niet in 2021 .*2022-06-30"),
    ],
)
def test_metadata_copied_from_last_year_is_refused(metadata, message):
    with pytest.raises(PipelineError, match=f"^teksten/2021/metadata.yaml: {message}"):
        check_metadata(metadata, "teksten/2021/metadata.yaml", 2021)


def test_metadata_of_the_year_passes_with_a_reference_date_early_the_next_year():
    assert check_metadata({"jaar": 2021, "peildatum": "2022-03-01"}, "m.yaml", 2021)["jaar"] == 2021
    assert check_metadata({"jaar": 2021}, "m.yaml", 2021) == {"jaar": 2021}


def test_years_in_texts_that_are_not_the_factsheets_or_its_trends_are_listed_with_their_paragraph():
    texts = parse_texts(
        {
            "perspectief": "Het aantal groeit.\n\nIn 2022 verschijnt de volgende inventarisatie, over het jaar 2021.",
            "inleiding": "Sinds 2016 stimuleert VWS de samenwerking (@fig:trend); een adres www.x.nl/2017 telt niet.",
            "tekstbox_1": "# Uitgelicht in 2019\n\nDit initiatief begon in 2020 en in 2014.",
        },
        {"jaar": 2021, "jaartallen": [2016], "inventarisatie": {"overig": "de websites van 2020 en 2015"}},
        [],
        "teksten/2021",
    )
    found = foreign_years(texts, 2021, [2018, 2019, 2020], "teksten/2021")
    assert [line.split(": jaartal ")[0] + " " + line.split("jaartal ")[1][:4] for line in found] == [
        "teksten/2021/metadata.yaml 2015",
        "teksten/2021/perspectief.md 2022",
        "teksten/2021/tekstbox_1.md 2014",
    ]
    assert found[1] == (
        "teksten/2021/perspectief.md: jaartal 2022 ligt na 2021: klopt deze vooruitblik voor dit jaar? "
        "(alinea 'In 2022 verschijnt de volgende inventarisatie, over het jaar 2021.')"
    )
    assert "zet 2014 onder 'jaartallen' in metadata.yaml als het klopt" in found[2]


def test_only_years_before_the_factsheets_can_be_acknowledged():
    with pytest.raises(PipelineError, match="'jaartallen' noemt 2021, 2022: alleen jaren vóór 2021"):
        check_metadata({"jaar": 2021, "jaartallen": [2016, 2021, 2022]}, "m.yaml", 2021)


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
        r"Van de initiatieven die niet reageerden, zijn voor 23 de antwoorden van 2019 gebruikt",
        r"aantal geanalyseerde netwerkinitiatieven op 116",
        r"Bij 49 initiatieven stemmen zij hun inzet af: "
        r"bij 36 met formele afspraken, waaronder alle 12 preventiecoalities",
        r"Meestal \(62%, 29\) gaan ze over zowel de inhoud als de financiering",
        r"In 2020 zijn 116 netwerkinitiatieven met een vorm van preventie geanalyseerd, "
        r"een toename ten opzichte van 2019 \(95\)",
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
    for image, name in zip(page.images, FIGURES):  # in order of appearance
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
    expected = "quarto" if shutil.which("quarto") else "pandoc"  # report.renderer: auto
    assert rendering["renderer"] == expected and rendering["pandoc"] and rendering["typst"]
    log = (example_run / "results/2020/logs/factsheet.log").read_text(encoding="utf-8")
    assert f"weergegeven met {expected}" in log
    seconds = float(re.search(r"in (\d+\.\d) s", log).group(1))
    assert seconds < (60 if expected == "quarto" else 10)


@pytest.mark.e2e
def test_resolved_source_is_kept_and_has_no_template_syntax(example_run):
    source = (example_run / "results/2020/factsheet/factsheet_2020.qmd").read_text(encoding="utf-8")
    assert "{{" not in source and "{%" not in source
    assert re.search(r'\[301\]\{\.getal tabel="stroom" rij="geidentificeerd" kolom="n" [^}]*\} mogelijke', source)


@pytest.mark.parametrize(
    "label, expected",
    [
        ("Valpreventie", "valpreventie"),
        ("(Kwetsbare) ouderen", "(kwetsbare) ouderen"),
        ("Mensen met een lage SES", "mensen met een lage sociaaleconomische status (SES)"),
        ("GGD", "de GGD"),
        ("Wmo", "de Wet maatschappelijke ondersteuning (Wmo)"),
        ("Welzijn op Recept", "Welzijn op Recept"),
        ("Gecombineerde leefstijlinterventie (GLI)", "de GLI"),
    ],
)
def test_labels_inside_a_sentence(label, expected):
    from preventie.factsheet.dutch import in_sentence

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


# --- the published structure, read as an editor would ------------------------------------------------


def running_text(run: Path, year: int = 2020) -> str:
    """The HTML's text without the figure data, tables and footnote marks: what a reader reads."""
    html = (run / f"results/{year}/factsheet/factsheet_{year}.html").read_text(encoding="utf-8")
    html = re.sub(r"<details.*?</details>|<table.*?</table>|<sup>.*?</sup>", " ", html, flags=re.S)
    page = documents.HtmlPage()
    page.feed(html)
    return page.text


@pytest.mark.e2e
def test_the_factsheet_has_every_part_of_the_published_one(example_run):
    text = html_page(example_run).text
    parts = [
        "Publiekssamenvatting",
        "1 Inleiding",
        "2 Resultaten",
        "2.1 Samenwerking binnen netwerkinitiatieven die zich richten op preventie",
        "Tekstbox 1: ",
        "Tekstbox 2: ",
        "2.2 Ervaringen met de samenwerking",
        "2.3 Samenwerking en ontwikkelingen binnen preventiecoalities",
        "3 Onderzoek in perspectief",
        "Literatuur",
        "Bijlage 1: Methoden van onderzoek",
    ]
    positions = [text.index(part) for part in parts]
    assert positions == sorted(positions), dict(zip(parts, positions))
    assert "(1)" in text and re.search(r"Literatuur 1\. \w.*? 2\. \w", text)  # cited, then listed
    html = (example_run / "results/2020/factsheet/factsheet_2020.html").read_text(encoding="utf-8")
    assert html.count('class="footnote-ref"') >= 2 and 'id="refs"' in html
    assert "Om ervaringen te verzamelen zijn er 28 interviews gehouden, met" in text
    assert "De peildatum van de inventarisatie is november 2020." in text


@pytest.mark.e2e
def test_figure_data_tables_speak_dutch(example_run):
    text = html_page(example_run).text
    for number in range(1, len(FIGURES) + 1):
        assert f"Gegevens bij figuur {number}" in text
    for key in ("respons_geincludeerd", "excl_E1", "met_preventiecoalitie", "gemeente_code", "op_kaart"):
        assert key not in text, key
    assert re.search(r"\d+,\d", text)  # decimal commas


@pytest.mark.e2e
def test_no_pipeline_jargon_and_abbreviations_are_spelled_out_first(example_run):
    text = running_text(example_run)
    body = text[text.index("Publiekssamenvatting") :]
    for jargon in ("pijplijn", "tabellen achter deze factsheet", "doorgeschoven", "E1", "E2", "E3", "E4"):
        assert not re.search(rf"\b{jargon}\b", body), jargon
    abbreviations = {
        "VWS": "Volksgezondheid, Welzijn en Sport",
        "GLI": "gecombineerde leefstijlinterventie",
        "Wmo": "Wet maatschappelijke ondersteuning",
        "Zvw": "Zorgverzekeringswet",
        "Wpg": "Wet publieke gezondheid",
        "SES": "sociaaleconomische status",
        "JZOJP": "Juiste Zorg op de Juiste Plek",
        "GGD": "Gemeentelijke Gezondheidsdienst",
        "RIVM": "Rijksinstituut voor Volksgezondheid en Milieu",
        "ggz": "geestelijke gezondheidszorg",
        "ZN": "Zorgverzekeraars Nederland",
        "VNG": "Vereniging van Nederlandse Gemeenten",
    }
    for abbreviation, full in abbreviations.items():
        first = re.search(rf"\b{abbreviation}\b", body)
        assert first, abbreviation
        assert body[: first.start()].rstrip(" (").endswith(full), (abbreviation, body[first.start() - 80 : first.end()])


@pytest.mark.e2e
def test_shares_change_only_when_the_test_says_so(example_run):
    change = pd.read_csv(example_run / "results/2020/tabellen/verandering.csv").set_index("kenmerk")
    text = running_text(example_run)
    word = "gestegen" if change.loc["afstemming", "pct_nu"] > change.loc["afstemming", "pct_vorig"] else "gedaald"
    expected = word if change.loc["afstemming", "significant"] == "ja" else "ongeveer gelijk gebleven"
    assert f"tussen gemeente en zorgverzekeraar is {expected} (46% in 2019, 42% in 2020);" in text
    transitions = pd.read_csv(example_run / "results/2020/tabellen/overgangen_toets.csv").set_index("grootheid")
    own = int(transitions.loc["zelf_in_beide_jaren", "waarde"])
    carried = int(transitions.loc["overgenomen_niet_meegeteld", "waarde"])
    assert f"vulden er {own} in beide jaren zelf de vragenlijst in; bij de andere {carried} zijn" in text
    assert "thuiszorg en de GGD (beide 47%)" in text  # a tie is named as a tie


@pytest.mark.e2e
def test_every_year_reads_coherently(example_run, tmp_path):
    shutil.copytree(example_run, tmp_path, dirs_exist_ok=True)
    # one number typed by hand into an analyst's text: the stage warns, the digit test finds it
    inleiding = tmp_path / "reports/teksten/2019/inleiding.md"
    inleiding.write_text(inleiding.read_text(encoding="utf-8") + "\nEr deden 17 gemeenten mee.\n", encoding="utf-8")
    result = run_snakemake(tmp_path, "--config", "year=2019", "report={renderer: pandoc}")  # text only: quick
    assert result.returncode == 0, result.stderr[-3000:]
    warning = r"WAARSCHUWING \[factsheet 2019\]: cijfer zonder bron in de tekst \(paragraaf '[^']+'\): 'Er deden 17 "
    assert len(re.findall(warning, result.stderr)) == 1, result.stderr[-3000:]
    html = (tmp_path / "results/2019/factsheet/factsheet_2019.html").read_text(encoding="utf-8")
    assert [re.search(r"\d+ gemeenten", d).group() for d in documents.untraced_in_page(html)] == ["17 gemeenten"]
    text = running_text(tmp_path, 2019)
    assert "Van 2018 zijn geen gegevens beschikbaar" in text  # no carry-forward described
    assert "de antwoorden van 2018 gebruikt" not in text and "ZonMw (" not in text
    assert "Tekstbox 1: " in text and "Tekstbox 2: " in text and "Literatuur" in text
    assert "In 2019 zijn 95 netwerkinitiatieven met een vorm van preventie geanalyseerd, een toename" in text
    assert "Het aantal geanalyseerde netwerkinitiatieven nam toe van 81 in 2018 tot 95 in 2019 (" in text


@pytest.mark.e2e
def test_a_year_without_texts_leaves_their_places_out(example_run, tmp_path):
    shutil.copytree(example_run, tmp_path, dirs_exist_ok=True)
    shutil.rmtree(tmp_path / "reports/teksten/2019")
    result = run_snakemake(tmp_path, "--config", "year=2019", "report={renderer: pandoc}")
    assert result.returncode == 0, result.stderr[-3000:]
    text = running_text(tmp_path, 2019)
    for gone in (
        "Tekstbox",
        "Literatuur",
        "Ervaringen met de samenwerking",
        "voorbeeldtekst",
        "interview",
        "peildatum",
        "tekstbox 1",
    ):
        assert gone.lower() not in text.lower(), gone
    assert "1 Inleiding" in text and "Methoden van onderzoek" in text  # the pipeline's own parts stay
    assert "In 2019 zijn 95 netwerkinitiatieven met een vorm van preventie geanalyseerd" in text


SPELLING = ROOT / "reports/teksten/woordenlijst.txt"


def misspelled(text: str) -> list[str]:
    """Words hunspell's Dutch dictionary and the project's word list do not know."""
    words = set()
    for token in re.sub(r"https?://\S+", " ", text).replace("/", " ").split():
        token = token.strip(".,;:()[]'\"‘’“”!?–-")
        if token and not re.search(r"\d", token):
            words.add(token)
    result = subprocess.run(
        ["hunspell", "-d", "nl_NL", "-p", str(SPELLING), "-l"],
        input="\n".join(sorted(words)),
        capture_output=True,
        text=True,
    )
    return sorted(set(result.stdout.split()))


needs_hunspell = pytest.mark.skipif(
    shutil.which("hunspell") is None or not Path("/usr/share/hunspell/nl_NL.dic").exists(),
    reason="hunspell met het Nederlandse woordenboek ontbreekt (Debian: hunspell, hunspell-nl)",
)


@needs_hunspell
def test_the_spelling_check_finds_a_misspelling():
    assert misspelled("De gemeete werkt samen met de zorgverzekeraar en de GGD.") == ["gemeete"]


@needs_hunspell
@pytest.mark.e2e
def test_the_factsheet_is_spelled_right(example_run):
    assert misspelled(running_text(example_run)) == []


@pytest.mark.e2e
def test_sentences_agree_with_every_count(example_run):
    """The example's counts with ones and zeros put in: no '1 initiatieven', no 'er 1 ... vulden'."""
    from preventie import io
    from preventie.factsheet.context import TABLES, Inputs, build_context
    from preventie.factsheet.texts import Texts

    tables = {name: io.read_table(example_run / f"results/2020/tabellen/{name}.csv", name) for name in TABLES}
    flow = tables["stroom"].set_index("stap")["n"]
    for step, n in {
        "respons": 1,
        "respons_geincludeerd": 1,
        "respons_geexcludeerd": 0,
        "overgenomen": 1,
        "preventiecoalities": 1,
        "preventiecoalities_nieuw": 0,
        "inzendingen_ongekoppeld": 1,
        "inzendingen_dubbel": 0,
        "inzendingen_onbruikbaar": 1,
        "geanalyseerd": 1,
    }.items():
        flow[step] = n
    tables["stroom"] = flow.reset_index()
    figures = {name: {"alt": "", "data": pd.DataFrame({"a": [1]})} for name in FIGURES}
    context = build_context(Inputs(2020, tables, figures, Texts(), "Opgemaakt met x.", "2021-01-01"))
    text = " ".join(plain(render_source(TEMPLATE.parent, TEMPLATE.name, context)).split())
    assert not re.search(r"\b1 (initiatieven|netwerkinitiatieven|preventiecoalities|vragenlijsten)\b", text)
    for sentence in (
        "In 2020 is 1 netwerkinitiatief met een vorm van preventie geanalyseerd",
        "Daarvan vulde er 1 (",
        "voldeed er 1 aan alle criteria",
        "is voor 1 de antwoorden van 2019",
        "dat bestond in 2020 nog en had de vragenlijst",
        "initiatieven maakt er 1 gebruik",
        "waaronder de enige preventiecoalitie",
        "Van de 1 respondent vielen er geen af",
        "kon er 1 niet aan een initiatief",
        "waren er geen dubbel",
        "was er 1 niet bruikbaar",
    ):
        assert sentence in text, sentence


@pytest.mark.e2e
def test_shares_of_too_few_are_given_as_counts_and_never_as_percentages(example_run):
    """policy.min_denominator 48: the GLI programmes (36), agreements (47) and financing (46) of 2020
    have too few initiatives for a percentage; everything over all 116 keeps its percentages."""
    from preventie import io
    from preventie.factsheet.context import TABLES, Inputs, build_context
    from preventie.factsheet.texts import Texts

    tables = {name: io.read_table(example_run / f"results/2020/tabellen/{name}.csv", name) for name in TABLES}
    figures = {name: {"alt": "", "data": pd.DataFrame({"a": [1]})} for name in FIGURES}
    inputs = Inputs(2020, tables, figures, Texts(), "Opgemaakt met x.", "2021-01-01", min_denominator=48)
    text = " ".join(plain(render_source(TEMPLATE.parent, TEMPLATE.name, build_context(inputs))).split())
    assert "Van de 36 initiatieven met een GLI biedt 26 een erkend GLI-programma aan (CooL (18 van de 36)" in text
    assert "Een ander programma of een eigen leefstijlinterventie noemt 12." in text
    assert (
        "Ze gaan over zowel de inhoud als de financiering (29), alleen over de inhoud (12) of alleen over de "
        "financiering (6)." in text
    )
    assert "Meestal" not in text and "72%" not in text and "62%" not in text
    assert "vooral de Wet maatschappelijke ondersteuning (Wmo) (31 van de 46)" in text
    assert "De gemeente is betrokken bij 92% van de initiatieven (107 van 116)" in text
    assert "Hebben minder dan 48 initiatieven een vraag beantwoord, dan staat er geen percentage" in text
