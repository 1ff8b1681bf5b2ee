"""Faults during a run: an interrupted run and a full disk leave nothing a later run would trust,
and the same plain command then completes with the clean run's outputs."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import SNAKEMAKE, copy_project, run_snakemake

pytestmark = pytest.mark.e2e


# The factsheet is rendered by pandoc in these runs (seconds instead of Quarto's half minute);
# its documents are compared in test_reproducibility, so here every other output is.
PANDOC = ("--config", "report={renderer: pandoc}")


def outputs(results: Path) -> dict[str, bytes]:
    """Every output file of a results folder but the factsheet's, by its path inside it
    (manifests name the folder and the config, so they are compared by the files they list;
    logs hold timings and are no outputs)."""
    return {
        str(p.relative_to(results)): p.read_bytes()
        for p in sorted(results.rglob("*"))
        if p.is_file() and p.name != "manifest.json" and p.parent.name not in ("factsheet", "logs")
    }


def test_an_interrupted_run_completes_when_started_again(example_run, tmp_path):
    workdir = copy_project(tmp_path)
    env = dict(os.environ, SOURCE_DATE_EPOCH="1605830400")
    run = subprocess.Popen(
        [SNAKEMAKE, "--cores", "2", "--nolock", *PANDOC],
        cwd=workdir,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while not any((workdir / "results").rglob("*.parquet")):  # jobs are writing their outputs
        assert run.poll() is None and time.monotonic() < deadline, "the run ended before it could be interrupted"
        time.sleep(0.02)
    for _ in range(2):  # Ctrl-C, Ctrl-C: to the whole foreground process group
        try:
            os.killpg(run.pid, signal.SIGINT)
        except ProcessLookupError:  # it stopped at the first
            break
        time.sleep(0.3)
    assert run.wait(timeout=120) != 0
    assert any((workdir / ".snakemake/incomplete").iterdir())  # outputs were cut off half-way
    again = run_snakemake(workdir, *PANDOC)  # the same command: the profile makes those again
    assert again.returncode == 0, again.stderr[-3000:]
    assert outputs(workdir / "results") == outputs(example_run / "results")


def mount_small_disk(folder: Path, size: str) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("een kleine schijf koppelen (mount -t tmpfs) kan alleen als root")
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.skip(f"mount -t tmpfs lukt hier niet: {result.stderr.strip()}")


def test_a_full_disk_is_one_line_per_job_and_the_rerun_completes(example_run, tmp_path):
    disk = tmp_path / "schijf"
    disk.mkdir()
    mount_small_disk(disk, "3m")  # the example's results take about 8 MB
    try:
        (tmp_path / "werk").mkdir()
        workdir = copy_project(tmp_path / "werk")
        (workdir / "vol.yaml").write_text(f"results: {disk}/results\n", encoding="utf-8")
        full = run_snakemake(workdir, "--configfile", "vol.yaml", *PANDOC)
        assert full.returncode != 0
        fout = [line for line in full.stderr.splitlines() if line.startswith("FOUT [")]
        assert fout and all("onvoldoende schijfruimte bij het schrijven" in line for line in fout), fout
        assert "Traceback" not in full.stderr and 'File "' not in full.stderr
        subprocess.run(["mount", "-o", "remount,size=64m", str(disk)], check=True)
        again = run_snakemake(workdir, "--configfile", "vol.yaml", *PANDOC)
        assert again.returncode == 0, again.stderr[-3000:]
        assert outputs(disk / "results") == outputs(example_run / "results")
    finally:
        subprocess.run(["umount", str(disk)], check=False)
