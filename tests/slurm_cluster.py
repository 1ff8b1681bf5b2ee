"""A private one-node Slurm cluster for the Slurm test: munged, slurmctld and slurmd started here.

Everything lives in one temporary directory (slurm.conf, the munge key and socket, state, spool,
logs) and on ports that were free, so it uses neither a system munge nor system Slurm state.
Accounting is off (no slurmdbd), as on many small clusters: `sacct` fails there, which is what
the profile's `slurm-status-command: squeue` is for. `stop()` ends only the processes that
`start()` began, by their PIDs.

One thing outside the directory: for the duration of the run, /etc/slurm/slurm.conf (Slurm's
compiled-in default) is a symlink to the temporary slurm.conf. SLURM_CONF alone is not enough:
snakemake-executor-plugin-slurm-jobstep 0.6.1 removes every SLURM_* variable but the job's
identity from the environment of the `srun` it starts inside the job, SLURM_CONF included, and
that srun then finds no configuration. A slurm.conf that is already there (a real cluster on
this machine) is never touched: the test is skipped instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

PACKAGES = ("slurmctld", "slurmd", "slurm-client", "munge")
DAEMONS = ("munged", "slurmctld", "slurmd")
CLIENTS = ("sbatch", "squeue", "scontrol", "sinfo", "scancel", "srun")
SBIN = ("/usr/sbin", "/sbin", "/usr/local/sbin")
INSTALL_HINT = "apt-get install slurmctld slurmd slurm-client munge"
DEFAULT_CONF = Path("/etc/slurm/slurm.conf")
PREFIX = "preventie-slurm-"
MARKER = "# One-node test cluster of tests/slurm_cluster.py"
# Where a cluster's daemons write their PIDs, inside its directory (to tell a stale link).
PID_FILES = ("munge/munged.pid", "slurmctld.pid", "slurmd.pid")


class Unavailable(Exception):
    """This machine cannot host the test cluster; the message says why (a skip reason)."""


def _search_path() -> str:
    """PATH with the sbin folders: the daemons live there, and a non-login shell may lack them."""
    return os.pathsep.join([os.environ.get("PATH", ""), *SBIN])


def _find(program: str) -> str | None:
    return shutil.which(program, path=_search_path())


def missing_programs() -> list[str]:
    """The daemons and client programs the test cluster needs that are not installed."""
    return [p for p in (*DAEMONS, *CLIENTS) if _find(p) is None]


def ensure_installed(timeout: int = 300) -> str | None:
    """None when munge and Slurm are there (installed with apt-get as root if need be), else why not."""
    if not missing_programs():
        return None
    if os.geteuid() != 0:
        return f"Slurm-pakketten niet geïnstalleerd en geen root om ze te installeren ({INSTALL_HINT})"
    if shutil.which("apt-get") is None:
        return f"Slurm-pakketten niet geïnstalleerd en geen apt-get ({INSTALL_HINT})"
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    install = ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *PACKAGES]
    try:
        result = subprocess.run(install, env=env, capture_output=True, text=True, timeout=timeout)
        if result.returncode != 0:  # package lists missing or stale: refresh once, try again
            subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=timeout)
            result = subprocess.run(install, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return f"apt-get install van de Slurm-pakketten duurde langer dan {timeout} s ({INSTALL_HINT})"
    if result.returncode != 0 or missing_programs():
        last = (result.stderr or result.stdout).strip().splitlines()[-1:] or [""]
        return f"apt-get install van de Slurm-pakketten mislukt: {last[0]} ({INSTALL_HINT})"
    return None


def _alive(pid_file: Path) -> bool:
    """Whether the process whose PID the file holds still runs (False without a readable file)."""
    try:
        os.kill(int(pid_file.read_text().split()[0]), 0)
    except (OSError, ValueError, IndexError):
        return False
    return True


def conf_in_the_way() -> str | None:
    """Why /etc/slurm/slurm.conf cannot be ours for a while, or None when it can.

    A link into a directory of this module whose daemons are all gone was left by a test run
    that was killed (SIGKILL, a lost machine): it is removed. While one of them still runs, that
    cluster is still up and the link stays. Anything else is a real Slurm configuration.
    """
    if DEFAULT_CONF.is_symlink() and PREFIX in os.readlink(DEFAULT_CONF):
        folder = Path(os.readlink(DEFAULT_CONF)).parent
        if not any(_alive(folder / name) for name in PID_FILES):
            DEFAULT_CONF.unlink()
            return None
        return (
            f"{DEFAULT_CONF} wijst naar een testcluster dat nog draait ({folder}); "
            "stop die daemons (hun pid's staan in die map) en verwijder de link"
        )
    if DEFAULT_CONF.exists() or DEFAULT_CONF.is_symlink():
        return f"{DEFAULT_CONF} bestaat al (een Slurm-cluster op deze machine); de test start er geen tweede naast"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _memory_mb() -> int:
    for line in Path("/proc/meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            return int(line.split()[1]) // 1024
    raise Unavailable("MemTotal niet gevonden in /proc/meminfo")


class SlurmCluster:
    """munged + slurmctld + slurmd on this machine: one node of `cpus` CPUs, no accounting."""

    def __init__(self, cpus: int | None = None, memory_mb: int | None = None):
        self.node = socket.gethostname().split(".")[0]
        self.cpus = cpus or os.cpu_count() or 1
        # Leave room for the machine itself; slurmd refuses a node that claims more than it has.
        # 90% of the machine is more than every rule's mem_mb (rules/common.smk), and more
        # than a group job that adds up the mem_mb of the jobs it runs side by side.
        self.memory_mb = memory_mb or int(_memory_mb() * 0.9)
        self.dir: Path | None = None
        self.procs: dict[str, subprocess.Popen] = {}
        self._linked = False

    @property
    def conf(self) -> Path:
        return self.dir / "slurm.conf"

    @property
    def env(self) -> dict[str, str]:
        """The environment in which sbatch and squeue (and so Snakemake) talk to this cluster."""
        return dict(os.environ, SLURM_CONF=str(self.conf), PATH=_search_path())

    # --- setting up ------------------------------------------------------------------------

    def _claim_default_conf(self) -> None:
        """Point /etc/slurm/slurm.conf at ours, unless something else is there (then: Unavailable)."""
        reason = conf_in_the_way()
        if reason:
            raise Unavailable(reason)
        DEFAULT_CONF.parent.mkdir(parents=True, exist_ok=True)
        DEFAULT_CONF.symlink_to(self.conf)
        self._linked = True

    def _write_config(self) -> None:
        """The munge key and a slurm.conf whose every path is inside this cluster's directory."""
        d = self.dir
        for sub in ("munge", "state", "spool", "log"):
            (d / sub).mkdir(mode=0o755)
        key = d / "munge" / "munge.key"
        key.write_bytes(os.urandom(1024))
        key.chmod(0o400)
        lines = [
            f"{MARKER}: no accounting (no slurmdbd).",
            "ClusterName=preventie-test",
            f"SlurmctldHost={self.node}(127.0.0.1)",
            f"SlurmctldPort={_free_port()}",
            f"SlurmdPort={_free_port()}",
            "SlurmUser=root",
            "SlurmdUser=root",
            "AuthType=auth/munge",
            "CredType=cred/munge",
            f"AuthInfo=socket={d / 'munge' / 'munge.socket'}",
            f"StateSaveLocation={d / 'state'}",
            f"SlurmdSpoolDir={d / 'spool'}",
            f"SlurmctldPidFile={d / 'slurmctld.pid'}",
            f"SlurmdPidFile={d / 'slurmd.pid'}",
            f"SlurmctldLogFile={d / 'log' / 'slurmctld.log'}",
            f"SlurmdLogFile={d / 'log' / 'slurmd.log'}",
            "ProctrackType=proctrack/linuxproc",
            "TaskPlugin=task/none",
            "JobAcctGatherType=jobacct_gather/none",
            "AccountingStorageType=accounting_storage/none",
            "JobCompType=jobcomp/none",
            "SelectType=select/cons_tres",
            "SelectTypeParameters=CR_Core_Memory",
            "SchedulerType=sched/backfill",
            "MpiDefault=none",
            "ReturnToService=2",
            # How long squeue still shows a finished job (Slurm's default). The plugin's squeue
            # status check needs it above 3x its first polling interval.
            "MinJobAge=300",
            "InactiveLimit=0",
            "KillWait=5",
            f"NodeName={self.node} NodeAddr=127.0.0.1 CPUs={self.cpus} RealMemory={self.memory_mb} State=UNKNOWN",
            f"PartitionName=test Nodes={self.node} Default=YES MaxTime=INFINITE State=UP",
        ]
        self.conf.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def _spawn(self, name: str, args: list[str]) -> None:
        """Start one daemon in the foreground, in a session of its own (a Ctrl-C of the test
        does not reach it: stop() ends it), its terminal output in log/<name>.out."""
        with open(self.dir / "log" / f"{name}.out", "wb") as log:
            self.procs[name] = subprocess.Popen(
                args, stdout=log, stderr=subprocess.STDOUT, env=self.env, start_new_session=True
            )

    def start(self, timeout: float = 60) -> SlurmCluster:
        """Write the configuration and start the three daemons; return when the node is idle."""
        self.dir = Path(tempfile.mkdtemp(prefix=PREFIX))  # short: a socket path has ~100 bytes
        # munged wants every folder above its socket searchable by all (mkdtemp gives 0700);
        # the key itself stays readable by root only.
        self.dir.chmod(0o755)
        try:
            self._write_config()
            self._claim_default_conf()
            m = self.dir / "munge"
            munged = [
                _find("munged"),
                "--foreground",
                "--force",
                f"--socket={m / 'munge.socket'}",
                f"--key-file={m / 'munge.key'}",
                f"--pid-file={m / 'munged.pid'}",
                f"--seed-file={m / 'munged.seed'}",
                f"--log-file={self.dir / 'log' / 'munged.log'}",
            ]
            self._spawn("munged", munged)
            self._wait("munged", lambda: (m / "munge.socket").exists(), timeout)
            self._spawn("slurmctld", [_find("slurmctld"), "-D", "-i", "-f", str(self.conf)])
            self._wait("slurmctld", lambda: "UP" in self._run("scontrol", "ping").stdout, timeout)
            self._spawn("slurmd", [_find("slurmd"), "-D", "-N", self.node, "-f", str(self.conf)])
            self._wait("slurmd", self._node_idle, timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def _node_idle(self) -> bool:
        """slurmd has registered and the node takes jobs."""
        return self._run("sinfo", "-h", "-N", "-o", "%T").stdout.strip() == "idle"

    def _run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([_find(program), *args], env=self.env, capture_output=True, text=True, timeout=30)

    def _wait(self, name: str, ready, timeout: float) -> None:
        """Until `ready()`; a daemon that stopped or a timeout is an error with the logs."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            proc = self.procs[name]
            if proc.poll() is not None:
                raise RuntimeError(f"{name} stopte meteen (code {proc.returncode}):\n{self.logs()}")
            if ready():
                return
            time.sleep(0.3)
        raise RuntimeError(f"{name} niet klaar binnen {timeout:.0f} s:\n{self.logs()}")

    # --- looking and stopping --------------------------------------------------------------

    def squeue(self) -> str:
        """The jobs still pending or running: id, name, state."""
        return self._run("squeue", "-h", "-o", "%i %j %T").stdout

    def jobs(self) -> list[tuple[str, str]]:
        """(id, state) of every job slurmctld still knows, finished ones included (for
        MinJobAge seconds after they ended): what squeue tells the plugin."""
        out = self._run("squeue", "--states=all", "-h", "-o", "%i|%T").stdout
        return [tuple(line.split("|", 1)) for line in out.splitlines() if "|" in line]

    def logs(self, lines: int = 20) -> str:
        """The last lines of each daemon's log, for a failure message."""
        if self.dir is None or not (self.dir / "log").is_dir():
            return "(geen clusterlogs)"
        parts = []
        for path in sorted((self.dir / "log").glob("*")):
            text = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            parts.append(f"--- {path.name}\n" + "\n".join(text[-lines:]))
        return "\n".join(parts)

    def stop(self) -> None:
        """Cancel this cluster's jobs, end the daemons started here (by PID, newest first), unlink the conf."""
        ctld = self.procs.get("slurmctld")
        if ctld is not None and ctld.poll() is None and "slurmd" in self.procs:
            try:  # jobs run under slurmstepd, not under slurmd: cancel them first
                self._run("scancel", "--full", "--user", str(os.getuid()))
                deadline = time.monotonic() + 20
                while self.squeue().strip() and time.monotonic() < deadline:
                    time.sleep(0.5)
            except (subprocess.TimeoutExpired, OSError):
                pass
        for name in reversed(list(self.procs)):
            proc = self.procs.pop(name)
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)
        if self._linked and DEFAULT_CONF.is_symlink() and Path(os.readlink(DEFAULT_CONF)) == self.conf:
            DEFAULT_CONF.unlink()
        self._linked = False

    def cleanup(self) -> None:
        """Remove the cluster's directory (after stop())."""
        if self.dir is not None:
            shutil.rmtree(self.dir, ignore_errors=True)

    def __enter__(self) -> SlurmCluster:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        self.cleanup()
