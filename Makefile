# Two commands for a fresh machine with Python 3.11 and pip:
#   make serve   install, load the bundled seed cables, serve on http://127.0.0.1:8000
#   make test    install the test dependencies and run the whole suite
#   make test-quick   the fast part (no test marked slow, none that starts a server)
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STORE ?= kg-data
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: install install-test serve test test-quick lint typecheck audit bench clean

$(BIN)/kg: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e .
	@touch $@

install: $(BIN)/kg

$(VENV)/.test-deps: $(BIN)/kg
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	@touch $@

install-test: $(VENV)/.test-deps

serve: install
	$(BIN)/kg --store $(STORE) ingest data/seed
	$(BIN)/kg --store $(STORE) serve --host $(HOST) --port $(PORT)

test: install-test
	$(BIN)/python -m pytest

test-quick: install-test
	$(BIN)/python -m pytest -q -m "not slow"

lint: install-test
	$(BIN)/ruff check kg api tests benchmarks
	$(BIN)/ruff format --check kg api tests benchmarks

typecheck: install-test
	$(BIN)/mypy

# Known vulnerabilities in the installed dependencies (PyPI's advisory data). Where the
# advisory service cannot be reached, pip-audit lists the packages it could not audit.
audit: install-test
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip-audit --local --progress-spinner off --timeout 30

# make bench BENCH_SIZES=2000,10000 for a quick run; 251287 for the whole release.
BENCH_SIZES ?= 10000,50000
bench: install-test
	$(BIN)/python -m benchmarks.run --sizes $(BENCH_SIZES)

clean:
	rm -rf $(VENV) $(STORE) build *.egg-info
