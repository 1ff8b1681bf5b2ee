"""Rendering the factsheet: one house style, two renderers, the same document; clean outputs;
an accessible PDF; a layout an editor would sign off."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pypandoc
import pytest

import documents
from conftest import ROOT, run_snakemake
from preventie.errors import PipelineError
from preventie.factsheet.captions import FIGURES
from preventie.render import (
    HouseStyle,
    choose_renderer,
    first_error_line,
    font_dir,
    house_style,
    pandoc_arguments,
    render,
    renderer_sentence,
    tool_versions,
    typst_creator_version,
)

EXTENSION = ROOT / "reports/_extensions/rivm"
FILTER = EXTENSION / "factsheet.lua"
QUARTO = shutil.which("quarto")
needs_quarto = pytest.mark.skipif(
    QUARTO is None, reason="Quarto is niet geïnstalleerd op deze machine (zie README: 'Quarto installeren')"
)
DOCUMENTS = ("html", "pdf", "docx")


# --- the house style and its translation for pandoc ---------------------------------------------------


def test_house_style_is_the_extension():
    style = house_style(EXTENSION)
    assert style.quarto_format("pdf") == "rivm-typst" and style.quarto_format("html") == "rivm-html"
    assert style.options["html"]["css"] == ["factsheet.css"]
    assert style.options["docx"]["lang"] == "nl"  # `common` reaches every format
    assert style.options["typst"]["pdf-standard"] == ["ua-1"]


@pytest.mark.parametrize("writer", ["html", "typst", "docx"])
def test_every_option_of_the_extension_reaches_pandoc(writer):
    args, standards = pandoc_arguments(house_style(EXTENSION), writer)
    assert f"--lua-filter={FILTER}" in args and "lang=nl" in args
    expected = {
        "html": [f"--css={EXTENSION / 'factsheet.css'}", "--embed-resources", "--number-sections"],
        "typst": [f"--template={EXTENSION / 'pandoc-typst.typ'}", "--number-sections"],
        "docx": [f"--reference-doc={EXTENSION / 'reference.docx'}"],
    }[writer]
    assert set(expected) <= set(args)
    assert ("--number-sections" in args) is (writer != "docx")  # Word headings: numbered by the filter
    assert standards == (["ua-1"] if writer == "typst" else [])


def test_an_option_the_fallback_cannot_apply_is_an_error():
    style = HouseStyle(folder=EXTENSION, options={"html": {"toc": True}})
    with pytest.raises(ValueError, match="option 'toc' \\(html\\) has no pandoc equivalent"):
        pandoc_arguments(style, "html")


def test_renderer_choice():
    assert choose_renderer("auto", None) == "pandoc"
    assert choose_renderer("auto", "/usr/bin/quarto") == "quarto"
    assert choose_renderer("pandoc", "/usr/bin/quarto") == "pandoc"
    with pytest.raises(PipelineError, match="geen quarto-programma gevonden"):
        choose_renderer("quarto", None)


def test_the_colophon_names_the_renderer():
    assert (
        renderer_sentence({"renderer": "pandoc", "pandoc": "3.9", "typst": "0.15.2"})
        == "Opgemaakt met pandoc 3.9 en Typst 0.15.2."
    )
    assert (
        renderer_sentence({"renderer": "quarto", "quarto": "1.10.18", "pandoc": "3.9", "typst": "0.15.2"})
        == "Opgemaakt met Quarto 1.10.18 (pandoc 3.9, Typst 0.15.2)."
    )


@pytest.mark.parametrize(
    "output, expected",
    [
        (
            "pandoc\n\x1b[1mmetadata\x1b[22m\nerror: unknown variable: kapot\n  ┌─ x.typ:3:2\n"
            "\x1b[91mERROR: Typst compilation failed\x1b[39m",
            "error: unknown variable: kapot",
        ),
        (
            "Error running filter factsheet.lua:\nfactsheet.lua:3: attempt to call a nil value",
            "Error running filter factsheet.lua: factsheet.lua:3: attempt to call a nil value",
        ),
        ("[WARNING] something\nCould not find image 'x.png'", "Could not find image 'x.png'"),
        (
            "\x1b[91mERROR: error: file not found (searched at x.png)\x1b[39m\nERROR: Typst compilation failed",
            "error: file not found (searched at x.png)",
        ),
        ("", "geen melding"),
    ],
)
def test_a_failure_quotes_the_first_error_line(output, expected):
    assert first_error_line(output) == expected


# --- the filter (the same in both renderers) ------------------------------------------------------------

SAMPLE = """
# Resultaten {#sec:resultaten}

