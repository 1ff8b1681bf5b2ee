# Set-up shared by all rules: config resolution and validation, paths, input functions.
import os
import re
import sys
from pathlib import Path

WORKFLOW_DIR = Path(workflow.basedir) / "workflow"
# Scripts import the library from workflow/, whatever Python environment runs them.
os.environ.update(PYTHONPATH=os.pathsep.join(p for p in (str(WORKFLOW_DIR), os.environ.get("PYTHONPATH")) if p))
sys.path.insert(0, str(WORKFLOW_DIR))

# Only light modules at parse time (no pandas): every cluster job parses the workflow again.
from preventie import config as cfg  # noqa: E402
from preventie import paths  # noqa: E402
from preventie.errors import PipelineError  # noqa: E402
from preventie.manifest import pipeline_version  # noqa: E402
from preventie.naming import AUDIT_SHEETS, FACTSHEET_TABLES, FIGURE_NAMES, NUMBERS_SHEET  # noqa: E402
from preventie.naming import GATHERING, STAGES  # noqa: E402
from preventie.provenance import stage_code  # noqa: E402
from preventie.render import pipeline_label  # noqa: E402
from preventie.stage import skip_final_collection  # noqa: E402

# Snakemake's own process exits as every job does: its final garbage collections walked every job
# and file of the workflow, 0.3 s of a run with nothing to do.
skip_final_collection()


def stop_at_start(err):
    """A configuration error: one FOUT line, no traceback, before any work starts."""
    print(f"FOUT [configuratie]: {err}", file=sys.stderr)
    sys.exit(1)


def resolve_config():
    """Load, merge, validate and type the config in place (see preventie.config.resolve). The
    --configfile files are read again as the pipeline reads YAML (YAML 1.2), not as Snakemake
    read them; --config values as Snakemake parsed them."""
    settings = workflow.config_settings
    try:
        user = cfg.user_config(Path.cwd(), settings.configfiles, settings.config)
        resolved = cfg.resolve(Path.cwd(), user, settings.configfiles)
    except PipelineError as err:
        stop_at_start(err)
    config.clear()
    config.update(resolved)


resolve_config()

RESULTS = config["results"]
YEAR_PATTERN = r"\d{4}"


wildcard_constraints:
    year=YEAR_PATTERN,


def out(path):
    """An output path of one year: {results}/{year}/<path> (a path of preventie.paths)."""
    return paths.of_year(RESULTS, "{year}", path)


def reported(path, category, caption=None):
    """An output a reviewer reads: in the Snakemake report under its stage and year, with its
    one-line caption workflow/report/<caption>.rst (by default the file's own name)."""
    caption = caption or Path(path).name.split(".")[0]
    return report(out(path), caption=f"../workflow/report/{caption}.rst", category=category, subcategory="{year}")


def table_output(name):
    """A table of tabellen/ that a reviewer reads."""
    return reported(paths.table(name), "Tabellen")


# --- what every rule shares, written once ------------------------------------------------------

# The environment every script runs in with --use-conda (the same pins as .venv).
CONDA_ENV = "../workflow/envs/preventie.yaml"

# What one job of each stage may use, for a cluster's scheduler: memory in MB and wall time in
# minutes. Each is at least 1.5 times the peak memory per job that tests/benchmark.py measured
# with the example scaled x1000 (300,000 initiatives a year: at most 890 MB, the audit), and
# many times the longest job there (about a minute, linking).
RESOURCES = {
    "ingest": {"mem_mb": 2000, "runtime": 30},
    "link": {"mem_mb": 2000, "runtime": 30},
    "response": {"mem_mb": 2000, "runtime": 30},
    "inclusion": {"mem_mb": 1000, "runtime": 15},
    "carry_forward": {"mem_mb": 1000, "runtime": 15},
    "classify": {"mem_mb": 2000, "runtime": 15},
    "tables": {"mem_mb": 1000, "runtime": 15},
    "figures": {"mem_mb": 2000, "runtime": 15},
    "factsheet": {"mem_mb": 2000, "runtime": 15},
    "warning_list": {"mem_mb": 1000, "runtime": 15},
    "audit": {"mem_mb": 2000, "runtime": 15},
    "datapackage": {"mem_mb": 1000, "runtime": 15},
    "manifest": {"mem_mb": 1000, "runtime": 15},
}

