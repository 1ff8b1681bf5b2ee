"""YAML files read strictly: a duplicate key or a syntax error is one user error with the
file and the line. Light on purpose (no pandas): the workflow reads its configuration with it
while it parses, and every cluster job parses the workflow again."""

from __future__ import annotations

import collections.abc
import os

import yaml

from .errors import PipelineError


class _StrictLoader(yaml.SafeLoader):
    """The safe YAML loader, but a key that appears twice in one mapping is an error: the
    plain loader keeps the last one silently (a codebook map listing a code twice)."""

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, collections.abc.Hashable):
                continue  # the base loader reports an unhashable key itself
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None,
                    None,
                    f"sleutel '{key}' staat twee keer in dezelfde mapping (regels {seen[key]} en {line})",
                    key_node.start_mark,
                )
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: str | os.PathLike) -> dict:
    """A YAML mapping; a missing or malformed file, or a duplicate key, is a user error that
    names the file and the line."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader)
    except FileNotFoundError:
        raise PipelineError("bestand niet gevonden", file=str(path)) from None
    except UnicodeDecodeError:
        raise PipelineError("geen UTF-8-tekst", file=str(path), hint="Sla het bestand op als UTF-8") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (regel {mark.line + 1})" if mark is not None and "regel" not in str(err.problem) else ""
        raise PipelineError(f"geen geldige YAML{where}: {getattr(err, 'problem', err)}", file=str(path)) from None
    if not isinstance(data, dict):
        raise PipelineError("verwacht een YAML-mapping (sleutel: waarde)", file=str(path))
    return data
