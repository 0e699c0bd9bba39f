# The two commands: `make site` and `make test`. `make serve` previews while you edit YAML.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ENGINE ?= mkdocs
SERVE_ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: site pdf serve test lint check bench screenshots clean

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

site: $(STAMP)
ifeq ($(ENGINE),zensical)
	$(PY) -m generator.zensical
	rm -rf site
	$(VENV)/bin/zensical build --clean --strict --config-file .zensical.yml
else
	$(PY) -m generator
	$(VENV)/bin/mkdocs build --strict --site-dir site
endif
	$(PY) -m generator.pdf site $(PDF_FLAGS)

# The whole handbook as one PDF (site/handbook.pdf), linked from the home page. `make site` makes
# it too when Chromium is present; here a missing Chromium is an error.
pdf: PDF_FLAGS := --require
pdf: site

# `make serve ENGINE=zensical SERVE_ADDR=127.0.0.1:8123`: one Ctrl-C stops the watcher and server.
serve: $(STAMP)
	$(PY) -m generator serve --engine $(ENGINE) --addr $(SERVE_ADDR)

check: $(STAMP)
	$(PY) -m generator check

test: $(STAMP)
	$(PY) -m generator check
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check generator tests tools
	$(VENV)/bin/ruff format --check generator tests tools
	$(VENV)/bin/mypy

bench: $(STAMP)
	$(PY) -m tests.bench

screenshots: $(STAMP)
	$(PY) -m tests.browser.screenshots

clean:
	rm -rf site build .pytest_cache .cache .zensical.yml
