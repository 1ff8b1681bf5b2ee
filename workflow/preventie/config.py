"""The run configuration: which years exist, which is built, and the policies.

Snakemake merges `--configfile` files into the workflow's example config key by key. For
`years` that would mix example data into a real run, so a user config that defines `years`
replaces them as a whole.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path

from .errors import PipelineError
from .io import read_yaml

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "config.schema.yaml"
YEAR_KEYED = ("years", "historical")
INPUT_KEYS = ("inventory", "survey", "codebook", "links")


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


def years_to_build(config: dict) -> list[int]:
    """Configured years up to the target year: earlier years feed carry-forward and trends."""
    return sorted(y for y in config["years"] if y <= config["year"])


def previous_year(config: dict, year: int) -> int | None:
    """Year-1 when it has data in this config, else None (no carry-forward)."""
    return year - 1 if (year - 1) in config["years"] else None


def geo_path(config: dict, year: int) -> str:
    """The boundary file of a year: config geo.municipalities with {year} filled in."""
    return config["geo"]["municipalities"].format(year=year)


def check_config(config: dict, base: Path) -> None:
    """Checks beyond the schema: the target year exists, its input and boundary files are there."""
    year = config["year"]
    if year not in config["years"]:
        known = ", ".join(str(y) for y in sorted(config["years"]))
        raise PipelineError(
            f"ongeldige configuratie bij 'year': {year} staat niet onder 'years' (wel: {known})",
            hint="Kies een jaar met data of voeg het toe onder 'years'",
        )
    for y in years_to_build(config):
        for key in INPUT_KEYS:
            value = config["years"][y].get(key)
            if value and not (base / value).exists():
                raise PipelineError(
                    f"ongeldige configuratie bij 'years.{y}.{key}': bestand niet gevonden: {value}"
                )
        geo = geo_path(config, y)
        if not (base / geo).exists():
            raise PipelineError(
                f"ongeldige configuratie bij 'geo.municipalities': geen gemeentegrenzen voor {y}: {geo}",
                hint="Zet een grenzenbestand voor dat jaar in resources/geo/ (zie de README daar)",
            )
