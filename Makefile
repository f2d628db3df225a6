# Fanzone TV toolkit: the two set-up commands are `make site` and `make test` (see README.md).
# Each creates the virtual environment and installs what it needs on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: site serve test test-fast lint validate system bench compile clean help

help:
	@echo "make site      build the site on the shipped backlog into site/ (no Jira, no network needed)"
	@echo "make test      run the whole test suite (unit, CLI, Jira against a local server, browser)"
	@echo "make serve     live-reloading preview on http://127.0.0.1:8000"
	@echo "make validate  check the backlog, mockups and specs"
	@echo "make lint      ruff"
	@echo "make bench     run the benchmarks in bench/"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(MAKE) --no-print-directory compile
	touch $(STAMP)

# Byte-compile the toolkit as a wheel install would (an editable install does not, and with
# PYTHONDONTWRITEBYTECODE set every command would compile it again: ~0.3 s per start).
compile:
	$(BIN)/python -m compileall -q generators

# System packages (Java for PlantUML, the PlantUML jar, Chromium for browser tests); skipped when present.
system:
	bash scripts/install-system-deps.sh

site: $(STAMP) system compile
	NO_MKDOCS_2_WARNING=1 $(BIN)/fanzone build

serve: $(STAMP) system
	NO_MKDOCS_2_WARNING=1 $(BIN)/fanzone serve

validate: $(STAMP)
	$(BIN)/fanzone validate

lint: $(STAMP)
	$(BIN)/ruff check generators tests bench
	$(BIN)/ruff format --check generators tests bench

test: $(STAMP) system
	$(BIN)/ruff check generators tests bench
	$(BIN)/ruff format --check generators tests bench
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest

test-fast: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/python -m pytest -m "not browser and not slow"

bench: $(STAMP) system compile
	$(BIN)/python bench/load_validate.py
	$(BIN)/python bench/peers.py --quick
	$(BIN)/python bench/growth.py
	for script in bench/plan_reports.py bench/jira_sync.py bench/site_build.py; do \
		test ! -f $$script || $(BIN)/python $$script || exit 1; done

clean:
	rm -rf site .cache .pytest_cache test-artifacts
