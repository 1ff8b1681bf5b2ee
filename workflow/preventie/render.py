"""Rendering the resolved factsheet source to HTML, PDF and DOCX, with Quarto or with pandoc.

The house style is one Quarto format extension, `reports/_extensions/rivm/` (formats
`rivm-html`, `rivm-typst`, `rivm-docx`): a stylesheet, two Typst template partials, a Word
reference document and a Lua filter. Quarto reads it as any extension; the pandoc fallback
reads the same `_extension.yml` and translates each option into the pandoc flag that does
the same (`pandoc_arguments`), so both renderers give the same document.

Either renderer works in a staging folder laid out as the results folder is (the source in
`factsheet/`, the figures in `figuren/`, the extension beside them): Quarto's scratch files
(`.quarto/`, `*_files/`, the intermediate `.typ`) stay there, and only the requested
documents are moved to their place.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import PipelineError
from .manifest import EDITION
from .paths import FIGURES

RENDERERS = ("auto", "quarto", "pandoc")
# Our output formats and the pandoc/Quarto writer that makes each (the PDF through Typst).
WRITERS = {"html": "html", "pdf": "typst", "docx": "docx"}
EXTENSION_FILE = "_extension.yml"
# The fallback's Typst template: pandoc's counterpart of Quarto's own template.typ, which
# includes the extension's `template-partials`.
PANDOC_TYPST_TEMPLATE = "pandoc-typst.typ"
# Options the fallback need not translate, with the reason.
QUARTO_ONLY = {
    "minimal": "pandoc's HTML has no Bootstrap or scripts to switch off",
    "format-links": "pandoc adds no links to the other formats",
}
FIGURE_FOLDER = FIGURES  # beside factsheet/ in the results folder; the source says ../figuren/
SOURCE_FOLDER = "factsheet"


@dataclass(frozen=True)
class HouseStyle:
    """The format extension: its folder and, per writer, its options (`common` merged in)."""

    folder: Path
    options: dict[str, dict]

    @property
    def name(self) -> str:
        return self.folder.name

    def quarto_format(self, fmt: str) -> str:
        """Quarto's name of the extension's format for one of our formats: 'rivm-typst' for 'pdf'."""
        return f"{self.name}-{WRITERS[fmt]}"


def house_style(folder: Path) -> HouseStyle:
    """Read the extension's `_extension.yml`."""
    import yaml

    formats = yaml.safe_load((folder / EXTENSION_FILE).read_text(encoding="utf-8"))["contributes"]["formats"]
    common = formats.get("common", {})
    return HouseStyle(folder=folder, options={w: {**common, **formats[w]} for w in WRITERS.values()})


def pandoc_arguments(style: HouseStyle, writer: str, relative_to: Path | None = None) -> tuple[list[str], list[str]]:
    """The pandoc flags that apply the extension's options for `writer`, and the PDF standards
    Typst must meet. An option without a translation is a programming error, so a new option
    in the extension cannot silently leave the fallback behind.

    With `relative_to` (where pandoc runs), files are named relative to it: pandoc records some
    paths (the CSL style) in the document's metadata, and an absolute staging path would make
    two runs differ."""

    def path(name: str) -> str:
        file = style.folder / name
        return os.path.relpath(file, relative_to) if relative_to is not None else str(file)

    args, pdf_standards = [], []
    for key, value in style.options[writer].items():
        if key == "lang":
            args += ["--metadata", f"lang={value}"]
        elif key == "number-sections":
            args += ["--number-sections"] if value else []
        elif key == "filters":
            args += [f"--lua-filter={path(name)}" for name in value]
        elif key == "citeproc":
            args += ["--citeproc"] if value else []
        elif key == "csl":
            args.append(f"--csl={path(value)}")
        elif key == "css":
            args += [f"--css={path(name)}" for name in value]
        elif key == "embed-resources":
            args += ["--embed-resources"] if value else []
        elif key == "default-image-extension":
            args.append(f"--default-image-extension={value}")
        elif key == "reference-doc":
            args.append(f"--reference-doc={path(value)}")
        elif key == "template-partials":
            missing = [name for name in value if not (style.folder / name).is_file()]
            if missing:
                raise FileNotFoundError(f"template partials missing in {style.folder}: {missing}")
            args.append(f"--template={path(PANDOC_TYPST_TEMPLATE)}")
        elif key == "papersize":
            args += ["--variable", f"papersize={value}"]
        elif key == "pdf-standard":
            pdf_standards = list(value)
        elif key not in QUARTO_ONLY:
            raise ValueError(f"{style.folder / EXTENSION_FILE}: option '{key}' ({writer}) has no pandoc equivalent")
    return args, pdf_standards


# --- choosing and describing the renderer -----------------------------------------------------------


