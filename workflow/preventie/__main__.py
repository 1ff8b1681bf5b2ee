"""Command line of the library (`preventie`, or `python -m preventie`). Options are English, like
Snakemake's and the config's keys; `--configfile` is the one snakemake takes, so each command
finds the results folder and the year of the run it is about.

- `preventie config [CONFIGFILE ...]`: check a configuration without running (every problem);
- `preventie trace NI-0123 [--year 2020] [--configfile ...]`: follow one initiative;
- `preventie herleid 49 [--year 2020] [--configfile ...]`: where a number of the factsheet comes from;
- `preventie codeboek EXPORT --year 2021 --previous-codebook ... --previous-export ... --output ...`:
  draft a new year's codebook from last year's.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import config as cfg
from .errors import PipelineError


def version() -> str:
    """The version as the manifest names it: pyproject.toml's (else the installed package's) and,
    in a git checkout, `git describe`."""
    from .manifest import pipeline_version

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    return pipeline_version(pyproject if pyproject.exists() else None, pyproject.parent)


class _Version(argparse.Action):
    """--version, worked out only when asked (git describe is a subprocess)."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"preventie {version()}")
        parser.exit()


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="preventie", description="Hulpmiddelen bij de evaluatiepijplijn.")
    main.add_argument("--version", action=_Version, nargs=0, help="toon de versie en stop")
    commands = main.add_subparsers(dest="command", required=True)

    def run_options(command: argparse.ArgumentParser) -> None:
        command.add_argument(
            "--configfile",
            type=Path,
            nargs="+",
            default=[],
            help="de configuratie van de run, zoals bij snakemake --configfile (standaard: config/config.yaml)",
        )
        command.add_argument("--year", type=int, help="jaar (standaard: 'year' uit de configuratie)")
        command.add_argument("--results", type=Path, help="uitvoermap (standaard: 'results' uit de configuratie)")

    check = commands.add_parser(
        "config", help="controleer de configuratie zoals snakemake die leest (config/config.yaml plus deze bestanden)"
    )
    check.add_argument("configfile", nargs="*", type=Path, help="eigen configuratie, zoals bij snakemake --configfile")
    follow = commands.add_parser("trace", help="volg één initiatief door de resultaten van een jaar")
    follow.add_argument("initiatief", help="initiatief-id uit de inventarisatie, bijv. NI-0123")
    run_options(follow)
    explain = commands.add_parser(
        "herleid", help="waar een getal uit de factsheet staat en waar het vandaan komt, tot op de initiatieven"
    )
    explain.add_argument("getal", help="het getal zoals gedrukt (49, 42%%, 1.234) of een stukje van de zin")
    run_options(explain)
    draft = commands.add_parser("codeboek", help="maak een concept-codeboek voor de export van een nieuw jaar")
    draft.add_argument("export", type=Path, help="enquête-export van het nieuwe jaar (.sav, .csv of .xlsx)")
    draft.add_argument("--year", type=int, required=True, help="jaar van die export, bijv. 2021")
    draft.add_argument("--previous-codebook", type=Path, required=True, help="het nagekeken codeboek van vorig jaar")
    draft.add_argument("--previous-export", type=Path, required=True, help="de enquête-export van vorig jaar")
    draft.add_argument(
        "--output", type=Path, required=True, help="waar het concept komt, bijv. config/codebooks/2021.yaml"
    )
    return main


def run_settings(args: argparse.Namespace) -> tuple[int, Path]:
    """The year and results folder a command is about: given, or as snakemake would read them from
    the configuration (config/config.yaml with the --configfile's on top). Reading results needs
    no more of the config, so its input files need not be there any more."""
    if args.year is not None and args.results is not None:
        return args.year, args.results
    overwrite: dict = {}
    for path in args.configfile:
        overwrite = cfg.merge(overwrite, cfg.read_yaml(path))
    merged = cfg.merged_config(Path.cwd(), overwrite, args.configfile)
    year = args.year if args.year is not None else merged.get("year")
    if year is None:
        raise PipelineError("geen jaar: geef --year of een configuratie met 'year'")
    return int(year), args.results or Path(merged.get("results", "results"))


def run(args: argparse.Namespace) -> list[str]:
    """The lines a command prints; a user mistake raises PipelineError."""
    if args.command == "config":
        from .tools import check_config

        problems = check_config.problems(args.configfile, Path.cwd())
        if problems:
            raise ConfigProblems(problems)
        return [check_config.summary(args.configfile, Path.cwd())]
    if args.command == "codeboek":
        from .tools.codebook_draft import write_draft

        return [write_draft(args.export, args.year, args.previous_codebook, args.previous_export, args.output)]
    year, results = run_settings(args)
    if args.command == "trace":
        from .tools.follow_initiative import trace

        return trace(args.initiatief, year, results)
    from .tools.explain_number import herleid

    return herleid(args.getal, year, results)


class ConfigProblems(Exception):
    """Every problem of a configuration, one line each."""

    def __init__(self, problems: list[PipelineError]):
        self.problems = problems
        super().__init__("; ".join(map(str, problems)))


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        lines = run(args)
    except ConfigProblems as err:
        for problem in err.problems:
            print(f"FOUT [configuratie]: {problem}", file=sys.stderr)
        return 1
    except PipelineError as err:
        label = " [configuratie]" if args.command == "config" else ""
        print(f"FOUT{label}: {err}", file=sys.stderr)
        return 1
    try:
        print("\n".join(lines))
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader stopped early (`| head`): not an error; stdout goes nowhere from here on
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


if __name__ == "__main__":
    sys.exit(main())
