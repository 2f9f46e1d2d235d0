"""Present mode and the deck basket in real Chromium: keys step the slides, the counter follows, a map slide's year
slider and Play repaint it live, the offline deck.html plays from disk with no request, and the basket's list
and Download deck give the deck of the views added."""

from __future__ import annotations

import io
import urllib.request
from urllib.parse import quote

import pytest
from pptx import Presentation

from dashboard.views.registry import get_view
from dashboard.viewstate import Catalog, parse_view
from tests.browser.conftest import recorded_page

pytestmark = pytest.mark.browser

VIEWS = ("/map?process=budapest&year=1995", "/timeline?issue=asylum", "/map?year=2006")
QUERY = "&".join("view=" + quote(v, safe="") for v in VIEWS)
FILLS = "g => Object.fromEntries(g.data[0].locations.map((c, i) => [c, g.data[0].z[i]]))"


def _counter(page, text: str) -> None:
    page.wait_for_function(f"() => document.querySelector('.counter').textContent === {text!r}", timeout=20000)


def _drawn(page, n: int) -> None:
    page.wait_for_selector(f"#chart-{n}[data-drawn] .main-svg", timeout=30000)


def _fills(atlas, query: str) -> dict:
    """The server's own map for `query`: each shape's z (what the slider must paint for that year)."""
    state, _ = parse_view(query, Catalog.from_atlas(atlas), view="map")
    trace = get_view("map").make_figure(atlas, state)["data"][0]
    return dict(zip(trace["locations"], trace["z"]))


def test_keys_step_the_slides_and_the_counter_follows(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/present?{QUERY}")
    _drawn(page, 1)
    _counter(page, "1 / 3")
    assert page.is_visible("#slide-1") and not page.is_visible("#slide-2")
    page.keyboard.press("ArrowRight")
    _counter(page, "2 / 3")
    _drawn(page, 2)  # drawn when first shown
    assert page.is_visible("#chart-2 .main-svg") and not page.is_visible("#slide-1")
    page.keyboard.press("PageDown")
    _counter(page, "3 / 3")
    page.keyboard.press("PageDown")  # the last slide stays
    _counter(page, "3 / 3")
    page.keyboard.press("PageUp")
    _counter(page, "2 / 3")
    page.keyboard.press("ArrowLeft")
    _counter(page, "1 / 3")
    assert page.url.endswith("#1")
    page.click(".controls .next")
    _counter(page, "2 / 3")
    # The slide theme by default: its large title.
    assert page.eval_on_selector("#slide-1 h1", "e => parseFloat(getComputedStyle(e).fontSize)") == 30


def test_the_year_slider_and_play_repaint_a_map_slide_live(offline_page, server, atlas):
    page = offline_page.page
    page.goto(f"{server}/present?{QUERY}")
    _drawn(page, 1)
    page.focus("#slide-1 input.year")
    page.keyboard.press("ArrowRight")  # the slider's key: the year moves, the slide does not
    page.wait_for_function("() => atlasPresent.painted.some(p => p.slide === 1 && p.year === 1996)")
    _counter(page, "1 / 3")
    assert page.inner_text("#slide-1 h1") == "Budapest Process: members and observers, 1996"
    assert page.inner_text("#slide-1 .year-value") == "1996"
    assert page.get_attribute("#slide-1 .permalink", "href").endswith("/map?process=budapest&year=1996&theme=slide")
    assert page.eval_on_selector("#chart-1", FILLS) == _fills(atlas, "process=budapest&year=1996")
    page.click("#slide-1 .play")
    page.wait_for_function("() => document.querySelector('#slide-1 .play').textContent === 'Pause'")
    page.wait_for_function("() => atlasPresent.painted.filter(p => p.slide === 1).length >= 4", timeout=30000)
    page.click("#slide-1 .play")
    page.wait_for_function("() => document.querySelector('#slide-1 .play').textContent === 'Play'")
    year = int(page.input_value("#slide-1 input.year"))
    assert year >= 1999 and page.inner_text("#slide-1 h1").endswith(str(year))
    assert page.eval_on_selector("#chart-1", FILLS) == _fills(atlas, f"process=budapest&year={year}")


def test_offline_deck_html_plays_from_disk_with_no_request(chromium_browser, server, tmp_path):
    with urllib.request.urlopen(f"{server}/export/deck.html?{QUERY}", timeout=120) as response:
        path = tmp_path / "deck.html"
        path.write_bytes(response.read())
    with recorded_page(chromium_browser, "file://", {"width": 1280, "height": 800}, offline=True) as recorded:
        page, requests = recorded.page, recorded.requests
        page.context.route(
            "**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_()
        )
        page.goto(path.as_uri())
        _drawn(page, 1)
        shapes = page.eval_on_selector_all("#chart-1 .geo .choroplethlocation", "els => els.length")
        page.keyboard.press("End")
        _counter(page, "3 / 3")
        _drawn(page, 3)
        page.focus("#slide-3 input.year")
        page.keyboard.press("ArrowLeft")
        page.wait_for_function("() => atlasPresent.painted.some(p => p.slide === 3 && p.year === 2005)")
        title = page.inner_text("#slide-3 h1")
    assert shapes > 150 and title == "Participation in migration processes, 2005"
    assert [u.split("#")[0] for u in requests] == [path.as_uri()], f"the file made requests: {requests[1:]}"


def test_basket_lists_removes_and_downloads_the_deck(offline_page, server):
    page = offline_page.page
    for view in ("/map?process=budapest&year=1995", "/timeline?issue=asylum", "/overlaps?year=2006"):
        page.goto(server + view)
        page.wait_for_selector(".js-plotly-plot", timeout=30000)
        page.wait_for_selector("#deck-add:not([disabled])")
        before = page.inner_text("#deck-summary")
        page.click("#deck-add")
        page.wait_for_function(f"() => (document.querySelector('#deck-summary') || {{}}).textContent !== {before!r}")
    assert page.inner_text("#deck-summary") == "Deck (3)"
    page.reload()  # kept in the browser
    page.wait_for_function("() => (document.querySelector('#deck-summary') || {}).textContent === 'Deck (3)'")
    page.click("#deck-summary")
    page.click("#deck-list li:nth-child(2) button:has-text('Remove')")
    page.wait_for_function("() => document.querySelectorAll('#deck-list li').length === 2")
    page.click("#deck-list li:nth-child(2) button:has-text('Move up')")
    page.wait_for_function("() => document.querySelector('#deck-list li').textContent.includes('States shared')")
    assert page.get_attribute("#deck-present", "href") == "/present?" + "&".join(
        "view=" + quote(v, safe="") for v in ("/overlaps?year=2006", "/map?process=budapest&year=1995")
    )
    with page.expect_download(timeout=180000) as download:
        page.click("#deck-download")
    path = download.value.path()
    assert download.value.suggested_filename.startswith("migration-atlas-deck")
    slides = list(Presentation(io.BytesIO(open(path, "rb").read())).slides)
    assert [s.shapes.title.text for s in slides] == [
        "States shared by 13 migration processes, 2006",
        "Budapest Process: members and observers, 1995",
    ]
