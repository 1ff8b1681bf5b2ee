"""Write reports/reference.docx: the Word styles of the DOCX factsheet.

Starts from the reference document of the pinned pandoc and changes only what the house
style needs (font, heading and accent colours), so Word users get headings, captions and
tables that they can restyle and comment on. Deterministic: fixed zip entry times.

    .venv/bin/python reports/maak_referentiedocument.py
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pypandoc

OUT = Path(__file__).resolve().parent / "reference.docx"
FONT = "Arial"  # available wherever Word is
REPLACEMENTS = {
    "word/styles.xml": [
        ('w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"',
         f'w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"'),
        ('w:asciiTheme="majorHAnsi" w:eastAsiaTheme="majorEastAsia" w:hAnsiTheme="majorHAnsi" w:cstheme="majorBidi"',
         f'w:ascii="{FONT}" w:eastAsia="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}"'),
        ('w:color w:val="0F4761"', 'w:color w:val="154273"'),   # headings: dark blue
        ('w:color w:val="365F91"', 'w:color w:val="154273"'),
        ('w:color w:val="4F81BD"', 'w:color w:val="007BC7"'),   # accents
    ],
}


def default_reference() -> bytes:
    pandoc = pypandoc.get_pandoc_path()
    return subprocess.run([pandoc, "--print-default-data-file", "reference.docx"], check=True,
                          capture_output=True).stdout


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
