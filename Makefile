# make run   : create .venv, install tradewar, serve the dashboard and API on the default data
# make test  : create .venv, install tradewar with its test tools, run the whole suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SHARED_DATA := $(abspath ../shared/data)

# Point the data directory at ../shared/data when it exists and the user has not chosen one.
ifeq ($(origin TRADEWAR_DATA_DIR), undefined)
  ifneq ($(wildcard $(SHARED_DATA)),)
    export TRADEWAR_DATA_DIR := $(SHARED_DATA)
  endif
endif

.PHONY: run test lint typecheck docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

# The dashboard and the API on the bundled ledger and the data directory; prints the URL and
# serves until Ctrl+C (SERVE_HOST, SERVE_PORT override 127.0.0.1:8000).
SERVE_HOST ?= 127.0.0.1
SERVE_PORT ?= 8000
run: $(STAMP)
	$(BIN)/tradewar serve --host $(SERVE_HOST) --port $(SERVE_PORT)

# The PostgreSQL tests run against a throwaway local cluster that scripts/start-postgres.sh
# installs (Debian's postgresql) and starts; without one they skip and say why.
# The suite runs in TEST_WORKERS processes (pytest-xdist; default 2, one per core of CI),
# each test file whole on one worker (--dist loadfile: module fixtures are built once);
# TEST_WORKERS=0 runs it in this process.
TEST_WORKERS ?= 2
test: $(STAMP)
	bash scripts/install-browser.sh
	TRADEWAR_TEST_POSTGRES_URL="$${TRADEWAR_TEST_POSTGRES_URL:-$$(bash scripts/start-postgres.sh)}" \
	  $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# The documentation site (docs/, Markdown through Sphinx + MyST); warnings are errors.
docs: $(STAMP)
	$(BIN)/sphinx-build -W --keep-going -q -b html docs docs/_build/html

bench: $(STAMP)
	@for f in benchmarks/*.py; do echo "== $$f"; $(BIN)/python $$f || exit 1; done

clean:
	rm -rf $(VENV) build dist docs/_build src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
