"""Running one stage from a Snakemake script: logging, and one clear line for user errors.

The scripts in scripts/ are thin adapters; this is the part they share. Everything goes to
the rule's log file; warnings and errors of the pipeline also reach the terminal, an error
as a single line `FOUT: ...` followed by a non-zero exit (Snakemake then removes the
rule's partial outputs).
"""

from __future__ import annotations

import calendar
import errno
import logging
import os
import sys
from collections.abc import Callable

from .errors import PipelineError

LEVEL_NAMES = {"DEBUG": "DEBUG", "INFO": "INFO", "WARNING": "WAARSCHUWING", "ERROR": "FOUT"}

log = logging.getLogger("preventie")


class _DutchLevel(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record.levelname_nl = LEVEL_NAMES.get(record.levelname, record.levelname)
        return super().format(record)


def configure_logging(log_path: str | None, label: str) -> None:
    """File log of everything (INFO+); pipeline warnings and errors also on the terminal."""
    logging.raiseExceptions = False  # a log that cannot be written (full disk) must not hide the error line
    root = logging.getLogger()
    root.handlers.clear()
    root.setLevel(logging.INFO)
    if log_path:
        file_handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
        file_handler.setFormatter(_DutchLevel("%(levelname_nl)s: %(message)s"))
        root.addHandler(file_handler)
    console = logging.StreamHandler(sys.__stderr__)
    console.setLevel(logging.WARNING)
    console.setFormatter(_DutchLevel(f"%(levelname_nl)s [{label}]: %(message)s"))
    log.addHandler(console)
    logging.captureWarnings(True)


def default_epoch(year: int | None) -> int:
    """Build time written into files when SOURCE_DATE_EPOCH is not set: 1 January after the year."""
    return calendar.timegm((year + 1, 1, 1, 0, 0, 0)) if year else 0


def run(smk, main: Callable[[object], None]) -> None:
    """Run `main(smk)`; a PipelineError becomes one line and exit status 1.

    Every file format that stores a time (SPSS header, DOCX, PDF) takes it from
    SOURCE_DATE_EPOCH, so two runs give the same bytes.
    """
    year = dict(smk.wildcards).get("year")
    os.environ.setdefault("SOURCE_DATE_EPOCH", str(default_epoch(int(year) if year else None)))
    label = f"{smk.rule} {year or ''}".strip()
    configure_logging(smk.log[0] if len(smk.log) else None, label)
    if len(smk.log):
        sys.stderr = open(smk.log[0], "a", encoding="utf-8")  # library noise goes to the log
    try:
        main(smk)
    except PipelineError as err:
        log.error("%s", err)
        sys.exit(1)
    except OSError as err:
        if not disk_full(err):
            raise  # a programming or system error keeps its traceback
        # Snakemake removes this job's outputs, so no half-written file is left for a later run
        log.error(
            "onvoldoende schijfruimte bij het schrijven%s. Maak ruimte vrij en start opnieuw",
            f" van {err.filename}" if err.filename else "",
        )
        sys.exit(1)
    log.info("klaar")


def disk_full(err: OSError) -> bool:
    """A write that failed because the disk (or the quota) is full; some writers (pyarrow) only
    say so in the message."""
    return err.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left on device" in str(err)
