"""Config: schema with defaults, errors naming the key, years replaced not merged."""

from pathlib import Path

import pytest

from preventie import config as cfg
from preventie.errors import PipelineError

ROOT = Path(__file__).resolve().parents[1]


def example() -> dict:
    return cfg.from_json(cfg.to_json(__import__("yaml").safe_load((ROOT / "config/config.yaml").read_text())))


def test_example_config_is_valid():
    assert cfg.schema_problem(cfg.to_json(example())) is None


def test_user_years_replace_the_examples_years():
    merged = example()
    merged["years"][2021] = {"inventory": "i.csv", "survey": "s.sav", "codebook": "c.yaml"}  # as Snakemake merges
    user = {"years": {2021: {"inventory": "i.csv", "survey": "s.sav", "codebook": "c.yaml"}}, "year": 2021}
    resolved = cfg.apply_user_years(merged, user)
    assert list(resolved["years"]) == [2021]


def test_config_without_years_keeps_the_examples_years():
    resolved = cfg.apply_user_years(example(), {"policy": {"strict_codes": False}})
    assert sorted(resolved["years"]) == [2019, 2020]


@pytest.mark.parametrize(
    "change, key",
    [
        (lambda c: c["policy"].update(fuzzy_threshold=150), "policy.fuzzy_threshold"),
        (lambda c: c["policy"].update(partial="soms"), "policy.partial"),
        (lambda c: c["years"][2020].pop("survey"), "years.2020"),
        (lambda c: c.update(jaar=2020), "(bovenste niveau)"),
        (lambda c: c["report"].update(renderer="word"), "report.renderer"),
    ],
)
def test_schema_errors_name_the_key(change, key):
    conf = example()
    change(conf)
    problem = cfg.schema_problem(cfg.to_json(conf))
    assert problem is not None and f"'{key}'" in problem


def test_year_must_be_configured():
    conf = example()
    conf["year"] = 2021
    with pytest.raises(PipelineError, match="'year': 2021 staat niet onder 'years' \\(wel: 2019, 2020\\)"):
        cfg.check_config(conf, ROOT)


def test_missing_input_file_names_the_key(tmp_path):
    conf = example()
    with pytest.raises(PipelineError, match="years.2019.inventory.*niet gevonden"):
        cfg.check_config(conf, tmp_path)


def test_years_to_build_and_previous_year():
    conf = example()
    assert cfg.years_to_build(conf) == [2019, 2020]
    conf["year"] = 2019
    assert cfg.years_to_build(conf) == [2019]
    assert cfg.previous_year(conf, 2020) == 2019
    assert cfg.previous_year(conf, 2019) is None


def test_user_config_comes_on_top_of_the_example_and_defaults_fill_the_rest(tmp_path, monkeypatch):
    (tmp_path / "config").mkdir()
    (tmp_path / "config/config.yaml").write_text(
        "year: 2020\n"
        "years: {2020: {inventory: i.csv, survey: s.sav, codebook: c.yaml}}\n"
        "policy: {strict_codes: true}\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    merged = cfg.merged_config(tmp_path, {"policy": {"fuzzy_threshold": 80}}, [])
    assert merged["policy"] == {"strict_codes": True, "fuzzy_threshold": 80}
    doc = cfg.with_defaults(cfg.to_json(merged), cfg.read_yaml(cfg.SCHEMA))
    assert doc["policy"]["partial"] == "use_if_inclusion_answered" and doc["years"]["2020"]["links"] is None
    assert doc["report"] == {"formats": ["html", "pdf", "docx"], "renderer": "auto"} and doc["results"] == "results"


def test_an_input_may_say_how_it_is_read():
    conf = example()
    conf["years"][2020]["inventory"] = {"path": "data/inventaris.csv", "encoding": "cp1252", "separator": ";"}
    assert cfg.schema_problem(cfg.to_json(conf)) is None
    assert cfg.input_path(conf["years"][2020]["inventory"]) == "data/inventaris.csv"
    assert cfg.read_options(conf, 2020, "inventory") == {
        "encoding": "cp1252",
        "separator": ";",
        "setting": "years.2020.inventory",
    }
    assert cfg.read_options(conf, 2020, "survey") == {"setting": "years.2020.survey"}
    conf["years"][2020]["inventory"]["separator"] = "|"
    assert "'years.2020.inventory.separator'" in cfg.schema_problem(cfg.to_json(conf))


def test_a_results_folder_without_write_permission_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(cfg.os, "access", lambda path, mode: False)
    with pytest.raises(PipelineError, match="'results': geen schrijfrechten in"):
        cfg.check_results_folder("nieuw/results", tmp_path)


def schema_keys(node: dict, path: str = "") -> list[tuple[str, dict]]:
    """Every setting of the config schema as (dotted key, its schema), '<jaar>' for a year."""
    found = []
    for key, sub in node.get("properties", {}).items():
        found += [(path + key, sub), *schema_keys(sub, path + key + ".")]
    if isinstance(node.get("additionalProperties"), dict) and "properties" in node["additionalProperties"]:
        found += schema_keys(node["additionalProperties"], path + "<jaar>.")
    return found


def test_every_setting_is_described_in_the_schema_and_in_config_readme():
    from preventie.yamlfile import read_yaml

    schema = read_yaml(ROOT / "workflow/schemas/config.schema.yaml")
    readme = (ROOT / "config/README.md").read_text(encoding="utf-8")
    keys = schema_keys(schema)
    assert len(keys) >= 14
    for key, sub in keys:
        assert sub.get("description") or "$ref" in sub, key
        if "properties" not in sub:  # a setting, not a group of settings
            assert f"`{key}`" in readme, key
    for key in schema["$defs"]["input"]["anyOf"][1]["properties"]:
        assert f"`{key}`" in readme, key
