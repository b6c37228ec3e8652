# gme-atlas: `make run` builds the warehouse from the local sample web; `make test` runs the suite;
# `make check` is the fast lane (lint, Dagster definitions, tests not marked integration or slow).
# All create .venv and install pinned dependencies first (constraints.txt), on a fresh machine too.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run check lint defs fast-tests test bench ui clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]' -c constraints.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/gme refresh

# The fast lane: under a minute on 2 cores. The whole suite stays `make test`.
check: lint defs fast-tests

lint: install
	$(BIN)/ruff check .

# dg loads the code location as `dagster dev` would (pyproject [tool.dg]: root_module, defs_module)
# in an instance made from our dagster.yaml (telemetry off). VIRTUAL_ENV names the project's venv
# for dg; a scratch GME_DATA_DIR and DAGSTER_HOME keep the load away from data/ and .dagster_home/.
defs: install
	@scratch=$$(mktemp -d) && trap 'rm -rf "$$scratch"' EXIT && mkdir -p "$$scratch/home" && \
	  cp dagster.yaml "$$scratch/home/" && \
	  VIRTUAL_ENV=$(abspath $(VENV)) GME_DATA_DIR="$$scratch/data" DAGSTER_HOME="$$scratch/home" \
	  $(BIN)/dg check defs --log-level error

fast-tests: install
	$(BIN)/python -m pytest -m "not integration and not slow" -q

test: install
	$(BIN)/python -m pytest

bench: install
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

ui: install
	$(BIN)/gme ui

clean:
	rm -rf data .dagster_home
