"""The run configuration: which years exist, which is built, and the policies.

Snakemake merges `--configfile` files into the workflow's example config key by key. For
`years` that would mix example data into a real run, so a user config that defines `years`
replaces them as a whole, with the series' first year and published figures (`SERIES_KEYS`).

The factsheet of `year` needs three years at most (`year_chain`): a year after the first of the
series is never analysed without the year before it.
"""

from __future__ import annotations

import copy
import glob
import json
import os
import re
from pathlib import Path

from .errors import PipelineError
from .yamlfile import boolean_hint, read_yaml

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "config.schema.yaml"
YEAR_KEYED = ("years", "historical")
INPUT_KEYS = ("inventory", "survey", "codebook", "links")


EXAMPLE = Path("config/config.yaml")


def check_configfiles(paths) -> None:
    """Every file given with --configfile can be read as the pipeline reads YAML (see yamlfile):
    a missing file, a YAML error or a key twice is a PipelineError naming the file and the line.
    The workflow profile runs this before Snakemake reads the files itself, which stops on a YAML
    error without its line."""
    for path in paths:
        read_yaml(path)


def user_config(base: Path, configfiles, command_line) -> dict:
    """What a run gives on top of the example: the --configfile files in order, read as the
    pipeline reads YAML (YAML 1.2: `no` is text, not false; Snakemake itself reads them as YAML
    1.1), then the --config values as Snakemake parsed them."""
    out: dict = {}
    for path in configfiles:
        out = merge(out, read_yaml(_shown(Path(path), base)))
    return merge(out, dict(command_line or {}))


def merged_config(base: Path, overwrite: dict, configfiles) -> dict:
    """The example config (config/config.yaml) with Snakemake's --configfile/--config values on
    top, as Snakemake merges them, but `years` as the user gives them (see apply_user_years).

    Every config file is read with the project's YAML reader, so a syntax error or a key that
    appears twice is one error naming the file and the line (Snakemake would keep the last
    duplicate silently)."""
    for path in configfiles:
        read_yaml(_shown(Path(path), base))
    example = _shown(base / EXAMPLE, base)
    if not example.exists():
        if configfiles:  # a run with its own config only, as Snakemake allows
            return copy.deepcopy(overwrite)
        raise PipelineError(
            "bestand niet gevonden", file=str(EXAMPLE), hint="Draai vanuit de map van de workflow of geef --configfile"
        )
    merged = merge(read_yaml(example), overwrite)
    return apply_user_years(merged, overwrite)


def _shown(path: Path, base: Path) -> Path:
    """A path as a message should name it: relative to the working directory when inside it
    (Snakemake hands config files over as absolute paths)."""
    if Path.cwd() == base.absolute() and path.absolute().is_relative_to(base.absolute()):
        return path.absolute().relative_to(base.absolute())
    return path


def merge(config: dict, overwrite: dict) -> dict:
    """Nested update, as Snakemake's update_config: mappings merge key by key."""
    out = copy.deepcopy(config)
    for key, value in overwrite.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


# The settings that describe one series of years: a user config that gives `years` gives its own
# series, so none of these is taken from the example.
SERIES_KEYS = ("years", "first_year", "historical")


def apply_user_years(config: dict, user: dict) -> dict:
    """The merged config, but with the series (`years`, `first_year`, `historical`) exactly as the
    user config gives them, if it gives `years`: the example's first year or published figures
    never apply to another series."""
    out = copy.deepcopy(config)
    if "years" in user:
        for key in SERIES_KEYS:
            if key in user:
                out[key] = copy.deepcopy(user[key])
            else:
                out.pop(key, None)
    return out


def to_json(config: dict) -> dict:
    """A JSON-compatible copy: year keys become text, as JSON Schema expects."""
    return json.loads(json.dumps(config, default=str))


def from_json(doc: dict) -> dict:
    """Back from `to_json`: year keys as integers."""
    out = copy.deepcopy(doc)
    for key in YEAR_KEYED:
        if isinstance(out.get(key), dict):
            out[key] = {int(k): v for k, v in out[key].items()}
    return out


def schema_problem(doc: dict) -> str | None:
    """The most relevant schema violation as one line naming the key, or None."""
    import jsonschema

    schema = read_yaml(SCHEMA)
    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(doc))
    if error is None:
        return None
    where = ".".join(str(p) for p in error.absolute_path) or "(bovenste niveau)"
    problem = f"ongeldige configuratie bij '{where}': {error.message}{boolean_hint(error)}"
    if error.validator == "required" and not error.absolute_path and "'first_year'" in error.message:
        problem += (
            ". Een configuratie met eigen 'years' noemt ook het eerste jaar van haar reeks, het enige jaar zonder "
            "vorig jaar (bijv. 'first_year: 2019'), en eventueel haar gepubliceerde cijfers onder 'historical'"
        )
    return problem


