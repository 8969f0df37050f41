# govstats — the front door. `make help` lists the targets.
# Every target bootstraps .venv from pyproject.toml when it is missing or stale.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
SEEDS  ?= seeds
REPORTS ?= reports

.DEFAULT_GOAL := help
.PHONY: help report test test-fast test-notebooks lab bench lint format extract clean distclean venv

help: ## show this help
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-15s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP) ## create or refresh the virtual environment (.venv)

report: $(STAMP) ## run every notebook on seeds/ and write reports/*.html + reports/index.html
	$(BIN)/govstats report all -p seeds_dir $(SEEDS) --out $(REPORTS)

test: $(STAMP) ## run the whole test suite (library, notebooks, CLI, browser when Chromium is there)
	$(BIN)/python -m pytest

test-fast: $(STAMP) ## tests without notebooks and browser
	$(BIN)/python -m pytest -m "not notebooks and not browser and not dask"

test-notebooks: $(STAMP) ## only the notebook/report tests
	$(BIN)/python -m pytest -m "notebooks or browser"

extract: $(STAMP) ## write the JSONL tables for seeds/ into out/
	$(BIN)/govstats extract $(SEEDS) --out out

# Options for `make lab`, e.g. make lab JUPYTER_OPTS="--port 9999 --no-browser";
# --allow-root is added automatically when running as root (Jupyter refuses root otherwise).
JUPYTER_OPTS ?=
JUPYTER_ROOT := $(if $(filter 0,$(shell id -u 2>/dev/null)),--allow-root,)

lab: $(STAMP) ## open JupyterLab on notebooks/ (JUPYTER_OPTS="..." passes options; --allow-root as root)
	$(BIN)/jupyter lab $(JUPYTER_ROOT) $(JUPYTER_OPTS) notebooks/

bench: $(STAMP) ## benchmark throughput, memory and scaling; writes bench/results.json
	$(BIN)/python -m bench $(BENCH_ARGS)

lint: $(STAMP) ## ruff (fails on findings)
	$(BIN)/ruff check govstats tests bench tools

format: $(STAMP) ## ruff format + import sorting
	$(BIN)/ruff check --fix --select I govstats tests bench tools
	$(BIN)/ruff format govstats tests bench tools

clean: ## remove generated reports, outputs and caches (keeps .venv)
	rm -rf $(REPORTS)/*.html $(REPORTS)/*.ipynb $(REPORTS)/*.json $(REPORTS)/.*.tmp out
	rm -rf .pytest_cache .ruff_cache .hypothesis bench/_corpora
	find . -name __pycache__ -type d -not -path './$(VENV)/*' -prune -exec rm -rf {} +

distclean: clean ## clean, and remove .venv too
	rm -rf $(VENV) *.egg-info
