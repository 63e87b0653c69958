# AWS ML Knowledge Base — run `make help` for the list of commands.
# Every target sets up .venv from requirements.lock first, so a fresh clone needs only
# Python 3.11+, git and make.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ADDR ?= 127.0.0.1:8000
# Material 9.8 prints a banner about MkDocs 2.0 on every build; we pin MkDocs 1.6 on purpose.
export NO_MKDOCS_2_WARNING := 1

.DEFAULT_GOAL := help
.PHONY: help setup browser checker serve build validate lint lint-github links test test-fast bench pdf offline anki publish lock clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
		{ echo "error: Python 3.11 or newer is needed as '$(PYTHON)' (set PYTHON=...)"; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || \
		{ rm -rf $(VENV); echo "error: cannot create a virtual environment; on Debian/Ubuntu: sudo apt-get install python3-venv"; exit 1; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

setup: $(VENV)/.installed ## Create .venv and install the pinned dependencies

# Browser tests drive Debian's Chromium through Playwright (never `playwright install`, whose
# download is blocked on many networks). Installed with apt when missing and we are root.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM

browser:
	@test -x "$(CHROMIUM)" || { \
		if [ "$(CHROMIUM)" = /usr/bin/chromium ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
		else \
			echo "error: the browser tests need Chromium at $(CHROMIUM): sudo apt-get install chromium"; exit 1; \
		fi; }
	@# pdftotext reads the PDFs back in a second (pypdf, the fallback, takes minutes); optional.
	@command -v pdftotext >/dev/null || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
		{ apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null 2>&1; }; } || \
		echo "note: without pdftotext (apt-get install poppler-utils) the PDF tests read the PDFs with pypdf, which is slower"

# The HTML validity test runs the Nu Html Checker (npm package vnu-jar, pinned in
# package-lock.json), which needs a Java runtime: installed with apt when missing and we are root.
node_modules/.installed: package-lock.json
	@command -v npm >/dev/null || { echo "error: the HTML checker needs Node.js and npm: sudo apt-get install npm"; exit 1; }
	npm ci --silent --no-audit --no-fund
	@touch $@

checker: node_modules/.installed
	@command -v java >/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless; \
		else \
			echo "error: the HTML checker needs Java: sudo apt-get install default-jre-headless"; exit 1; \
		fi; }

# The preview leaves out the print page (make pdf builds it) and rebuilds only the pages whose
# content changed (overrides/hooks/serve_cache.py).
serve: setup ## Serve on http://127.0.0.1:8000 (ADDR=host:port) with live reload (docs/, data/, macros/)
	KB_SITE_URL="http://$(ADDR)/" KB_PRINT_PAGE=false $(BIN)/mkdocs serve --dev-addr $(ADDR)

build: setup ## Strict build of the site into site/
	$(BIN)/mkdocs build --strict

validate: setup ## Check data/ against the schemas and vocabularies
	$(BIN)/python -m macros

lint: setup lint-github ## yamllint, data against its schemas, ruff, codespell (same as pre-commit)
	$(BIN)/yamllint --strict .
	$(BIN)/python -m macros
	$(BIN)/ruff check macros tests tools overrides/hooks
	$(BIN)/codespell

lint-github: setup ## GitHub workflows and Dependabot config against their published schemas
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.dependabot .github/dependabot.yml
	$(BIN)/check-jsonschema --builtin-schema vendor.github-issue-forms .github/ISSUE_TEMPLATE/wrong-fact.yml .github/ISSUE_TEMPLATE/suggest-topic.yml

links: setup ## Check every external URL in data/ and docs/ (needs the internet; weekly in CI)
	$(BIN)/python tools/check_links.py

test: setup browser checker ## Strict build and the whole test suite (browser, PDF and offline tests included): what CI runs
	$(BIN)/python -m pytest --durations=15

test-fast: setup ## The inner loop: every test that needs neither a browser nor a PDF (markers in pyproject.toml)
	$(BIN)/python -m pytest -m "not browser and not pdf" --durations=10

# SCALE=2 adds the build of a catalogue twice the size; TESTS=1 adds make test and make test-fast.
SCALE ?= 1
bench: setup browser ## Build time, scaled build, serve loop, PDFs, memory, page weight, as a table with the targets
	$(BIN)/python tools/bench.py --scale $(SCALE) $(if $(TESTS),--tests)

pdf: setup browser ## The whole site and the cheat sheet as PDFs, in dist/
	KB_VERSION="$$(git describe --always --dirty 2>/dev/null || echo unversioned)" KB_DATE="$$(date +%F)" \
		$(BIN)/mkdocs build --strict --quiet --site-dir dist/pdf-site
	$(BIN)/python tools/pdf.py dist/pdf-site dist

offline: setup ## An offline copy of the site that works from file://, as dist/aws-ml-kb-offline.zip
	$(BIN)/python tools/offline.py dist/aws-ml-kb-offline.zip

anki: setup ## Every flashcard as a deck file for Anki, as dist/aws-ml-kb-anki.txt
	$(BIN)/python tools/anki.py dist/aws-ml-kb-anki.txt

publish: build pdf offline anki ## site/ ready to publish, with the PDFs, the zip and the Anki deck in site/downloads/
	mkdir -p site/downloads
	cp dist/aws-ml-kb.pdf dist/aws-ml-kb-cheat-sheet.pdf dist/aws-ml-kb-offline.zip dist/aws-ml-kb-anki.txt site/downloads/

lock: ## Re-pin requirements.lock after editing requirements.txt
	rm -rf $(VENV)/lock && $(PYTHON) -m venv $(VENV)/lock
	$(VENV)/lock/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	{ echo "# Every package, pinned exactly: generated by 'make lock' from requirements.txt. Do not edit by hand."; \
	  $(VENV)/lock/bin/pip freeze; } > requirements.lock
	rm -rf $(VENV)/lock

clean: ## Remove the built site, dist/ and caches (keeps .venv)
	rm -rf site dist .pytest_cache
	find . -name __pycache__ -not -path './$(VENV)/*' -prune -exec rm -rf {} +
