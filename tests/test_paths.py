"""One registry of where each result lies (preventie.paths): the rules, the audit and the tools
take their paths from it, so none of them spells a result's path out on its own."""

from __future__ import annotations

import ast
import re

from conftest import ROOT
from preventie import naming, paths
from preventie.tools.follow_initiative import RESULT_TABLES

LIBRARY = ROOT / "workflow" / "preventie"


def spelled_paths() -> list[str]:
    """Every result path of the registry, and the folders the named results lie in."""
    files = [v for k, v in vars(paths).items() if k.isupper() and isinstance(v, str) and ("/" in v or "." in v)]
    folders = [f"{getattr(paths, k)}/" for k in ("TABLES", "FIGURES", "LOGS", "FACTSHEET")]
    return [*files, *folders]


def python_strings(path) -> list[str]:
    """The strings of a module's code, its docstrings left out (they may name a result)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def workflow_code(path) -> str:
    """A rule file without its docstrings and comments."""
    text = re.sub(r'"""(.|\n)*?"""', "", path.read_text(encoding="utf-8"))
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


def test_no_rule_script_or_module_spells_out_a_result_path():
    spelled = spelled_paths()
    found = []
    for path in sorted([*(ROOT / "rules").glob("*.smk"), ROOT / "Snakefile"]):
        code = workflow_code(path)
        found += [f"{path.name}: {p}" for p in spelled if p in code]
    for path in sorted([*LIBRARY.rglob("*.py"), *(ROOT / "scripts").glob("*.py")]):
        if path.name == "paths.py":
            continue
        strings = python_strings(path)
        found += [f"{path.relative_to(ROOT)}: {p}" for p in spelled if any(p in s for s in strings)]
    assert not found, "een pad buiten preventie.paths:\n" + "\n".join(found)


def test_the_rules_the_audit_and_the_tools_read_the_registry():
    for path in [ROOT / "rules" / "common.smk", LIBRARY / "naming.py", LIBRARY / "render.py"]:
        assert "paths" in path.read_text(encoding="utf-8"), path
    for tool in ("follow_initiative.py", "explain_number.py"):
        assert "paths" in (LIBRARY / "tools" / tool).read_text(encoding="utf-8"), tool
    # the audit's sheets and the tools' tables are the registry's results
    registered = {v for k, v in vars(paths).items() if k.isupper()}
    for _, _, path in [*naming.AUDIT_SHEETS, naming.NUMBERS_SHEET]:
        assert path in registered or path in {paths.table(name) for name in naming.TABLE_NAMES}, path
    assert {path for path, _ in RESULT_TABLES.values()} <= registered


def test_a_path_of_a_year_is_under_its_results_folder():
    assert paths.of_year("results", 2020, paths.LINKS) == "results/2020/koppeling/koppeling.csv"
    assert paths.of_year("results", "{year}", paths.table("stroom")) == "results/{year}/tabellen/stroom.csv"
    assert paths.factsheet("{year}", "pdf") == "factsheet/factsheet_{year}.pdf"
    assert paths.warnings_log("link") == "logs/link.waarschuwingen.csv"