def with_defaults(doc: dict, schema: dict) -> dict:
    """`doc` with the schema's defaults filled in where a key is absent, at every level."""
    properties = schema.get("properties", {})
    for key, sub in properties.items():
        if key not in doc and "default" in sub:
            doc[key] = copy.deepcopy(sub["default"])
        if isinstance(doc.get(key), dict):
            with_defaults(doc[key], sub)
    extra = schema.get("additionalProperties")
    if isinstance(extra, dict):
        for key, value in doc.items():
            if key not in properties and isinstance(value, dict):
                with_defaults(value, extra)
    return doc


def resolve(base: Path, overwrite: dict, configfiles) -> dict:
    """The run's config, merged, validated (errors name the key or the file and line), with its
    defaults and with year keys as integers; checked against the files it names. What the
    workflow and `python -m preventie config` both use."""
    doc = to_json(merged_config(base, overwrite, configfiles))
    problem = schema_problem(doc)
    if problem:
        raise PipelineError(problem)
    resolved = from_json(with_defaults(doc, read_yaml(SCHEMA)))
    check_config(resolved, base)
    return resolved


# How far each year of a factsheet's chain is built (see `year_chain`).
FACTSHEET, ANALYSED, RESPONSES = "factsheet", "analyse", "respons"


def year_chain(config: dict) -> dict[int, str]:
    """The years the factsheet of `year` needs, and how far each is built: the year itself
    (everything), the year before (its analysed set: trend, transitions, shares and its
    published figures) and the year before that (its own responses, which the year before
    carries forward). The series starts at `first_year`, which has no year before it."""
    year, first = config["year"], config["first_year"]
    chain = {year: FACTSHEET}
    if year > first:
        chain[year - 1] = ANALYSED
    if year - 1 > first:
        chain[year - 2] = RESPONSES
    return chain


def previous_year(config: dict, year: int) -> int | None:
    """The year whose own responses `year` carries forward: year-1, except for the first year of
    the series (`first_year`), which has none. `check_config` makes sure it is configured."""
    return year - 1 if year > config["first_year"] else None


def published(config: dict, year: int) -> dict | None:
    """The published figures of a year (config `historical`) as {"analysed": n, "categories":
    {code: n} or None, "revision": reason or None}; None when nothing was published."""
    entry = config.get("historical", {}).get(year)
    if entry is None:
        return None
    if isinstance(entry, int):
        return {"analysed": entry, "categories": None, "revision": None}
    return {"analysed": entry["analysed"], "categories": entry.get("categories"), "revision": entry.get("revision")}


def input_path(spec) -> str | None:
    """The path of an input: given as text, or as `path` of a mapping with reader settings."""
    return spec.get("path") if isinstance(spec, dict) else spec


READ_OPTIONS = ("encoding", "separator", "sheet", "header_row")


def read_options(config: dict, year: int, key: str) -> dict:
    """How to read one input of a year (the keyword arguments of `exports.read_input`): its encoding,
    separator, worksheet and header row if set, and the config key that holds them (for the hint
    of a reading error)."""
    spec = config["years"][year].get(key)
    given = {k: spec[k] for k in READ_OPTIONS if isinstance(spec, dict) and k in spec}
    return {**given, "setting": f"years.{year}.{key}"}


def survey_read_options(options: dict, book) -> dict:
    """How to read a year's survey with its codebook `book`: the config's `read_options`, with the
    codebook's encoding when the config sets none (an error then names the codebook's setting),
    and the codebook's variables as the columns to expect."""
    options = dict(options)
    if not options.get("encoding") and book.encoding:
        options |= {"encoding": book.encoding, "encoding_setting": f"in het codeboek {book.source}"}
    return options | {"expect": book.raw_vars()}


def geo_path(config: dict, year: int) -> str:
    """The boundary file of a year: config geo.municipalities with {year} filled in."""
    return config["geo"]["municipalities"].format(year=year)


def earlier_geo_paths(config: dict, year: int, base: Path = Path()) -> dict[int, str]:
    """The boundary files of every year before `year` that config geo.municipalities yields and
    that exist, configured or not (where a code that is no longer valid lay)."""
    pattern = config["geo"]["municipalities"]
    if "{year}" not in pattern:
        return {}
    shape = re.compile(re.escape(pattern).replace(re.escape("{year}"), r"(\d{4})"))
    found = (base / p for p in glob.glob(str(base / glob.escape(pattern).replace("{year}", "[0-9]" * 4))))
    matches = (shape.fullmatch(str(p.relative_to(base)) if p.is_relative_to(base) else str(p)) for p in found)
    years = {int(m.group(1)) for m in matches if m and len(set(m.groups())) == 1}
    return {y: geo_path(config, y) for y in sorted(years) if y < year}


