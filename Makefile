# Replybook's two everyday commands do all set-up themselves on a fresh machine:
#   make serve   build the site and serve it on http://127.0.0.1:8000 (rebuilds on save)
#   make test    run the whole test suite (unit, content, build and browser tests)
# Other targets: make build (site/ only), make check (validate playbooks), make bench.

VENV   ?= .venv
PYTHON ?= python3
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp
SUDO    = $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING = 1

.PHONY: serve build test check lint bench chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict

check: $(STAMP)
	$(BIN)/replybook check

lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench

# Debian's Chromium for the browser tests (never `playwright install`: it downloads).
chromium:
	@command -v chromium >/dev/null 2>&1 || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

# axe-core (accessibility rules) comes from npm; Node and npm are already on the machine.
AXE = tests/browser/node_modules/axe-core/axe.min.js
$(AXE): tests/browser/package.json
	npm install --prefix tests/browser --no-audit --no-fund --silent
	touch $(AXE)

test: $(STAMP) chromium $(AXE)
	$(BIN)/ruff check hooks tests bench
	$(BIN)/replybook schema
	$(BIN)/replybook check --strict
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/run.py
