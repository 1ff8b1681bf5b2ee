"""CI: the GitLab and GitHub definitions are valid for their platform (checked offline), each
runs the README's test command and then makes the factsheet and its report, and keeps what a
reviewer reads as artifacts; `.ci/run` takes the same steps and fails on a skipped test."""

from __future__ import annotations

import fnmatch
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

DEFINITIONS = {
    "gitlab": (ROOT / ".gitlab-ci.yml", "vendor.gitlab-ci"),
    "github": (ROOT / ".github/workflows/ci.yml", "vendor.github-workflows"),
}
# GitLab's top-level keys that are no job.
GITLAB_GLOBALS = {"default", "include", "stages", "variables", "workflow", "image", "services", "cache"}


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess:
    """check-jsonschema with its built-in (vendored) schema; a proxy that refuses every connection
    makes sure nothing is fetched."""
    offline = {"HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9", "NO_PROXY": ""}
    return subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **offline},
    )


def definition(platform: str) -> dict:
    return yaml.safe_load(DEFINITIONS[platform][0].read_text(encoding="utf-8"))


def jobs(platform: str) -> dict[str, list[str]]:
    """Each job with the shell commands it runs, in order (GitLab: before_script then script,
    `extends` resolved; GitHub: the `run` of its steps, line by line)."""
    doc = definition(platform)
    if platform == "github":
        return {
            name: [line.strip() for step in job["steps"] for line in step.get("run", "").splitlines() if line.strip()]
            for name, job in doc["jobs"].items()
        }

    def resolved(job: dict) -> dict:
        parent = job.get("extends")
        return {**resolved(doc[parent]), **job} if parent else job

    found = {}
    for name, job in doc.items():
        if name in GITLAB_GLOBALS or name.startswith("."):
            continue
        job = resolved(job)
        found[name] = [line for key in ("before_script", "script") for line in job.get(key, [])]
    return found


def job_running(platform: str, command: str) -> str:
    (name,) = [name for name, commands in jobs(platform).items() if command in commands]
    return name


def job_variables(platform: str, name: str) -> dict:
    doc = definition(platform)
    if platform == "github":
        return {**doc.get("env", {}), **doc["jobs"][name].get("env", {})}
    return {**doc.get("variables", {}), **doc[name].get("variables", {})}


