"""The example on a Slurm cluster (`--profile profiles/slurm`) writes the bytes of the local run.

The cluster is one node on this machine (tests/slurm_cluster.py: munged, slurmctld and slurmd,
no accounting), started for this module and stopped by the PIDs it started, also when the test
fails. It needs root, munge and Slurm (installed with apt-get if they are missing) and the
plugin of requirements-slurm.txt (installed with pip into a folder of the test if .venv does
not have it); without them, or on a machine that is a Slurm node already
(/etc/slurm/slurm.conf), the test is skipped with the reason.

It takes about 110 s where the local run takes 16 s (2 cores): each of the 21 jobs is a Slurm
job of some 5 s that starts Snakemake twice (the job, then its `srun` step), each reading the
workflow again, and the plugin looks at the queue every 10 s
(`slurm-init-seconds-before-status-checks` in the profile), so every stage also waits for that.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
import slurm_cluster
from slurm_cluster import SlurmCluster, Unavailable

from conftest import PROJECT_PARTS, ROOT, SNAKEMAKE

pytestmark = [pytest.mark.slurm, pytest.mark.e2e]

PLUGINS = ("snakemake-executor-plugin-slurm", "snakemake-executor-plugin-slurm-jobstep")
# Seconds the Slurm run may take (it takes about 110); then it is interrupted and fails.
RUN_LIMIT = 480
# Seconds Snakemake gets after a SIGINT to cancel its Slurm jobs and stop.
STOP_GRACE = 60
# As conftest.run_snakemake: the dates in the documents come from it.
SOURCE_DATE_EPOCH = "1605830400"


def why_not_here() -> str | None:
    """Why this machine cannot run the test (a skip reason), or None; cheapest checks first,
    so a machine that cannot run it anyway is not given Slurm packages."""
    if os.geteuid() != 0:
        return "geen root: de test start munged, slurmctld en slurmd en legt /etc/slurm/slurm.conf tijdelijk aan"
    return slurm_cluster.conf_in_the_way() or slurm_cluster.ensure_installed()


def plugin_folder(scratch: Path) -> tuple[str | None, str | None]:
    """Where Snakemake finds the executor plugin: ("", None) when the environment has it (make
    slurm-deps), else a folder that pip installed the pins of requirements-slurm.txt into, for
    PYTHONPATH, so that the test runs on a fresh clone without changing .venv; (None, reason)
    when neither works."""
    if all(importlib.util.find_spec(p.replace("-", "_")) is not None for p in PLUGINS):
        return "", None
    target = scratch / "slurm-plugin"
    install = [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps"]
    try:
        result = subprocess.run(
            [*install, "--target", str(target), "-r", str(ROOT / "requirements-slurm.txt")],
            capture_output=True,
            text=True,
            timeout=300,
        )
    except subprocess.TimeoutExpired:
        return None, "pip install -r requirements-slurm.txt duurde langer dan 300 s"
    if result.returncode != 0:
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
        return (
            None,
            f"snakemake-executor-plugin-slurm niet te installeren (pip install -r requirements-slurm.txt): {last[0]}",
        )
    return str(target), None


@pytest.fixture(scope="module")
def plugin(tmp_path_factory) -> str:
    """The PYTHONPATH entry for the executor plugin ("" when the environment has it)."""
    folder, reason = plugin_folder(tmp_path_factory.mktemp("plugin"))
    if reason:
        pytest.skip(reason)
    return folder


@pytest.fixture(scope="module")
def cluster(plugin):
    """A one-node Slurm cluster for this module; always stopped and removed afterwards."""
    reason = why_not_here()
    if reason:
        pytest.skip(reason)
    cluster = SlurmCluster()
    try:
        try:
            cluster.start()
        except Unavailable as err:
            pytest.skip(str(err))
        yield cluster
    finally:
        cluster.stop()
        cluster.cleanup()


def copy_of(run: Path, target: Path) -> Path:
    """The project of a finished run without its results, in `target`: the code, config and
    inputs that run used, even when the checkout has been edited since it was copied."""
    target.mkdir()
    for part in PROJECT_PARTS:
        src = run / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, target / part)
    return target


def tail(path: Path, lines: int = 60) -> str:
    return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def interrupt(run: subprocess.Popen) -> None:
    """Stop a Snakemake run as Ctrl-C does: SIGINT to its process group, so that it cancels
    its Slurm jobs (a SIGTERM'ed Snakemake keeps polling); SIGKILL only if it does not stop."""
    try:
        os.killpg(run.pid, signal.SIGINT)
        run.wait(timeout=STOP_GRACE)
    except ProcessLookupError:
        pass
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.wait()


def run_on_slurm(workdir: Path, cluster: SlurmCluster, plugin: str, log: Path) -> int:
    """`snakemake --profile profiles/slurm` in `workdir`, its output in `log`; its exit code.
    A run over RUN_LIMIT seconds is interrupted and fails the test."""
    env = dict(cluster.env, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    if plugin:  # the plugin installed for this test: Snakemake and every job (sbatch exports all) find it
        env["PYTHONPATH"] = os.pathsep.join(p for p in (plugin, env.get("PYTHONPATH")) if p)
    command = [SNAKEMAKE, "--profile", "profiles/slurm"]
    with open(log, "wb") as out:
        run = subprocess.Popen(
            command, cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            return run.wait(timeout=RUN_LIMIT)
        except subprocess.TimeoutExpired:
            interrupt(run)
            pytest.fail(f"Snakemake op Slurm niet klaar binnen {RUN_LIMIT} s, onderbroken\n" + report(log, cluster))


def report(log: Path, cluster: SlurmCluster) -> str:
    """What a failure shows: the end of Snakemake's output, the queue and the daemons' logs."""
    jobs = " ".join(f"{job}:{state}" for job, state in cluster.jobs()) or "(geen)"
    return f"--- Snakemake (laatste regels)\n{tail(log)}\n--- Slurm-jobs: {jobs}\n{cluster.logs()}"


def outputs(results: Path) -> dict[str, bytes]:
    """Every file of a results folder by its path inside it, but the logs (they hold timings).
    The manifests are compared too: both runs have the same folder, config and code."""
    return {
        str(p.relative_to(results)): p.read_bytes()
        for p in sorted(results.rglob("*"))
        if p.is_file() and p.parent.name != "logs"
    }


def test_the_example_on_slurm_gives_the_bytes_of_the_local_run(example_run, cluster, plugin, tmp_path):
    workdir = copy_of(example_run, tmp_path / "slurm")
    log = tmp_path / "snakemake.log"
    code = run_on_slurm(workdir, cluster, plugin, log)
    assert code == 0, f"Snakemake op Slurm stopte met code {code}\n" + report(log, cluster)

    # Every job but the local `all` went to Slurm: Snakemake prints "rule <name>:" for each.
    text = log.read_text(encoding="utf-8")
    submitted = re.findall(r"submitted with SLURM jobid (\d+)", text)
    assert submitted and len(submitted) == len(re.findall(r"^rule \w+:$", text, re.MULTILINE)), report(log, cluster)

    local, on_slurm = outputs(example_run / "results"), outputs(workdir / "results")
    assert sorted(on_slurm) == sorted(local)
    differing = sorted(name for name in local if on_slurm[name] != local[name])
    assert differing == [], "verschillen met de lokale run"
