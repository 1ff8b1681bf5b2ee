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


def test_the_factsheet_needs_three_years_at_most_and_the_series_starts_at_first_year():
    conf = example()
    assert cfg.year_chain(conf) == {2020: "factsheet", 2019: "analyse"}  # 2019 is the first year
    conf["year"] = 2019
    assert cfg.year_chain(conf) == {2019: "factsheet"}
    conf.update(year=2022, first_year=2016)
    assert cfg.year_chain(conf) == {2022: "factsheet", 2021: "analyse", 2020: "respons"}
    assert cfg.previous_year(conf, 2022) == 2021 and cfg.previous_year(conf, 2016) is None


def chain_config(years: list[int], year: int, first_year: int) -> dict:
    conf = example()
    spec = conf["years"][2020]
    conf.update(year=year, first_year=first_year, years={y: dict(spec) for y in years})
    return conf


@pytest.mark.parametrize(
    "years, year, first_year, missing",
    [
        ([2020, 2021], 2021, 2019, 2019),  # the README's old example: 2020 rebuilt without 2019
        ([2021], 2021, 2019, 2020),
        ([2019, 2021], 2021, 2019, 2020),
    ],
)
def test_a_year_analysed_without_its_previous_year_is_refused_naming_the_year_to_add(years, year, first_year, missing):
    problems = cfg.chain_problems(chain_config(years, year, first_year))
    line = str(problems[0])  # the workflow stops at the first; `preventie config` lists them all
    assert line.startswith(f"ongeldige configuratie bij 'years': {missing} ontbreekt")
    assert f"Voeg {missing} toe onder 'years'" in line and f"'first_year: {missing + 1}'" in line


def test_a_series_that_starts_at_first_year_needs_no_earlier_year():
    assert cfg.chain_problems(chain_config([2020, 2021], 2021, 2020)) == []
    assert cfg.chain_problems(chain_config([2021], 2021, 2021)) == []
    too_late = cfg.chain_problems(chain_config([2021], 2021, 2022))
    assert "'first_year': 2022 ligt na het jaar van de factsheet (2021)" in str(too_late[0])


def test_published_figures_are_a_count_or_a_mapping_and_must_add_up():
    conf = example()
    assert cfg.published(conf, 2018) == {"analysed": 81, "categories": None, "revision": None}
    assert cfg.published(conf, 2020)["categories"]["formele_afspraken"] == 36
    assert cfg.published(conf, 2017) is None
    conf["historical"][2020]["categories"]["formele_afspraken"] = 35
    problem = cfg.published_problems(conf)
    assert (
        "'historical.2020': de gepubliceerde categorieën tellen op tot 115, niet tot het gepubliceerde aantal 116"
        in (str(problem[0]))
    )
    conf["historical"][2020]["categories"].pop("onbekend")
    assert "'historical.2020.categories': 'onbekend' is a required property" in cfg.schema_problem(cfg.to_json(conf))


def test_a_user_series_brings_its_own_first_year_and_published_figures():
    user = {"years": {2021: {"inventory": "i.csv", "survey": "s.sav", "codebook": "c.yaml"}}, "first_year": 2021}
    resolved = cfg.apply_user_years(example(), user)
    assert resolved["first_year"] == 2021 and "historical" not in resolved  # not the example's 2018-2020
    without = cfg.apply_user_years(example(), {"years": user["years"]})
    assert "first_year" not in without
    problem = cfg.schema_problem(cfg.to_json(without))
    assert "'first_year' is a required property. Een configuratie met eigen 'years' noemt ook het eerste jaar" in (
        problem
    )


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
    conf["years"][2020]["survey"] = {"path": "data/export.xlsx", "sheet": "Gegevens", "header_row": 3}
    assert cfg.schema_problem(cfg.to_json(conf)) is None
    assert cfg.read_options(conf, 2020, "survey") == {
        "sheet": "Gegevens",
        "header_row": 3,
        "setting": "years.2020.survey",
    }
    conf["years"][2020]["survey"]["header_row"] = 0
    assert "'years.2020.survey.header_row'" in cfg.schema_problem(cfg.to_json(conf))
    conf["years"][2020]["survey"]["header_row"] = 1
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


# --- the files of --configfile, read as the pipeline reads YAML (YAML 1.2) -----------------------


def test_a_configfile_is_read_as_yaml_1_2_and_the_command_line_comes_on_top(tmp_path):
    (tmp_path / "eigen.yaml").write_text(
        "policy: {strict_codes: false}\n"
        "report: {formats: [html], renderer: pandoc}\n"
        "historical: {2020: {revision: No}}\n",
        encoding="utf-8",
    )
    (tmp_path / "meer.yaml").write_text("policy: {fuzzy_threshold: 80}\n", encoding="utf-8")
    user = cfg.user_config(tmp_path, [tmp_path / "eigen.yaml", tmp_path / "meer.yaml"], {"year": 2019})
    assert user == {
        "policy": {"strict_codes": False, "fuzzy_threshold": 80},
        "report": {"formats": ["html"], "renderer": "pandoc"},
        "historical": {2020: {"revision": "No"}},  # YAML 1.1 (Snakemake's reading): False
        "year": 2019,
    }


@pytest.mark.parametrize("word", ["no", "yes", "off", "On"])
def test_a_yes_or_no_where_a_setting_wants_true_or_false_says_so(word):
    conf = example()
    conf["policy"]["strict_codes"] = word
    assert cfg.schema_problem(cfg.to_json(conf)) == (
        f"ongeldige configuratie bij 'policy.strict_codes': '{word}' is not of type 'boolean'. Schrijf true of "
        f"false: '{word}' is tekst (YAML 1.2)"
    )


def test_every_configfile_is_checked_with_file_and_line(tmp_path):
    good, bad = tmp_path / "goed.yaml", tmp_path / "kapot.yaml"
    good.write_text("year: 2020\nlinks: null\n", encoding="utf-8")
    bad.write_text("year: 2020\npolicy:\n  strict_codes: [true\n", encoding="utf-8")
    cfg.check_configfiles([good])
    with pytest.raises(PipelineError) as err:
        cfg.check_configfiles([good, bad])
    assert str(err.value) == f"{bad}: geen geldige YAML (regel 4): expected ',' or ']', but got '<stream end>'"
    with pytest.raises(PipelineError, match="bestaat_niet.yaml: bestand niet gevonden"):
        cfg.check_configfiles([tmp_path / "bestaat_niet.yaml"])
