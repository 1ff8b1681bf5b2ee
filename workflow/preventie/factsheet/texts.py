"""The analysts' texts of a year (reports/teksten/<year>/): read, checked against the slots and
the metadata schema, and searched for years copied from an earlier factsheet."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import PipelineError, PipelineWarning

# The analysts' slots (reports/teksten/<year>/<slot>.md) and the text boxes (label after box:).
SLOTS = ("publiekssamenvatting", "inleiding", "ervaringen", "preventiecoalities", "perspectief")
BOXES = {"tekstbox_1": "uitgelicht", "tekstbox_2": "praktijk"}
TEXT_SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "teksten.schema.yaml"


@dataclass
class Texts:
    """What the analysts wrote for a year (reports/teksten/<year>/) and the shared sources."""

    slots: dict[str, str] = field(default_factory=dict)  # slot -> Markdown
    boxes: dict[str, dict[str, str]] = field(default_factory=dict)  # box label -> {"titel", "tekst"}
    metadata: dict = field(default_factory=dict)
    references: list[dict] = field(default_factory=list)  # CSL items of reports/teksten/bronnen.bib


FOOTNOTE = re.compile(r"\[\^([^\]\s]+)\]")
BOX_TITLE = re.compile(r"^# +(.+?)\s*$", flags=re.M)


def own_footnotes(text: str, slot: str) -> str:
    """Footnote labels made unique per file ([^1] -> [^inleiding-1]): every file may use [^1]."""
    return FOOTNOTE.sub(lambda m: f"[^{slot}-{m.group(1)}]", text)


def read_texts(paths: list[str], metadata: str | None, bibliography: str | None, folder: str, year: int) -> Texts:
    """The year's texts from their files: Markdown per slot, the metadata (checked against the
    year), the sources (if any)."""
    from ..io import read_bibliography, read_yaml

    files = {Path(p).stem: Path(p).read_text(encoding="utf-8") for p in paths}
    checked = check_metadata(read_yaml(metadata), metadata, year) if metadata is not None else None
    return parse_texts(files, checked, read_bibliography(bibliography) if bibliography is not None else [], folder)


def parse_texts(files: dict[str, str], metadata: dict | None, references: list[dict], folder: str) -> Texts:
    """The year's texts from its files (name without .md -> content), validated: a file that
    fills no slot, or a text box without a title, is an error naming the file."""
    known = (*SLOTS, *BOXES)
    texts = Texts(metadata=metadata or {}, references=references)
    for name, content in sorted(files.items()):
        source = f"{folder}/{name}.md"
        if name not in known:
            from ..codebook import closest

            near = closest(name, known, n=1)
            raise PipelineError(
                "dit bestand vult geen plek in de factsheet",
                file=source,
                hint=(
                    f"Bedoelt u {near[0]}.md?" if near else f"Bekende bestanden: {', '.join(f'{k}.md' for k in known)}"
                ),
            )
        text = own_footnotes(content.strip(), name)
        if name in BOXES:
            title = BOX_TITLE.search(text)
            if title is None:
                raise PipelineError("een tekstbox begint met een titel: '# Titel'", file=source)
            body = re.sub(r"\n{3,}", "\n\n", text[: title.start()] + text[title.end() :]).strip()
            texts.boxes[BOXES[name]] = {"titel": title.group(1).replace('"', "'"), "tekst": body}
        elif text:
            texts.slots[name] = text
    return texts


# A reference date may lie in the factsheet's year or in the first months after it (the
# inventory of a year can close early the next year); anything else is last year's date.
PEILDATUM_MONTHS_AFTER = 6


def check_metadata(raw: dict, source: str, year: int | None = None) -> dict:
    """The year's metadata.yaml against its schema; a problem names the file and the key. With
    `year`, the metadata must name that year (`jaar`; a folder copied from last year keeps last
    year's) and its reference date must lie in it, or in the first months after it."""
    import jsonschema

    from ..io import read_yaml

    doc = {k: (v.isoformat() if isinstance(v, date) else v) for k, v in raw.items()}
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(read_yaml(TEXT_SCHEMA)).iter_errors(doc))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(bovenste niveau)"
        raise PipelineError(f"ongeldig bij '{where}': {error.message}", file=source)
    if year is None:
        return raw
    if doc["jaar"] != year:
        raise PipelineError(
            f"'jaar' is {doc['jaar']}, maar dit zijn de teksten van de factsheet over {year}",
            file=source,
            hint=f"Een map die van {doc['jaar']} is gekopieerd: werk elke tekst bij voor {year} en zet dan "
            f"'jaar: {year}'",
        )
    later = sorted(y for y in doc.get("jaartallen", []) if y >= year)
    if later:
        raise PipelineError(
            f"'jaartallen' noemt {', '.join(map(str, later))}: alleen jaren vóór {year} kunnen hier staan",
            file=source,
            hint="Een jaartal na het jaar van de factsheet (een vooruitblik) geeft elk jaar een waarschuwing, zodat "
            "iemand het nakijkt; haal het uit de lijst",
        )
    peildatum = doc.get("peildatum")
    if peildatum:
        day = date.fromisoformat(peildatum)
        last = date(year + 1, PEILDATUM_MONTHS_AFTER, 30)
        if not date(year, 1, 1) <= day <= last:
            raise PipelineError(
                f"'peildatum' {peildatum} ligt niet in {year} (of de eerste maanden erna, tot en met "
                f"{last.isoformat()})",
                file=source,
                hint="Vul de peildatum van de inventarisatie van dit jaar in",
            )
    return raw


