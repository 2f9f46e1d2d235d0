# The two commands the README promises: `make run` and `make test`. Both work on a fresh machine.
PYTHON ?= python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps browser bench
run:
	$(PYTHON) -m pip install -q .
	$(PYTHON) -m dashboard

# Debian's Chromium for the browser tests and for kaleido's server-side images (never a downloaded browser).
browser:
	@command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1 || \
	  ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-dejavu-core)

deps: browser
	$(PYTHON) -m pip install -q -e '.[test]'

test: deps
	$(PYTHON) -m pytest -q

bench: deps
	$(PYTHON) -m dashboard bench
