"""Two people using the atlas at once never see each other's filters: state lives in each browser, not the server."""

from __future__ import annotations

import pytest

from tests.browser.conftest import map_drawn, recorded_page

pytestmark = pytest.mark.browser


@pytest.fixture()
def two_pages(chromium_browser, server):
    """Two people's browsers (separate contexts), each held to the offline and zero-console rules."""
    viewport = {"width": 1400, "height": 1000}
    with recorded_page(chromium_browser, server, viewport) as a, recorded_page(chromium_browser, server, viewport) as b:
        yield [a.page, b.page]


def panel(page) -> str:
    return page.inner_text("#process-panel")


def test_two_browsers_with_different_filters_stay_apart(two_pages, server):
    alice, bob = two_pages
    alice.goto(f"{server}/map?process=puebla&year=2000")
    bob.goto(f"{server}/map?process=budapest&year=1995")
    map_drawn(alice)
    map_drawn(bob)

    # Interleaved changes: each one goes through the same server processes.
    alice.focus("#map-year [role=slider]")
    alice.keyboard.press("ArrowLeft")
    bob.focus("#map-year [role=slider]")
    bob.keyboard.press("ArrowRight")
    alice.wait_for_url("**/map?process=puebla&year=1999")
    bob.wait_for_url("**/map?process=budapest&year=1996")
    alice.wait_for_function("() => document.querySelector('#process-panel').innerText.includes('10 members')")

    assert "Puebla" in panel(alice) and "Budapest" not in panel(alice)
    assert "Budapest" in panel(bob) and "Puebla" not in panel(bob)
    assert bob.input_value("#map-year input[type=number]") == "1996"
    assert alice.input_value("#map-year input[type=number]") == "1999"

    # Bob opens another view; Alice's next change and her reload still show only her own state.
    bob.goto(f"{server}/mandates?org=iom")
    bob.wait_for_selector("#mandates-graph .main-svg")
    alice.keyboard.press("ArrowLeft")
    alice.wait_for_url("**/map?process=puebla&year=1998")
    alice.reload()
    map_drawn(alice)
    assert alice.input_value("#map-year input[type=number]") == "1998"
    assert "Puebla" in panel(alice) and "Budapest" not in panel(alice)
    assert bob.url.endswith("/mandates?org=iom")
