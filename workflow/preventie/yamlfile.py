"""YAML files read strictly and by one rule: a duplicate key or a syntax error is one user error
with the file and the line, and plain scalars are typed by the YAML 1.2 core schema in every
file a user writes (configuration, codebooks, text metadata) and in the JSON schemas. Light on
purpose (no pandas): the workflow reads its configuration with it while it parses, and every
cluster job parses the workflow again.

Why YAML 1.2: PyYAML reads YAML 1.1, where `yes`, `no`, `on` and `off` are booleans (and `y`
and `n` in other YAML 1.1 readers), `010` is 8, `1:30` is 90 and `2020-11-01` a date. A codebook
map of Qualtrics choice texts (`{Yes: ja, No: nee}`) then maps the codes 1 and 0, not "Yes" and
"No". In YAML 1.2 only true/false (also True, TRUE, False, FALSE) are booleans, null/Null/NULL/~
and an empty value are null, and numbers are decimal (or 0o.. and 0x..): everything else is text, as written."""

from __future__ import annotations

import collections.abc
import math
import os
import re

import yaml

from .errors import PipelineError

# The plain scalars the YAML 1.2 core schema types (yaml.org/spec/1.2.2, 10.3.2), with the first
# characters each can start with (PyYAML looks resolvers up by the first character).
CORE_SCHEMA = (
    ("bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("null", r"null|Null|NULL|~|", ["~", "n", "N", ""]),
    ("int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "float",
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN",
        "-+.0123456789",
    ),
)


class _StrictLoader(yaml.SafeLoader):
    """The safe YAML loader with the YAML 1.2 core schema, where a key that appears twice in one
    mapping is an error: the plain loader keeps the last one silently (a codebook map listing a
    code twice)."""

    # Only the core schema's types, plus merge keys (<<); no YAML 1.1 booleans, sexagesimal or
    # octal numbers, timestamps or '=' values.
    yaml_implicit_resolvers: dict = {}

    def construct_yaml_int(self, node):
        text = self.construct_scalar(node)
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        return int(text)  # decimal, also with leading zeros: 010 is 10

    def construct_yaml_float(self, node):
        text = self.construct_scalar(node).lower()
        if text.endswith(".inf"):
            return -math.inf if text.startswith("-") else math.inf
        if text == ".nan":
            return math.nan
        return float(text)

    def construct_mapping(self, node, deep=False):
        seen: dict[object, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *defaults`: keys given next to it override the merged ones
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


for _name, _pattern, _first in CORE_SCHEMA:
    _StrictLoader.add_implicit_resolver(f"tag:yaml.org,2002:{_name}", re.compile(f"^(?:{_pattern})$"), list(_first))
_StrictLoader.add_implicit_resolver("tag:yaml.org,2002:merge", re.compile(r"^(?:<<)$"), ["<"])
_StrictLoader.add_constructor("tag:yaml.org,2002:int", _StrictLoader.construct_yaml_int)
_StrictLoader.add_constructor("tag:yaml.org,2002:float", _StrictLoader.construct_yaml_float)


# What YAML 1.1 reads as a boolean and YAML 1.2 as text: where a setting wants true or false,
# such a word is a schema error, and the message says why.
YAML11_BOOLEANS = frozenset({"yes", "no", "on", "off", "y", "n"})


def boolean_hint(error) -> str:
    """'. Schrijf true of false ...' for a JSON-schema error on a YAML 1.1 boolean word (`no`)
    where a boolean belongs; else ''."""
    expected = error.validator_value if error.validator == "type" else None
    wanted = expected if isinstance(expected, list) else [expected]
    if "boolean" in wanted and isinstance(error.instance, str) and error.instance.lower() in YAML11_BOOLEANS:
        return f". Schrijf true of false: '{error.instance}' is tekst (YAML 1.2)"
    return ""


def load_yaml(stream) -> object:
    """A YAML document (text or an open file) as the project reads it: YAML 1.2 core schema,
    duplicate keys refused. Raises yaml.YAMLError."""
    return yaml.load(stream, Loader=_StrictLoader)  # noqa: S506 (a SafeLoader)


def read_yaml(path: str | os.PathLike) -> dict:
    """A YAML mapping; a missing or malformed file, or a duplicate key, is a user error that
    names the file and the line."""
    try:
        with open(path, encoding="utf-8") as fh:
            data = load_yaml(fh)
    except FileNotFoundError:
        raise PipelineError("bestand niet gevonden", file=str(path)) from None
    except IsADirectoryError:
        raise PipelineError("is een map, geen bestand", file=str(path)) from None
    except UnicodeDecodeError:
        raise PipelineError("geen UTF-8-tekst", file=str(path), hint="Sla het bestand op als UTF-8") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (regel {mark.line + 1})" if mark is not None and "regel" not in str(err.problem) else ""
        raise PipelineError(f"geen geldige YAML{where}: {getattr(err, 'problem', err)}", file=str(path)) from None
    if not isinstance(data, dict):
        raise PipelineError("verwacht een YAML-mapping (sleutel: waarde)", file=str(path))
    return data
