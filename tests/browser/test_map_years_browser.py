"""Year steps in the browser (assets/map_years.js): the slider, Play and back/forward repaint the map from the year
series with no request; only when the year rests does one request complete the map, its panels and table."""

from __future__ import annotations

import pytest

from tests.browser.conftest import map_drawn

pytestmark = pytest.mark.browser

# Before any page script: log each Dash callback request (time, outputs), to tell which went to the server when.
FETCH_LOG = """
window.__calls = [];
const fetched = window.fetch;
window.fetch = function (url, options) {
    if (String(url).includes('_dash-update-component') && options && options.body) {
        try { window.__calls.push({t: performance.now(), output: JSON.parse(options.body).output}); } catch (e) {}
    }
    return fetched.apply(this, arguments);
};
"""


def open_map(page, server, query: str, *, series: bool = True) -> None:
    page.add_init_script(FETCH_LOG)
    page.goto(f"{server}/map?{query}")
    map_drawn(page)
    wanted = "series" if series else "state"  # the series came, or (none to come) the page's state is known
    page.wait_for_function(f"() => window.atlasMapYears && window.atlasMapYears.{wanted} !== null")
    page.wait_for_load_state("networkidle")


def fill_of(page, code: str) -> str:
    return page.evaluate(
        """code => { for (const el of document.querySelectorAll('#map-graph .choroplethlocation'))
                       if (el.__data__ && el.__data__.loc === code) return getComputedStyle(el).fill; }""",
        code,
    )


def first_map_call(page, t: float) -> float | None:
    """When the first request for the map's figure after performance time t went out (None: none did)."""
    return page.evaluate(
        "t => (window.__calls.find(c => c.t >= t && c.output.includes('map-graph.figure')) || {t: null}).t", t
    )


def map_calls_since(page, t: float) -> list[str]:
    """Server callbacks of the map (its figure) requested after performance time t."""
    return page.evaluate(
        "t => window.__calls.filter(c => c.t >= t && c.output.includes('map-graph.figure')).map(c => c.output)", t
    )


def painted(page, year: int) -> float:
    """Wait until the browser has painted `year` itself; the time it did."""
    page.wait_for_function(f"() => window.atlasMapYears.painted.some(p => p.year === {year})")
    return page.evaluate(f"() => window.atlasMapYears.painted.filter(p => p.year === {year}).pop().t")


def test_slider_step_repaints_without_the_server_then_the_server_completes(offline_page, server):
    page = offline_page.page
    open_map(page, server, "process=puebla&year=2000")
    member = fill_of(page, "DOM")  # the Dominican Republic joined in 2000
    start = page.evaluate("performance.now()")
    page.focus("#map-year [role=slider]")
    page.keyboard.press("ArrowLeft")
    at = painted(page, 1999)
    call = first_map_call(page, start)
    assert call is None or call > at  # painted before any request for the map went out
    assert fill_of(page, "DOM") != member
    assert "1999" in page.text_content("#map-graph .gtitle")
    # At rest: the address, then one request completes the map (hover texts, markers), the panel and the table.
    page.wait_for_url("**/map?process=puebla&year=1999")
    page.wait_for_function("() => document.querySelector('#process-panel').innerText.includes('10 members')")
    page.wait_for_load_state("networkidle")
    assert len(map_calls_since(page, start)) == 1
    z = page.evaluate(
        "() => { const t = document.querySelector('#map-graph .js-plotly-plot').data[0];"
        " return t.z[t.locations.indexOf('DOM')]; }"
    )
    assert z == 0 and fill_of(page, "DOM") != member


def test_play_steps_every_year_in_the_browser_and_settles_once(offline_page, server):
    page = offline_page.page
    open_map(page, server, "process=budapest&year=1995")  # thirty years to play: seconds, not a blink
    start = page.evaluate("performance.now()")
    page.click("#map-play")
    page.wait_for_function("() => document.querySelector('#map-play').innerText === 'Pause'")
    last = int(page.get_attribute("#map-year [role=slider]", "aria-valuemax"))
    page.wait_for_function("() => !window.atlasMapYears.playing", timeout=60000)
    years = page.evaluate("t => window.atlasMapYears.painted.filter(p => p.t >= t).map(p => p.year)", start)
    assert years == list(range(1996, last + 1))  # every year once, in order: none dropped
    page.wait_for_url(f"**/map?process=budapest&year={last}")
    page.wait_for_function("() => document.querySelector('#map-play').innerText === 'Play'")
    # Its end asks once (on a busy machine that request may leave well after Play stopped: wait for it, not a lull).
    page.wait_for_function(
        "t => window.__calls.some(c => c.t >= t && c.output.includes('map-graph.figure'))", arg=start, timeout=30000
    )
    page.wait_for_load_state("networkidle")
    assert len(map_calls_since(page, start)) == 1  # Play itself asked the server nothing; its end, once
    assert page.input_value("#map-year input[type=number]") == str(last)
    # Dash's copy of the address followed too: the export link names the year Play stopped at.
    page.wait_for_function(f"() => document.querySelector('#export-link').value.includes('year={last}')")
    page.wait_for_function("() => !document.querySelector('#map-graph').classList.contains('atlas-playing')")


