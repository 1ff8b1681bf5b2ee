"""Command line of the library (`preventie`, or `python -m preventie`): `preventie trace NI-0123 --year 2020`, and
`python -m preventie config [CONFIGFILE ...]` to check a configuration without running."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import config as cfg
from .errors import PipelineError
from .io import read_yaml
from .trace import trace


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="preventie", description="Hulpmiddelen bij de evaluatiepijplijn.")
    commands = parser.add_subparsers(dest="command", required=True)
    follow = commands.add_parser("trace", help="volg één initiatief door de resultaten van een jaar")
    follow.add_argument("initiatief", help="initiatief-id uit de inventarisatie, bijv. NI-0123")
    follow.add_argument("--year", type=int, required=True, help="jaar, bijv. 2020")
    follow.add_argument("--results", type=Path, default=Path("results"), help="uitvoermap (standaard: results)")
    check = commands.add_parser(
        "config", help="controleer de configuratie zoals snakemake die leest (config/config.yaml plus deze bestanden)"
    )
    check.add_argument("configfile", nargs="*", type=Path, help="eigen configuratie, zoals bij snakemake --configfile")
    args = parser.parse_args(argv)
    try:
        if args.command == "trace":
            print("\n".join(trace(args.initiatief, args.year, args.results)))
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


if __name__ == "__main__":
    sys.exit(main())
