"""Reading YAML: one rule for every file (YAML 1.2 core schema), duplicate keys and syntax errors
as one error with the file and the line."""

import datetime
import math

import pytest
import yaml

from conftest import ROOT
from preventie.errors import PipelineError
from preventie.yamlfile import load_yaml, read_yaml

# What YAML 1.1 (PyYAML's safe_load) reads as a boolean, and y/n, which some YAML 1.1 readers do.
BOOLEAN_WORDS = ["Yes", "No", "On", "Off", "Y", "N", "yes", "no", "on", "off", "y", "n", "YES", "NO", "ON", "OFF"]


@pytest.mark.parametrize("word", BOOLEAN_WORDS)
def test_yes_no_on_off_are_text_as_keys_and_as_values(word):
    assert load_yaml(f"map: {{{word}: {word}}}\nlist: [{word}]\n{word}: x\n") == {
        "map": {word: word},
        "list": [word],
        word: "x",
    }


@pytest.mark.parametrize(
    "word, value", [(w, True) for w in ("true", "True", "TRUE")] + [(w, False) for w in ("false", "False", "FALSE")]
)
def test_only_true_and_false_are_booleans(word, value):
    assert load_yaml(f"a: {word}\n{word}: b\n") == {"a": value, value: "b"}


@pytest.mark.parametrize("text", ["null", "Null", "NULL", "~", ""])
def test_null_stays_null_as_a_value_and_as_a_key(text):
    assert load_yaml(f"a: {text}\nmap: {{9: {text}}}\n") == {"a": None, "map": {9: None}}


@pytest.mark.parametrize(
    "text, value",
    [
        ("010", 10),  # YAML 1.1: octal 8
        ("0o10", 8),
        ("0x1F", 31),
        ("-3", -3),
        ("+3", 3),
        ("1.5", 1.5),
        ("1e3", 1000.0),  # YAML 1.1: text
        (".5", 0.5),
        ("1:30", "1:30"),  # YAML 1.1: 90
        ("1_000", "1_000"),  # YAML 1.1: 1000
        ("2020-11-01", "2020-11-01"),  # YAML 1.1: a date
        ("0b11", "0b11"),  # YAML 1.1: 3
        ("=", "="),  # YAML 1.1 (PyYAML): an error
        ("NI-0123", "NI-0123"),
    ],
)
def test_numbers_are_decimal_and_everything_else_is_text_as_written(text, value):
    assert load_yaml(f"a: {text}\n") == {"a": value}


def test_infinity_and_not_a_number():
    doc = load_yaml("a: [.inf, -.Inf, .NaN]\n")
    assert doc["a"][:2] == [math.inf, -math.inf] and math.isnan(doc["a"][2])


def test_a_key_twice_is_an_error_with_both_lines_but_yes_and_true_are_different_keys(tmp_path):
    assert load_yaml("{Yes: ja, true: ja, yes: ja}") == {"Yes": "ja", True: "ja", "yes": "ja"}
    path = tmp_path / "twee.yaml"
    path.write_text("map:\n  true: ja\n  True: nee\n", encoding="utf-8")
    with pytest.raises(PipelineError) as err:
        read_yaml(path)
    assert str(err.value) == (
        f"{path}: geen geldige YAML: sleutel 'True' staat twee keer in dezelfde mapping (regels 2 en 3)"
    )


def test_merge_keys_merge_and_keys_next_to_them_override():
    doc = load_yaml("base: &base {survey: s.sav, links: null}\n2021:\n  <<: *base\n  links: l.csv\n")
    assert doc[2021] == {"survey": "s.sav", "links": "l.csv"}


def test_a_syntax_error_names_the_file_and_the_line(tmp_path):
    path = tmp_path / "kapot.yaml"
    path.write_text("year: 2020\nkeys: [unclosed\nsingle: {}\n", encoding="utf-8")
    with pytest.raises(PipelineError, match=r"kapot.yaml: geen geldige YAML \(regel 3\): "):
        read_yaml(path)
    with pytest.raises(PipelineError, match=r": is een map, geen bestand$"):
        read_yaml(tmp_path)


def test_every_yaml_file_of_the_project_reads_as_it_did_dates_as_text():
    """The rule changed nothing in the project's own files: the same values as YAML 1.1 gave,
    but a date as the text it is written as (text metadata: peildatum)."""

    def as_text(value):
        if isinstance(value, dict):
            return {as_text(k): as_text(v) for k, v in value.items()}
        if isinstance(value, list):
            return [as_text(v) for v in value]
        return value.isoformat() if isinstance(value, datetime.date) else value

    folders = ("config", "profiles", "reports", "resources", "workflow")
    files = sorted(p for folder in folders for p in (ROOT / folder).rglob("*.y*ml") if "_files" not in p.parts)
    assert len(files) >= 10
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert load_yaml(text) == as_text(yaml.safe_load(text)), path
    metadata = read_yaml(ROOT / "reports/teksten/2020/metadata.yaml")
    assert metadata["voorbeeldtekst"] is True and metadata["peildatum"] == "2020-11-01"
