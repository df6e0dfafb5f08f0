# Set-up and everyday targets; the README and .ci/run use these.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= ./verbinder.db

.PHONY: install run demo test lint format clean

$(BIN)/verbinder: pyproject.toml constraints.txt
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	touch $(BIN)/verbinder

install: $(BIN)/verbinder  ## create .venv and install Verbinder with its test tools

run: install  ## serve the web page and API on the embedded store (seed loaded on first start)
	$(BIN)/verbinder serve --store $(STORE)

demo: install  ## create the embedded store from the seed and show its stats
	$(BIN)/verbinder seed --store $(STORE)
	$(BIN)/verbinder stats --store $(STORE)

test: install  ## run the whole test suite
	$(BIN)/python -m pytest -q

lint: install  ## ruff, ruff format and mypy over graph, matcher and api
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy graph matcher api

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache verbinder.db verbinder.db-*
