# Districte — the two commands are `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
PYTEST_ARGS ?=

.PHONY: install demo test lint bench asyncapi catalogs lock clean browser

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Cal Python 3.11 o més nou")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-*
	@touch $@

demo: install
	$(VENV)/bin/districte up

test: install lint
	$(PY) -m pytest $(PYTEST_ARGS)

# Chromium for the browser tests (Debian's package; Playwright's own download does not work here).
browser:
	@command -v chromium >/dev/null || { \
		SUDO=$$(test "$$(id -u)" -eq 0 || echo sudo); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
			--no-install-recommends chromium fonts-dejavu-core; }
	@chromium --version 2>/dev/null | head -n1

lint: install
	$(VENV)/bin/ruff check shared services districte bench tests

bench: install
	$(PY) -m bench.e2e
	$(PY) -m bench.scale_out

asyncapi: install
	$(VENV)/bin/districte asyncapi

# Bring the catalogs (es, en) of the mails and of the portal's pages in step with the Catalan
# templates; then translate what is new.
catalogs: install
	for service in notifications portal; do (cd services/$$service && ../../$(VENV)/bin/pybabel extract \
		-F babel.cfg --no-location --omit-header --sort-output -o locale/messages.pot . && \
		../../$(VENV)/bin/pybabel update -i locale/messages.pot -d locale --width 100 --ignore-obsolete && \
		rm locale/messages.pot) || exit 1; done

# Re-resolve the lock file after changing pyproject.toml (needs network access to PyPI).
lock:
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache
