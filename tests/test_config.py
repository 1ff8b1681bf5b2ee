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
