# The course's commands. Each one sets up .venv first (only when requirements change).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: lab test slides dist bench install clean

install: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV): on Debian run 'apt-get install python3-venv' and retry."; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m csto.lab install-settings
	touch $(STAMP)

lab: install  ## open the course in JupyterLab at the first notebook
	$(BIN)/python -m csto.lab

# one process per core; --dist loadfile keeps a notebook's cells (nbval) and a test file together, in the order
# tests/conftest.py gives them (the site builds on one worker while the other runs tests that do not need it); the 15
# slowest tests are listed at the end, where the suite's time goes (the bench times the whole command);
# tools.fast_imports, loaded first, spares each pytest process a second of jsonschema's import
PYTEST := $(BIN)/python -m pytest -p tools.fast_imports -n auto --dist loadfile --no-loadscope-reorder --durations=15

test: install  ## run every test: data, notebooks (nbval), charts, slides and JupyterLab in headless Chromium
	$(PYTEST)

slides: install  ## build site/: course page, reveal.js decks, handouts, PDFs (first: prose the data no longer give stops the build)
	$(BIN)/python -m csto.stale
	$(BIN)/python -m csto.site

dist: install  ## the classroom kit: dist/csto-course-<version>.zip, the whole site, opens with no install and no network; PUBLIC=1: a public edition without the rights-reserved full texts
	$(BIN)/python -m csto.site.dist $(if $(PUBLIC),--public)

bench: install  ## measure notebooks, data, build, decks and tests; writes bench.json
	$(BIN)/python -m tools.bench

clean:
	rm -rf site .build-cache bench.json .pytest_cache dist
