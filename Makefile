# Portal Koordinasi Kesbangpol. `make run` for a laptop, `make test` for the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: install run test test-fast lint format bench bench-cpu css lock wilayah-data clean i18n

install: $(VENV)/.installed

$(VENV)/.installed: requirements.lock requirements-dev.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "Python >= 3.11 diperlukan" or 0)'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $@

run: install
	mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo
	$(PY) manage.py runserver 127.0.0.1:8000

test: install
	mkdir -p var
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# What users feel, in one run of about ten minutes (needs PostgreSQL; Redis if present): bench/RESULTS.md.
bench: install
	mkdir -p var
	$(PY) -m bench $(BENCH_ARGS)

# CPU ms per page in process on the demo data (SQLite, no services), with production settings
# (DEBUG off: template debug info and the dev storage change the figures): stable where requests/s are not.
BENCH_CPU_ENV = DATABASE_URL=sqlite:///var/bench-cpu.sqlite3 STATIC_ROOT=var/bench-cpu-static
bench-cpu: install
	mkdir -p var
	DEBUG=true $(BENCH_CPU_ENV) $(PY) manage.py migrate --noinput -v0
	DEBUG=true $(BENCH_CPU_ENV) $(PY) manage.py seed_demo >/dev/null
	DEBUG=false $(BENCH_CPU_ENV) SECRET_KEY=bench-cpu-$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(48))') \
	  ALLOWED_HOSTS=127.0.0.1 PORTAL_URL=http://127.0.0.1 sh -c \
	  '$(PY) manage.py collectstatic --noinput -v0 && $(PY) -m bench.cpu $(BENCH_ARGS)'

lock: install
	$(PY) -m pip install --quiet -e '.[dev]'
	( echo '# Exact versions of the development set (runtime + tests, lint, browser tests): what `make install` puts in .venv. Regenerate with `make lock`.'; \
	  $(PY) -m pip freeze --exclude-editable ) > requirements-dev.lock
	rm -rf var/lock-venv && $(PYTHON) -m venv var/lock-venv
	var/lock-venv/bin/pip install --quiet -c requirements-dev.lock -e .
	( echo '# Exact runtime versions (what the server image installs). Regenerate with `make lock` after changing pyproject.toml; requirements-dev.lock adds the development tools.'; \
	  var/lock-venv/bin/pip freeze --exclude-editable ) > requirements.lock
	rm -rf var/lock-venv

# Bootstrap's CSS cut to the classes the portal uses (PurgeCSS over our templates, Python, scripts,
# crispy-forms' templates, and Django's widgets, whose Python names the input types that
# [type=radio] and [multiple] rules match): 232 KB -> 65 KB, 31 KB -> 12 KB gzipped, most of a
# cold page's bytes.
# Needs Node.js and the npm registry at build time only; the result is committed.
BOOTSTRAP = 5.3.9
css: install
	rm -rf var/css && mkdir -p var/css
	cd var/css && npm init -y >/dev/null && npm install --no-audit --no-fund --silent bootstrap@$(BOOTSTRAP) purgecss@8.0.0
	var/css/node_modules/.bin/purgecss --css var/css/node_modules/bootstrap/dist/css/bootstrap.min.css \
	  --content 'templates/**/*.html' 'templates/**/*.svg' '{kesbangpol,rakor,rekomendasi,laporan}/**/*.py' 'static/js/*.js' \
	  "$$($(PY) -c 'import crispy_bootstrap5, os; print(os.path.dirname(crispy_bootstrap5.__file__))')/templates/**/*.html" \
	  "$$($(PY) -c 'import django, os; print(os.path.dirname(django.__file__))')/forms/templates/**/*.html" \
	  "$$($(PY) -c 'import django, os; print(os.path.dirname(django.__file__))')/forms/widgets.py" \
	  --safelist alert-success alert-danger alert-warning alert-info show collapsing \
	  --output static/vendor/bootstrap/

wilayah-data: install
	$(PY) -m kesbangpol.data.build_wilayah

clean:
	rm -rf $(VENV) var

# Recompile the Indonesian strings for third-party packages (needs gettext's msgfmt; the .mo is committed).
i18n:
	msgfmt -c -o locale/id/LC_MESSAGES/django.mo locale/id/LC_MESSAGES/django.po