# Threads of linking, which scores the names that token and exact name leave over against the
# inventory's names that can be nearest (preventie.nearest; rapidfuzz's cdist, one thread per
# core). Snakemake gives it at most --cores; the scores do not depend on the number of threads.
# Two: on a cluster a job is one Slurm job with this many CPUs, and a job that asks for more CPUs
# than a node has stays PENDING (reason PartitionConfig) without a word.
LINK_THREADS = 2
# Only from an inventory file of this size (about 15,000 initiatives as CSV) does a second thread
# pay: below it linking takes well under a second, and a job of two threads on two cores keeps
# the other year's linking from running beside it (the example: 0.8 s longer to the figures).
LINK_THREADS_FROM_BYTES = 1_000_000


def link_threads(wildcards):
    """LINK_THREADS for a year whose inventory file reaches LINK_THREADS_FROM_BYTES, else one."""
    inventory = Path(cfg.input_path(year_inputs(wildcards)["inventory"]))
    large = inventory.is_file() and inventory.stat().st_size >= LINK_THREADS_FROM_BYTES
    return LINK_THREADS if large else 1


def log_of(stage):
    """A stage's logs, inside the year's results: a results folder carries its own logs, and two
    results folders never write over each other's. The second holds the stage's warnings as a
    table (preventie.stage), which the year's waarschuwingen.csv gathers."""
    return [out(paths.log(stage)), out(paths.warnings_log(stage))]


def adapter(stage):
    """The stage's script: a thin adapter from Snakemake to the library (scripts/<stage>.py)."""
    return f"../scripts/{stage}.py"


def factsheet_document(ext):
    """A rendered factsheet; the HTML and the PDF in the report (the DOCX is for editing)."""
    path = paths.factsheet("{year}", ext)
    return reported(path, "Factsheet", caption="factsheet") if ext in ("html", "pdf") else out(path)


def figure_output(name):
    """A figure's PNG, in the Snakemake report."""
    return reported(paths.figure(name, "png"), "Figuren", caption=f"fig_{name}")


def year_inputs(wildcards):
    return config["years"][int(wildcards.year)]


def get_ingest_input(wildcards):
    """The year's raw inputs and the boundaries its municipality codes are checked against."""
    spec = year_inputs(wildcards)
    paths = {key: cfg.input_path(spec[key]) for key in ("inventory", "survey", "codebook")}
    return paths | {"geo": get_geo(wildcards)}


def get_inventory_path(wildcards):
    """The year's inventory as the config names it (for messages about its columns)."""
    return cfg.input_path(year_inputs(wildcards)["inventory"])


def get_links_input(wildcards):
    links = cfg.input_path(year_inputs(wildcards).get("links"))
    return {"links": links} if links else {}


def get_read_options(wildcards):
    """How each raw input of the year is read (encoding, separator; detected unless set)."""
    return {key: cfg.read_options(config, int(wildcards.year), key) for key in ("inventory", "survey", "links")}


def get_previous_answers(wildcards):
    """Last year's own responses (carry-forward), for every year after the first of the series."""
    previous = cfg.previous_year(config, int(wildcards.year))
    if previous is None:
        return {}
    return {"previous": paths.of_year(RESULTS, previous, paths.ANSWERS)}


def get_trend_classifications(wildcards):
    """The classification of this year and, after the first year, last year's (trend, shares);
    older years enter the trend with their published figures (config historical)."""
    year = int(wildcards.year)
    previous = cfg.previous_year(config, year)
    years = [year] if previous is None else [previous, year]
    return {f"classificatie_{y}": paths.of_year(RESULTS, y, paths.CLASSIFICATION) for y in years}


