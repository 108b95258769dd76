# Buurtmonitor. `make run` and `make test` do all the set-up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench load demo demo-files clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Start the app on SQLite with the demo city (http://127.0.0.1:8050): public read on, plain
## http on 127.0.0.1 (no Secure cookies), and a first beheerder whose password is printed once.
run: $(STAMP)
	$(BIN)/monitor init
	$(BIN)/monitor demo
	$(BIN)/monitor user ensure-admin
	MONITOR_PUBLIC_READ=1 MONITOR_COOKIE_SECURE=0 $(BIN)/python app.py

## Run the tests (with CI=true, tests needing PostgreSQL, ../shared or Chromium fail instead of skip).
test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/pytest -q --durations=15

## Benchmarks (ingest, BBGA rebuild vs DuckDB, pages, national scale, map); writes bench/results.json and the table in bench/README.md. Full national scale takes ~25 min and 10 GB.
bench: $(STAMP)
	$(BIN)/python -m bench.run

## Load: gunicorn ×4 on PostgreSQL and Redis, 50 readers for 60 s while an analist publishes and undoes.
load: $(STAMP)
	$(BIN)/python -m bench.run --only load

## Write Voorbeeldstad's files again (geometries/, data/): the same files, byte for byte.
demo-files: $(STAMP)
	$(BIN)/python -m monitor.demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

clean:
	rm -rf $(VENV) data/monitor.sqlite* .pytest_cache
