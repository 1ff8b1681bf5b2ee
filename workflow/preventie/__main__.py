"""Command line of the library: `python -m preventie trace NI-0123 --year 2020`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import PipelineError
from .trace import trace


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m preventie", description="Hulpmiddelen bij de evaluatiepijplijn.")
    commands = parser.add_subparsers(dest="command", required=True)
    follow = commands.add_parser("trace", help="volg één initiatief door de resultaten van een jaar")
    follow.add_argument("initiatief", help="initiatief-id uit de inventarisatie, bijv. NI-0123")
    follow.add_argument("--year", type=int, required=True, help="jaar, bijv. 2020")
    follow.add_argument("--results", type=Path, default=Path("results"), help="uitvoermap (standaard: results)")
    args = parser.parse_args(argv)
    try:
        print("\n".join(trace(args.initiatief, args.year, args.results)))
    except PipelineError as err:
        print(f"FOUT: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