def check_results_folder(results: str, base: Path) -> None:
    """The results folder exists as a writable folder, or can be made: checked before any work
    starts (nothing is created here, so a dry run changes nothing)."""
    path = base / results
    if path.exists() and not path.is_dir():
        raise PipelineError(
            f"ongeldige configuratie bij 'results': {results} is een bestand, geen map",
            hint="Kies een andere uitvoermap of verplaats het bestand",
        )
    existing = path
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        raise PipelineError(
            f"ongeldige configuratie bij 'results': {results} kan niet gemaakt worden: "
            f"{existing.relative_to(base) if existing.is_relative_to(base) else existing} "
            "is een bestand",
            hint="Kies een andere uitvoermap",
        )
    if not os.access(existing, os.W_OK | os.X_OK):
        raise PipelineError(
            f"ongeldige configuratie bij 'results': geen schrijfrechten in {existing}",
            hint="Kies een uitvoermap waarin u mag schrijven",
        )


def chain_problems(config: dict) -> list[PipelineError]:
    """The year of the factsheet and every year it needs (`year_chain`) must be configured: a
    year after the first of the series is never analysed without the year before it, whose own
    responses its non-responders carry forward."""
    year, first = config["year"], config["first_year"]
    known = ", ".join(str(y) for y in sorted(config["years"]))
    if year not in config["years"]:
        return [
            PipelineError(
                f"ongeldige configuratie bij 'year': {year} staat niet onder 'years' (wel: {known})",
                hint="Kies een jaar met data of voeg het toe onder 'years'",
            )
        ]
    if first > year:
        return [
            PipelineError(
                f"ongeldige configuratie bij 'first_year': {first} ligt na het jaar van de factsheet ({year})",
                hint="first_year is het eerste jaar van de reeks, zonder jaar ervoor",
            )
        ]
    problems = []
    for y in sorted(year_chain(config), reverse=True):
        if y not in config["years"]:
            analysed = y + 1
            problems.append(
                PipelineError(
                    f"ongeldige configuratie bij 'years': {y} ontbreekt (wel: {known}). {analysed} wordt geanalyseerd "
                    f"met de antwoorden van {y} van de initiatieven die in {analysed} niet reageerden (overname)",
                    hint=f"Voeg {y} toe onder 'years' (inventarisatie, export en codeboek van {y}), of zet "
                    f"'first_year: {analysed}' als de reeks in {analysed} begint",
                )
            )
    return problems


def published_problems(config: dict) -> list[PipelineError]:
    """Published figures (`historical`) that cannot be right on their own: categories that do
    not add up to the published number of analysed initiatives."""
    problems = []
    for year in sorted(config.get("historical", {})):
        figures = published(config, year)
        if figures["categories"] is not None and sum(figures["categories"].values()) != figures["analysed"]:
            problems.append(
                PipelineError(
                    f"ongeldige configuratie bij 'historical.{year}': de gepubliceerde categorieën tellen op tot "
                    f"{sum(figures['categories'].values())}, niet tot het gepubliceerde aantal {figures['analysed']}",
                    hint="Neem de aantallen over zoals de factsheet van dat jaar ze publiceerde",
                )
            )
    return problems


def file_problems(config: dict, base: Path) -> list[PipelineError]:
    """The input and boundary files of every year the factsheet needs exist."""
    problems = []
    for y in sorted(year_chain(config)):
        if y not in config["years"]:
            continue  # named by chain_problems
        for key in INPUT_KEYS:
            value = input_path(config["years"][y].get(key))
            if value and not (base / value).exists():
                problems.append(
                    PipelineError(f"ongeldige configuratie bij 'years.{y}.{key}': bestand niet gevonden: {value}")
                )
        geo = geo_path(config, y)
        if not (base / geo).exists():
            problems.append(
                PipelineError(
                    f"ongeldige configuratie bij 'geo.municipalities': geen gemeentegrenzen voor {y}: {geo}",
                    hint="Zet een grenzenbestand voor dat jaar in resources/geo/ (zie de README daar)",
                )
            )
    return problems


def config_problems(config: dict, base: Path) -> list[PipelineError]:
    """Every problem that can be seen without reading the data: the year chain, the published
    figures, the files, the results folder (the workflow stops at the first; `preventie config`
    lists them all)."""
    problems = chain_problems(config) + published_problems(config) + file_problems(config, base)
    try:
        check_results_folder(config.get("results", "results"), base)
    except PipelineError as err:
        problems.append(err)
    return problems


def check_config(config: dict, base: Path) -> None:
    """Checks beyond the schema (`config_problems`): the first problem stops the run."""
    problems = config_problems(config, base)
    if problems:
        raise problems[0]
