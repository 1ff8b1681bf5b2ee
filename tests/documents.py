"""Reading the rendered factsheet as a reader (or an assistive technology) gets it."""

from __future__ import annotations

import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from preventie.factsheet.printed_numbers import digit_words, untraced

ROOT = Path(__file__).resolve().parents[1]

# HTML elements after which a reader sees a break: text on either side are separate words.
BLOCK_TAGS = {
    "p",
    "div",
    "li",
    "td",
    "th",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "figcaption",
    "caption",
    "summary",
    "header",
    "section",
    "figure",
    "table",
    "br",
    "dt",
    "dd",
    "blockquote",
    "ol",
    "ul",
}


class HtmlPage(HTMLParser):
    """Visible text, images and the document language of an HTML page."""

    def __init__(self):
        super().__init__()
        self.parts, self.images, self.lang, self._skip = [], [], None, 0
        self._spans: list[bool] = []  # per open span: whether it is a traced number's hidden source

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "img":
            self.images.append(attrs)
        hidden = tag == "span" and "getal-bron" in (attrs.get("class") or "").split()
        if tag == "span":
            self._spans.append(hidden)
        if tag in ("style", "script", "title") or hidden:
            self._skip += 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if tag in ("style", "script", "title") or (tag == "span" and self._spans and self._spans.pop()):
            self._skip -= 1
        if tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return normalise("".join(self.parts))


def normalise(text: str) -> str:
    """White space collapsed; a word hyphenated at a line end joined again. (pypdf reads a
    PDF's hyphen as a soft hyphen: one at a line end split a word, any other is a hyphen.)"""
    text = re.sub(r"\u00ad\s+", "", text).replace("\u00ad", "-").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip()


def html_page(path: Path) -> HtmlPage:
    page = HtmlPage()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def pdf_pages(path: Path) -> list[str]:
    """The text of every page of a PDF, as pypdf extracts it."""
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(path).pages]


def pdf_text(path: Path) -> str:
    return normalise(" ".join(pdf_pages(path)))


def docx_text(path: Path) -> str:
    with zipfile.ZipFile(path) as docx:
        xml = docx.read("word/document.xml").decode("utf-8")
    xml = re.sub(r"</w:p>|<w:tab ?/>|<w:br ?/>", " ", xml)
    return normalise(re.sub(r"<[^>]+>", "", xml))


def pdf_structure(path: Path) -> dict:
    """What the PDF's structure tree tells an assistive technology: tagged or not, language,
    title, and the alt text of every Figure element (None where it has none)."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    reader = PdfReader(path)
    root = reader.trailer["/Root"]
    figures: list[str | None] = []

    def walk(node) -> None:
        node = node.get_object()
        if node.get("/S") == "/Figure":
            alt = node.get("/Alt")
            figures.append(str(alt) if alt else None)
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [] if kids is None else [kids]
        for kid in kids:
            kid = kid.get_object() if isinstance(kid, IndirectObject) else kid
            if hasattr(kid, "get") and "/S" in kid:
                walk(kid)

    tree = root.get("/StructTreeRoot")
    if tree is not None:
        walk(tree)
    mark_info = root.get("/MarkInfo") or {}
    return {
        "tagged": bool(mark_info.get("/Marked")) and tree is not None,
        "lang": str(root.get("/Lang") or ""),
        "title": (reader.metadata or {}).get("/Title"),
        "figures": figures,
    }


# --- digits of the running text (the exact no-hand-typed-numbers test) ---------------------

# Names with digits the analysts' texts may use (COVID-19), besides printed_numbers.ALLOWED_DIGITS.
DIGIT_WORDS = digit_words((ROOT / "reports/teksten/cijferwoorden.txt").read_text(encoding="utf-8"))
# Elements whose digits are not running text: traced numbers (class getal, their hidden source
# included), citations and the bibliography, heading numbers, footnote marks, and the data under
# each figure (figuren/<naam>.csv as it is).
SKIP_CLASSES = {"getal", "citation", "header-section-number", "footnote-ref", "footnote-back", "figuurdata"}
SKIP_IDS = {"refs"}
VOID = {"img", "br", "hr", "meta", "link", "input", "col", "source", "wbr"}


class RunningText(HTMLParser):
    """The text a reader sees, without the elements of SKIP_CLASSES and SKIP_IDS."""

    def __init__(self):
        super().__init__()
        self.open: list[tuple[str, bool]] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        skip = (
            bool(SKIP_CLASSES & set((attrs.get("class") or "").split()))
            or attrs.get("id") in SKIP_IDS
            or tag in ("head", "style", "script")
        )
        self.open.append((tag, skip))
        self.parts.append(" ")

    def handle_endtag(self, tag):
        while self.open and self.open.pop()[0] != tag:
            pass
        self.parts.append(" ")

    def handle_data(self, data):
        if not any(skip for _, skip in self.open):
            self.parts.append(data)


def untraced_in_page(html: str) -> list[str]:
    """Digits in the running text of a page that are no traced number and not allowed."""
    reader = RunningText()
    reader.feed(html)
    return untraced(re.sub(r"\s+", " ", "".join(reader.parts)), DIGIT_WORDS)
