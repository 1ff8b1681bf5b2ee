"""Running a stage: its warnings in its log, on the terminal and as a table, masked, with their kind."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from types import SimpleNamespace

import pytest

from conftest import ROOT, copy_project, run_snakemake
from preventie import io
from preventie.errors import WARNING_KINDS, PipelineError, PipelineWarning
from preventie.stage import run, warn

EMAIL = "j.jansen@voorbeeld.nl"


@pytest.fixture
def job(tmp_path, monkeypatch):
    """What Snakemake hands a script: rule, year and the rule's two logs (log_of in rules/common.smk)."""
    monkeypatch.setattr(sys, "stderr", sys.stderr)  # run() sends stderr to the log; undone after the test
    yield SimpleNamespace(
        rule="link",
        wildcards={"year": "2020"},
        log=[str(tmp_path / "link.log"), str(tmp_path / "link.waarschuwingen.csv")],
    )
    logging.getLogger("preventie").handlers.clear()
    logging.getLogger().handlers.clear()


def written(job):
    return io.read_table(job.log[1], "waarschuwingen")


def test_every_warning_is_in_the_table_with_its_kind_and_masked(job, capfd):
    def main(_):
        warn(f"3 inzending(en) ongekoppeld: 10121 ({EMAIL})", "ongekoppeld")
        warn(PipelineWarning("enquete.sav: variabele 'naam': 1 e-mailadres vervangen", "persoonsgegevens"))
        logging.getLogger("preventie").info("methode token: 185")  # not a warning

    run(job, main)
    table = written(job)
    assert table.columns.tolist() == ["jaar", "stap", "nr", "soort", "melding"]
    assert table["jaar"].tolist() == [2020, 2020] and table["stap"].tolist() == ["link", "link"]
    assert table["nr"].tolist() == [1, 2] and table["soort"].tolist() == ["ongekoppeld", "persoonsgegevens"]
    assert table["melding"].iloc[0] == "3 inzending(en) ongekoppeld: 10121 ([e-mailadres])"
    log = open(job.log[0], encoding="utf-8").read()
    terminal = capfd.readouterr().err  # the terminal is the real stderr
    for text in (log, terminal, open(job.log[1], encoding="utf-8").read()):
        assert EMAIL not in text
    assert "WAARSCHUWING [link 2020]: 3 inzending(en) ongekoppeld: 10121 ([e-mailadres])" in terminal
    assert "INFO: methode token: 185" in log


def test_a_stage_without_warnings_writes_an_empty_table(job):
    run(job, lambda _: None)
    table = written(job)
    assert table.empty and table.columns.tolist() == ["jaar", "stap", "nr", "soort", "melding"]


def test_the_warnings_before_an_error_are_kept(job):
    def main(_):
        warn("eerst dit", "token_vorm")
        raise PipelineError("dan dit", file="x.csv")

    with pytest.raises(SystemExit) as stopped:
        run(job, main)
    assert stopped.value.code == 1
    assert written(job)["melding"].tolist() == ["eerst dit"]
    assert "FOUT: x.csv: dan dit" in open(job.log[0], encoding="utf-8").read()


def test_a_warning_without_a_kind_is_overig_and_an_unknown_kind_is_a_programming_error(job):
    def main(_):
        warn("zomaar")
        logging.getLogger("preventie").warning("rechtstreeks gelogd")

    run(job, main)
    assert written(job)["soort"].tolist() == ["overig", "overig"]
    with pytest.raises(ValueError, match="unknown kind"):
        warn("x", "bestaat_niet")
    with pytest.raises(ValueError, match="unknown kind"):
        PipelineWarning("x", "bestaat_niet")


def test_a_pipeline_warning_is_still_its_text():
    warning = PipelineWarning("tekst", "ongekoppeld")
    assert warning == "tekst" and f"{warning}!" == "tekst!" and warning.kind == "ongekoppeld"
    assert set(WARNING_KINDS) >= {"persoonsgegevens", "onbekende_code", "ongekoppeld", "overig"}


def test_a_job_leaves_its_objects_out_of_the_final_garbage_collections(tmp_path):
    """A stage's process freezes its objects at exit, before the interpreter's last collections
    (0.1 s a job with pandas loaded); its log is still complete."""
    log = tmp_path / "inclusion.log"
    script = f"""
import atexit, gc, sys
atexit.register(lambda: print("bevroren:", gc.get_freeze_count() > 0))  # runs after run()'s own
from types import SimpleNamespace
from preventie.stage import log, run
smk = SimpleNamespace(rule="inclusion", wildcards={{"year": "2020"}}, log=[{str(log)!r}])
run(smk, lambda smk: log.info("gedaan"))
"""
    env = dict(os.environ, PYTHONPATH=str(ROOT / "workflow"))
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "bevroren: True"
    assert log.read_text(encoding="utf-8").splitlines() == ["INFO: gedaan", "INFO: klaar"]


def test_snakemake_itself_leaves_its_objects_out_of_the_final_garbage_collections(tmp_path):
    """Snakemake's own process does the same once it has read the workflow (0.3 s of a run with
    nothing to do); seen from an exit handler registered before the workflow is read."""
    workdir = copy_project(tmp_path)
    (workdir / "Snakefile.test").write_text(
        'import atexit, gc\natexit.register(lambda: print("bevroren:", gc.get_freeze_count() > 0))\n'
        'include: "Snakefile"\n',
        encoding="utf-8",
    )
    result = run_snakemake(workdir, "-s", "Snakefile.test", "-n")
    assert result.returncode == 0, result.stderr[-2000:]
    assert "bevroren: True" in result.stdout