def find_quarto() -> str | None:
    return shutil.which("quarto")


def choose_renderer(setting: str, quarto: str | None) -> str:
    """'quarto' when asked for or (auto) when installed, otherwise 'pandoc'."""
    if setting not in RENDERERS:
        raise ValueError(setting)
    if setting == "quarto" and quarto is None:
        raise PipelineError(
            "report.renderer is 'quarto', maar er is geen quarto-programma gevonden",
            hint="Installeer Quarto (zie README) of zet report.renderer op auto of pandoc",
        )
    return "quarto" if (setting == "quarto" or (setting == "auto" and quarto)) else "pandoc"


def _version_word(text: str) -> str:
    """The version in the first line of a tool's `--version`: 'pandoc 3.9' -> '3.9'."""
    match = re.search(r"\d+(?:\.\d+)+", text)
    return match.group(0) if match else text.strip()


# What the Typst compiler writes into every PDF it makes: /Creator (Typst 0.15.1).
TYPST_CREATOR = re.compile(rb"\(Typst (\d+(?:\.\d+)+)\)")


def typst_creator_version(pdf: bytes) -> str | None:
    """The version of the Typst compiler that made `pdf`, as its document information names it."""
    match = TYPST_CREATOR.search(pdf)
    return match.group(1).decode("ascii") if match else None


def _quarto_typst_version(quarto: str) -> str:
    """The version of the compiler behind `quarto typst`: the creator of an empty PDF it compiles
    (what `quarto typst --version` reports may be a wrapper's own version), else that answer."""
    with tempfile.TemporaryDirectory(prefix="typst-versie-") as scratch:
        probe = Path(scratch) / "leeg.typ"
        probe.write_text("", encoding="utf-8")
        subprocess.run([quarto, "typst", "compile", probe.name, "leeg.pdf"], cwd=scratch, capture_output=True)
        made = probe.with_suffix(".pdf")
        version = typst_creator_version(made.read_bytes()) if made.exists() else None
    if version:
        return version
    result = subprocess.run([quarto, "typst", "--version"], capture_output=True, text=True)
    return _version_word((result.stdout or result.stderr).strip())  # it answers on stderr


def tool_versions(renderer: str, quarto: str | None) -> dict[str, str]:
    """Versions of the tools that render: Quarto and the pandoc and Typst it runs, or ours. Typst's is
    the compiler's, as the PDF names its creator, not the version of the PyPI package `typst` that
    binds it (the package 0.15.2, for one, binds the compiler 0.15.1)."""
    if renderer == "quarto":

        def ask(*args: str) -> str:
            result = subprocess.run([quarto, *args], capture_output=True, text=True)
            return (result.stdout or result.stderr).strip()

        return {
            "renderer": "quarto",
            "quarto": ask("--version"),
            "pandoc": _version_word(ask("pandoc", "--version")),
            "typst": _quarto_typst_version(quarto),
        }
    import pypandoc
    import typst

    compiler = typst_creator_version(typst.compile(b"", ignore_system_fonts=True))
    return {"renderer": "pandoc", "pandoc": pypandoc.get_pandoc_version(), "typst": compiler or typst.__version__}


def pipeline_label(version: str) -> str:
    """The code that made a document, for its readers (colophon, report): "editie 2021.1" for an
    edition (manifest.pipeline_version), else "versie 2021.2.dev0 (v2021.1-3-g1a2b3c4), geen
    editie"."""
    return f"editie {version}" if EDITION.fullmatch(version) else f"versie {version}, geen editie"


def renderer_sentence(versions: dict[str, str], pipeline: str | None = None) -> str:
    """The colophon line: the renderer with its versions (the one sentence both renderers'
    documents differ in) and, given the pipeline's label (pipeline_label), the code that made it."""
    pandoc, typst = versions["pandoc"], versions["typst"]
    if versions["renderer"] == "quarto":
        sentence = f"Opgemaakt met Quarto {versions['quarto']} (pandoc {pandoc}, Typst {typst})."
    else:
        sentence = f"Opgemaakt met pandoc {pandoc} en Typst {typst}."
    return f"{sentence} Berekend met de evaluatiepijplijn, {pipeline}." if pipeline else sentence


# --- staging and rendering ------------------------------------------------------------------------------

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")


def rendering_record(formats: Iterable[str], versions: dict[str, str]) -> str:
    """factsheet/weergave.json: the formats made, the renderer and the versions of its tools."""
    import json

    return json.dumps({"formaten": list(formats), **versions}, indent=2, sort_keys=True) + "\n"


