"""A stage declares the code it runs, so a changed module reruns exactly the stages that use it."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pandas as pd
import pytest

from conftest import ROOT, run_snakemake
from preventie.naming import GATHERING, STAGES
from preventie.provenance import Library, import_closure

LIBRARY = ROOT / "workflow" / "preventie"


def write(path, text=""):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def package(tmp_path):
    """A small package with every kind of import the closure follows (and a few it must not)."""
    pkg = tmp_path / "pkg"
    write(pkg / "__init__.py", '"""from .unused import x: a docstring, not an import."""\n')
    write(pkg / "a.py", "import json\n\nfrom . import b\nfrom .c import NAME\n")
    write(pkg / "b.py", "def later():\n    from .d import thing  # runs when called\n\n    return thing\n")
    write(pkg / "c.py", "from pkg import a  # a cycle\n\nNAME = 1\n")
    write(pkg / "d.py", "try:\n    import pkg.sub.e\nexcept ImportError:\n    pass\nthing = 2\n")
    write(pkg / "sub" / "__init__.py")
    write(pkg / "sub" / "e.py", 'from ..c import NAME\n\nSCHEMA = "e.yaml"\n')
    write(pkg / "sub" / "f.py", "from .. import unused\n")
    write(pkg / "unused.py", 'SCHEMA = "unused.yaml"\n')
    write(tmp_path / "schemas" / "e.yaml", "type: object\n")
    write(tmp_path / "schemas" / "unused.yaml", "type: object\n")
    write(tmp_path / "scripts" / "stage.py", "import os\n\nfrom pkg.a import NAME\n\nprint(NAME, os.sep)\n")
    write(tmp_path / "scripts" / "other.py", "from pkg.sub import f\n")
    return pkg


def dotted(path):
    """The module name of a file of the library, below `preventie` ('' for its own __init__)."""
    parts = path.relative_to(LIBRARY).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_path(name):
    return LIBRARY.joinpath(*name.split(".")).with_suffix(".py")


def names(paths, root):
    return [p.relative_to(root).as_posix() for p in paths]


def test_the_closure_follows_every_kind_of_import(package, tmp_path):
    closure = import_closure([tmp_path / "scripts" / "stage.py"], package)
    # a, then b (from . import), c (from .c import NAME), d (inside a function), sub.e (import
    # pkg.sub.e, in a try) with sub's __init__, and c again from e (from ..c): not f, not unused
    assert names(closure, package) == ["__init__.py", "a.py", "b.py", "c.py", "d.py", "sub/__init__.py", "sub/e.py"]
    # `from pkg.sub import f` imports the module f; f's `from .. import unused` the module unused
    closure = import_closure([tmp_path / "scripts" / "other.py"], package)
    assert names(closure, package) == ["__init__.py", "sub/__init__.py", "sub/f.py", "unused.py"]


def test_a_stage_s_code_is_its_script_its_modules_and_the_schemas_they_name(package, tmp_path):
    library = Library(package, tmp_path / "schemas")
    script = tmp_path / "scripts" / "stage.py"
    code = names(library.code(script), tmp_path)
    assert code == [
        "scripts/stage.py",
        *(f"pkg/{m}" for m in ("__init__.py", "a.py", "b.py", "c.py", "d.py", "sub/__init__.py", "sub/e.py")),
        "schemas/e.yaml",  # sub/e.py names it; unused.yaml is named by a module the stage does not use
    ]
    # a module imported later (a new import) joins the stage's code
    write(package / "b.py", "from . import unused\n")
    assert "pkg/unused.py" in names(Library(package, tmp_path / "schemas").code(script), tmp_path)


def test_the_closure_holds_every_module_python_loads(tmp_path):
    """For every module of the library: what importing it loads is in its closure as read from the
    source (the closure may hold more: imports inside functions, run later)."""
    modules = sorted(dotted(p) for p in LIBRARY.rglob("*.py") if p.stem not in ("__init__", "__main__"))
    probe = (
        "import importlib, json, sys\n"
        "loaded = {}\n"
        "for name in sys.argv[1:]:\n"
        "    for key in [k for k in sys.modules if k.split('.')[0] == 'preventie']:\n"
        "        del sys.modules[key]\n"
        "    importlib.import_module('preventie.' + name)\n"
        "    loaded[name] = sorted(k for k in sys.modules if k.split('.')[0] == 'preventie')\n"
        "print(json.dumps(loaded))\n"
    )
    env = dict(os.environ, PYTHONPATH=str(ROOT / "workflow"), MPLBACKEND="Agg")
    result = subprocess.run(
        [sys.executable, "-c", probe, *modules], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300
    )
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = json.loads(result.stdout)
    library = Library(LIBRARY)
    for name in modules:
        # importing preventie.<name> from outside loads the module itself and the packages above it,
        # and what their __init__.py import
        inits = [LIBRARY.joinpath(*name.split(".")[:i], "__init__.py") for i in range(name.count(".") + 1)]
        static = {
            "preventie." + dotted(p) if dotted(p) else "preventie" for p in library.closure([module_path(name), *inits])
        }
        above = {"preventie." + ".".join(name.split(".")[:i]) for i in range(1, name.count(".") + 2)}
        missing = set(loaded[name]) - static - {"preventie", *above}
        assert not missing, f"{name}: geladen maar niet in de afgeleide code: {sorted(missing)}"


def test_no_stage_runs_an_analyst_s_tool():
    """The tools (preventie.tools: trace, herleid, the codebook draft, the config check) are the
    command line's: a change to one reruns no stage."""
    library = Library(LIBRARY, ROOT / "workflow" / "schemas")
    for script in sorted((ROOT / "scripts").glob("*.py")):
        tools = [p.name for p in library.code(script) if LIBRARY / "tools" in p.parents]
        assert not tools, f"scripts/{script.name} draait {tools}"


