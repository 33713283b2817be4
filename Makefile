# make run  — set up and serve the demo on http://127.0.0.1:5000
# make test — set up and run the whole suite (format, lint, tests)
VENV := .venv
PYTHON := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask
export FLASK_APP := app:create_app

PO_FILES := $(wildcard app/translations/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)

.PHONY: run test install translations translations-update vendor bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[dev]'
	touch $@

translations: install $(MO_FILES)

%.mo: %.po
	$(VENV)/bin/pybabel compile --statistics -i $< -o $@

translations-update: install
	$(FLASK) translate update

run: install translations
	$(FLASK) db upgrade
	$(FLASK) seed-demo
	$(FLASK) run --host 127.0.0.1 --port 5000

test: install translations
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest

vendor:
	scripts/vendor-assets.sh

clean:
	rm -rf $(VENV) $(MO_FILES) .pytest_cache