# A year written in the analysts' text (not part of a word, a number or a path).
LITERAL_YEAR = re.compile(r"(?<![\w/.,])(?:19|20)\d\d(?![\w/])")


def foreign_years(texts: Texts, year: int, trend_years, folder: str) -> list[str]:
    """A warning for every year the analysts' texts (and the metadata's phrases) name that is not
    the factsheet's year, a year of its trend or one of the metadata's `jaartallen` (years before
    the factsheet's that were checked), with its file and paragraph: text copied from an earlier
    factsheet shows itself this way. A year after the factsheet's (an outlook) is always named."""
    allowed = {year, *trend_years, *(y for y in texts.metadata.get("jaartallen", []) if y < year)}
    files = {f"{slot}.md": text for slot, text in texts.slots.items()}
    names = {label: name for name, label in BOXES.items()}
    files.update({f"{names[label]}.md": f"# {box['titel']}\n\n{box['tekst']}" for label, box in texts.boxes.items()})
    meta = texts.metadata
    phrases = [*meta.get("inventarisatie", {}).values(), *meta.get("interviews", {}).get("met", [])]
    if phrases:  # the metadata's phrases are printed in the methods too
        files["metadata.yaml"] = "\n\n".join(phrases)
    found = []
    for name, text in sorted(files.items()):
        for paragraph in re.split(r"\n\s*\n", text):
            words = " ".join(paragraph.split())
            words = words[:80] + ("…" if len(words) > 80 else "")
            for named in sorted({int(m.group()) for m in LITERAL_YEAR.finditer(paragraph)} - allowed):
                why = (
                    f"ligt na {year}: klopt deze vooruitblik voor dit jaar?"
                    if named > year
                    else f"is niet het jaar van de factsheet en geen jaar van de trend. Tekst van een eerder jaar? "
                    f"Werk hem bij, of zet {named} onder 'jaartallen' in metadata.yaml als het klopt"
                )
                found.append(
                    PipelineWarning(f"{folder}/{name}: jaartal {named} {why} (alinea '{words}')", "jaartal_in_tekst")
                )
    return found


def cited(texts: Texts) -> list[str]:
    """The keys of the sources the texts cite, in order of first citation."""
    keys = [item["id"] for item in texts.references]
    order = []
    for text in [*texts.slots.values(), *(b["tekst"] for b in texts.boxes.values())]:
        for key in re.findall(r"@([\w:-]+)", text):
            if key in keys and key not in order:
                order.append(key)
    return order