def test_every_rule_declares_the_code_of_its_stage():
    for path in sorted((ROOT / "rules").glob("*.smk")):
        for block in re.split(r"(?m)^(?=rule )", path.read_text(encoding="utf-8"))[1:]:
            name = re.match(r"rule (\w+):", block).group(1)
            assert f'adapter("{name}")' in block, f"{path.name}: rule {name} runs scripts/{name}.py"
            declared = "unpack(get_manifest_inputs)" if name == "manifest" else f'code=code_of("{name}")'
            assert declared in block.split("    output:")[0], f"{path.name}: rule {name} declares no code input"


# --- end to end: the example run, then one file changed -----------------------------------------


@pytest.fixture(scope="module")
def built(example_run, tmp_path_factory):
    """A copy of the example run (results, logs and Snakemake's records, times kept)."""
    workdir = tmp_path_factory.mktemp("herkomst")
    shutil.copytree(example_run, workdir, dirs_exist_ok=True)
    return workdir


def planned_jobs(workdir) -> dict[int, list[str]]:
    """What `snakemake -n` would run, as {year: rules} (the rules in their order of the pipeline)."""
    result = run_snakemake(workdir, "-n")
    assert result.returncode == 0, result.stderr[-3000:]
    text = result.stdout + result.stderr
    jobs: dict[int, set[str]] = {}
    for block in re.split(r"(?m)^rule ", text)[1:]:
        name = block.split(":", 1)[0]
        year = re.search(r"^\s+wildcards: year=(\d{4})$", block, re.MULTILINE)
        if name != "all":
            assert year, block[:500]
            jobs.setdefault(int(year.group(1)), set()).add(name)
    if not jobs:
        assert "Nothing to be done" in text, text[-2000:]
    order = [*STAGES, *GATHERING, "manifest"]
    return {year: sorted(names, key=order.index) for year, names in sorted(jobs.items())}


def change(path, edit):
    """Change one file of the copy in place (a new time, as an editor gives it)."""
    text = path.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def add_comment(text):
    return text + "\n# een wijziging\n"


# what reads the tables; the year's warnings read every stage's warnings log, so any rerun stage
# reruns them, and the audit and the data package that hold them
AFTER_WARNINGS = [*GATHERING, "manifest"]
AFTER_TABLES = ["tables", "figures", "factsheet", *AFTER_WARNINGS]
FROM_INCLUSION = ["inclusion", "carry_forward", "classify"]


@pytest.mark.e2e
def test_an_unchanged_project_has_nothing_to_do(built):
    assert planned_jobs(built) == {}


