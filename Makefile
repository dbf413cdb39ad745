# Every target sets up what it needs: a fresh clone runs `make check` or `make test` directly.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TS := tests/typescript
TS_STAMP := $(TS)/node_modules/.installed
# The TypeScript consumer tests need Node and npm; without them pytest skips those tests with the
# reason, and no target needs npm.
NPM := $(shell command -v npm 2>/dev/null)
NODE_MODULES := $(if $(and $(NPM),$(wildcard $(TS)/package.json)),$(TS_STAMP))
# `make test-matrix SETS="oldest newest"` runs some of the sets; PYTEST_ARGS go to every run.
SETS ?=
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup generate check release test test-deep test-matrix lint docs bench corpus corpus-build core-history clean

help: ## Print every target with its description
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  %-20s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

setup: $(STAMP) ## Create .venv and install the package with its dev extras
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(TS_STAMP): $(TS)/package.json $(TS)/package-lock.json
	cd $(TS) && npm ci --no-audit --no-fund
	touch $(TS_STAMP)

generate: $(STAMP) ## Refresh the Core snapshot and every generated file, atomically
	$(BIN)/store-contracts generate

check: $(STAMP) ## The drift gate: Core drift, schema edits, stale generated files, releases (exit 0/1/3)
	$(BIN)/store-contracts check

release: $(STAMP) ## Freeze the published bundle as schemas/releases/<version> (refuses to change one)
	$(BIN)/store-contracts release

test: $(STAMP) $(NODE_MODULES) ## Run every test (the TypeScript ones skip without Node and npm)
	$(BIN)/python -m pytest

test-deep: $(STAMP) $(NODE_MODULES) ## Run every test with hypothesis exploring: random draws, the large budgets
	HYPOTHESIS_PROFILE=deep $(BIN)/python -m pytest

test-matrix: $(STAMP) $(NODE_MODULES) ## Run the suite on the oldest and newest supported dependency sets (.venv-matrix/)
	$(BIN)/python scripts/test_matrix.py $(SETS) $(if $(PYTEST_ARGS),-- $(PYTEST_ARGS))

lint: $(STAMP) ## ruff (lint and format), mypy --strict and the import layers (lint-imports)
	$(BIN)/ruff check src codegen tests benchmarks scripts
	$(BIN)/ruff format --check src codegen tests benchmarks scripts
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

docs: $(STAMP) ## Build the manuals (docs/) into site/ with mkdocs build --strict: a broken link fails
	NO_MKDOCS_2_WARNING=1 $(BIN)/mkdocs build --strict --quiet

bench: $(STAMP) ## Run the benchmarks; prints ratios and writes benchmarks/results/latest.json
	$(BIN)/python -m benchmarks

corpus: $(STAMP) ## Run the checker over tests/compat/corpus: agreement, false "compatible", undecided, time per case
	$(BIN)/python scripts/compat_corpus.py $(CORPUS_ARGS)

corpus-build: $(STAMP) ## Rebuild tests/compat/corpus from scripts/corpus/, checking every answer first
	$(BIN)/python scripts/build_compat_corpus.py

core-history: $(STAMP) ## Run the gate against every market-data-core release (VERSIONS="1.2.0 1.4.61" for a few)
	$(BIN)/python scripts/core_history.py $(VERSIONS)

clean: ## Remove the virtualenv, caches, the built manuals and installed node modules
	rm -rf $(VENV) .venv-matrix site $(TS)/node_modules .pytest_cache .mypy_cache .ruff_cache .hypothesis