def artifacts(platform: str, name: str) -> list[str]:
    doc = definition(platform)
    if platform == "github":
        uploads = [s for s in doc["jobs"][name]["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
        return [p for step in uploads for p in step["with"]["path"].split()]
    return doc[name]["artifacts"]["paths"]


def kept(file: str, patterns: list[str]) -> bool:
    """Whether an artifact path keeps a file: a glob per path segment (`*` within one folder), and
    a path ending in '/' keeps its whole folder."""
    parts = file.split("/")
    for pattern in patterns:
        folder = pattern.endswith("/")
        segments = pattern.rstrip("/").split("/")
        if (len(segments) < len(parts) if folder else len(segments) == len(parts)) and all(
            fnmatch.fnmatchcase(part, segment) for part, segment in zip(parts, segments)
        ):
            return True
    return False


def report_command(bin_dir: Path | str = ".venv/bin") -> list[str]:
    """The command `make report` writes the report with (the Makefile's, with the given Python
    environment); before it, `make report` runs `make run`."""
    result = subprocess.run(
        ["make", "-n", "-s", "-f", str(ROOT / "Makefile"), "-o", ".venv/.installed", "report", f"BIN={bin_dir}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    (line,) = [line for line in result.stdout.strip().splitlines() if "--report" in shlex.split(line)]
    return shlex.split(line)


def report_path() -> str:
    command = report_command()
    return command[command.index("--report") + 1]


# --- the definitions -------------------------------------------------------------------------------


@pytest.mark.parametrize("platform", DEFINITIONS)
def test_the_definition_is_valid_for_its_platform_offline(platform, tmp_path):
    path, schema = DEFINITIONS[platform]
    result = check_jsonschema(schema, path)
    assert result.returncode == 0, result.stdout + result.stderr
    # the schema catches what the platform would refuse: here a misspelt key
    key, typo = {"gitlab": ("\n  script:", "\n  scripts:"), "github": ("\n    runs-on:", "\n    runs_on:")}[platform]
    text = path.read_text(encoding="utf-8")
    assert key in text
    broken = tmp_path / path.name
    broken.write_text(text.replace(key, typo, 1), encoding="utf-8")
    result = check_jsonschema(schema, broken)
    assert result.returncode == 1 and "Schema validation errors" in result.stdout, result.stdout + result.stderr


@pytest.mark.parametrize("platform", DEFINITIONS)
def test_each_platform_tests_then_makes_the_factsheet_and_its_report(platform):
    test_job, factsheet_job = job_running(platform, "make test"), job_running(platform, "make run")
    assert test_job != factsheet_job
    commands = jobs(platform)[factsheet_job]
    assert commands.index("make run") < commands.index("make report")
    doc = definition(platform)
    if platform == "github":
        assert test_job in doc["jobs"][factsheet_job]["needs"]
    else:
        assert doc["stages"].index(doc[test_job]["stage"]) < doc["stages"].index(doc[factsheet_job]["stage"])


@pytest.mark.parametrize("platform", DEFINITIONS)
def test_the_test_job_installs_what_the_tests_need(platform):
    """What .ci/run makes sure of, so that the accessibility, spelling and Quarto tests run."""
    name = job_running(platform, "make test")
    commands = " ".join(jobs(platform)[name])
    if platform == "gitlab":
        commands = commands.replace("$APT_PACKAGES", job_variables(platform, name)["APT_PACKAGES"])
        assert any(cmd.startswith("(cd tests/a11y && npm ci") for cmd in jobs(platform)[name])
    else:
        (step,) = [s for s in definition(platform)["jobs"][name]["steps"] if s.get("run", "").startswith("npm ci")]
        assert step["working-directory"] == "tests/a11y"
    installed = re.search(r"apt-get install [^;&|]*", commands).group().split()
    assert {"chromium", "hunspell", "hunspell-nl", "nodejs", "npm", "/tmp/quarto.deb"} <= set(installed)


def test_both_platforms_install_the_quarto_the_readme_names_and_fetch_the_tags():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tested = re.search(r"getest met\s+(\d+\.\d+\.\d+)", readme).group(1)
    for platform in DEFINITIONS:
        for name in jobs(platform):
            assert job_variables(platform, name)["QUARTO_VERSION"] == tested
            assert any("quarto-${QUARTO_VERSION}-linux-amd64.deb" in c for c in jobs(platform)[name])
    # the edition comes from `git describe`: a shallow clone without tags would lose it
    assert str(definition("gitlab")["variables"]["GIT_DEPTH"]) == "0"
    for job in definition("github")["jobs"].values():
        (checkout,) = [s for s in job["steps"] if s.get("uses", "").startswith("actions/checkout@")]
        assert checkout["with"]["fetch-depth"] == 0


@pytest.mark.e2e
@pytest.mark.parametrize("platform", DEFINITIONS)
def test_the_artifacts_keep_factsheet_audit_manifest_and_report(platform, example_run):
    year = "2020"
    folder = example_run / "results" / year
    files = [
        *(p for sub in ("factsheet", "audit") for p in (folder / sub).iterdir() if p.is_file()),
        folder / "manifest.json",
    ]
    wanted = [str(p.relative_to(example_run)) for p in files] + [report_path()]
    assert {Path(p).suffix for p in wanted} >= {".html", ".pdf", ".docx", ".xlsx", ".json"}
    patterns = artifacts(platform, job_running(platform, "make run"))
    assert [p for p in wanted if not kept(p, patterns)] == []
    assert not kept(f"results/{year}/tabellen/stroom.csv", patterns)  # the matching is no catch-all


# --- .ci/run ------------------------------------------------------------------------------------------


def test_ci_run_takes_the_steps_of_the_jobs():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    steps = [m.group() for m in re.finditer(r'^(?:[A-Z_]+=(?:"[^"]*"|\S+) )*make (?:test|run|report)\b', script, re.M)]
    assert [s.split()[-1] for s in steps] == ["test", "run", "report"]
    assert "npm ci" in script and "../shared/quarto/install.sh" in script
    for package in ("chromium", "hunspell", "hunspell-nl"):
        assert re.search(rf"missing\+=\({re.escape(package)}\)", script), package
    assert re.search(r"\.ci/skipped\.py", script)


def junit_of(tmp_path: Path, tests: str) -> Path:
    """The JUnit report pytest writes for a test file with these tests."""
    (tmp_path / "test_sample.py").write_text("import pytest\n\n" + tests, encoding="utf-8")
    report = tmp_path / "junit.xml"
    subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", f"--junitxml={report}", "test_sample.py"],
        cwd=tmp_path,
        capture_output=True,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"},
    )
    return report


def skipped(report: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / ".ci/skipped.py"), str(report)], capture_output=True, text=True, timeout=60
    )


def test_a_skipped_test_fails_the_ci(tmp_path):
    report = junit_of(
        tmp_path,
        "def test_runs():\n    pass\n\n"
        "@pytest.mark.skipif(True, reason='Chromium ontbreekt')\ndef test_needs_chromium():\n    pass\n",
    )
    result = skipped(report)
    assert result.returncode == 1
    assert "OVERGESLAGEN test_sample::test_needs_chromium: Chromium ontbreekt" in result.stderr
    assert "1 van 2 tests overgeslagen" in result.stderr


def test_without_skips_the_ci_goes_on(tmp_path):
    result = skipped(junit_of(tmp_path, "def test_one():\n    pass\n\ndef test_two():\n    pass\n"))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "2 tests, geen overgeslagen"
