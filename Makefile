# Two commands do everything on a fresh clone (only Python 3.11+ and pip needed):
#   make run    set up .venv if needed (the pipeline's pins), then build the default year (snakemake;
#               profiles/default sets 4 cores)
#   make test   set up .venv if needed (those pins and the tests' and code style's), then run the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PIP    := $(BIN)/python -m pip install --quiet --disable-pip-version-check

.PHONY: run test report lint format lock clean-results a11y benchmark slurm-deps

run: $(STAMP)
	$(BIN)/snakemake

test: $(DEV_STAMP)
	$(BIN)/python -m pytest

# The review package: one HTML file (Snakemake's report) with the factsheet, its numbers and their
# sources, every table, the checks, the warnings and the manifest of the run; builds what is missing first.
REPORT ?= results/rapport.html
report: run
	$(BIN)/snakemake --report $(REPORT)

lint: $(DEV_STAMP)
	$(BIN)/snakemake --lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/snakefmt --check Snakefile rules/

# Apply the code style that `make test` checks (ruff for Python, snakefmt for the workflow).
format: $(DEV_STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/snakefmt Snakefile rules/

# Wall time and peak memory per stage of the example scaled x1, x10, x100 and x1000 (about
# 10 minutes; SCALES=1,10 for a quick look), against the same work in one Python process.
SCALES ?= 1,10,100,1000
benchmark: $(STAMP)
	$(BIN)/python tests/benchmark.py --scales $(SCALES)

# The Slurm executor plugin, for `snakemake --profile profiles/slurm` (not in the default environment).
slurm-deps: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-slurm.txt

# WCAG 2.1 A/AA audit (axe-core in Debian's Chromium) of the factsheets under results/;
# needs node, npm and /usr/bin/chromium (or CHROMIUM=...). Run after `make run`.
a11y:
	cd tests/a11y && npm ci --no-audit --no-fund --silent
	node tests/a11y/audit.js results/*/factsheet/factsheet_*.html

# Each stamp depends on its pins, so changing a lock reinstalls. pip checks every file it
# downloads against the lock's sha256 (--require-hashes).
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig (gevonden: " + sys.version.split()[0] + ")")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) --require-hashes -r requirements.txt
	$(PIP) --no-deps --no-build-isolation -e .
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.txt
	$(PIP) --require-hashes -r requirements-dev.txt
	@touch $(DEV_STAMP)

# Pin requirements.in (the pipeline) into requirements.txt and requirements-dev.in (tests, code
# style) into requirements-dev.txt, each with the sha256 of every file pip may install, and write
# the same runtime pins into the conda environment. A pin stays as it is unless its .in changed;
# `make lock UPGRADE=1` moves every pin to the newest release that fits.
PIP_TOOLS := pip-tools==7.6.2
COMPILE   := .lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(if $(UPGRADE),--upgrade)
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --disable-pip-version-check $(PIP_TOOLS)
	CUSTOM_COMPILE_COMMAND="make lock" $(COMPILE) --output-file requirements.txt requirements.in
	CUSTOM_COMPILE_COMMAND="make lock" $(COMPILE) --output-file requirements-dev.txt requirements-dev.in
	.lock-venv/bin/python workflow/envs/from_lock.py requirements.txt > workflow/envs/preventie.yaml
	rm -rf .lock-venv

clean-results:
	rm -rf results .snakemake