def test_back_and_forward_between_years_repaint_from_the_series(offline_page, server):
    page = offline_page.page
    open_map(page, server, "process=puebla&year=2000")
    member = fill_of(page, "DOM")
    page.focus("#map-year [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/map?process=puebla&year=1999")
    page.wait_for_function("() => document.querySelector('#process-panel').innerText.includes('10 members')")
    page.wait_for_load_state("networkidle")
    start = page.evaluate("performance.now()")
    page.go_back()
    at = painted(page, 2000)
    call = first_map_call(page, start)
    assert call is None or call > at  # painted from the series before any request went out
    assert fill_of(page, "DOM") == member
    page.wait_for_function("() => document.querySelector('#process-panel').innerText.includes('11 members')")
    assert page.input_value("#map-year input[type=number]") == "2000"
    page.wait_for_load_state("networkidle")
    start = page.evaluate("performance.now()")
    page.go_forward()
    at = painted(page, 1999)
    call = first_map_call(page, start)
    assert call is None or call > at
    page.wait_for_function("() => document.querySelector('#process-panel').innerText.includes('10 members')")


def test_a_view_without_a_series_still_steps_through_the_server(offline_page, server):
    """The organisations' layer or agreements alone have no series: each year is the server's, as before."""
    page = offline_page.page
    open_map(page, server, "layer=agreements&year=1965", series=False)
    assert page.evaluate("() => window.atlasMapYears.series") is None
    page.focus("#map-year [role=slider]")
    page.keyboard.press("ArrowRight")
    page.wait_for_url("**/map?year=1966&layer=agreements")
    assert page.evaluate("() => window.atlasMapYears.painted.length") == 0


def type_year(page, text: str) -> None:
    box = page.locator("#map-year input[type=number]")
    box.click()
    box.fill(text)


def test_the_year_box_applies_a_typed_year_on_enter_and_on_leaving_it(offline_page, server):
    page = offline_page.page
    open_map(page, server, "process=puebla&year=2000")
    type_year(page, "1999")
    page.keyboard.press("Enter")
    page.wait_for_url("**/map?process=puebla&year=1999", timeout=15000)  # Enter alone, no blur
    assert page.evaluate("document.activeElement.matches('#map-year input[type=number]')")
    page.wait_for_function("() => document.querySelector('#process-panel').innerText.includes('Members in 1999')")
    assert page.is_hidden("#map-year-error")

    type_year(page, "1997")
    page.focus("#map-year [role=slider]")  # leaving the box applies it too
    page.wait_for_url("**/map?process=puebla&year=1997", timeout=15000)


@pytest.mark.parametrize("typed, words", [("1800", "“1800” is not a year the map shows"), ("", "Type a year from")])
def test_the_year_box_refuses_a_year_the_map_cannot_show_in_words(offline_page, server, typed, words):
    page = offline_page.page
    open_map(page, server, "process=puebla&year=2000")
    type_year(page, typed)
    page.keyboard.press("Enter")
    page.wait_for_selector("#map-year-error:not([hidden])", timeout=5000)
    note = page.inner_text("#map-year-error")
    assert words in note and "1945" in note
    assert page.get_attribute("#map-year input[type=number]", "aria-invalid") == "true"
    if typed:  # leaving the box does not put it silently at the nearest year either
        page.focus("#map-year [role=slider]")
        page.wait_for_timeout(500)
        assert page.is_visible("#map-year-error")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/map?process=puebla&year=2000")
    # a year the map shows clears the refusal
    type_year(page, "1998")
    page.keyboard.press("Enter")
    page.wait_for_url("**/map?process=puebla&year=1998", timeout=15000)
    assert page.is_hidden("#map-year-error")
    assert page.get_attribute("#map-year input[type=number]", "aria-invalid") is None
