"""Everything about a configuration that can be checked without running the pipeline
(`preventie config`): what the workflow checks at start (schema, the year chain, published
figures, files, results folder), and per year the factsheet needs: its codebook (schema, still a
concept, the year it names, its variables in the export, the questions the inclusion criteria
need), its inventory's columns (and `bestaat_nog` where carry-forward uses it), and for the
factsheet's year the metadata of its texts (its year and reference date).

Every problem is one line; all are listed, so an analyst fixes them in one round.
"""

from __future__ import annotations

from pathlib import Path

from .. import canon
from .. import config as cfg
from ..errors import PipelineError

TEXTS = Path("reports/teksten")


def _at(base: Path, path: str | Path) -> str:
    """A path of the config as messages name it: as written when the check runs where the config
    is read from (the usual case), else under `base`."""
    return str(path) if base.resolve() == Path.cwd().resolve() else str(base / path)


def _try(problems: list[PipelineError], check, *args):
    """Run one check; a user error is recorded and the check's result is None."""
    try:
        return check(*args)
    except PipelineError as err:
        problems.append(err)
        return None


def codebook_problems(config: dict, year: int, base: Path, with_export: bool = True) -> list[PipelineError]:
    """The year's codebook: valid, reviewed, for this year, asking what inclusion needs, and (when
    the export is there) read with it as the ingest stage would: every variable it names present,
    every code it meets mapped."""
    from ..codebook import load_codebook
    from ..exports import read_input
    from ..ingest import ingest_survey

    problems: list[PipelineError] = []
    spec = config["years"][year]
    book = _try(problems, load_codebook, _at(base, spec["codebook"]), year)
    if book is None:
        return problems
    asked = {*book.single, *book.numeric, *book.multi}
    lacking = [item for item in canon.INCLUSION_ITEMS if item not in asked]
    if lacking:
        problems.append(
            PipelineError(
                f"het codeboek mist {', '.join(lacking)}, nodig voor de inclusiecriteria: zonder die vraag voldoet "
                "geen enkel initiatief",
                file=spec["codebook"],
                hint="Koppel de vraag aan haar variabele in de export",
            )
        )
    if not with_export:
        return problems
    survey = cfg.input_path(spec["survey"])
    options = cfg.survey_read_options(cfg.read_options(config, year, "survey"), book)
    export = _try(problems, lambda: read_input(_at(base, survey), **options))
    if export is not None:
        _try(problems, ingest_survey, export, book, survey, config["policy"]["strict_codes"])
    return problems


def inventory_problems(config: dict, year: int, base: Path) -> list[PipelineError]:
    """The year's inventory read as the ingest stage would (its columns, ids, values, municipality
    codes of that year's boundaries, a merged one with its successor), and `bestaat_nog` there
    where the year carries last year's answers forward (without it nothing could be carried)."""
    from ..exports import read_input
    from ..inventory import INVENTORY_REQUIRED, ingest_inventory
    from ..io import read_boundaries, read_municipalities
    from ..municipal_successors import municipal_successors

    problems: list[PipelineError] = []
    path = cfg.input_path(config["years"][year]["inventory"])
    options = cfg.read_options(config, year, "inventory")
    raw = _try(problems, lambda: read_input(_at(base, path), **options, expect=INVENTORY_REQUIRED))
    if raw is None:
        return problems
    columns = [str(c) for c in raw.data.columns]
    geo = base / cfg.geo_path(config, year)
    if not geo.exists():  # named by config_problems; the other checks still apply
        if missing := [c for c in INVENTORY_REQUIRED if c not in columns]:
            problems.append(PipelineError(f"verplichte kolom(men) ontbreken: {', '.join(missing)}", file=path))
    else:
        earlier = cfg.earlier_geo_paths(config, year, base)

        def successors():
            boundaries = {y: read_boundaries(base / p) for y, p in earlier.items()}
            return municipal_successors(read_boundaries(geo), boundaries, year)

        municipalities = read_municipalities(geo)
        _try(problems, ingest_inventory, raw.data, path, year, municipalities, successors if earlier else None)
    carries = cfg.previous_year(config, year) is not None and cfg.year_chain(config)[year] != cfg.RESPONSES
    if carries and "bestaat_nog" not in columns:
        problems.append(
            PipelineError(
                "kolom 'bestaat_nog' ontbreekt: of een initiatief dat niet reageerde nog bestaat (deskresearch: ja, "
                f"nee of onbekend). Zonder die kolom wordt niets van {year - 1} overgenomen",
                file=path,
                hint="Voeg de kolom toe en vul hem in voor de initiatieven die niet reageerden",
            )
        )
    return problems


def text_problems(config: dict, base: Path) -> list[PipelineError]:
    """The metadata of the factsheet year's texts names that year and a reference date in it."""
    from ..factsheet.texts import check_metadata
    from ..io import read_yaml

    year = config["year"]
    path = TEXTS / str(year) / "metadata.yaml"
    if not (base / path).exists():
        return []
    problems: list[PipelineError] = []
    raw = _try(problems, read_yaml, _at(base, path))
    if raw is not None:
        _try(problems, check_metadata, raw, str(path), year)
    return problems


def problems(configfiles: list[Path], base: Path) -> list[PipelineError]:
    """Every problem of the configuration that snakemake would read with these --configfile's."""
    overwrite: dict = {}
    found: list[PipelineError] = []
    for path in configfiles:
        overwrite = cfg.merge(overwrite, _try(found, cfg.read_yaml, path) or {})
    if found:
        return found
    try:
        doc = cfg.to_json(cfg.merged_config(base, overwrite, configfiles))
    except PipelineError as err:
        return [err]
    problem = cfg.schema_problem(doc)
    if problem:
        return [PipelineError(problem)]  # without a valid schema nothing else can be read
    config = cfg.from_json(cfg.with_defaults(doc, cfg.read_yaml(cfg.SCHEMA)))
    found = cfg.config_problems(config, base)
    for year in sorted(y for y in cfg.year_chain(config) if y in config["years"]):
        spec = config["years"][year]

        def exists(key: str, spec=spec) -> bool:
            return (base / cfg.input_path(spec[key])).exists()  # a missing file is named by config_problems

        if exists("codebook"):
            found += codebook_problems(config, year, base, with_export=exists("survey"))
        if exists("inventory"):
            found += inventory_problems(config, year, base)
    found += text_problems(config, base)
    return found


def summary(configfiles: list[Path], base: Path) -> str:
    """The line `preventie config` prints for a configuration without problems."""
    overwrite: dict = {}
    for path in configfiles:
        overwrite = cfg.merge(overwrite, cfg.read_yaml(path))
    config = cfg.resolve(base, overwrite, configfiles)
    levels = {cfg.FACTSHEET: "alles", cfg.ANALYSED: "analyse", cfg.RESPONSES: "respons"}
    chain = ", ".join(f"{y} ({levels[level]})" for y, level in sorted(cfg.year_chain(config).items(), reverse=True))
    return (
        f"configuratie in orde: factsheet {config['year']}, reeks vanaf {config['first_year']}; "
        f"nodig: {chain}; uitvoer {config['results']}"
    )
