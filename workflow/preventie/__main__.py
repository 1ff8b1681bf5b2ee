"""Command line of the library (`preventie`, or `python -m preventie`): `preventie trace NI-0123 --year 2020`,
`preventie herleid 49 --year 2020` (where a number of the factsheet comes from), and
`python -m preventie config [CONFIGFILE ...]` to check a configuration without running;
`preventie codeboek EXPORT --jaar 2021 --vorig-codeboek ... --vorige-export ... --uit ...` drafts a new year's
codebook from last year's."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import concept
from . import config as cfg
from .codebook import load_codebook
from .errors import PipelineError
from .herleid import herleid
from .ingest import check_variables
from .io import read_input, read_yaml
from .trace import trace


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="preventie", description="Hulpmiddelen bij de evaluatiepijplijn.")
    commands = parser.add_subparsers(dest="command", required=True)
    follow = commands.add_parser("trace", help="volg één initiatief door de resultaten van een jaar")
    follow.add_argument("initiatief", help="initiatief-id uit de inventarisatie, bijv. NI-0123")
    follow.add_argument("--year", type=int, required=True, help="jaar, bijv. 2020")
    follow.add_argument("--results", type=Path, default=Path("results"), help="uitvoermap (standaard: results)")
    explain = commands.add_parser(
        "herleid", help="waar een getal uit de factsheet staat en waar het vandaan komt, tot op de initiatieven"
    )
    explain.add_argument("getal", help="het getal zoals gedrukt (49, 42%%, 1.234) of een stukje van de zin")
    explain.add_argument("--year", type=int, required=True, help="jaar van de factsheet, bijv. 2020")
    explain.add_argument("--results", type=Path, default=Path("results"), help="uitvoermap (standaard: results)")
    check = commands.add_parser(
        "config", help="controleer de configuratie zoals snakemake die leest (config/config.yaml plus deze bestanden)"
    )
    check.add_argument("configfile", nargs="*", type=Path, help="eigen configuratie, zoals bij snakemake --configfile")
    draft = commands.add_parser("codeboek", help="maak een concept-codeboek voor de export van een nieuw jaar")
    draft.add_argument("export", type=Path, help="enquête-export van het nieuwe jaar (.sav, .csv of .xlsx)")
    draft.add_argument("--jaar", type=int, required=True, help="jaar van die export, bijv. 2021")
    draft.add_argument("--vorig-codeboek", type=Path, required=True, help="het nagekeken codeboek van vorig jaar")
    draft.add_argument("--vorige-export", type=Path, required=True, help="de enquête-export van vorig jaar")
    draft.add_argument(
        "--uit", type=Path, required=True, help="waar het concept komt, bijv. config/codebooks/2021.yaml"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "trace":
            print("\n".join(trace(args.initiatief, args.year, args.results)))
        elif args.command == "herleid":
            print("\n".join(herleid(args.getal, args.year, args.results)))
        elif args.command == "codeboek":
            print(write_draft(args.export, args.jaar, args.vorig_codeboek, args.vorige_export, args.uit))
        else:
            print(describe_config(args.configfile))
    except PipelineError as err:
        print(f"FOUT: {err}", file=sys.stderr)
        return 1
    return 0


def describe_config(configfiles: list[Path]) -> str:
    """Resolve the config as the workflow does; a summary line when it is valid."""
    overwrite: dict = {}
    for path in configfiles:
        overwrite = cfg.merge(overwrite, read_yaml(path))
    resolved = cfg.resolve(Path.cwd(), overwrite, configfiles)
    years = ", ".join(str(y) for y in sorted(resolved["years"]))
    return f"configuratie in orde: factsheet {resolved['year']}, jaren met data {years}, uitvoer {resolved['results']}"


def write_draft(export: Path, year: int, previous_codebook: Path, previous_export: Path, target: Path) -> str:
    """Draft `year`'s codebook for `export` from last year's codebook and export, write it to
    `target` (never over a reviewed codebook); the change summary."""
    book = load_codebook(str(previous_codebook))
    concept.check_year(year, book)
    old = read_input(previous_export)
    check_variables(old, book, str(previous_export))  # last year's codebook must fit last year's export
    new = read_input(export)
    sources = (export.name, previous_codebook.name, previous_export.name)
    draft = concept.draft_codebook(new, old, book, year, sources)
    if target.exists() and not _is_draft(target):
        raise PipelineError(
            "bestaat al en is geen concept (geen 'concept: true')",
            file=str(target),
            hint="Kies een ander bestand met --uit",
        )
    try:
        target.write_text(concept.render(draft), encoding="utf-8", newline="\n")
    except OSError as err:
        raise PipelineError(f"kan niet geschreven worden: {err.strerror}", file=str(target)) from None
    return concept.summary(draft, str(target))


def _is_draft(path: Path) -> bool:
    """A draft may be made again; a reviewed codebook (or any other file) is never overwritten."""
    try:
        return read_yaml(path).get("concept") is True
    except PipelineError:
        return False


if __name__ == "__main__":
    sys.exit(main())
