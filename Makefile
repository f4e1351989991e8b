# LIP Portal: `make run` serves the portal with demo data (and runs its scheduled work),
# `make test` runs every test.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PIP_INSTALL := $(PY) -m pip install --quiet --disable-pip-version-check

.DEFAULT_GOAL := help
.PHONY: help run test lint format lock messages clean bench backup restore

help:
	@echo "make run    serve the portal with demo data at http://127.0.0.1:$(PORT)/, with a worker and beat"
	@echo "make test   run the whole test suite"
	@echo "make lint   ruff, import-linter, mypy, the migrations check and the catalogues check"
	@echo "make messages  refresh the translation catalogues (ADD=<locale> starts a new language)"
	@echo "make lock   pin in constraints.txt what pyproject.toml declares, and what that needs"
	@echo "make bench  load the portal on PostgreSQL with wrk at FACTORS=\"1 10\" (minutes)"
	@echo "make backup   the database and media in one archive in backups/ (OUTPUT=... elsewhere)"
	@echo "make restore FILE=<archive>  put a backup back, replacing all data (CONFIRM=yes: no question)"

$(PY):
	@python=$$(bin/find-python) && echo "Creating $(VENV) with $$python" && "$$python" -m venv $(VENV)

# Stamps: a second run skips the install unless the dependencies changed.
$(VENV)/.installed-run: pyproject.toml constraints.txt | $(PY)
	$(PIP_INSTALL) --upgrade pip
	$(PIP_INSTALL) -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-run
	$(PIP_INSTALL) -c constraints.txt -e ".[dev]"
	@touch $@

run: export DEBUG ?= true
run: $(VENV)/.installed-run
	@$(PY) manage.py compile_translations
	@$(PY) manage.py migrate --noinput -v 0
	@$(PY) manage.py seed_demo
	@echo "Serving the portal at http://127.0.0.1:$(PORT)/ (English) and http://127.0.0.1:$(PORT)/fr/ (French)"
	@$(PY) manage.py runportal 127.0.0.1:$(PORT)

test: $(VENV)/.installed-dev
	@$(PY) manage.py compile_translations
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py compile_translations --check

format: $(VENV)/.installed-dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Refresh the catalogues after changing marked strings (needs GNU gettext). French holds every
# string; every other language only the consultation form's words (consultations/form_strings.py).
# ADD=<locale> (e.g. ADD=ko or ADD=pt_BR) first starts a catalogue for a new language.
FORM_POT := locale/consultation-form.pot
messages: $(VENV)/.installed-dev
	$(PY) manage.py makemessages -l fr --ignore=.venv --ignore=staticfiles --no-obsolete
	xgettext --language=Python --from-code=UTF-8 --keyword=_ --add-comments=Translators \
	  --package-name="LIP Portal" --output=$(FORM_POT) consultations/form_strings.py
	$(if $(ADD),test -e locale/$(ADD)/LC_MESSAGES/django.po || { mkdir -p locale/$(ADD)/LC_MESSAGES && \
	  msginit --no-translator --locale=$(ADD).UTF-8 --input=$(FORM_POT) \
	  --output-file=locale/$(ADD)/LC_MESSAGES/django.po; })
	for po in locale/*/LC_MESSAGES/django.po; do \
	  [ "$$po" = locale/fr/LC_MESSAGES/django.po ] && continue; \
	  msgmerge --quiet --update --backup=none "$$po" $(FORM_POT) && msgattrib --no-obsolete -o "$$po" "$$po"; \
	done
	rm $(FORM_POT)
	$(PY) manage.py compile_translations

# Not part of `make test`: needs PostgreSQL (BENCH_DATABASE) and wrk; see bin/bench.
FACTORS ?= 1 10
bench: $(VENV)/.installed-run
	PYTHON=$(PY) FACTORS="$(FACTORS)" bin/bench

# The database (the configured DATABASE_URL, SQLite by default) and MEDIA_ROOT, in one archive.
backup: $(VENV)/.installed-run
	@$(PY) manage.py backup $(if $(OUTPUT),--output "$(OUTPUT)")

# Replaces the configured database and MEDIA_ROOT; asks first unless CONFIRM=yes.
restore: $(VENV)/.installed-run
	@test -n "$(FILE)" || { echo "Say which archive: make restore FILE=backups/lip-portal-<date>.tar.gz"; exit 2; }
	@$(PY) manage.py restore "$(FILE)" $(if $(filter yes,$(CONFIRM)),--yes)

# Pins what pyproject.toml declares (dev extras included) and what that needs, nothing else:
# resolved in a fresh environment, keeping the versions already pinned where they still fit
# (delete a package's line first to upgrade it).
LOCK_VENV := .lock-venv
lock:
	@python=$$(bin/find-python) && rm -rf $(LOCK_VENV) && "$$python" -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	$(LOCK_VENV)/bin/python -m pip freeze --exclude-editable | grep -v '^pip==' > constraints.txt
	rm -rf $(LOCK_VENV)

clean:
	rm -rf $(VENV) $(LOCK_VENV) staticfiles .pytest_cache .ruff_cache
	find . -name '*.mo' -path './locale/*' -delete
