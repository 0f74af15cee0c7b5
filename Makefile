# Two commands: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
SAMPLE ?= data/samples/border-standoff-2021-11-15.md

.PHONY: run test venv chromium bench clean data

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

# Debian's chromium draws the map in tests and PNG export.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  { echo "installing Debian package chromium"; apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

run: venv
	$(VENV)/bin/flashpoints app $(SAMPLE)

test: venv chromium
	$(PY) -m pytest -q

bench: venv chromium
	$(PY) bench/extract.py
	$(PY) bench/map.py

data: venv
	$(PY) tools/build_countries.py
	$(PY) tools/build_places.py

clean:
	rm -rf $(VENV) .pytest_cache build src/*.egg-info
