"""Genereert de synthetische voorbeeldinvoer (2019 en 2020) van de pipeline.

Alle stappen trekken uit één random stream, in de volgorde van build: wie ze omwisselt of er een
trekking tussen zet, verschuift ids en inzendingsnummers (README, 'Let op').
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path

import pyreadstat

from .answers import build_other_answers
from .calibration import build_answers_2020_analysed, calibrate_2019
from .checks import check_calibration_2019, check_pii
from .codebooks import codebook_2019, codebook_2020, validate_codebook
from .contacts import build_contacts
from .generator import SEED, Generator
from .names import build_names
from .questionnaires import WN_NUMERIC_2019
from .report import edge_report
from .roles import build_categories, build_coalitions, build_failures, build_inventory_meta, build_roles
from .submissions import Sub
from .submissions_2019 import build_submissions_2019
from .submissions_2020 import build_submissions_2020
from .writers import csv_bytes, inventory_rows, survey_2019, survey_2020, write_sav

HERE = Path(__file__).resolve().parents[1]


@dataclass
class Example:
    g: Generator
    files: dict[str, bytes]  # alles behalve de enquêtes (die trekken nog uit de stream: write_all)
    subs: dict[int, list[Sub]]
    links: list[tuple[str, str]]


def build() -> Example:
    g = Generator()
    build_initiatives(g)
    subs20, links = build_submissions_2020(g)
    subs19 = build_submissions_2019(g)
    check_calibration_2019(g, subs19)
    check_pii(g, subs19 + subs20)
    files: dict[str, bytes] = {}
    files["inventaris_2019.csv"] = csv_bytes(inventory_rows(g, 2019), bom=True, crlf=True)
    files["inventaris_2020.csv"] = csv_bytes(inventory_rows(g, 2020), bom=False, crlf=False)
    files["koppelingen_2020.csv"] = csv_bytes(
        [["submission_id", "initiatief_id"]] + [[str(a), b] for a, b in links], bom=False, crlf=False
    )
    for year, text in ((2019, codebook_2019()), (2020, codebook_2020())):
        validate_codebook(text, year)
        files[f"codeboek_{year}.yaml"] = text.encode("utf-8")
    return Example(g, files, {2019: subs19, 2020: subs20}, links)


def build_initiatives(g: Generator) -> None:
    """Rollen eerst, dan de antwoorden (de gekalibreerde vóór de willekeurige), dan namen en personen."""
    build_roles(g)
    build_coalitions(g)
    build_categories(g)
    build_failures(g)
    build_answers_2020_analysed(g)
    build_other_answers(g)
    calibrate_2019(g)  # trekt niets: ids en inzendingsnummers blijven staan
    build_names(g)
    build_inventory_meta(g)
    build_contacts(g)


def write_all(out: Path) -> Example:
    ex = build()
    out.mkdir(parents=True, exist_ok=True)
    for name, data in ex.files.items():
        (out / name).write_bytes(data)
    df19, lab19, val19 = survey_2019(ex.subs[2019], ex.g)
    write_sav(df19, out / "enquete_2019.sav", lab19, val19, 2019, missing={"v6_aantal": [WN_NUMERIC_2019]})
    df20, lab20, val20 = survey_2020(ex.subs[2020], ex.g)
    write_sav(df20, out / "enquete_2020.sav", lab20, val20, 2020)
    for year in (2019, 2020):
        data, _ = pyreadstat.read_sav(str(out / f"enquete_{year}.sav"))
        assert len(data) == len(ex.subs[year])
    print_summary(ex, out)
    return ex


def print_summary(ex: Example, out: Path) -> None:
    written = sorted(list(ex.files) + ["enquete_2019.sav", "enquete_2020.sav"])
    print(f"Voorbeeldinvoer geschreven naar {out} (seed {SEED}):")
    for name in written:
        print(f"  {name:24s} {(out / name).stat().st_size:>8d} bytes")
    print(
        f"  inventaris 2019: {sum(x.in_year(2019) for x in ex.g.inits)} initiatieven, "
        f"2020: {sum(x.in_year(2020) for x in ex.g.inits)}"
    )
    print(
        f"  enquête 2019: {len(ex.subs[2019])} inzendingen, 2020: {len(ex.subs[2020])} inzendingen; "
        f"{len(ex.links)} regels in koppelingen_2020.csv"
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="uitvoermap (standaard: deze map)")
    parser.add_argument(
        "--randgevallen", action="store_true", help="druk daarna per randgeval de ids en inzendingen af"
    )
    args = parser.parse_args(argv)
    ex = write_all(args.out)
    if args.randgevallen:
        print("\n".join(edge_report(ex.g, ex.subs)))
    return 0