def get_previous_classification(wildcards):
    """Last year's classification, after the first year of the series (transitions)."""
    previous = cfg.previous_year(config, int(wildcards.year))
    if previous is None:
        return {}
    return {"previous_classification": paths.of_year(RESULTS, previous, paths.CLASSIFICATION)}


def get_published(wildcards):
    """The year's published figures (config historical), which its analysed set is tested against."""
    return cfg.published(config, int(wildcards.year))


def get_published_series(wildcards):
    """Every published figure up to this year, for the trend."""
    year = int(wildcards.year)
    return {y: cfg.published(config, y) for y in sorted(config["historical"]) if y <= year}


def get_geo(wildcards):
    """The municipal boundaries of the year (config geo.municipalities)."""
    return cfg.geo_path(config, int(wildcards.year))


def get_earlier_geo(wildcards):
    """The municipal boundaries of every year before this one that config geo.municipalities
    yields and that exist (geo_<year>), configured or not: a code that is no longer valid is
    named with its successor, found where its municipality lay."""
    return {f"geo_{y}": path for y, path in cfg.earlier_geo_paths(config, int(wildcards.year)).items()}


def get_factsheet_tables(wildcards):
    """The tables the factsheet text is built from."""
    return {name: paths.of_year(RESULTS, wildcards.year, paths.table(name)) for name in FACTSHEET_TABLES}


TEXTS = Path("reports/teksten")


def get_texts_folder(wildcards):
    """The folder of the year's texts (reports/teksten/<year>), for the messages about them."""
    return str(TEXTS / wildcards.year)


def get_factsheet_texts(wildcards):
    """What the analysts wrote for the year (reports/teksten/<year>/: Markdown per slot, the
    metadata), the shared bibliography and the names with digits, as far as they exist."""
    folder = TEXTS / wildcards.year
    inputs = {"texts": sorted(str(t) for t in folder.glob("*.md"))}
    if (folder / "metadata.yaml").exists():
        inputs["metadata"] = str(folder / "metadata.yaml")
    if (TEXTS / "bronnen.bib").exists():
        inputs["bibliography"] = str(TEXTS / "bronnen.bib")
    if (TEXTS / "cijferwoorden.txt").exists():
        inputs["digit_words"] = str(TEXTS / "cijferwoorden.txt")
    return inputs


# Rules whose outputs a year's manifest fingerprints (the factsheet only for the target year).
MANIFEST_RULES = (*STAGES[: STAGES.index("factsheet")], *GATHERING)
# The house style: a Quarto format extension that the pandoc fallback reads too.
FACTSHEET_EXTENSION = "reports/_extensions/rivm"
FACTSHEET_STYLE = {
    "template": "reports/factsheet.qmd.j2",
    "style": sorted(str(p) for p in Path(FACTSHEET_EXTENSION).iterdir() if p.is_file()),
}

# The code that makes the factsheet, for its colophon and its caption in the report: "editie
# 2021.1" where the checkout is exactly that edition (tag v2021.1), else its version and commit
# as the manifest names them. A param, so a new commit or tag makes the factsheet again.
PIPELINE_LABEL = pipeline_label(pipeline_version("pyproject.toml" if Path("pyproject.toml").exists() else None))


def get_factsheet_style(wildcards):
    """The template and every file of the house-style extension."""
    return FACTSHEET_STYLE


def get_audit_tables(wildcards):
    """The tables of a year's audit; in the factsheet's year also the list of its numbers (other
    years build no factsheet, so their audit ends with the tables)."""
    sheets = [*AUDIT_SHEETS, NUMBERS_SHEET] if int(wildcards.year) == config["year"] else AUDIT_SHEETS
    return [out(path).format(year=wildcards.year) for _, _, path in sheets]


