# Kommunen für alle – the two commands a newcomer needs are `make demo` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
REGISTER := data/gemeindeverzeichnis/AuszugGV4QAktuell.csv
HOST ?= 127.0.0.1:8000
# One test worker per core; `make test PYTEST_WORKERS=` runs the suite in one process.
PYTEST_WORKERS ?= -n auto --dist worksteal

.DEFAULT_GOAL := help

help: ## List the targets with one line each
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[test]"
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed ## Install Python and npm packages, compile translations
	$(VENV)/bin/pybabel -q compile -d locale -D django

migrate: install ## Create or update the SQLite database (or DATABASE_URL)
	$(PY) manage.py migrate --noinput -v 0

demo-data: migrate ## Import the municipality register and load the demo data (repeatable)
	$(PY) manage.py import_register $(REGISTER)
	$(PY) manage.py load_demo

# Links in the demo's mails point at $(HOST); the worker runs with DEBUG as well, because
# it is the one that sends the mails into the demo mailbox (/demo-postfach/). The scheduler
# enqueues reminders and clean-up when due; the worker runs them.
demo: demo-data ## Install everything, load demo data and serve on http://127.0.0.1:8000
	KFA_SITE_URL=http://$(HOST) $(PY) manage.py demo_logins
	@echo "Starting the scheduler, the task worker and the web server on http://$(HOST) (Ctrl+C stops all)."
	@trap 'kill 0' EXIT; export DJANGO_DEBUG=1 KFA_SITE_URL=http://$(HOST); \
	  $(PY) manage.py run_scheduler & \
	  $(PY) manage.py db_worker --interval 1 & \
	  $(PY) manage.py runserver $(HOST)

test: install ## Install everything and run the whole test suite (browser tests need Chromium)
	@if [ -x /usr/bin/chromium ]; then echo "Chromium found: browser tests run."; \
	  else echo "NOTE: /usr/bin/chromium not found: browser tests are SKIPPED (apt-get install chromium)."; fi
	$(VENV)/bin/pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

lint: install ## Check style with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install ## Format the code with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check-messages: install ## Fail if an interface string lacks an English translation
	$(PY) scripts/check_messages.py

messages: install ## Extract translatable strings into locale/en
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=node_modules --ignore=var --no-obsolete

clean: ## Remove the virtual environment, npm packages and the local database
	rm -rf $(VENV) node_modules var staticfiles

.PHONY: help install migrate demo-data demo test lint format check-messages messages clean
