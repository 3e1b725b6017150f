# Journey Builder — `make help` lists the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
FRONTEND_STAMP := frontend/node_modules/.installed
# The built UI is rebuilt only when a source, a config or the installed packages changed (make run starts fast).
FRONTEND_DIST := frontend/dist/index.html
FRONTEND_SOURCES := $(shell find frontend/src -type f 2>/dev/null) $(wildcard frontend/index.html frontend/*.json frontend/*.ts frontend/*.js)

.DEFAULT_GOAL := help
.PHONY: help run test lint typecheck test-python test-frontend test-e2e frontend types bench fuzz clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock requirements-dev.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python 3.11+ is needed")'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock -r requirements-dev.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

$(FRONTEND_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	touch $(FRONTEND_STAMP)

frontend: $(FRONTEND_STAMP) ## Build the browser app into frontend/dist
	cd frontend && npm run build

$(FRONTEND_DIST): $(FRONTEND_STAMP) $(FRONTEND_SOURCES)
	cd frontend && npm run build
	touch $(FRONTEND_DIST)

run: $(STAMP) $(FRONTEND_DIST) ## Install, migrate and serve on http://127.0.0.1:8000 (SQLite under ./var/)
	$(VENV)/bin/journeys serve

lint: $(STAMP) ## ruff, mypy --strict, import contracts, tsc and eslint
	$(VENV)/bin/ruff check backend tests e2e bench
	$(VENV)/bin/ruff format --check backend tests e2e bench
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	if [ -f frontend/package.json ]; then $(MAKE) $(FRONTEND_STAMP) && cd frontend && npm run lint && npm run typecheck; fi

test-python: $(STAMP) ## API, unit and integration tests on SQLite and PostgreSQL
	$(VENV)/bin/pytest tests

test-frontend: $(FRONTEND_STAMP) ## Vitest unit tests of the editor
	cd frontend && npm test

test-e2e: $(STAMP) $(FRONTEND_DIST) ## Playwright tests in a real Chromium against the real server
	$(VENV)/bin/pytest e2e

ifneq ($(wildcard frontend/package.json),)
test: lint test-python test-frontend test-e2e ## Everything CI runs
else
test: lint test-python ## Everything CI runs
endif

types: $(STAMP) $(FRONTEND_STAMP) ## Regenerate the frontend's API client from the backend's OpenAPI
	$(VENV)/bin/journeys openapi > frontend/src/api/openapi.json
	cd frontend && npm run generate-api

bench: $(STAMP) ## Benchmarks (print tables)
	$(PY) bench/runtime.py

fuzz: $(STAMP) ## Long schemathesis run over the whole OpenAPI on SQLite and PostgreSQL (JOURNEYS_FUZZ_EXAMPLES=100)
	JOURNEYS_FUZZ_EXAMPLES=$${JOURNEYS_FUZZ_EXAMPLES:-100} JOURNEYS_FUZZ_DATABASES=$${JOURNEYS_FUZZ_DATABASES:-sqlite,postgresql} \
		$(VENV)/bin/pytest tests/integration/test_openapi_fuzz.py -p no:randomly

clean: ## Remove the virtualenv, node_modules and build output
	rm -rf $(VENV) frontend/node_modules frontend/dist
