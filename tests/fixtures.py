"""A tiny three-year project (CSV exports) for end-to-end tests of the DAG and of bad input.

Four initiatives, the same in every year:
- T1 responds every year (included);
- T2 responds in 2018 only: carried into 2019, but never chained into 2020;
- T3 responds in 2019 only, with answers that fail E1: 2020 gives overgenomen_geexcludeerd;
- T4 never responds and no longer exists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import yaml

from conftest import run_snakemake

YEARS = (2018, 2019, 2020)
INVENTORY_HEADER = "initiatief_id,naam,bron,gemeente_code,preventiecoalitie,coalitie_startjaar,bestaat_nog\n"
INVENTORY_ROWS = (
    "T1,Gezond Leven Zwolle,vorige_inventarisatie,GM0193,nee,,\n"
    "T2,Samen Fit Almere,vorige_inventarisatie,GM0034,nee,,ja\n"
    "T3,Vitaal Deventer,sleutelfiguur,GM0150,ja,2017,ja\n"
    "T4,Valpreventie Drechtsteden,overig,GM0505,nee,,nee\n"
)
EXPORT_HEADER = "id,token,naam,status,email,Q02,Q03,P1,P2,P3,Q06,Q10,Q11,Q12\n"
INCLUDED = "1,2,1,1,1,4,1,1,4"  # ja, gemeente, 3 parties, 4 interventions, G ja, Z ja, formeel
EXCLUDED_E1 = "2,2,1,1,1,4,1,1,4"
PII_EMAIL = "p.de.vries@fixture-voorbeeld.nl"
EXPORT_ROWS = {
    2018: [f"1,T1,Gezond Leven Zwolle,1,{PII_EMAIL},{INCLUDED}", f"2,,Samen Fit Almere,1,x@y.nl,{INCLUDED}"],
    2019: [f"1,T1,,1,,{INCLUDED}", f"2,T3,,1,,{EXCLUDED_E1}"],
    2020: [f"1,T1,,1,,{INCLUDED}", "2,,Onbekend Initiatief,1,,1,2,1,1,1,4,1,1,4"],
}
CODEBOOK = {
    "encoding": None,
    "keys": {
        "submission_id": "id",
        "initiative_id": "token",
        "initiative_name": "naam",
        "submitted_at": None,
        "completed": {"var": "status", "values": [1]},
    },
    "pii": ["email"],
    "single": {
        "doet_preventie": {"var": "Q02", "map": {1: "ja", 2: "nee"}},
        "reikwijdte": {"var": "Q03", "map": {1: "wijk", 2: "gemeente", 3: "regio", 4: "provincie", 5: "landelijk"}},
        "gemeente_betrokken": {"var": "Q10", "map": {1: "ja", 2: "nee"}},
        "zorgverzekeraar_betrokken": {"var": "Q11", "map": {1: "ja", 2: "nee"}},
        "samenwerking": {"var": "Q12", "map": {1: "geen_contact", 2: "in_gesprek", 3: "informeel", 4: "formeel"}},
    },
    "numeric": {"n_interventies": {"var": "Q06"}},
    "multi": {"partijen": {"gemeente": "P1", "zorgverzekeraar": "P2", "ggd": "P3"}},
}


def write_three_years(root: Path) -> Path:
    """Write the fixture's inputs and config under `root`; returns the config path."""
    data = root / "fixture"
    data.mkdir(parents=True, exist_ok=True)
    years = {}
    for year in YEARS:
        (data / f"inventaris_{year}.csv").write_text(INVENTORY_HEADER + INVENTORY_ROWS, encoding="utf-8")
        (data / f"enquete_{year}.csv").write_text(
            EXPORT_HEADER + "".join(r + "\n" for r in EXPORT_ROWS[year]), encoding="utf-8"
        )
        (data / f"codeboek_{year}.yaml").write_text(yaml.safe_dump({"year": year, **CODEBOOK}), encoding="utf-8")
        years[year] = {
            "inventory": f"fixture/inventaris_{year}.csv",
            "survey": f"fixture/enquete_{year}.csv",
            "codebook": f"fixture/codeboek_{year}.yaml",
            "links": None,
        }
    config = {
        "year": 2020,
        "first_year": 2018,
        "results": "fixture_results",
        "years": years,
        "historical": {},
        "geo": {"municipalities": "resources/geo/gemeente_2020.geojson"},
    }
    path = data / "config.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def fail_with(workdir: Path, stage_dir: str, *args: str) -> str:
    """Run the fixture, expect failure with exactly one FOUT line on the terminal and no
    traceback, and no output left in `stage_dir` of the failing year; returns the FOUT line.
    (The failed job's log follows it, framed by Snakemake: `show-failed-logs` in the profile.)"""
    result = run_snakemake(workdir, "--configfile", "fixture/config.yaml", *args)
    assert result.returncode != 0
    fout = [line for line in result.stderr.splitlines() if line.startswith("FOUT [")]
    assert len(fout) == 1, result.stderr[-3000:]
    assert "Traceback" not in result.stderr and 'File "' not in result.stderr, result.stderr[-3000:]
    leftovers = [p for p in (workdir / "fixture_results").glob(f"*/{stage_dir}/*")]
    failed_year = re.search(r"FOUT \[\w+ (\d{4})\]", fout[0]).group(1)
    assert [p for p in leftovers if f"/{failed_year}/" in str(p)] == []
    return fout[0]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in a text file (which must contain it)."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """A sheet as a survey tool's XLSX export writes it with openpyxl: numbers as number cells
    without a number format, so a date is Excel's serial day number (1900 date system), as Excel
    also keeps a date cell whose format was cleared."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(frame.columns))
    for row in frame.itertuples(index=False):
        sheet.append([None if not isinstance(v, str) and pd.isna(v) else v for v in row])
    book.save(path)


def assert_same_tables(clean: Path, other: Path, also: tuple[str, ...] = ()) -> None:
    """Every table of tabellen/ (and the files `also` names) of a year's results byte for byte as in
    the clean run: a messy export read right gives the same numbers."""
    tables = sorted(p.relative_to(clean) for p in (clean / "tabellen").glob("*.csv"))
    assert len(tables) >= 10
    for table in [*tables, *map(Path, also)]:
        assert (other / table).read_bytes() == (clean / table).read_bytes(), table
