# GovKB: `make demo` installs, ingests the shipped corpus and answers a question; `make test` runs the tests.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
Q ?= 怎么制定权责清单？

.PHONY: install demo serve test lint eval bench

$(BIN)/govkb: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(BIN)/govkb

install: $(BIN)/govkb

demo: install
	$(BIN)/govkb ingest
	$(BIN)/govkb ask "$(Q)"

serve: install
	$(BIN)/govkb serve

test: install
	$(BIN)/ruff check govkb ingest index app eval tests
	$(BIN)/python -m pytest -q -n 2 --dist loadgroup

lint: install
	$(BIN)/ruff check govkb ingest index app eval tests
	$(BIN)/mypy

eval: install
	$(BIN)/govkb eval --modes hybrid,bm25,dense,naive

bench: install
	$(BIN)/python -m eval.bench
