"""Which code a stage runs: its script, the library modules the script imports and the schemas they read.

A rule's script is a thin adapter; the work happens in the library it imports. Snakemake
watches the script only, so the workflow declares the rest as inputs of the rule: the import
closure of the script within the library, and the data files of the library (the schemas)
that those modules name. A changed module then reruns exactly the stages that use it and what
comes after them, and the manifest names the same files as the code of each stage.

The closure is read from the source with `ast`, without importing anything: the workflow
computes it while it parses, on every cluster job too, so this module uses the standard library
only. Followed: `import pkg.a`, `from pkg import a`, `from pkg.a import b` (b a module or a
name in a), `from . import a`, `from .a import b`, `from ..a import b`, anywhere in a module (an
import inside a function runs too). Importing a module runs the `__init__.py` of every package
above it, so those count as well. Not followed: imports by a computed name (`importlib`).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path


class Library:
    """The source of a package (a folder with `__init__.py`) and, optionally, a folder of data files
    it reads; each file is parsed once, however many scripts import it."""

    def __init__(self, package: str | Path, data: str | Path | None = None):
        self.package = Path(package).absolute()
        folder = Path(data).absolute() if data is not None else None
        self.data = {p.name: p for p in folder.iterdir() if p.is_file()} if folder and folder.is_dir() else {}
        self._read: dict[Path, tuple[set[Path], set[str]]] = {}

    def closure(self, scripts: Iterable[str | Path]) -> list[Path]:
        """The modules of the package that `scripts` import, directly or through each other, sorted."""
        seen: set[Path] = set()
        todo = [Path(s).absolute() for s in scripts]
        while todo:
            for module in self._source(todo.pop())[0] - seen:
                seen.add(module)
                todo.append(module)
        return sorted(seen)

    def data_files(self, modules: Iterable[str | Path]) -> list[Path]:
        """The data files whose name one of `modules` spells out as a string (a schema the module
        reads, e.g. `... / "schemas" / "tables.yaml"`), sorted."""
        return sorted({self.data[n] for m in modules for n in self._source(Path(m).absolute())[1]})

    def code(self, script: str | Path) -> list[Path]:
        """What a script runs: itself, the modules it imports and the data files they name."""
        modules = self.closure([script])
        return [Path(script).absolute(), *modules, *self.data_files(modules)]

    def _source(self, path: Path) -> tuple[set[Path], set[str]]:
        """The package's modules one file imports, and the data files whose name it spells out in
        quotes."""
        if path not in self._read:
            source = path.read_bytes()
            name = self._module_name(path)
            modules: set[Path] = set()
            for node in _statements(ast.parse(source, filename=str(path)).body):
                if isinstance(node, ast.Import):
                    for alias in node.names:
                        modules |= self._modules(alias.name)
                elif isinstance(node, ast.ImportFrom):
                    target = self._target(node, name, path.name == "__init__.py")
                    if target is None:
                        continue
                    modules |= self._modules(target)
                    for alias in node.names:  # `from a import b`: b may be a module of its own
                        modules |= self._modules(f"{target}.{alias.name}", names_only=True)
            named = {n for n in self.data if f'"{n}"'.encode() in source or f"'{n}'".encode() in source}
            self._read[path] = (modules, named)
        return self._read[path]

    def _module_name(self, path: Path) -> str | None:
        """`pkg.sub.a` for pkg/sub/a.py, `pkg.sub` for pkg/sub/__init__.py; None outside the
        package (a script, whose relative imports mean nothing)."""
        if not path.is_relative_to(self.package):
            return None
        parts = [self.package.name, *path.relative_to(self.package).with_suffix("").parts]
        return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)

    @staticmethod
    def _target(node: ast.ImportFrom, name: str | None, is_package: bool) -> str | None:
        """The absolute name after `from` (None for a relative import outside the package)."""
        if not node.level:
            return node.module
        if name is None:
            return None
        # level 1 is the package the module is in (a package's __init__ is in itself)
        parts = name.split(".") if is_package else name.split(".")[:-1]
        base = parts[: len(parts) - (node.level - 1)]
        if not base:
            return None
        return ".".join([*base, node.module] if node.module else base)

    def _modules(self, dotted: str, names_only: bool = False) -> set[Path]:
        """The files that importing `dotted` runs, if it is in the package: the module and the
        `__init__.py` of every package above it. With `names_only`, nothing unless `dotted`
        itself is a module."""
        parts = dotted.split(".")
        if parts[0] != self.package.name:
            return set()
        folder = self.package
        found = [folder / "__init__.py"]
        for i, part in enumerate(parts[1:], start=2):
            if (folder / part / "__init__.py").is_file():
                folder = folder / part
                found.append(folder / "__init__.py")
            elif i == len(parts) and (folder / f"{part}.py").is_file():
                found.append(folder / f"{part}.py")
            elif names_only:
                return set()
            else:  # a module that does not exist: Python says so when it runs
                break
        return {p for p in found if p.is_file()}


def import_closure(scripts: Iterable[str | Path], package: str | Path) -> list[Path]:
    """The modules of `package` that `scripts` import, directly or through each other, sorted."""
    return Library(package).closure(scripts)


def stage_code(scripts: Mapping[str, str | Path], package: str | Path, data: str | Path) -> dict[str, list[Path]]:
    """Per stage, the code its script runs (see Library.code), parsing each file once."""
    library = Library(package, data)
    return {stage: library.code(script) for stage, script in scripts.items()}


def _statements(body: list[ast.stmt]) -> Iterable[ast.stmt]:
    """Every statement, at any depth (in functions, classes, branches, handlers, cases); an import
    is a statement, so the expressions in between need not be visited."""
    for node in body:
        yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, field, None)
            if isinstance(inner, list):
                yield from _statements(inner)
