# Replybook's two everyday commands do all set-up themselves on a fresh machine:
#   make serve   preview the guide on http://127.0.0.1:8000, rebuilding on save
#                (one language, English by default: make serve SITE_LANG=uk; all: SITE_LANG=all)
#   make test    run the whole test suite (lint, types, checks, unit, content, site, browser tests)
# Other targets: make build (the full strict site in site/), make check (validate playbooks),
# make bench (build and search benchmarks), make search-eval (search quality figures).

VENV   ?= .venv
PYTHON ?= python3
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp
SUDO    = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SITE_LANG ?= en
export NO_MKDOCS_2_WARNING = 1

.PHONY: serve build test check lint bench search-eval chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# A preview: one language, not strict (a scaffold's TODO text shows, marked), the search index
# built once. `make build` is the full, strict site.
serve: $(STAMP)
	$(if $(filter all,$(SITE_LANG)),,REPLYBOOK_PREVIEW_LANG=$(SITE_LANG)) $(BIN)/mkdocs serve --dirty --no-strict -a 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/replybook check

lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/mypy hooks

# Debian's Chromium for the browser tests (never `playwright install`: it downloads).
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

# npm packages the tests use: axe-core (accessibility rules), twitter-text and esbuild (the X
# counter's reference and its bundle). Node and npm are already on the machine.
NODE_STAMP = tests/browser/node_modules/.installed-stamp
$(NODE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --silent
	touch $(NODE_STAMP)

test: $(STAMP) chromium $(NODE_STAMP)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/mypy hooks
	$(BIN)/replybook schema
	$(BIN)/replybook check --strict
	$(BIN)/python -m pytest

bench: $(STAMP) chromium
	$(BIN)/python bench/run.py

search-eval: $(STAMP) chromium
	$(BIN)/python bench/search_eval.py --misses