Tekst (@fig:een, @tbl:een, @box:een); @Fig:een staat in @sec:resultaten, @sec:bijlage beschrijft.

![Onderschrift.](fig.png){#fig:een fig-alt="Wat de figuur laat zien" alt="Wat de figuur laat zien"}

::: {.figuurdata figuur="fig:een"}
| stap | n |
|:-----|--:|
| respons | 195 |
:::

| a | b |
|:--|--:|
| x | 1 |

: Een tabel. {#tbl:een}

::: {#box:een .tekstbox titel="Uitgelicht"}
Inhoud van de box.
:::

## Onderdeel

### Een thema

# Methode {#sec:bijlage .bijlage}

::: {.bijlage-figuurgegevens}
# Gegevens bij de figuren {.bijlage}
:::
"""


def test_filter_numbers_and_resolves_cross_references():
    html = pypandoc.convert_text(SAMPLE, "html", format="markdown", extra_args=[f"--lua-filter={FILTER}"])
    text = re.sub(r"\s+([;),.])|(\()\s+", r"\1\2", " ".join(re.sub(r"<[^>]+>", " ", html).split()))
    assert "Tekst (figuur 1, tabel 1, tekstbox 1); Figuur 1 staat in hoofdstuk 1, bijlage 1 beschrijft." in text
    assert "Figuur 1: Onderschrift." in text and "Tabel 1: Een tabel." in text
    assert "Tekstbox 1: Uitgelicht Inhoud van de box." in text
    assert "Bijlage 1: Methode" in text and "Gegevens bij de figuren" not in text  # HTML: under the figure


def test_an_unknown_cross_reference_is_an_error():
    with pytest.raises(RuntimeError, match="onbekende verwijzing @fig:twee"):
        pypandoc.convert_text("Zie @fig:twee.", "plain", format="markdown", extra_args=[f"--lua-filter={FILTER}"])


def test_headings_skip_no_level_and_only_two_levels_are_numbered():
    doc = json.loads(
        pypandoc.convert_text(
            "# Een\n\n### Onder een\n\n## Twee\n\n### Drie",
            "json",
            format="markdown",
            extra_args=[f"--lua-filter={FILTER}"],
        )
    )
    headers = [(b["c"][0], b["c"][1][1]) for b in doc["blocks"] if b["t"] == "Header"]
    assert headers == [(1, []), (2, ["unnumbered"]), (2, []), (3, ["unnumbered"])]


def test_filter_keeps_figure_data_under_the_figure_in_html():
    html = pypandoc.convert_text(SAMPLE, "html", format="markdown", extra_args=[f"--lua-filter={FILTER}"])
    assert '<details class="figuurdata"><summary>Gegevens bij figuur 1</summary>' in html
    assert html.index("<img") < html.index("<details") < html.index(">respons</td>")
    details = html[html.index("<details") : html.index("</details>")]
    assert "<caption" not in details  # the summary names the table
    assert "Gegevens bij de figuren" not in html


def test_filter_puts_a_numbered_table_in_a_scroll_box_in_html():
    html = pypandoc.convert_text(SAMPLE, "html", format="markdown", extra_args=[f"--lua-filter={FILTER}"])
    boxes = [" ".join(box.split()) for box in re.findall(r'<div class="tabel-kader"([^>]*)>\s*<table', html)]
    assert boxes == [
        'tabindex="0" role="region" aria-label="Tabel 1"'
    ]  # not the figure's data: it scrolls in <details>
    native = pypandoc.convert_text(SAMPLE, "native", format="markdown", extra_args=[f"--lua-filter={FILTER}"])
    assert "tabel-kader" not in native  # only HTML scrolls; the PDF and Word pages have the table as it is


def test_filter_moves_figure_data_to_the_appendix_in_pdf():
    typst = pypandoc.convert_text(SAMPLE, "typst", format="markdown", extra_args=[f"--lua-filter={FILTER}"])
    assert typst.index("Bijlage 2: Gegevens bij de figuren") < typst.index("[respons]")
    assert 'image("fig.png", alt: "Wat de figuur laat zien")' in typst  # alt text into the PDF
    assert "Gegevens bij figuur 1: Onderschrift." in typst  # the table gets its caption
    assert "#tekstbox[" in typst and "] <box:een>" in typst
    assert re.search(
        r"#tekstbox\[\s*#block\(sticky: true\)\[\s*#strong\[Tekstbox 1: Uitgelicht\]\s*\]", typst
    )  # title stays


def test_filter_numbers_word_headings_like_the_pdf(tmp_path):
    out = tmp_path / "t.docx"
    pypandoc.convert_text(SAMPLE, "docx", format="markdown", outputfile=str(out), extra_args=[f"--lua-filter={FILTER}"])
    text = documents.docx_text(out)
    assert "1. Resultaten" in text and "1.1 Onderdeel" in text and "Bijlage 1: Methode" in text
    assert (
        "1. Bijlage" not in text and "1.1.1" not in text and text.index("Bijlage 2: Gegevens") < text.index("respons")
    )
    with zipfile.ZipFile(out) as docx:
        document = docx.read("word/document.xml").decode("utf-8")
    assert 'w:val="Tekstbox"' in document
    title = document.index('w:val="Tekstboxtitel"')  # keeps with the next paragraph in Word
    assert document.index("Tekstbox 1: Uitgelicht") > title > document.rindex("<w:p>", 0, title)


# --- rendering in a staging folder ---------------------------------------------------------------------


def small_source(folder: Path) -> tuple[Path, list[Path]]:
    """A one-figure source laid out as in the results folder (factsheet/ beside figuren/)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    (folder / "figuren").mkdir(parents=True)
    (folder / "factsheet").mkdir()
    figures = []
    for ext in ("png", "svg"):
        fig, ax = plt.subplots(figsize=(2, 1))
        ax.bar([1, 2], [3, 4])
        fig.savefig(folder / f"figuren/fig.{ext}", metadata={"Software": None} if ext == "png" else {"Date": None})
        plt.close(fig)
        figures.append(folder / f"figuren/fig.{ext}")
    source = folder / "factsheet/doc.qmd"
    source.write_text(
        '---\ntitle: "Proef"\nsubtitle: "Ondertitel"\nauthor: "RIVM"\nlang: nl\n'
        'bouwdatum: "2021-01-01"\n---\n' + SAMPLE.replace("](fig.png)", "](../figuren/fig)"),
        encoding="utf-8",
    )
    return source, figures


def test_pandoc_leaves_only_the_requested_documents(tmp_path):
    source, figures = small_source(tmp_path)
    outputs = {fmt: tmp_path / "factsheet" / f"doc.{fmt}" for fmt in DOCUMENTS}
    render(source, outputs, figures, EXTENSION, "pandoc", None, 1609459200)
    assert sorted(p.name for p in (tmp_path / "factsheet").iterdir()) == ["doc.docx", "doc.html", "doc.pdf", "doc.qmd"]
    structure = documents.pdf_structure(outputs["pdf"])
    assert structure["figures"] == ["Wat de figuur laat zien"] and structure["lang"] == "nl"


def test_a_typst_error_is_one_line_naming_the_format(tmp_path):
    source, figures = small_source(tmp_path / "run")
    broken = tmp_path / "rivm"
    shutil.copytree(EXTENSION, broken)
    with (broken / "typst-template.typ").open("a", encoding="utf-8") as template:
        template.write("\n#kapotte-functie()\n")
    with pytest.raises(PipelineError) as raised:
        render(source, {"pdf": tmp_path / "run/factsheet/doc.pdf"}, figures, broken, "pandoc", None, 0)
    assert str(raised.value) == "typst (pdf) mislukt: unknown variable: kapotte-functie"
    assert not (tmp_path / "run/factsheet/doc.pdf").exists()


def test_the_alt_text_check_finds_a_figure_without_one(tmp_path):
    import typst

    (tmp_path / "doc.typ").write_text(
        "#set document(title: [Proef])\n#figure(rect(), caption: [Zonder alt])\n"
        "#figure(image(bytes(\"<svg xmlns='http://www.w3.org/2000/svg'/>\"), "
        'format: "svg"), caption: [Zonder alt])\n',
        encoding="utf-8",
    )
    typst.compile(str(tmp_path / "doc.typ"), output=str(tmp_path / "doc.pdf"))
    assert None in documents.pdf_structure(tmp_path / "doc.pdf")["figures"]


# --- the Typst version the colophon, weergave.json and the manifest report --------------------------------


def test_the_typst_version_is_the_compilers_not_the_python_packages():
    import typst

    compiler = json.loads(typst.eval(b"", "str(sys.version)"))  # the compiler's own `sys.version`
    pdf = typst.compile(b"#set document(title: [Proef])\n= Proef", font_paths=[font_dir()], ignore_system_fonts=True)
    assert typst_creator_version(pdf) == compiler  # what the PDF names as its creator
    assert tool_versions("pandoc", None)["typst"] == compiler  # the PyPI package `typst` has a version of its own


def test_the_typst_version_is_read_from_the_pdfs_creator():
    assert typst_creator_version(b"%PDF-1.7\n<< /Creator (Typst 0.13.1) /Producer (x) >>") == "0.13.1"
    assert typst_creator_version(b"%PDF-1.7\n<< /Creator (LaTeX with hyperref) >>") is None


@needs_quarto
def test_quartos_typst_version_is_the_compiler_that_makes_its_pdfs(tmp_path):
    (tmp_path / "doc.typ").write_text("= Proef\n", encoding="utf-8")
    made = subprocess.run([QUARTO, "typst", "compile", "doc.typ", "doc.pdf"], cwd=tmp_path, capture_output=True)
    assert made.returncode == 0, made.stderr
    creator = typst_creator_version((tmp_path / "doc.pdf").read_bytes())
    assert creator and tool_versions("quarto", QUARTO)["typst"] == creator


# --- the rendered example --------------------------------------------------------------------------------


def factsheet_folder(run: Path, year: int = 2020) -> Path:
    return run / f"results/{year}/factsheet"


@pytest.mark.e2e
def test_factsheet_folder_holds_only_the_declared_outputs(example_run):
    assert sorted(p.name for p in factsheet_folder(example_run).iterdir()) == [
        "factsheet_2020.docx",
        "factsheet_2020.html",
        "factsheet_2020.pdf",
        "factsheet_2020.qmd",
        "getallen.csv",
        "weergave.json",
    ]


@pytest.mark.e2e
def test_pdf_is_tagged_with_language_title_and_alt_text_for_every_figure(example_run):
    structure = documents.pdf_structure(factsheet_folder(example_run) / "factsheet_2020.pdf")
    assert structure["tagged"] and structure["lang"] == "nl"
    assert structure["title"] == "Samenwerking tussen gemeenten en zorgverzekeraars rond preventie in 2020"
    alts = [
        (example_run / f"results/2020/figuren/{name}.alt.txt").read_text(encoding="utf-8").strip() for name in FIGURES
    ]
    assert structure["figures"] == [alt.replace('"', "'") for alt in alts]


@pytest.mark.e2e
def test_pdf_and_docx_carry_the_data_behind_every_figure_in_an_appendix(example_run):
    folder = factsheet_folder(example_run)
    for text in (
        documents.pdf_text(folder / "factsheet_2020.pdf"),
        documents.docx_text(folder / "factsheet_2020.docx"),
    ):
        appendix = text[text.index("Bijlage 2: Gegevens bij de figuren") :]
        for number in range(1, len(FIGURES) + 1):
            assert f"Gegevens bij figuur {number}:" in appendix
        assert "Amsterdam 9 0 9" in appendix  # a row of the map's data


@pytest.mark.e2e
def test_docx_is_a4_in_the_house_font_with_alt_text(example_run):
    import html

    with zipfile.ZipFile(factsheet_folder(example_run) / "factsheet_2020.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
        styles = docx.read("word/styles.xml").decode("utf-8")
    page = re.search(r"<w:pgSz [^>]*>", body).group(0)
    assert 'w:w="11906"' in page and 'w:h="16838"' in page  # A4 in twentieths of a point
    assert 'w:ascii="DejaVu Sans"' in styles  # as the PDF and the HTML
    alts = [
        (example_run / f"results/2020/figuren/{name}.alt.txt").read_text(encoding="utf-8").strip() for name in FIGURES
    ]
    assert [html.unescape(d) for d in re.findall(r'<wp:docPr [^>]*descr="([^"]*)"', body)] == [
        alt.replace('"', "'") for alt in alts
    ]


# --- layout of the PDF ----------------------------------------------------------------------------------


def first_page_with(pages: list[str], pattern: str) -> int:
    return next(i for i, page in enumerate(pages) if re.search(pattern, documents.normalise(page)))


@pytest.mark.e2e
def test_every_figure_stands_at_or_right_after_its_first_mention(example_run):
    pages = documents.pdf_pages(factsheet_folder(example_run) / "factsheet_2020.pdf")
    for number in range(1, len(FIGURES) + 1):
        mentioned = first_page_with(pages, rf"[Ff]iguur {number}\b(?!:)")
        shown = first_page_with(pages, rf"Figuur {number}: ")
        assert 0 <= shown - mentioned <= 1, (number, mentioned + 1, shown + 1)


def body_lines(page: str) -> list[str]:
    """A page's lines without the running header (first line) and the footer (page number)."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines[1:] if not re.search(r"\d+ / \d+$", line)]


@pytest.mark.e2e
def test_no_sentence_is_split_around_a_figure(example_run):
    pages = documents.pdf_pages(factsheet_folder(example_run) / "factsheet_2020.pdf")
    for number in range(1, len(FIGURES) + 1):
        shown = first_page_with(pages, rf"Figuur {number}: ")
        lines = body_lines(pages[shown])
        at = next(i for i, line in enumerate(lines) if line.startswith(f"Figuur {number}: "))
        before = lines[at - 1] if at > 0 else body_lines(pages[shown - 1])[-1]  # top of page: see the last
        assert before.endswith((".", ":", ")")), (number, before)  # page; the text ends there


@pytest.mark.e2e
def test_no_heading_is_stranded_at_the_foot_of_a_page(example_run):
    source = (factsheet_folder(example_run) / "factsheet_2020.qmd").read_text(encoding="utf-8")
    headings = {
        re.sub(r"\s*\{.*\}$", "", line.lstrip("#").strip())
        for line in source.splitlines()
        if re.match(r"#{1,4} ", line)
    }
    pages = documents.pdf_pages(factsheet_folder(example_run) / "factsheet_2020.pdf")
    for number, page in enumerate(pages[:-1], start=1):
        last = re.sub(r"^(Bijlage \d+: |[\d.]+\s*)", "", body_lines(page)[-1])
        assert last not in headings, (number, last)


def box_opening(path: Path) -> tuple[str, str]:
    """A text box's title and the first words of its first paragraph (after any notice)."""
    text = path.read_text(encoding="utf-8")
    title = re.search(r"^# +(.+)$", text, flags=re.M).group(1)
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip() and not p.lstrip().startswith(("#", ">"))]
    return title, " ".join(paragraphs[0].split()[:6])


@pytest.mark.e2e
def test_a_text_box_title_stays_with_its_text(example_run):
    pages = [documents.normalise(p) for p in documents.pdf_pages(factsheet_folder(example_run) / "factsheet_2020.pdf")]
    boxes = sorted((ROOT / "reports/teksten/2020").glob("tekstbox_*.md"))
    assert boxes
    for number, path in enumerate(boxes, start=1):
        title, opening = box_opening(path)
        at = next(i for i, page in enumerate(pages) if f"Tekstbox {number}: {title}" in page)
        assert opening in pages[at], (path.name, at + 1, opening)


@pytest.mark.e2e
def test_title_is_not_hyphenated_and_long_tables_repeat_their_header(example_run):
    pages = documents.pdf_pages(factsheet_folder(example_run) / "factsheet_2020.pdf")
    assert "zorgverzekeraars rond preventie in 2020" in documents.normalise(pages[0])
    start = first_page_with(pages, r"Gegevens bij figuur 3:")
    end = first_page_with(pages, r"Gegevens bij figuur 4:")
    assert end > start  # the table runs over pages ...
    for page in pages[start + 1 : end + 1]:  # ... and each page starts with its header
        first = page.splitlines()[1]  # below the running header
        assert first.startswith(("Gemeente Mate van samenwerking", "Gegevens bij figuur 4:")), first


# --- Quarto and pandoc give the same document --------------------------------------------------------------


def without_colophon(text: str, folder: Path) -> str:
    """The text without the one sentence that names the renderer (from weergave.json)."""
    sentence = renderer_sentence(json.loads((folder / "weergave.json").read_text(encoding="utf-8")))
    assert text.count(sentence) == 1, sentence
    return text.replace(sentence, "")


@pytest.fixture(scope="module")
def both_renderers(example_run, tmp_path_factory) -> dict[str, Path]:
    """The example's factsheet by Quarto (the example run, renderer auto) and by pandoc (a copy
    of that run with report.renderer: pandoc, which reruns only the factsheet)."""
    copy = tmp_path_factory.mktemp("pandoc")
    shutil.copytree(example_run, copy, dirs_exist_ok=True)
    (copy / "pandoc.yaml").write_text("report:\n  renderer: pandoc\n", encoding="utf-8")
    result = run_snakemake(copy, "--configfile", "config/config.yaml", "pandoc.yaml")
    assert result.returncode == 0, result.stderr[-3000:]
    return {"quarto": factsheet_folder(example_run), "pandoc": factsheet_folder(copy)}


@needs_quarto
@pytest.mark.e2e
def test_quarto_and_pandoc_give_the_same_document(both_renderers):
    quarto, pandoc = both_renderers["quarto"], both_renderers["pandoc"]
    assert json.loads((quarto / "weergave.json").read_text())["renderer"] == "quarto"
    assert json.loads((pandoc / "weergave.json").read_text())["renderer"] == "pandoc"
    readers = {"html": lambda p: documents.html_page(p).text, "pdf": documents.pdf_text, "docx": documents.docx_text}
    for fmt, read in readers.items():
        texts = {name: read(folder / f"factsheet_2020.{fmt}") for name, folder in both_renderers.items()}
        assert "Opgemaakt met Quarto" in texts["quarto"] and "Opgemaakt met pandoc" in texts["pandoc"]
        assert without_colophon(texts["quarto"], quarto) == without_colophon(texts["pandoc"], pandoc), fmt
    for folder in (quarto, pandoc):  # the same figures, captions and numbers in every format
        texts = [
            documents.html_page(folder / "factsheet_2020.html").text,
            documents.pdf_text(folder / "factsheet_2020.pdf"),
            documents.docx_text(folder / "factsheet_2020.docx"),
        ]
        for number, caption in enumerate(FIGURES.values(), start=1):
            assert all(f"Figuur {number}: {caption} (2020)" in text for text in texts), (folder, number)
        assert len(documents.html_page(folder / "factsheet_2020.html").images) == len(FIGURES)
        assert (
            documents.pdf_structure(folder / "factsheet_2020.pdf")["figures"]
            == documents.pdf_structure(quarto / "factsheet_2020.pdf")["figures"]
        )
        with zipfile.ZipFile(folder / "factsheet_2020.docx") as docx:
            assert sum(n.startswith("word/media/") for n in docx.namelist()) == len(FIGURES)
    pages = {name: len(documents.pdf_pages(folder / "factsheet_2020.pdf")) for name, folder in both_renderers.items()}
    assert abs(pages["quarto"] - pages["pandoc"]) <= 1, pages


@pytest.mark.e2e
def test_colophon_weergave_and_manifest_name_the_typst_that_made_the_pdf(both_renderers):
    for folder in both_renderers.values():
        rendering = json.loads((folder / "weergave.json").read_text(encoding="utf-8"))
        creator = typst_creator_version((folder / "factsheet_2020.pdf").read_bytes())
        assert creator and rendering["typst"] == creator, folder
        manifest = json.loads((folder.parent / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["weergave"]["typst"] == creator
        for text in (
            documents.html_page(folder / "factsheet_2020.html").text,
            documents.pdf_text(folder / "factsheet_2020.pdf"),
        ):
            assert f"Typst {creator}" in " ".join(text.split())


@pytest.mark.e2e
def test_a_failing_render_is_one_fout_line_and_leaves_no_document(example_run, tmp_path):
    shutil.copytree(example_run, tmp_path, dirs_exist_ok=True)
    with (tmp_path / "reports/_extensions/rivm/typst-template.typ").open("a", encoding="utf-8") as template:
        template.write("\n#kapotte-functie()\n")
    result = run_snakemake(tmp_path, "--config", "report={formats: [pdf]}")  # only the PDF: quicker
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("FOUT [")]
    assert len(errors) == 1, errors
    assert re.fullmatch(
        r"FOUT \[factsheet 2020\]: (quarto render|typst) \(pdf\) mislukt: "
        r"(error: )?unknown variable: kapotte-functie",
        errors[0],
    ), errors[0]
    assert "Traceback" not in result.stderr
    folder = factsheet_folder(tmp_path)  # no document of this run, no scratch file of the renderer
    left = sorted(p.name for p in folder.iterdir()) if folder.exists() else []
    assert left == ["factsheet_2020.docx", "factsheet_2020.html"]  # the copied run's, not asked for here


@pytest.mark.e2e
def test_short_tables_stay_on_one_page_and_word_repeats_table_headers(example_run):
    folder = factsheet_folder(example_run)
    source = (folder / "factsheet_2020.qmd").read_text(encoding="utf-8")
    pages = [documents.normalise(page) for page in documents.pdf_pages(folder / "factsheet_2020.pdf")]
    tables = [
        (rows, f"Tabel {number}")
        for number, rows in enumerate(re.findall(r"((?:^\|.*\|\n)+)\n: .*\{#tbl:[^}]+\}$", source, flags=re.M), start=1)
    ]
    assert len(tables) >= 4
    for rows, label in tables:
        last_cell = rows.strip().splitlines()[-1].split("|")[1].strip(" *")
        page = next(p for p in pages if f"{label}:" in p)
        assert last_cell in page[page.index(f"{label}:") :], label  # caption to last row: one page
    with zipfile.ZipFile(folder / "factsheet_2020.docx") as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert body.count("<w:tbl>") == body.count('<w:tblHeader w:val="on" />') > 0


@pytest.mark.e2e
def test_html_figures_and_tables_scroll_sideways_in_a_labelled_focusable_box(example_run):
    html = (factsheet_folder(example_run) / "factsheet_2020.html").read_text(encoding="utf-8")
    boxes = re.findall(r'<div class="figuur-beeld"([^>]*)>', html)
    assert len(boxes) == len(FIGURES)
    for number, attributes in enumerate(boxes, start=1):
        assert 'tabindex="0"' in attributes and 'role="region"' in attributes
        assert f'aria-label="Figuur {number}"' in attributes
    css = (EXTENSION / "factsheet.css").read_text(encoding="utf-8")
    assert re.search(r"\.figuur-beeld img \{[^}]*width: 100%;[^}]*min-width: 560px", css)
    tables = re.findall(r'<div class="tabel-kader"([^>]*)>\s*<table', html)
    assert len(tables) == len(re.findall(r"<caption>Tabel \d+:", html)) >= 4  # every numbered table
    for number, attributes in enumerate(tables, start=1):
        assert f'tabindex="0" role="region" aria-label="Tabel {number}"' in " ".join(attributes.split())
