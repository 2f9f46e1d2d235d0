"""Play runs the year slider forward, year by year, redrawing the map and the address, and Pause stops it."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import map_drawn

pytestmark = pytest.mark.browser


def _url_year(page) -> int:
    return int(re.search(r"year=(\d{4})", page.url).group(1))


def test_play_steps_the_years_and_pause_stops(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=budapest&year=2000")
    map_drawn(page)
    page.click("#map-play")
    page.wait_for_function("() => document.querySelector('#map-play').textContent.trim() === 'Pause'")
    # The address follows the slider: wait for three steps past the start.
    page.wait_for_function("() => /year=(200[3-9]|20[1-9][0-9])/.test(location.search)", timeout=30000)
    page.click("#map-play")
    page.wait_for_function("() => document.querySelector('#map-play').textContent.trim() === 'Play'")
    # Steps already taken may still reach the address after the click; then it must rest. Play steps faster than
    # once a second, so an address unchanged over 1.5 s, twice in a row within 30 s, has stopped.
    previous, settled = _url_year(page), 0
    for _ in range(20):
        page.wait_for_timeout(1500)
        now = _url_year(page)
        settled = settled + 1 if now == previous else 0
        previous = now
        if settled == 2:
            break
    assert settled == 2, "the year kept moving after Pause"
    assert previous >= 2003
