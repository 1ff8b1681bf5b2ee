"""The run configuration: which years exist, which is built, and the policies.

Snakemake merges `--configfile` files into the workflow's example config key by key. For
`years` that would mix example data into a real run, so a user config that defines `years`
replaces them as a whole.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

from .errors import PipelineError
from .yamlfile import read_yaml

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "config.schema.yaml"
YEAR_KEYED = ("years", "historical")
INPUT_KEYS = ("inventory", "survey", "codebook", "links")


EXAMPLE = Path("config/config.yaml")


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


def apply_user_years(config: dict, user: dict) -> dict:
    """The merged config, but with `years` exactly as the user config gives them (if it does)."""
    out = copy.deepcopy(config)
    if "years" in user:
        out["years"] = copy.deepcopy(user["years"])
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
    return f"ongeldige configuratie bij '{where}': {error.message}"


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


def years_to_build(config: dict) -> list[int]:
    """Configured years up to the target year: earlier years feed carry-forward and trends."""
    return sorted(y for y in config["years"] if y <= config["year"])


def previous_year(config: dict, year: int) -> int | None:
    """Year-1 when it has data in this config, else None (no carry-forward)."""
    return year - 1 if (year - 1) in config["years"] else None


def input_path(spec) -> str | None:
    """The path of an input: given as text, or as `path` of a mapping with reader settings."""
    return spec.get("path") if isinstance(spec, dict) else spec


def read_options(config: dict, year: int, key: str) -> dict:
    """How to read one input of a year: its encoding and separator if set, and the config
    key that holds them (for the hint of a reading error)."""
    spec = config["years"][year].get(key)
    given = {k: spec[k] for k in ("encoding", "separator") if isinstance(spec, dict) and k in spec}
    return {**given, "setting": f"years.{year}.{key}"}


def geo_path(config: dict, year: int) -> str:
    """The boundary file of a year: config geo.municipalities with {year} filled in."""
    return config["geo"]["municipalities"].format(year=year)


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


def check_config(config: dict, base: Path) -> None:
    """Checks beyond the schema: the target year exists, its input and boundary files are there,
    the results folder can be written."""
    year = config["year"]
    if year not in config["years"]:
        known = ", ".join(str(y) for y in sorted(config["years"]))
        raise PipelineError(
            f"ongeldige configuratie bij 'year': {year} staat niet onder 'years' (wel: {known})",
            hint="Kies een jaar met data of voeg het toe onder 'years'",
        )
    for y in years_to_build(config):
        for key in INPUT_KEYS:
            value = input_path(config["years"][y].get(key))
            if value and not (base / value).exists():
                raise PipelineError(f"ongeldige configuratie bij 'years.{y}.{key}': bestand niet gevonden: {value}")
        geo = geo_path(config, y)
        if not (base / geo).exists():
            raise PipelineError(
                f"ongeldige configuratie bij 'geo.municipalities': geen gemeentegrenzen voor {y}: {geo}",
                hint="Zet een grenzenbestand voor dat jaar in resources/geo/ (zie de README daar)",
            )
    check_results_folder(config["results"], base)
