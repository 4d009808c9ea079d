# RealSourcing — the two commands: `make run` and `make test`.
SHELL := /bin/bash
PORT ?= 3000
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# bun from npm when it is not on PATH (Reflex builds the frontend with it)
BUN_VERSION := 1.4.4
TOOLS := $(CURDIR)/.tools
export PATH := $(CURDIR)/$(VENV)/bin:$(TOOLS)/node_modules/.bin:$(PATH)
export REFLEX_TELEMETRY_ENABLED := false
export APP_URL ?= http://localhost:$(PORT)

.PHONY: run test check fmt lock setup deps dev-deps bun browser migrate seed bench bench-directory clean help

help:
	@echo "make run    set up everything and serve the app with demo data on $(APP_URL)"
	@echo "make test   set up everything (incl. Chromium) and run the whole test suite"
	@echo "make check  formatter, linter, types and import contracts (ruff, mypy, import-linter)"
	@echo "make fmt    format and fix what ruff can fix"
	@echo "make lock   re-pin requirements*.txt from requirements*.in (uv pip compile)"
	@echo "make bench  run the benchmarks in bench/ (prints figures)"
	@echo "make bench-directory  directory search over 10,000 factories (BENCH_FACTORIES=100000 for 100,000)"

# The app's pinned set (make run) and, on top, tests and the toolchain (make test / check / bench).
$(VENV)/.deps: requirements.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-deps: $(VENV)/.deps requirements-dev.txt
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

deps: $(VENV)/.deps
dev-deps: $(VENV)/.dev-deps

bun:
	@command -v bun >/dev/null 2>&1 || { \
		echo "Installing bun $(BUN_VERSION) from npm into .tools/"; \
		command -v npm >/dev/null 2>&1 || { echo "npm is needed to install bun: install Node.js 20+ (apt-get install -y nodejs npm)"; exit 1; }; \
		npm install --silent --no-fund --no-audit --prefix $(TOOLS) bun@$(BUN_VERSION) >/dev/null; \
	}
	@bun --version >/dev/null

setup: deps bun

migrate: deps
	$(PY) -m realsourcing.cli migrate

seed: deps
	$(PY) -m realsourcing.cli seed

run: setup
	$(PY) -m realsourcing.cli prepare
	reflex run --env prod --single-port --frontend-port $(PORT) --backend-port $(PORT)

browser:
	@bash tests/find_browser.sh >/dev/null

test: setup dev-deps browser
	$(PY) -m pytest

# Formatter, linter, types (models, rules and services) and the import contracts of ARCHITECTURE.md.
check: dev-deps
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy
	PYTHONPATH=$(CURDIR) $(VENV)/bin/lint-imports

fmt: dev-deps
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

lock: dev-deps
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile --quiet --no-header --no-annotate --python-version 3.11 requirements.in -o requirements.txt
	$(VENV)/bin/uv pip compile --quiet --no-header --no-annotate --python-version 3.11 requirements-dev.in -o requirements-dev.txt

bench: setup dev-deps browser
	$(PY) bench/run.py
	$(PY) bench/directory.py
	$(PY) bench/slots.py
	$(PY) bench/upload_latency.py
	$(PY) bench/login_burst.py
	$(PY) bench/event_flood.py
	$(PY) bench/idle_tabs.py
	$(PY) bench/lighthouse.py

bench-directory: deps
	$(PY) bench/directory.py

clean:
	rm -rf .web .states $(VENV) $(TOOLS)
