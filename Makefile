# Study edition of In-Kon Yeo, "Putin's Pragmatic Approach to the Korean Peninsula".
# `make help` lists the targets. A newcomer needs two: `make serve` and `make test`.
# Every target sets up what it needs (virtual environment, npm tools, browser).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin

# Material prints an end-of-life banner about MkDocs 2.0 on every run; we pin
# mkdocs<2 (README, "The stack and its future"), so silence it.
export NO_MKDOCS_2_WARNING := 1
# Our commands never write bytecode into the source tree.
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: bench help serve build offline cartridge test test-fast lint check-properdocs ids check-ids check-anchors abbreviations publish lock clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# -- Set-up (file targets: redone only when the lock files change) ----------

$(VENV)/.installed: requirements.lock pyproject.toml
	@test -n "$(PYTHON)" || { echo "make: no python3.11 found" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# -- The book ---------------------------------------------------------------

# The build copies pinned npm files (the QR library) into the site, so it needs node_modules.
serve: $(VENV)/.installed node_modules/.installed ## Serve the book live at http://127.0.0.1:8000
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

build: $(VENV)/.installed node_modules/.installed ## Build the online site into site/ (strict)
	$(BIN)/mkdocs build --strict --clean --site-dir site

# The zip and the PDF come from the offline build; the LMS cartridge links to
# the online edition, so it is made from the online build (`make cartridge`).
offline: $(VENV)/.installed node_modules/.installed ## Make dist/: the offline zip, the PDF and the LMS cartridge (VERSION=x.y, default: newest changelog entry)
	$(BIN)/python -m studybook.offline.package --dist dist --site-dir site-offline
	$(MAKE) --no-print-directory cartridge

# One web link per chapter, pinned to this edition (site_url + edition), for
# Canvas, Moodle or Blackboard. Reads site/anchors.json of the online build.
cartridge: $(VENV)/.installed node_modules/.installed ## Write the reading list as an IMS Common Cartridge: dist/reading-list-<edition>.imscc
	$(if $(VERSION),MIKE_DOCS_VERSION=$(VERSION)) $(BIN)/mkdocs build --strict --clean --site-dir site
	$(BIN)/python -m studybook.teaching.cartridge site

ids: $(VENV)/.installed ## Give every new chapter heading and paragraph a stable id (writes docs/)
	$(BIN)/python -m studybook.anchors.ids docs/chapters

check-ids: $(VENV)/.installed ## Fail if a chapter heading or paragraph has no id, or an id repeats
	$(BIN)/python -m studybook.anchors.ids --check docs/chapters

# The anchor guard that `make publish` runs, by hand: compares site/anchors.json
# with the manifest of every edition on the local gh-pages branch.
check-anchors: build ## Fail if the book loses a page or anchor that an edition published
	$(BIN)/python -m studybook.editions.guard --site site --branch gh-pages --redirects redirects.yml

abbreviations: $(VENV)/.installed ## Rewrite includes/abbreviations.md from the glossary front matter
	$(BIN)/python -m studybook.glossary.abbreviations docs includes/abbreviations.md

# -- Editions ---------------------------------------------------------------
# The steps and their checks live in src/studybook/editions/publish.py (README,
# "Publishing an edition"). Set SITE_URL to the address gh-pages is served at.

publish: $(VENV)/.installed node_modules/.installed ## Publish edition VERSION=x.y to gh-pages with mike (PUSH=1 pushes, FORCE=1 replaces)
	$(BIN)/python -m studybook.editions.publish "$(VERSION)" --push="$(PUSH)" --force="$(FORCE)"

# -- Tests ------------------------------------------------------------------

test: lint $(VENV)/.installed node_modules/.installed ## Run every test: lint, unit, mini-site, whole book, browser (installs Chromium if missing)
	scripts/ensure-chromium
	$(BIN)/pytest

# The loop while you work: unit and mini-site tests, no browser, no whole-book build.
test-fast: $(VENV)/.installed node_modules/.installed ## Unit and mini-site tests only (about a minute)
	$(BIN)/pytest tests/unit -m "not slow and not browser" -q

lint: $(VENV)/.installed ## ruff on src/ and tests/ (pinned; rules in pyproject.toml)
	$(BIN)/ruff check src tests

# ProperDocs, the MkDocs 1.x fork, in a virtual environment of its own (.cache/):
# it must build the same book. README, "The stack and its future".
check-properdocs: $(VENV)/.installed node_modules/.installed ## Fail if `properdocs build` makes a different book from `mkdocs build`
	$(BIN)/python -m studybook.tools.properdocs

# Not a test: timings swing with the machine. README, "Quality gates and budgets".
bench: $(VENV)/.installed node_modules/.installed ## Build time, page weight, Lighthouse vs the budgets (bench/results.json)
	scripts/ensure-chromium
	$(BIN)/python -m studybook.tools.bench $(BENCH_ARGS)

# -- Maintenance ------------------------------------------------------------

lock: ## Re-pin every Python dependency (with hashes) from pyproject.toml
	$(PYTHON) -m venv .cache/lock-venv
	.cache/lock-venv/bin/pip install --quiet pip-tools==7.6.2
	.cache/lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --all-extras \
	  --strip-extras --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean: ## Remove build output (keeps the environments)
	rm -rf site site-offline dist
