"""The change map in real Chromium: the compare control beside the slider, the legend and panel, match=all."""

from __future__ import annotations

import pytest

from tests.browser.conftest import map_drawn
from tests.browser.test_map_browser import z_of

pytestmark = pytest.mark.browser


def legend_text(page) -> str:
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('#map-graph .legend .legendtext')).map(e => e.textContent).join('|')"
    )


def test_compare_control_draws_the_change_map_and_the_slider_keeps_it(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=budapest&year=2006")
    map_drawn(page)
    assert page.is_disabled("#map-compare-year")
    page.check("#map-compare-on input")
    page.wait_for_function("() => !document.querySelector('#map-compare-year').disabled")
    page.fill("#map-compare-year", "1995")
    page.press("#map-compare-year", "Enter")
    page.wait_for_url("**/map?process=budapest&year=2006&compare=1995")
    page.wait_for_selector("#change-summary")
    summary = page.inner_text("#change-summary")
    joined = int(summary.split()[0])
    assert f"Joined ({joined})" in legend_text(page)
    assert z_of(page, "CZE") == 4 and z_of(page, "AUT") == 1  # Czechia joined after 1995, Austria was there
    assert "Czechia" in page.inner_text("#change-joined")
    page.focus("#map-year [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/map?process=budapest&year=2005&compare=1995")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#map-graph .gtitle tspan.line')].map(e => e.textContent).join(' ').includes('1995 to 2005') || document.querySelector('#map-graph .gtitle').textContent.includes('1995 to 2005')",
        timeout=20000,
    )
    page.uncheck("#map-compare-on input")
    page.wait_for_url("**/map?process=budapest&year=2005")
    page.wait_for_selector("#process-panel")


def test_match_all_from_the_address_and_the_radio(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=rabat,khartoum&year=2016")
    map_drawn(page)
    some = page.evaluate(
        "() => document.querySelector('#map-graph .js-plotly-plot').data[0].z.filter(v => v > 0).length"
    )
    page.check("#map-match input[value=all]")
    page.wait_for_url("**/map?process=rabat,khartoum&year=2016&match=all")
    page.wait_for_function(
        "() => document.querySelector('#map-graph .gtitle').textContent.startsWith('States in all of')"
    )
    both = page.evaluate("() => document.querySelector('#map-graph .js-plotly-plot').data[0].z.filter(v => v > 0)")
    assert 0 < len(both) < some and set(both) == {2}  # each state shown is in both processes
