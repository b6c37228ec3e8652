# gme-atlas: `make run` builds the warehouse from the local sample web; `make test` runs the suite.
# Both create .venv and install pinned dependencies first (constraints.txt), on a fresh machine too.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test bench ui clean

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]' -c constraints.txt
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/gme refresh

test: install
	$(BIN)/python -m pytest

bench: install
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

ui: install
	$(BIN)/gme ui

clean:
	rm -rf data .dagster_home
