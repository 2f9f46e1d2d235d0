"""Shared fixtures: the real atlas, a tiny atlas, the app and its Flask test client."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile

import pytest

# Every run starts with an empty cache of its own (validation verdicts, exports): no test sees another run's.
os.environ["ATLAS_CACHE_DIR"] = tempfile.mkdtemp(prefix="atlas-test-cache-")

from dashboard import config  # noqa: E402
from dashboard.data.atlas import load_atlas  # noqa: E402
from tests.helpers import write_package

# ATLAS_TEST_TODAY=YYYY-MM-DD runs the suite as if it were that day (tests/test_clock.py uses it): no test may
# depend on the date it runs.
if os.environ.get("ATLAS_TEST_TODAY"):
    _fixed_day = dt.date.fromisoformat(os.environ["ATLAS_TEST_TODAY"])
    config.today = lambda: _fixed_day  # noqa: E731 - current_year() and the exports' date read it

CHROMIUM = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def atlas():
    return load_atlas()


@pytest.fixture(scope="session")
def tiny_atlas(tmp_path_factory):
    return load_atlas(write_package(tmp_path_factory.mktemp("tiny")))


@pytest.fixture(scope="session")
def app(atlas):
    from dashboard.web.app import create_app

    return create_app(atlas)


@pytest.fixture()
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="session")
def renderer():
    """One kaleido browser for every test that renders an image (starting one takes about 2 s)."""
    from dashboard.export.renderer import Renderer, set_renderer

    shared = Renderer(timeout=120)
    previous = set_renderer(shared)
    yield shared
    set_renderer(previous)
    shared.close()


def pytest_collection_modifyitems(items):
    """Every test that uses the renderer starts Chromium: mark it, so `-m "not renderer"` leaves Chromium alone."""
    for item in items:
        if "renderer" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.renderer)


@pytest.fixture(autouse=True)
def fresh_export_cache():
    """Each test starts with an empty export cache in memory, so no export comes from another test's."""
    from cachelib import SimpleCache

    from dashboard.export.cache import ExportCache, set_cache

    previous = set_cache(ExportCache(SimpleCache(threshold=50), "memory"))
    yield
    set_cache(previous)


@pytest.fixture(scope="session")
def chromium_browser():
    """One Playwright and one headless Debian Chromium for the whole session.

    Only one sync Playwright may run per thread, so every test that drives a browser shares this one.
    """
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (make browser)")
    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield b
        b.close()
