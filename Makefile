# The commands the README promises: `make run`, `make test` and `make prod`. All work on a fresh machine.
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# make prod: nginx on PORT in front of INSTANCES gunicorn instances (ports PORT+1, PORT+2, ...); REDIS=1 adds redis-server.
PORT ?= 8080
INSTANCES ?= 1
REDIS ?= 0

.PHONY: run test deps browser bench prod prod-deps catalogues
# pip install compiles the French and Spanish catalogues (hatch_build.py); `make catalogues` does it alone.
run:
	$(PYTHON) -m pip install -q .
	$(PYTHON) -m dashboard

# Debian's Chromium for the browser tests and for kaleido's server-side images (never a downloaded browser),
# Debian's nginx and redis-server for the production stack and its test (tests/test_deploy.py), and LibreOffice
# Impress, which opens the decks the app writes (tests/test_deck_libreoffice.py); poppler-utils' pdftoppm draws PDF
# pages for scripts/look.py.
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 && \
	  { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1 && \
	  command -v soffice >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-dejavu-core nginx redis-server libreoffice-impress poppler-utils)

deps: browser
	$(PYTHON) -m pip install -q -e '.[test]'

test: deps
	$(PYTHON) -m pytest -q

bench: deps
	$(PYTHON) -m dashboard bench

# Only what production needs: Debian's nginx and redis-server (and Chromium, for image exports), then the package.
prod-deps:
	@command -v chromium >/dev/null 2>&1 && { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 && \
	  command -v redis-server >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core nginx redis-server)
	$(PYTHON) -m pip install -q .

prod: prod-deps
	$(PYTHON) scripts/prod.py --port $(PORT) --instances $(INSTANCES) $(if $(filter 1 yes true,$(REDIS)),--redis)

# .po -> .mo in dashboard/locale/ (what the build does; after editing a translation, without reinstalling)
catalogues:
	$(PYTHON) scripts/i18n.py compile