def get_warning_logs(wildcards):
    """The warnings of every stage that ran for a year's results: in the factsheet's year all its
    stages, in another year those up to its tables (what its audit holds); and of each year before
    it that it needs (cfg.year_chain), the stages up to what it uses: last year's analysed set, the
    responses of the year before that."""
    year = int(wildcards.year)
    last = {cfg.FACTSHEET: "factsheet", cfg.ANALYSED: "classify", cfg.RESPONSES: "response"}
    ran = {y: last[extent] for y, extent in cfg.year_chain({**config, "year": year}).items()}
    if year != config["year"]:
        ran[year] = "tables"
    return [
        paths.of_year(RESULTS, y, paths.warnings_log(stage))
        for y in sorted(ran)
        for stage in STAGES[: STAGES.index(ran[y]) + 1]
    ]


# The code of each stage, an input of its rule: its script (scripts/<stage>.py), every module of
# the library that the script imports (directly or through each other, also inside functions;
# read from the source, not imported: see preventie.provenance) and the schemas those modules
# read; the factsheet's also its template and house style. A changed module so reruns exactly
# the stages that use it and what comes after them, and the manifest names the same files as
# the code of each stage. (Every stage has its RESOURCES.)
STAGE_CODE = {
    stage: [os.path.relpath(path) for path in files]
    for stage, files in stage_code(
        {stage: Path(workflow.basedir) / "scripts" / f"{stage}.py" for stage in RESOURCES},
        WORKFLOW_DIR / "preventie",
        WORKFLOW_DIR / "schemas",
    ).items()
}
STAGE_CODE["factsheet"] += [FACTSHEET_STYLE["template"], *FACTSHEET_STYLE["style"]]


def code_of(stage):
    """The `code` input of a stage's rule: the code the stage runs (STAGE_CODE). An input
    function, as get_factsheet_style is: the house style's folder is also the factsheet's
    `extension` param, which `snakemake --lint` flags as a hard-coded prefix of a listed input."""

    def get_code(wildcards):
        return STAGE_CODE[stage]

    return get_code


def get_manifest_stages(wildcards):
    """The stages a year's manifest covers, each with the code it runs and its outputs: every
    stage of the year (the factsheet only in the factsheet's year) and the manifest itself."""
    year = int(wildcards.year)
    names = [*MANIFEST_RULES, "factsheet"] if year == config["year"] else list(MANIFEST_RULES)
    return {
        name: {"code": STAGE_CODE[name], "outputs": list(expand(getattr(rules, name).output, year=year))}
        for name in [*names, "manifest"]
    }


def get_manifest_inputs(wildcards):
    """Every input and every output of a year, and the code of its stages, for its manifest."""
    year = int(wildcards.year)
    stages = get_manifest_stages(wildcards)
    outputs = [p for name, stage in stages.items() if name != "manifest" for p in stage["outputs"]]
    code = sorted({p for stage in stages.values() for p in stage["code"]})
    spec = year_inputs(wildcards)
    inputs = [cfg.input_path(spec[k]) for k in cfg.INPUT_KEYS if spec.get(k)] + [get_geo(wildcards)]
    inputs += list(get_earlier_geo(wildcards).values())
    inputs += list(get_previous_answers(wildcards).values()) + list(get_previous_classification(wildcards).values())
    inputs += [p for p in get_trend_classifications(wildcards).values() if f"/{year}/" not in p]
    if year == config["year"]:
        texts = get_factsheet_texts(wildcards)
        inputs += [*texts["texts"], *(texts[k] for k in ("metadata", "bibliography", "digit_words") if k in texts)]
    version = {"pyproject": "pyproject.toml"} if Path("pyproject.toml").exists() else {}
    return {"inputs": inputs, "outputs": outputs, "code": code, **version}


def get_final_outputs():
    """What `snakemake` builds by default: the factsheet of `year` and its manifest, which depends
    on every output of the year. The DAG adds what they need of the years before
    (cfg.year_chain): last year's analysed set and the responses of the year before that."""
    year = config["year"]
    return [paths.of_year(RESULTS, year, paths.MANIFEST)] + [
        paths.of_year(RESULTS, year, paths.factsheet(year, ext)) for ext in config["report"]["formats"]
    ]
