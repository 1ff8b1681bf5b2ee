"""The command line: one language for its options, the run's own results folder, --version, and a
reader that stops early (`| head`) is no error."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib

import pytest
import yaml

from conftest import ROOT
from preventie.__main__ import main


def test_version_names_the_package_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert capsys.readouterr().out.startswith(f"preventie {version}")


def test_every_option_is_english_like_snakemakes(capsys):
    for command in ("trace", "herleid", "codeboek"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        options = [w for w in capsys.readouterr().out.split() if w.startswith("--")]
        assert options and all(o.strip(",[]") in ENGLISH for o in options), (command, options)


ENGLISH = {"--help", "--year", "--results", "--configfile", "--previous-codebook", "--previous-export", "--output"}


@pytest.mark.e2e
def test_herleid_and_trace_read_the_results_folder_of_the_configfile(example_run, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(example_run / "config", tmp_path / "config")
    shutil.copytree(example_run / "results", tmp_path / "elders")
    (tmp_path / "rivm.yaml").write_text(yaml.safe_dump({"results": "elders"}), encoding="utf-8")
    assert main(["herleid", "116", "--configfile", "rivm.yaml"]) == 0  # the year from the config: 2020
    assert "'116' staat" in capsys.readouterr().out
    assert main(["trace", "NI-0001", "--configfile", "rivm.yaml"]) == 0
    assert capsys.readouterr().out.startswith("Initiatief NI-0001, jaar 2020")
    assert main(["herleid", "116"]) == 1  # the default config's results folder has nothing
    err = capsys.readouterr().err
    assert "geen getallenlijst van de factsheet van 2020" in err and "dezelfde --configfile" in err


@pytest.mark.e2e
def test_a_reader_that_stops_early_is_no_error(example_run):
    # 'de' is in most sentences: far more output than a pipe holds, so the writer meets the closed pipe
    result = subprocess.run(
        f"'{sys.executable}' -m preventie herleid de --results results | head -n 1",
        shell=True,
        cwd=example_run,
        capture_output=True,
        text=True,
    )
    assert result.stdout.startswith("'de' staat") and result.stderr == ""
