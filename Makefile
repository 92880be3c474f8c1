# make serve: build and serve the site locally; make test: every test; make build: site/ for publishing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test verify bench clean

# The virtual environment is rebuilt when the pinned requirements change.
$(BIN)/.installed: requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Node tools of the browser tests and benchmarks (axe-core, Netlify CLI, Lighthouse), as locked.
NODE_TOOLS := tests/browser/node_modules/.installed
$(NODE_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

serve: $(BIN)/.installed
	$(BIN)/mkdocs serve

# Nothing inconsistent is published: verify stops the build on an error.
build: $(BIN)/.installed
	$(BIN)/python -m scripts.verify
	$(BIN)/mkdocs build --strict --site-dir site

verify: $(BIN)/.installed
	$(BIN)/python -m scripts.verify

test: $(BIN)/.installed $(NODE_TOOLS)
	$(BIN)/python -m pytest -q

bench: $(BIN)/.installed $(NODE_TOOLS)
	$(BIN)/python -m bench

clean:
	rm -rf site .pytest_cache
