# Glossary CMS: `make run` sets up and serves everything; `make test` runs the suite.
VENV := .venv
PYTHON := $(VENV)/bin/python
PORT ?= 8000
INSTALLED := $(VENV)/.installed-requirements.txt

.PHONY: setup run serve test lint format

# Reinstall only when requirements.txt differs from what was installed last.
$(INSTALLED): requirements.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	cp requirements.txt $(INSTALLED)

setup: $(INSTALLED)

# The worker, started again 2 s after it dies (a crash, a kill -9). A clean exit (Ctrl-C,
# SIGTERM) ends the loop; SIGTERM to the loop stops the worker it is waiting on first.
WORKER_LOOP = ( trap 'kill $$pid 2>/dev/null; wait $$pid; exit 0' TERM; \
	while :; do \
		$(PYTHON) manage.py run_worker & pid=$$!; \
		wait $$pid && break; \
		echo "Worker stopped (exit status $$?); restarting it in 2 s." >&2; sleep 2; \
	done )

# Local serving runs with DEBUG on unless told otherwise; tests run with production settings.
run: export DEBUG ?= 1
run: setup
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py load_demo_glossary
	$(PYTHON) manage.py ensure_admin
	@echo "Admin: http://127.0.0.1:$(PORT)/admin/   API: http://127.0.0.1:$(PORT)/api/v1/   (Ctrl-C stops both)"
	@echo "Reference page: http://127.0.0.1:$(PORT)/reference/terms/foundation-model/   Widget: http://127.0.0.1:$(PORT)/widget.js"
	$(WORKER_LOOP) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PYTHON) manage.py runserver 127.0.0.1:$(PORT)

# The production stack in the foreground: DEBUG off whatever the environment says, so the
# settings refuse a missing or weak SECRET_KEY and `check --deploy` refuses wildcard hosts and
# other insecure settings; then migrations, static files (the admin 500s without them), the
# worker (restarted if it dies) and gunicorn with deploy/gunicorn.conf.py. Ctrl-C stops both.
serve: export DEBUG = 0
serve: export GUNICORN_BIND ?= 127.0.0.1:$(PORT)
serve: setup
	@test -n "$$ALLOWED_HOSTS" || { echo "make serve: set ALLOWED_HOSTS to the host names this site answers to." >&2; exit 1; }
	$(PYTHON) manage.py check --deploy --fail-level ERROR
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py collectstatic --noinput
	@if [ -n "$$DJANGO_SUPERUSER_PASSWORD" ]; then $(PYTHON) manage.py ensure_admin; fi
	$(WORKER_LOOP) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn -c deploy/gunicorn.conf.py

test: setup
	$(VENV)/bin/pytest $(PYTEST_ARGS)

# The migrations check loads the production settings, which need a key: a throwaway one will do.
lint: export SECRET_KEY ?= $(shell python3 -c "import secrets; print(secrets.token_urlsafe(50))")
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports  # the direction of imports between apps: pyproject.toml [tool.importlinter]

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .
