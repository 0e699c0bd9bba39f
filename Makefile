# The two commands: `make site` and `make test`. `make serve` previews while you edit YAML.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
ENGINE ?= mkdocs
SERVE_ADDR ?= 127.0.0.1:8000
export NO_MKDOCS_2_WARNING := 1

.PHONY: site pdf offline serve test lint check bench lighthouse screenshots clean

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
	$(PY) -m generator.prune site
else
	$(PY) -m generator
	$(VENV)/bin/mkdocs build --strict --site-dir site
endif
	$(PY) -m generator.pdf site $(PDF_FLAGS)
	$(PY) -m generator.offline --into site

# The offline copy alone: build/offline/ and build/sales-vs-marketing-handbook.zip.
offline: $(STAMP)
	$(PY) -m generator.offline

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
	$(MAKE) lighthouse

# Lighthouse (npm, pinned in tools/lighthouse/) on every page kind of site/, served gzipped.
lighthouse: site
	npm ci --prefix tools/lighthouse --no-audit --no-fund --silent
	$(PY) tools/lighthouse_bench.py --site site

screenshots: $(STAMP)
	$(PY) -m tests.browser.screenshots

clean:
	rm -rf site build .pytest_cache .cache .zensical.yml .offline.yml