def first_error_line(output: str) -> str:
    """The first line of a tool's output that reports an error (Quarto `ERROR:`, Typst `error:`,
    pandoc `Error running filter ...:`, with the line that says what), else its last line:
    what the FOUT line quotes."""
    lines = [ANSI.sub("", line).strip() for line in output.splitlines()]
    # Quarto repeats Typst's message after its own prefix: "ERROR: error: ..."
    lines = [re.sub(r"^ERROR:\s+(?=error\b)", "", line) for line in lines if line]
    for i, line in enumerate(lines):
        if re.match(r"error\b", line, flags=re.I):
            return f"{line} {lines[i + 1]}" if line.endswith(":") and i + 1 < len(lines) else line
    return lines[-1] if lines else "geen melding"


def _run(cmd: list[str], cwd: Path, what: str, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise PipelineError(f"{what} mislukt: {first_error_line(result.stderr + chr(10) + result.stdout)}")


def stage(source: Path, figures: Iterable[Path], extension: Path, root: Path) -> tuple[Path, HouseStyle]:
    """Lay out a staging folder for either renderer; returns the staged source and the staged
    house style, which is what both renderers read.

    A `_quarto.yml` makes the folder a Quarto project, so Typst may read `../figuren/`
    (its root is the project) and Quarto finds the extension in `_extensions/`.
    """
    (root / "_quarto.yml").write_text("project:\n  type: default\n", encoding="utf-8")
    (root / FIGURE_FOLDER).mkdir()
    for figure in figures:
        shutil.copyfile(figure, root / FIGURE_FOLDER / Path(figure).name)
    style_folder = root / "_extensions" / extension.name
    shutil.copytree(extension, style_folder)
    (root / SOURCE_FOLDER).mkdir()
    staged = root / SOURCE_FOLDER / source.name
    shutil.copyfile(source, staged)
    return staged, house_style(style_folder)


def font_dir() -> str:
    """DejaVu Sans ships with matplotlib: the same font in figures and PDF, on every machine."""
    import matplotlib

    return str(Path(matplotlib.get_data_path()) / "fonts" / "ttf")


def render_with_quarto(staged: Path, fmt: str, style: HouseStyle, quarto: str, env: dict[str, str]) -> Path:
    """`quarto render` of one format of the extension; returns the document it made."""
    cmd = [quarto, "render", staged.name, "--to", style.quarto_format(fmt)]
    if fmt == "pdf":
        cmd += ["--metadata", f"font-paths:{font_dir()}"]
    _run(cmd, staged.parent, f"quarto render ({fmt})", env)
    return staged.with_suffix(f".{fmt}")


def render_with_pandoc(staged: Path, fmt: str, style: HouseStyle, env: dict[str, str]) -> Path:
    """pandoc for HTML and DOCX, pandoc -> Typst markup -> the typst compiler for PDF."""
    import pypandoc

    writer = WRITERS[fmt]
    args, pdf_standards = pandoc_arguments(style, writer, relative_to=staged.parent)
    cmd = [pypandoc.get_pandoc_path(), staged.name, "--from", "markdown", "--to", writer, "--standalone", *args]
    target = staged.with_suffix(f".{fmt}")
    if fmt != "pdf":
        _run(cmd + ["--output", target.name], staged.parent, f"pandoc ({fmt})", env)
        return target
    import typst

    markup = staged.with_suffix(".typ")
    _run(cmd + ["--output", markup.name], staged.parent, "pandoc (pdf)", env)
    try:
        pdf = typst.compile(
            str(markup),
            root=str(staged.parent.parent),
            font_paths=[font_dir()],
            ignore_system_fonts=True,
            timestamp=int(env["SOURCE_DATE_EPOCH"]),
            pdf_standards=pdf_standards,
        )
    except Exception as err:  # the compiler reports problems in the generated markup
        raise PipelineError(f"typst (pdf) mislukt: {first_error_line(str(err))}") from None
    target.write_bytes(pdf)
    return target


def render(
    source: Path,
    outputs: dict[str, Path],
    figures: Iterable[Path],
    extension: Path,
    renderer: str,
    quarto: str | None,
    timestamp: int,
) -> dict[str, float]:
    """Render `source` with the house style in `extension` to each format in `outputs`
    ({format: path}) in a staging folder, then move only those documents to their paths.
    Every tool records `timestamp` as the build time. Returns the seconds each format took."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(timestamp)}  # pandoc (DOCX), Quarto, Typst
    seconds = {}
    with tempfile.TemporaryDirectory(prefix="factsheet-") as scratch:
        staged, style = stage(source, figures, extension, Path(scratch))
        for fmt, target in outputs.items():
            started = time.perf_counter()
            if renderer == "quarto":
                made = render_with_quarto(staged, fmt, style, quarto, env)
            else:
                made = render_with_pandoc(staged, fmt, style, env)
            shutil.move(made, target)
            seconds[fmt] = time.perf_counter() - started
    return seconds
