"""Write reports/_extensions/rivm/reference.docx: the Word styles of the DOCX factsheet.

Starts from the reference document of the pinned pandoc and changes only what the house
style needs: A4 with the margins of the PDF, the font of the PDF and the HTML (DejaVu Sans;
Word substitutes a sans-serif where it is not installed), Dutch as the language, and the
heading and accent colours. Word users get headings, captions and tables that they can
restyle and comment on. Deterministic: fixed zip entry order and times.

    .venv/bin/python reports/maak_referentiedocument.py
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pypandoc

OUT = Path(__file__).resolve().parent / "_extensions" / "rivm" / "reference.docx"
FONT = "DejaVu Sans"
# A4 (twentieths of a point) with the PDF's margins: 2.2 cm left and right, 2.4 cm top and bottom.
PAGE = (
    '<w:pgSz w:w="11906" w:h="16838" />'
    '<w:pgMar w:top="1361" w:right="1247" w:bottom="1361" w:left="1247" w:header="709" w:footer="709"'
    ' w:gutter="0" />'
)
# Text boxes (factsheet.lua gives their paragraphs this style): a blue rule on the left, shaded.
BOX_STYLE = (
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Tekstbox"><w:name w:val="Tekstbox"/>'
    '<w:basedOn w:val="BodyText"/><w:qFormat/><w:pPr><w:pBdr><w:left w:val="single" w:sz="18" '
    'w:space="8" w:color="154273"/></w:pBdr><w:shd w:val="clear" w:color="auto" w:fill="EEF3F8"/>'
    '<w:ind w:left="284" w:right="284"/></w:pPr></w:style>'
    # its title stays on the page of the text after it
    '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Tekstboxtitel"><w:name w:val="Tekstboxtitel"/>'
    '<w:basedOn w:val="Tekstbox"/><w:next w:val="Tekstbox"/><w:qFormat/><w:pPr><w:keepNext/></w:pPr>'
    "<w:rPr><w:b/></w:rPr></w:style>"
)
FONT_ENTRY = (
    f'<w:font w:name="{FONT}"><w:panose1 w:val="020B0603030804020204"/><w:charset w:val="00"/>'
    '<w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
)
REPLACEMENTS = {
    "word/styles.xml": [
        (
            'w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"',
            f'w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"',
        ),
        (
            'w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"',
            f'w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"',
        ),
        ('<w:sz w:val="24" />\n        <w:szCs w:val="24" />', '<w:sz w:val="20" />\n        <w:szCs w:val="20" />'),
        ('<w:lang w:val="en-US"', '<w:lang w:val="nl-NL"'),
        ('w:color w:val="0F4761"', 'w:color w:val="154273"'),  # headings: dark blue
        ('w:color w:val="365F91"', 'w:color w:val="154273"'),
        ('w:color w:val="4F81BD"', 'w:color w:val="007BC7"'),  # accents
        ("</w:styles>", BOX_STYLE + "</w:styles>"),
    ],
    # headings use the theme's fonts
    "word/theme/theme1.xml": [
        ('<a:latin typeface="Aptos Display"', f'<a:latin typeface="{FONT}"'),
        ('<a:latin typeface="Aptos"', f'<a:latin typeface="{FONT}"'),
    ],
    "word/fontTable.xml": [('<w:font w:name="Aptos">', FONT_ENTRY + '<w:font w:name="Aptos">')],
    # after footnotePr: the order the schema of sectPr prescribes
    "word/document.xml": [("</w:footnotePr>\n    </w:sectPr>", "</w:footnotePr>" + PAGE + "\n    </w:sectPr>")],
}


def default_reference() -> bytes:
    pandoc = pypandoc.get_pandoc_path()
    return subprocess.run(
        [pandoc, "--print-default-data-file", "reference.docx"], check=True, capture_output=True
    ).stdout


def restyle(docx: bytes) -> bytes:
    """The reference document with the house-style replacements, zip entries in fixed order and time."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for name in sorted(source.namelist()):
            data = source.read(name)
            for old, new in REPLACEMENTS.get(name, []):
                text = data.decode("utf-8")
                if old not in text:
                    raise SystemExit(f"{name}: '{old}' niet gevonden; is pandoc bijgewerkt?")
                data = text.replace(old, new).encode("utf-8")
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, data)
    return buffer.getvalue()


def main() -> int:
    OUT.write_bytes(restyle(default_reference()))
    print(f"geschreven: {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
