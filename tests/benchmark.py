#!/usr/bin/env python3
"""Benchmark: the pipeline on the example scaled ×k, wall time and peak memory per stage and in
total, against the same work done in one Python process (the "one-process floor").

    .venv/bin/python tests/benchmark.py                          # scales 1,10,100,1000
    .venv/bin/python tests/benchmark.py --scales 1,10 --keep /tmp/bench

Not a pytest test (pytest collects only test_*.py); `make benchmark` runs it.

Inputs. ×1 is resources/example as committed. ×k (k > 1) repeats every initiative and every
submission k times. Replica r gets its own ids (NI-0001-0007; submission 10001 becomes
r·100000 + 10001 in 2020, R19-0001 becomes R19-0001-0007 in 2019), a token points at the
initiative of its own replica (an unknown token such as NI-9999 stays unknown), and the
inventory name and the typed name both get the replica's word: 'zz' and eight random letters,
any two replica words sharing at most four of those letters in order. token_sort_ratio sorts
the words of a name and the replica word sorts after every word of the example (checked), so
it is a common ending of both names: the other words keep their order, a typed name stays
closest to the same initiative of its own replica and far from any other replica, and the
linking methods, the flow and every count come out exactly k times those of the example
(checked after each run; the scores in koppeling.csv are higher, the methods are the same).
Municipality codes, answers, dates and codebooks are copied; the exports stay SPSS .sav
(labels and the user-missing 99 kept), as the example config reads them; the links file is
repeated per replica.

Pipeline. A copy of the project (as the end-to-end tests make it) in a scratch folder; per
scale a --configfile whose `years` are the scaled inputs and whose `results` is a folder of
that scale. Two Snakemake runs, `--cores 2`, from empty results: (1) "to figures": the figures
of 2019 and 2020, i.e. ingest, link, response, inclusion, carry_forward, classify, tables and
figures of both years, the work the floor does; (2) the default target on top of it: audit,
manifest and the factsheet of 2020 (at ×1 in all formats of config/config.yaml, at larger
scales HTML only: the factsheet reads aggregated tables, its cost does not grow with rows).
"Pipeline" is the sum of both.

Per stage. Snakemake's own `benchmark:` directive (which --benchmark-extended only extends)
would need rule edits. Instead the run gets a sitecustomize.py on its PYTHONPATH, active only
when BENCHMARK_JOBS is set: every `script:` job runs in its own Python process, and at its exit
the hook writes that job's rule, wildcards, wall time since interpreter start, and the peak
RSS the kernel kept for it (getrusage: its own and its children's, e.g. pandoc and typst for
the factsheet), the numbers `/usr/bin/time -v` reports. The total peak is the summed RSS of
snakemake and all its descendants, sampled every 50 ms with psutil (shared pages count once
per process, so an upper bound).

Repeats. The machines this runs on are noisy, and at ×1 the ratio is a matter of tenths of a
second. So at ×1 (`--repeats`, 3 by default) run (1) and the floor are done again, alternating,
each time from the same sources (the outputs of run (1) deleted); the tables show the pair with
the middle ratio, a line under them every ratio. Larger scales run once.

Floor. Snakemake runs with --skip-script-cleanup, so every job's generated script (the
adapter in scripts/ with its pickled `snakemake` object) stays. The floor runs those same
scripts of run (1), in the order the jobs started, in one fresh Python process (runpy) over
the same folder: exactly the same library calls and files, without a Python start, imports
and Snakemake scheduling per job. Its peak RSS is reset between stages (/proc/self/clear_refs)
for the per-stage peaks. The script checks that the floor wrote the same bytes as the pipeline.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import re
import shutil
import string
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "workflow")]
SNAKEMAKE = str(Path(sys.executable).with_name("snakemake"))
EXAMPLE = ROOT / "resources" / "example"
YEARS = (2019, 2020)
EPOCH = "1605830400"  # fixed SOURCE_DATE_EPOCH: the floor must write the pipeline's bytes
# replica word: sorts after every word of the example ('zz'), then 8 letters of its own
WORD_PREFIX, WORD_LETTERS, WORD_LENGTH, WORD_SHARED = "zz", string.ascii_lowercase, 8, 4
SUBMISSION_STRIDE = 100_000  # 2020 numeric submission ids: replica r adds r * this
STAGES = (
    "ingest",
    "link",
    "response",
    "inclusion",
    "carry_forward",
    "classify",
    "tables",
    "figures",
    "warning_list",
    "audit",
    "datapackage",
    "manifest",
    "factsheet",
)

HOOK = '''\
"""Benchmark hook (tests/benchmark.py): at exit of a Snakemake script job, record its cost."""
import atexit, json, os, resource, sys, time

_DIR = os.environ.get("BENCHMARK_JOBS")
_START = time.time()


def _record():
    smk = getattr(sys.modules.get("__main__"), "snakemake", None)
    if smk is None or not hasattr(smk, "rule") or not hasattr(smk, "wildcards"):
        return  # snakemake itself, or any other Python process of the run
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    record = {"rule": smk.rule, "wildcards": dict(smk.wildcards.items()), "script": os.path.abspath(sys.argv[0]),
              "start": _START, "end": time.time(), "maxrss_kb": own.ru_maxrss, "children_maxrss_kb": kids.ru_maxrss,
              "outputs": [str(p) for p in smk.output]}
    with open(os.path.join(_DIR, f"{os.getpid()}.json"), "w") as fh:
        json.dump(record, fh)


if _DIR:
    atexit.register(_record)
'''


# --- scaled inputs ---------------------------------------------------------------------------


def replica_words(k: int, seed: int = 20201120) -> list[str]:
    """k distinct words WORD_PREFIX + WORD_LENGTH lower-case letters, any two sharing at most
    WORD_SHARED of those letters in order."""
    from rapidfuzz import process
    from rapidfuzz.distance import LCSseq

    rng = random.Random(seed)
    letters: list[str] = []
    while len(letters) < k:
        word = "".join(rng.choices(WORD_LETTERS, k=WORD_LENGTH))
        if not letters or process.cdist([word], letters, scorer=LCSseq.similarity).max() <= WORD_SHARED:
            letters.append(word)
    return [WORD_PREFIX + word for word in letters]


def check_words_sort_last(names, words: list[str]) -> None:
    """token_sort_ratio sorts words: a replica word must come after every word of a name, so
    that it is a common ending of the typed and the inventory name (which leaves the order of
    the other words, and so which name is closest, as it was)."""
    from preventie.normalise import normalise_name

    last = max(normalise_name(names).dropna().str.split(" ").explode())
    if last >= min(words):
        raise SystemExit(f"het woord {last!r} in de voorbeeldnamen sorteert na het replicawoord {min(words)!r}")


def _replicas(frame, k: int):
    """The frame k times over, with the replica number in column '_r'."""
    import numpy as np
    import pandas as pd

    out = pd.concat([frame] * k, ignore_index=True)
    out["_r"] = np.repeat(np.arange(k), len(frame))
    return out


def _suffix(values, replica, nonempty):
    """'-0007' appended to every non-empty id of replica 7."""
    return values.where(~nonempty, values.str.strip() + "-" + replica.astype(str).str.zfill(4))


def scale_example(k: int, out: Path) -> dict:
    """The example ×k in `out` (see the module docstring); returns the `years` of a config."""
    import pandas as pd
    import pyreadstat

    out.mkdir(parents=True, exist_ok=True)
    words = pd.Series(replica_words(k))
    years = {}
    for year in YEARS:
        raw_inv = (EXAMPLE / f"inventaris_{year}.csv").read_bytes()
        encoding = "utf-8-sig" if raw_inv.startswith(b"\xef\xbb\xbf") else "utf-8"
        inv = _replicas(
            pd.read_csv(EXAMPLE / f"inventaris_{year}.csv", dtype=str, keep_default_na=False, encoding=encoding), k
        )
        word = words[inv["_r"]].to_numpy()
        check_words_sort_last(inv["naam"], words.tolist())
        inv["initiatief_id"] = _suffix(inv["initiatief_id"], inv["_r"], inv["initiatief_id"] != "")
        inv["naam"] = inv["naam"] + " " + word
        inv.drop(columns="_r").to_csv(
            out / f"inventaris_{year}.csv",
            index=False,
            encoding=encoding,
            lineterminator="\r\n" if b"\r\n" in raw_inv else "\n",
        )

        book = EXAMPLE / f"codeboek_{year}.yaml"
        keys = _codebook_keys(book)
        data, meta = pyreadstat.read_sav(
            str(EXAMPLE / f"enquete_{year}.sav"), user_missing=True, apply_value_formats=False
        )
        data = _replicas(data, k)
        sub, token, name = keys["submission_id"], keys["initiative_id"], keys["initiative_name"]
        if pd.api.types.is_numeric_dtype(data[sub]):
            data[sub] = data[sub] + data["_r"] * SUBMISSION_STRIDE
        else:
            data[sub] = _suffix(data[sub], data["_r"], data[sub] != "")
        data[token] = _suffix(data[token], data["_r"], data[token].str.strip() != "")  # NI-9999 stays unknown
        typed = data[name].str.strip() != ""
        check_words_sort_last(data[name], words.tolist())
        data[name] = data[name].where(~typed, data[name] + " " + words[data["_r"]].to_numpy())
        data = data.drop(columns="_r")
        pyreadstat.write_sav(
            data,
            str(out / f"enquete_{year}.sav"),
            column_labels=dict(zip(meta.column_names, meta.column_labels)),
            variable_value_labels=meta.variable_value_labels,
            missing_ranges=meta.missing_ranges or None,
            file_label=meta.file_label,
            variable_measure=meta.variable_measure,
        )
        shutil.copy2(book, out / book.name)
        links = None
        if (EXAMPLE / f"koppelingen_{year}.csv").exists():
            table = _replicas(pd.read_csv(EXAMPLE / f"koppelingen_{year}.csv", dtype=str), k)
            ids = pd.to_numeric(table["submission_id"], errors="coerce")
            table["submission_id"] = (
                (ids + table["_r"] * SUBMISSION_STRIDE).astype("Int64").astype(str)
                if ids.notna().all()
                else _suffix(table["submission_id"], table["_r"], True)
            )
            target = table["initiatief_id"]
            table["initiatief_id"] = _suffix(target, table["_r"], target.str.lower() != "negeer")
            table.drop(columns="_r").to_csv(out / f"koppelingen_{year}.csv", index=False)
            links = str(out / f"koppelingen_{year}.csv")
        years[year] = {
            "inventory": str(out / f"inventaris_{year}.csv"),
            "survey": str(out / f"enquete_{year}.sav"),
            "codebook": str(out / book.name),
            "links": links,
        }
    return years


def _codebook_keys(path: Path) -> dict:
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))["keys"]


def example_years() -> dict:
    """The `years` of config/config.yaml: the committed example (×1)."""

    def path(name):
        return str(EXAMPLE / name) if (EXAMPLE / name).exists() else None

    return {
        year: {
            "inventory": path(f"inventaris_{year}.csv"),
            "survey": path(f"enquete_{year}.sav"),
            "codebook": path(f"codeboek_{year}.yaml"),
            "links": path(f"koppelingen_{year}.csv"),
        }
        for year in YEARS
    }


# --- running and measuring -------------------------------------------------------------------


class TreeMemory(threading.Thread):
    """Peak of the summed RSS of a process and all its descendants, sampled every `every` s."""

    def __init__(self, pid: int, every: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.every, self.peak, self.done = pid, every, 0, threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.NoSuchProcess:
            return
        while not self.done.is_set():
            total = 0
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.NoSuchProcess:
                break
            for proc in procs:
                try:
                    total += proc.memory_info().rss
                except psutil.NoSuchProcess:
                    pass
            self.peak = max(self.peak, total)
            self.done.wait(self.every)


def run_snakemake(workdir: Path, configfile: Path, targets: list[str], jobs_dir: Path, log: Path) -> dict:
    """One measured Snakemake run: wall time, peak RSS of the process tree, and the jobs."""
    jobs_dir.mkdir(parents=True, exist_ok=True)
    hook = workdir / ".benchmark_hook"
    hook.mkdir(exist_ok=True)
    (hook / "sitecustomize.py").write_text(HOOK, encoding="utf-8")
    env = dict(
        os.environ,
        BENCHMARK_JOBS=str(jobs_dir),
        SOURCE_DATE_EPOCH=EPOCH,
        PYTHONPATH=os.pathsep.join(p for p in (str(hook), os.environ.get("PYTHONPATH")) if p),
    )
    command = [
        SNAKEMAKE,
        *targets,
        "--cores",
        "2",
        "--nolock",
        "--skip-script-cleanup",
        "--configfile",
        str(configfile),
    ]
    started = time.perf_counter()
    with open(log, "w", encoding="utf-8") as out:
        proc = subprocess.Popen(command, cwd=workdir, env=env, stdout=out, stderr=subprocess.STDOUT)
        memory = TreeMemory(proc.pid)
        memory.start()
        code = proc.wait()
        wall = time.perf_counter() - started
        memory.done.set()
        memory.join()
    if code != 0:
        tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-30:]
        raise SystemExit(f"snakemake faalde ({' '.join(command)}), zie {log}:\n" + "\n".join(tail))
    jobs = sorted((json.loads(p.read_text()) for p in jobs_dir.glob("*.json")), key=lambda j: j["start"])
    return {"wall": wall, "peak": memory.peak, "jobs": jobs}


def floor_main(plan_path: str) -> None:
    """In a fresh process: run the recorded job scripts one after the other (see docstring)."""
    import logging
    import runpy

    plan = json.loads(Path(plan_path).read_text())
    os.chdir(plan["workdir"])
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    sys.path.insert(0, str(Path(plan["workdir"]) / "workflow"))
    results, started = [], time.perf_counter()
    for job in plan["jobs"]:
        _reset_peak()
        t0 = time.perf_counter()
        stderr = sys.stderr
        try:
            runpy.run_path(job["script"], run_name="__main__")
        except SystemExit as exit_:
            if exit_.code not in (None, 0):
                raise
        finally:
            if sys.stderr is not stderr:
                sys.stderr.close()
                sys.stderr = stderr
            logging.getLogger().handlers.clear()
        results.append(
            {
                "rule": job["rule"],
                "wildcards": job["wildcards"],
                "wall": time.perf_counter() - t0,
                "maxrss_kb": _peak_kb(),
            }
        )
    total = time.perf_counter() - started
    import resource

    print(json.dumps({"wall": total, "jobs": results, "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))


def _reset_peak() -> None:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _peak_kb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+)", status).group(1))


def delete_outputs(workdir: Path, jobs: list[dict]) -> None:
    for job in jobs:
        for path in job["outputs"]:
            Path(workdir, path).unlink(missing_ok=True)


def floor_against(workdir: Path, jobs: list[dict], scratch: Path, reference: dict[str, str]) -> tuple[dict, list[str]]:
    """The floor over `jobs`, and the outputs whose bytes then differ from `reference`."""
    floor = run_floor(workdir, jobs, scratch)
    after = digest(workdir, jobs)
    return floor, [p for p in reference if reference[p] != after.get(p)]


def run_floor(workdir: Path, jobs: list[dict], scratch: Path) -> dict:
    """The one-process floor over the jobs of a pipeline run; wall time includes the Python start."""
    plan = scratch / "floor_plan.json"
    plan.write_text(json.dumps({"workdir": str(workdir), "jobs": jobs}))
    delete_outputs(workdir, jobs)  # the floor makes every output again (folders stay, as Snakemake made them)
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    env.pop("BENCHMARK_JOBS", None)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "_floor", str(plan)], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"floor faalde:\n{proc.stderr[-4000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["process_wall"] = wall
    return result


def digest(workdir: Path, jobs: list[dict]) -> dict[str, str]:
    return {p: hashlib.sha256(Path(workdir, p).read_bytes()).hexdigest() for job in jobs for p in job["outputs"]}


# --- checks ----------------------------------------------------------------------------------


def counts(results: Path, year: int) -> dict:
    """Linking methods and the flow of one year, as the pipeline wrote them."""
    import pandas as pd

    links = pd.read_csv(results / str(year) / "koppeling" / "koppeling.csv", dtype=str)
    flow = pd.read_csv(results / str(year) / "tabellen" / "stroom.csv", dtype=str)
    out = {f"methode {m}": int(n) for m, n in links["methode"].value_counts().items()}
    numeric = pd.to_numeric(flow["n"], errors="coerce")
    out.update({f"stroom {s}": int(n) for s, n in zip(flow["stap"], numeric) if pd.notna(n)})
    return out


def check_scaling(base: dict, scaled: dict, k: int) -> list[str]:
    """Every count of the ×k run is k times that of ×1 (the scaling keeps the mix)."""
    problems = []
    for year in YEARS:
        for key in sorted(set(base[year]) | set(scaled[year])):
            want, got = base[year].get(key, 0) * k, scaled[year].get(key, 0)
            if want != got:
                problems.append(f"{year} {key}: {got}, verwacht {want}")
    return problems


# --- one scale, and the table ----------------------------------------------------------------


def write_config(workdir: Path, k: int, years: dict) -> Path:
    import yaml

    config = {"year": max(YEARS), "first_year": min(YEARS), "results": f"results_x{k}", "years": years}
    if k > 1:
        config["report"] = {"formats": ["html"]}
    path = workdir / f"benchmark_x{k}.yaml"
    path.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    return path


def ratio(attempt: dict) -> float:
    """Wall time of the pipeline to the figures over that of the one-process floor."""
    return attempt["first"]["wall"] / attempt["floor"]["process_wall"]


def measure_scale(workdir: Path, k: int, scratch: Path, repeats: int = 1) -> dict:
    """One scale: the run to the figures, the rest, the floor; then `repeats` - 1 more pairs of
    a run to the figures (the same jobs, their outputs deleted) and the floor, alternating. The
    pair with the middle ratio stands for the scale; every pair must write the same bytes."""
    years = example_years() if k == 1 else scale_example(k, scratch / "inputs" / f"x{k}")
    configfile = write_config(workdir, k, years)
    results = workdir / f"results_x{k}"
    shutil.rmtree(results, ignore_errors=True)
    figures = [f"results_x{k}/{year}/figuren/stroom.png" for year in YEARS]
    print(f"×{k}: pipeline tot en met figuren ...", file=sys.stderr, flush=True)
    first = run_snakemake(
        workdir, configfile, figures, scratch / f"jobs_x{k}_figuren", scratch / f"snakemake_x{k}_1.log"
    )
    print(f"×{k}: rest van de pijplijn (audit, manifest, factsheet) ...", file=sys.stderr, flush=True)
    rest = run_snakemake(workdir, configfile, [], scratch / f"jobs_x{k}_rest", scratch / f"snakemake_x{k}_2.log")
    found = {year: counts(results, year) for year in YEARS}
    before = digest(workdir, first["jobs"])
    print(f"×{k}: één proces ...", file=sys.stderr, flush=True)
    floor, differ = floor_against(workdir, first["jobs"], scratch, before)
    tries = [{"first": first, "floor": floor}]
    for i in range(2, repeats + 1):
        print(f"×{k}: herhaling {i} van {repeats} (tot en met figuren, één proces) ...", file=sys.stderr, flush=True)
        delete_outputs(workdir, first["jobs"])  # the same jobs again, from their sources
        again = run_snakemake(
            workdir, configfile, figures, scratch / f"jobs_x{k}_figuren_{i}", scratch / f"snakemake_x{k}_1_{i}.log"
        )
        made = digest(workdir, again["jobs"])
        differ += [p for p in before if before[p] != made.get(p)]
        floor, differs = floor_against(workdir, again["jobs"], scratch, before)
        tries.append({"first": again, "floor": floor})
        differ += differs
    middle = sorted(tries, key=ratio)[len(tries) // 2]
    import pandas as pd

    inventory = {year: len(pd.read_parquet(results / str(year) / "ingest" / "inventaris.parquet")) for year in YEARS}
    submissions = {
        year: len(pd.read_parquet(results / str(year) / "ingest" / "inzendingen.parquet", columns=["submission_id"]))
        for year in YEARS
    }
    return {
        "k": k,
        "first": middle["first"],
        "rest": rest,
        "floor": middle["floor"],
        "ratios": [ratio(t) for t in tries],
        "counts": found,
        "floor_differs": sorted(set(differ)),
        "inventory": inventory,
        "submissions": submissions,
    }


def stage_cost(jobs: list[dict]) -> dict[str, tuple[float, float]]:
    """Per rule: wall time summed over its jobs (s) and the largest peak RSS (MB)."""
    out: dict[str, tuple[float, float]] = {}
    for job in jobs:
        wall = job.get("wall", job.get("end", 0) - job.get("start", 0))
        peak = max(job["maxrss_kb"], job.get("children_maxrss_kb", 0)) / 1024
        total, top = out.get(job["rule"], (0.0, 0.0))
        out[job["rule"]] = (total + wall, max(top, peak))
    return out


def report(runs: list[dict]) -> str:
    lines = ["", "Totaal (wand-tijd in s, piekgeheugen in MB; pijplijn = tot en met figuren + rest)", ""]
    head = (
        f"{'schaal':>7} {'init./jaar':>10} {'inz./jaar':>9} {'pijplijn s':>10} {'piek MB':>8} "
        f"{'t/m fig. s':>10} {'piek MB':>8} {'1 proces s':>10} {'piek MB':>8} {'verhouding':>10}"
    )
    lines += [head, "-" * len(head)]
    for run in runs:
        first, rest, floor = run["first"], run["rest"], run["floor"]
        lines.append(
            f"{'×' + str(run['k']):>7} {max(run['inventory'].values()):>10} {max(run['submissions'].values()):>9} "
            f"{first['wall'] + rest['wall']:>10.1f} {max(first['peak'], rest['peak']) / 2**20:>8.0f} "
            f"{first['wall']:>10.1f} {first['peak'] / 2**20:>8.0f} {floor['process_wall']:>10.1f} "
            f"{floor['maxrss_kb'] / 1024:>8.0f} {ratio(run):>10.2f}"
        )
    for title, pick in (
        (
            "Per stap, pijplijn (wand-tijd opgeteld over de jaren in s / grootste piek in MB)",
            lambda r: stage_cost(r["first"]["jobs"] + r["rest"]["jobs"]),
        ),
        ("Per stap, één proces (idem)", lambda r: stage_cost(r["floor"]["jobs"])),
    ):
        costs = [pick(run) for run in runs]
        lines += ["", title, ""]
        head = f"{'stap':<14}" + "".join(f"{'×' + str(run['k']):>17}" for run in runs)
        if len(runs) > 1:
            head += f"  {'exponent ' + '×' + str(runs[-2]['k']) + '→×' + str(runs[-1]['k']):>18}"
        lines += [head, "-" * len(head)]
        for stage in STAGES:
            if not any(stage in c for c in costs):
                continue
            row = f"{stage:<14}"
            for c in costs:
                wall, peak = c.get(stage, (math.nan, math.nan))
                row += f"{wall:>9.1f} / {peak:>5.0f}"
            if len(runs) > 1 and stage in costs[-1] and stage in costs[-2] and costs[-2][stage][0] > 0:
                growth = costs[-1][stage][0] / costs[-2][stage][0]
                row += f"  {math.log(growth) / math.log(runs[-1]['k'] / runs[-2]['k']):>18.2f}"
            lines.append(row)
    lines.append("")
    for run in runs:
        notes = []
        if run["floor_differs"]:
            notes.append(f"één proces schreef andere bytes: {', '.join(run['floor_differs'][:5])}")
        if run.get("scaling_problems"):
            notes.append("aantallen niet ×k: " + "; ".join(run["scaling_problems"][:5]))
        methods = {key.split(" ", 1)[1]: n for key, n in run["counts"][max(YEARS)].items() if key.startswith("methode")}
        lines.append(
            f"×{run['k']}: koppeling {max(YEARS)} {methods}; "
            + ("; ".join(notes) if notes else "aantallen ×k en bytes van één proces gelijk")
        )
        if len(run["ratios"]) > 1:
            lines.append(
                f"×{run['k']}: verhouding in {len(run['ratios'])} herhalingen (afwisselend pijplijn tot en met "
                f"figuren en één proces): {', '.join(f'{r:.2f}' for r in run['ratios'])}; de tabellen: de middelste"
            )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scales", default="1,10,100,1000", help="komma-gescheiden factoren (×1 draait altijd)")
    parser.add_argument("--keep", type=Path, help="werkmap (blijft staan); anders een tijdelijke map")
    parser.add_argument(
        "--repeats",
        type=int,
        default=3,
        help="×1: zo vaak de run tot en met figuren en het ene proces, afwisselend (de middelste verhouding telt)",
    )
    args = parser.parse_args(argv)
    scales = sorted({1, *(int(s) for s in args.scales.split(","))})
    scratch = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="preventie-benchmark-"))
    scratch.mkdir(parents=True, exist_ok=True)
    from conftest import copy_project

    workdir = scratch / "project"  # the project as it is now, results of every scale inside
    shutil.rmtree(workdir, ignore_errors=True)
    workdir.mkdir()
    copy_project(workdir)
    runs = []
    try:
        for k in scales:
            run = measure_scale(workdir, k, scratch, repeats=args.repeats if k == 1 else 1)
            run["scaling_problems"] = check_scaling(runs[0]["counts"], run["counts"], k) if runs else []
            runs.append(run)
            (scratch / "benchmark.json").write_text(json.dumps(runs, indent=1))
        print(report(runs), flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    return 1 if any(r["floor_differs"] or r["scaling_problems"] for r in runs) else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "_floor":
        floor_main(sys.argv[2])
    else:
        sys.exit(main())
