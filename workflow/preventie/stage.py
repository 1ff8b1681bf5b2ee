"""Running one stage from a Snakemake script: logging, and one clear line for user errors.

The scripts in scripts/ are thin adapters; this is the part they share. Everything goes to
the rule's log file; warnings and errors of the pipeline also reach the terminal, an error
as a single line `FOUT: ...` followed by a non-zero exit (Snakemake then removes the
rule's partial outputs). Every warning and error passes `privacy.mask` before it is written
anywhere. The warnings of the job (`warn`) are also written, with their kind, to the rule's
second log, logs/<stage>.waarschuwingen.csv (the schema waarschuwingen of tables.yaml), even
when there are none: the year's waarschuwingen.csv gathers them (preventie.warning_list).
"""

from __future__ import annotations

import atexit
import calendar
import contextlib
import errno
import functools
import gc
import logging
import os
import sys
from collections.abc import Callable

from .errors import WARNING_KINDS, PipelineError
from .paths import WARNINGS_LOG_SUFFIX
from .privacy import mask

LEVEL_NAMES = {"DEBUG": "DEBUG", "INFO": "INFO", "WARNING": "WAARSCHUWING", "ERROR": "FOUT"}

log = logging.getLogger("preventie")


class _DutchLevel(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        record.levelname_nl = LEVEL_NAMES.get(record.levelname, record.levelname)
        return super().format(record)


OTHER = "overig"


class _Masked(logging.Filter):
    """A warning or error of the pipeline with its personal data masked, before any handler (log
    file, terminal, the warnings table) sees it: a message may quote what a respondent typed."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno >= logging.WARNING:
            record.msg, record.args = mask(record.getMessage()), ()
        return True


class Collected(logging.Handler):
    """The pipeline's warnings of one job, each with its kind, in the order they were given."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.warnings: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno == logging.WARNING:
            self.warnings.append((getattr(record, "soort", OTHER), record.getMessage()))


def configure_logging(log_path: str | None, label: str) -> Collected:
    """File log of everything (INFO+); pipeline warnings and errors also on the terminal, masked;
    returns what collects the pipeline's warnings."""
    logging.raiseExceptions = False  # a log that cannot be written (full disk) must not hide the error line
    root = logging.getLogger()
    root.handlers.clear()
    root.setLevel(logging.INFO)
    if log_path:
        file_handler = logging.FileHandler(log_path, mode="w", encoding="utf-8")
        file_handler.setFormatter(_DutchLevel("%(levelname_nl)s: %(message)s"))
        root.addHandler(file_handler)
    log.handlers.clear()
    log.filters.clear()
    log.addFilter(_Masked())
    console = logging.StreamHandler(sys.__stderr__)
    console.setLevel(logging.WARNING)
    console.setFormatter(_DutchLevel(f"%(levelname_nl)s [{label}]: %(message)s"))
    log.addHandler(console)
    collected = Collected()
    log.addHandler(collected)
    logging.captureWarnings(True)
    return collected


def warn(message: str, kind: str | None = None) -> None:
    """A warning of the pipeline: in the log, on the terminal and in the year's waarschuwingen.csv,
    with its kind (one of errors.WARNING_KINDS): the one given, else the PipelineWarning's own."""
    kind = kind or getattr(message, "kind", OTHER)
    if kind not in WARNING_KINDS:
        raise ValueError(f"unknown kind of warning: {kind}")
    log.warning("%s", message, extra={"soort": kind})


def write_warnings(collected: Collected, smk, year: str | None) -> None:
    """The job's warnings into its warnings log (logs/<stage>.waarschuwingen.csv), if it has one
    (every rule of a year has)."""
    from . import io
    from .warning_list import stage_table

    path = next((str(p) for p in smk.log if str(p).endswith(WARNINGS_LOG_SUFFIX)), None)
    if path and year:
        io.write_table(stage_table(collected.warnings, smk.rule, int(year)), path, "waarschuwingen")


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
    skip_final_collection()
    label = f"{smk.rule} {year or ''}".strip()
    collected = configure_logging(smk.log[0] if len(smk.log) else None, label)
    if len(smk.log):
        sys.stderr = open(smk.log[0], "a", encoding="utf-8")  # library noise goes to the log
    try:
        main(smk)
        write_warnings(collected, smk, year)
    except PipelineError as err:
        log.error("%s", err)
        with contextlib.suppress(OSError):  # what was warned before the error, as far as it can be written
            write_warnings(collected, smk, year)
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


@functools.cache  # registered once, also in a process that runs several stages
def skip_final_collection() -> None:
    """At exit, before the interpreter's final garbage collections, freeze every object, so they
    are not walked. With pandas and pyarrow loaded those collections took 0.1 s in every job, as
    long as the work of most stages on the example (and 0.3 s in Snakemake's own process, which
    calls this while it reads the workflow). Only the search for reference cycles is skipped:
    the outputs are closed by then, and the exit handlers registered before this one (the
    logging module's among them) still run after it and flush the logs and streams."""
    atexit.register(gc.freeze)


def disk_full(err: OSError) -> bool:
    """A write that failed because the disk (or the quota) is full; some writers (pyarrow) only
    say so in the message."""
    return err.errno in (errno.ENOSPC, errno.EDQUOT) or "No space left on device" in str(err)