@pytest.mark.e2e
@pytest.mark.parametrize(
    ("path", "edit", "expected"),
    [
        # the interval level: the tables, and what reads them; nothing before the tables, nothing of 2019
        (
            "workflow/preventie/stats.py",
            lambda t: t.replace("CONFIDENCE = 0.95", "CONFIDENCE = 0.90"),
            {2020: AFTER_TABLES},
        ),
        # the flow's words: the tables, the figures and the factsheet write them; nothing before the tables
        ("workflow/preventie/flow.py", add_comment, {2020: AFTER_TABLES}),
        # used by the factsheet only (the audit lists the factsheet's numbers, the manifest everything)
        ("workflow/preventie/factsheet/printed_numbers.py", add_comment, {2020: ["factsheet", *AFTER_WARNINGS]}),
        ("workflow/schemas/teksten.schema.yaml", add_comment, {2020: ["factsheet", *AFTER_WARNINGS]}),
        # the inclusion criteria: from inclusion on in both years (2019's analysed set feeds 2020)
        (
            "workflow/preventie/inclusion.py",
            add_comment,
            {2019: FROM_INCLUSION, 2020: [*FROM_INCLUSION, *AFTER_TABLES]},
        ),
        # the command line's `herleid` (an analyst's tool): no stage runs it
        ("workflow/preventie/tools/explain_number.py", add_comment, {}),
        # a module of the figures package: the figures, and the factsheet that shows their views
        ("workflow/preventie/figures/trend.py", add_comment, {2020: ["figures", "factsheet", *AFTER_WARNINGS]}),
    ],
    ids=["stats", "flow", "printed_numbers", "teksten-schema", "inclusion", "explain_number", "figures-trend"],
)
def test_a_changed_module_reruns_exactly_the_stages_that_use_it(built, example_run, path, edit, expected):
    target = built / path
    try:
        change(target, edit)
        assert planned_jobs(built) == expected
    finally:
        shutil.copy2(example_run / path, target)  # back as it was, its old time too
    assert planned_jobs(built) == {}


@pytest.mark.e2e
def test_the_tables_follow_a_changed_interval_level(example_run, tmp_path):
    """The issue's case: 90% instead of 95% must reach tabellen/partijen.csv, not only the manifest."""
    shutil.copytree(example_run, tmp_path, dirs_exist_ok=True)
    table = tmp_path / "results/2020/tabellen/partijen.csv"
    before = pd.read_csv(table)
    change(tmp_path / "workflow/preventie/stats.py", lambda t: t.replace("CONFIDENCE = 0.95", "CONFIDENCE = 0.90"))
    result = run_snakemake(tmp_path, str(table.relative_to(tmp_path)))
    assert result.returncode == 0, result.stderr[-3000:]
    after = pd.read_csv(table)
    assert after["pct"].tolist() == before["pct"].tolist()
    shown = after["ci_laag"].notna()
    assert shown.any()
    # a 90% interval lies within the 95% one, and is narrower wherever it is not at 0 or 100
    assert (after.loc[shown, "ci_laag"] >= before.loc[shown, "ci_laag"]).all()
    assert (after.loc[shown, "ci_hoog"] <= before.loc[shown, "ci_hoog"]).all()
    assert (after.loc[shown, "ci_hoog"] - after.loc[shown, "ci_laag"]).sum() < (
        before.loc[shown, "ci_hoog"] - before.loc[shown, "ci_laag"]
    ).sum()
    assert planned_jobs(tmp_path) == {2020: ["figures", "factsheet", *AFTER_WARNINGS]}


@pytest.mark.e2e
def test_the_manifest_names_the_code_each_output_was_made_with(example_run):
    """Per output, the code the manifest names for its stage is exactly the code Snakemake recorded
    as that output's inputs (`--detailed-summary`): one declaration for both."""
    manifest = json.loads((example_run / "results/2020/manifest.json").read_text(encoding="utf-8"))
    result = run_snakemake(example_run, "--detailed-summary")
    assert result.returncode == 0, result.stderr[-3000:]
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    header = rows[0]
    recorded = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:] if len(row) == len(header)}
    all_code = set(manifest["pijplijn"]["code"])
    for stage, record in manifest["stappen"].items():
        for output in record["uitvoer"]:
            made = recorded[output]
            assert made["rule"] == stage, output
            inputs = set(made["input-file(s)"].split(","))
            # the manifest is made after, and from, the code of every stage
            assert inputs & all_code == (all_code if stage == "manifest" else set(record["code"])), output
    # the code a stage runs, and nothing that only another stage runs
    stages = manifest["stappen"]
    assert "workflow/preventie/stats.py" in stages["tables"]["code"]
    assert "workflow/preventie/stats.py" not in stages["classify"]["code"]
    assert "workflow/preventie/render.py" in stages["factsheet"]["code"]
    assert "reports/factsheet.qmd.j2" in stages["factsheet"]["code"]
    assert {"workflow/preventie/tools/explain_number.py", "workflow/preventie/__main__.py"}.isdisjoint(all_code)
