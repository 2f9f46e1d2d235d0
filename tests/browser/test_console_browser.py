"""The zero-console rule: no page or view of the atlas logs a console error or throws, at load or when used."""

from __future__ import annotations

import time

import pytest

pytestmark = pytest.mark.browser

PAGES = [
    "/",
    "/map",
    "/map?process=budapest&year=1995",
    "/map?process=budapest,mtm,5plus5&year=2013",
    "/map?issue=trafficking-smuggling&year=2005&layer=processes,agreements",
    "/map?layer=agreements&year=1970",
    "/map?process=puebla&year=2000&country=MEX&zoom=world",
    "/map?year=1990&theme=dark",
    "/map?process=bali&year=2010&theme=slide",
    "/map?process=atlantis&year=3000",
    "/timeline",
    "/timeline?issue=asylum&year=1990",
    "/timeline?kind=milestone,organisation&theme=slide",
    "/timeline?region=Africa&theme=dark",
    "/mandates",
    "/mandates?org=ilo,unhcr,iom",
    "/mandates?year=1990&theme=slide",
    "/about",
    "/nowhere",
    "/embed/map?process=puebla&year=2000",
    "/embed/timeline?issue=asylum",
    "/embed/mandates?org=ilo,unhcr,iom",
]


DRAWN = """() => !!(document.querySelector('#page > *') || document.querySelector('#chart')) &&
                 !document.querySelector('[data-dash-is-loading="true"]') &&
                 Array.from(document.querySelectorAll('.js-plotly-plot')).every(p => !!p._fullLayout)"""


def settle(page, timeout: float = 60) -> None:
    """Wait until no Dash callback is in flight and every chart on the page is drawn.

    Polled with evaluate(): Playwright's wait_for_function can miss a state that is already reached on a page whose
    Content-Security-Policy forbids eval (the atlas's does)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(DRAWN):
        assert time.monotonic() < deadline, f"{page.url} not drawn within {timeout} s"
        page.wait_for_timeout(100)


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_without_console_errors(offline_page, server, path):
    page = offline_page.page
    if path == "/nowhere":  # no page of the atlas: the document itself answers 404, and Chromium logs that
        offline_page.missing_ok.add(server + path)
    page.goto(server + path)
    settle(page)
    page.mouse.move(700, 500)  # a hover over the chart
    settle(page)
    assert not offline_page.errors, offline_page.errors  # the fixture checks again after the test


def test_using_the_map_logs_no_errors(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=puebla&year=2000")
    settle(page)
    page.focus("#map-year [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/map?process=puebla&year=1999")
    settle(page)  # the year's one request has answered: a click now is not lost in a redraw (seen at load 15)
    page.get_by_label("Whole world").check()
    page.wait_for_url("**zoom=world", timeout=60000)
    settle(page)
    page.get_by_label("Bilateral agreements").check()
    page.wait_for_url("**layer=processes,agreements**", timeout=60000)
    settle(page)
    page.go_back()
    page.go_back()
    page.wait_for_url("**/map?process=puebla&year=1999")
    settle(page)
    assert not offline_page.errors, offline_page.errors


def test_using_the_timeline_and_mandates_logs_no_errors(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/timeline")
    settle(page)
    page.get_by_label("Slide (projection)").check()
    page.wait_for_url("**/timeline?theme=slide")
    settle(page)
    page.goto(f"{server}/mandates")
    settle(page)
    page.get_by_label("Dark").check()
    page.wait_for_url("**/mandates?theme=dark")
    settle(page)
    assert not offline_page.errors, offline_page.errors
