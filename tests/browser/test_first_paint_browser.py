"""The first map first, in real Chromium: what it fetches comes once (preloaded), and what it does not need (the
panels, the table, every process to choose from, the year series) comes after it is drawn."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import map_drawn

pytestmark = pytest.mark.browser

PRELOADED = (
    "/_dash-component-suites/dash/dcc/async-graph.js",
    "/assets/topojson/world_110m.json",
    "/geometry/countries.geojson",
)


def test_the_first_map_fetches_each_file_once_and_the_rest_follows_it(offline_page, server):
    page = offline_page.page
    page.add_init_script("""
        new MutationObserver(() => {
            if (!window.__firstShape && document.querySelector('#map-graph .choroplethlocation')) {
                window.__firstShape = performance.now();
            }
            const panel = document.querySelector('#process-panel');
            if (!window.__panel && panel) { window.__panel = performance.now(); }
        }).observe(document, {subtree: true, childList: true});
    """)
    page.goto(f"{server}/map?process=puebla&year=2000")
    map_drawn(page)
    page.wait_for_function("() => window.__panel")
    assert "11 members, 5 observers" in page.inner_text("#process-panel")
    assert "Mexico" in page.inner_text("#map-table")
    assert page.evaluate("() => window.__firstShape < window.__panel")  # the map first, then its panel
    page.wait_for_function("() => window.atlasMapYears && window.atlasMapYears.series")  # the year series followed
    paths = [urlsplit(u).path for u in offline_page.requests]
    for path in PRELOADED:
        assert paths.count(path) == 1, (path, paths.count(path))  # the preload was used, not fetched again
    # every other process to choose from came too: the dropdown finds one that was not chosen
    page.click("#map-processes")
    page.keyboard.type("Lima Process")
    page.wait_for_selector("text=Lima Process", timeout=20000)
