# make serve: build and serve the site locally; make test: every test; make build: site/ for publishing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test verify release mark bench clean

# The virtual environment is updated when the pinned requirements change. Building the site
# (Netlify) needs only requirements.txt; tests and benchmarks add requirements-dev.txt.
RUNTIME := $(BIN)/.installed-runtime
DEV := $(BIN)/.installed-dev
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check

# The project itself is installed (editable) so that MkDocs finds its plugin (pyproject.toml).
$(RUNTIME): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) -r requirements.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(DEV): $(RUNTIME) requirements-dev.txt
	$(PIP) -r requirements-dev.txt
	touch $@

# Node tools of the browser tests and benchmarks (axe-core, Netlify CLI, Lighthouse), as locked.
NODE_TOOLS := tests/browser/node_modules/.installed
$(NODE_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	npm ci --prefix tests/browser --no-audit --no-fund --ignore-scripts --loglevel=error
	touch $@

# PORT=8001 make serve (or make serve PORT=8001) when 8000 is taken.
PORT ?= 8000
serve: $(RUNTIME)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# Nothing inconsistent is published: verify stops the build on an error.
build: $(RUNTIME)
	$(BIN)/python -m scripts.verify
	$(BIN)/mkdocs build --strict --site-dir site

verify: $(RUNTIME)
	$(BIN)/python -m scripts.verify

# The two steps of a revision that pull-request comments also do (/release, /mark; CONTRIBUTING.md):
#   make release DATE=2027-01-01        make mark FILE=docs/en/articles/06.md   (FILE=--all: every file)
#   make release DATE=2027-01-01 DOC=terms   (a site of several documents: the one released)
release: $(RUNTIME)
	@test -n "$(DATE)" || { echo "usage: make release DATE=YYYY-MM-DD [DOC=ID] (the newest line of the 附則; DOC: the document, on a site of several)" >&2; exit 2; }
	$(BIN)/python -m scripts.release "$(DATE)" $(if $(DOC),--document "$(DOC)")

mark: $(RUNTIME)
	@test -n "$(FILE)" || { echo "usage: make mark FILE=docs/en/articles/NN.md (or FILE=--all)" >&2; exit 2; }
	$(BIN)/python -m scripts.translation mark $(FILE)

test: $(DEV) $(NODE_TOOLS)
	$(BIN)/python -m pytest -q

bench: $(DEV) $(NODE_TOOLS)
	$(BIN)/python -m bench

clean:
	rm -rf site .pytest_cache
