"""Accessibility in real Chromium: axe-core (WCAG 2.x A and AA) on every view and theme, and the keyboard alone.

axe-core comes from the npm registry (tests/browser/axe.py) and is injected into a context made with bypass_csp=True,
for the test only: the app's Content-Security-Policy refuses inline scripts, rightly. Any serious or critical
violation fails the test, with the rule, the nodes and what to fix.
"""

from __future__ import annotations

import pytest

from tests.browser.axe import blocking, report, run_axe
from tests.browser.conftest import map_drawn, recorded_page

pytestmark = pytest.mark.browser
WAIT = 90_000  # ms: the machines that run this are shared
SOURCES_WAIT = 240_000  # the sources page draws a table of every source (450 rows of Dash components): slow to render

# The drawing is hidden from assistive technology once drawn (assets/a11y.js, the embed's own script).
DRAWN_AND_HIDDEN = """() => { const svgs = document.querySelectorAll('.js-plotly-plot .main-svg');
    return svgs.length > 0 && Array.from(svgs).every(s => s.getAttribute('aria-hidden') === 'true'); }"""


@pytest.fixture()
def a11y_page(chromium_browser, server):
    """A page whose context lets the test inject axe-core, held to the offline and zero-console rules."""
    with recorded_page(chromium_browser, server, {"width": 1400, "height": 1000}, bypass_csp=True) as recorded:
        yield recorded.page


def open_export_panel(page) -> None:
    page.click("#export-panel summary")
    page.wait_for_selector("#export-download", state="visible")


def open_table(toggle: str, table: str):
    def action(page) -> None:
        page.click(f"#{toggle}")
        page.wait_for_selector(f"#{table} table", timeout=WAIT)

    return action


VIEWS = [
    ("/map?process=budapest&year=2006", None),
    ("/map?process=budapest&year=2006&theme=dark", open_export_panel),
    ("/map?process=budapest&year=2006&theme=slide", None),
    ("/map?process=puebla,sacm&year=2006&country=MEX&layer=processes,agreements", None),
    ("/map?year=2006&theme=dark&country=DEU", None),
    ("/map?process=budapest&year=2006&compare=1995", None),
    ("/map?process=rabat,khartoum&match=all&year=2016&theme=dark", None),
    ("/map?org=iom&year=1990", None),
    ("/timeline", open_table("timeline-table-box", "timeline-table")),
    ("/timeline?theme=dark&year=2006", open_table("timeline-table-box", "timeline-table")),
    ("/mandates", open_table("mandates-table-box", "mandates-table")),
    ("/mandates?org=ilo,unhcr,iom&theme=dark", open_table("mandates-process-table-box", "mandates-process-table")),
    ("/mandates?theme=slide&year=1990", None),
    ("/about", None),
    ("/embed/map?process=budapest&year=2006", None),
    ("/embed/map?process=puebla,sacm&year=2006&theme=dark", None),
    ("/embed/timeline?theme=slide", None),
    ("/embed/mandates?org=ilo,unhcr,iom", None),
    ("/overlaps?year=2006", None),
    ("/overlaps?year=2006&theme=dark", None),
    ("/embed/overlaps", None),
]


@pytest.mark.parametrize("path, action", VIEWS, ids=[path for path, _ in VIEWS])
def test_no_serious_or_critical_violation(a11y_page, server, path, action):
    page = a11y_page
    page.goto(server + path)
    if path != "/about":
        page.wait_for_function(DRAWN_AND_HIDDEN, timeout=WAIT)
    else:
        page.wait_for_selector("#sources-table", state="attached", timeout=SOURCES_WAIT)
    if action:
        action(page)
    violations = run_axe(page)
    assert not blocking(violations), f"{path}:\n{report(blocking(violations))}"
    assert page.evaluate("document.documentElement.lang") == "en"
    title = page.title()  # names what the view shows (embeds: the chart's title alone)
    assert title and title != "Migration Governance Atlas"
    assert path.startswith("/embed/") or title.endswith(" — Migration Governance Atlas")
    assert page.locator("h1").count() == 1


def focused(page) -> dict:
    return page.evaluate(
        "() => { const e = document.activeElement; return {tag: e.tagName, id: e.id, text: e.innerText || ''}; }"
    )


def press_on(page, selector: str, key: str = "Enter") -> None:
    """Focus an element (as Tab would reach it; no pointer involved) and press a key on it."""
    page.focus(selector)
    page.keyboard.press(key)


def test_keyboard_alone_opens_a_profile_a_timeline_item_and_a_mandate(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=puebla&year=2000")
    map_drawn(page)
    # The table follows the first map (dashboard/web/first_paint.py): wait until its names are there.
    page.wait_for_selector("#map-table-section table button", timeout=WAIT)
    page.keyboard.press("Tab")  # the first stop of the page is the skip link
    assert focused(page)["text"] == "Skip to the main content"
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "main"
    # From the chart, the table is one keystroke away; in it, a country's name opens its profile.
    press_on(page, "#map-page a.atlas-jump")
    assert focused(page)["id"] == "map-table-section"
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["tag"] == "BUTTON" and first["text"] == "Belize"
    page.keyboard.press("Enter")
    page.wait_for_url("**/map?process=puebla&year=2000&country=BLZ")
    page.wait_for_function("() => document.activeElement.id === 'country-profile-heading'")
    assert "Country profile: Belize" in focused(page)["text"]

    # The timeline: its table opens from the chart's link; an item's name opens its details.
    page.goto(f"{server}/timeline")
    page.wait_for_function(DRAWN_AND_HIDDEN, timeout=WAIT)
    press_on(page, "#timeline-root a.atlas-jump")
    page.wait_for_selector("#timeline-table table")
    assert focused(page)["id"] == "timeline-table-box"
    assert page.get_attribute("#timeline-table-box", "aria-expanded") == "true"
    page.keyboard.press("Tab")
    item = focused(page)
    assert item["tag"] == "BUTTON" and item["text"]
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('#timeline-item') !== null")
    assert item["text"] in page.inner_text("#timeline-item h2")
    # ... and its link to the map changes page without a reload: focus lands on the map's heading.
    press_on(page, "#timeline-map-link")
    page.wait_for_url("**/map?**")
    page.wait_for_function("() => document.activeElement.tagName === 'H1'")

    # The mandates matrix: a cell, from its table.
    page.goto(f"{server}/mandates")
    page.wait_for_function(DRAWN_AND_HIDDEN, timeout=WAIT)
    press_on(page, "#mandates-root a.atlas-jump")
    page.wait_for_selector("#mandates-table table")
    page.keyboard.press("Tab")
    cell = focused(page)
    assert cell["tag"] == "BUTTON" and "core mandate" in cell["text"]
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.closest('#mandates-cell') !== null")
    assert "IOM — " in page.inner_text("#mandates-cell h2")


def test_play_announces_the_year_and_copy_is_a_button(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=puebla&year=2000")
    map_drawn(page)
    live = page.locator("#map-year-live")
    assert live.get_attribute("aria-live") == "polite"
    press_on(page, "#map-play")
    # Any year after the start: on a busy machine Play may reach the end before the page is polled again.
    page.wait_for_function(
        "() => /^Year 20(0[1-9]|[12][0-9])$/.test(document.querySelector('#map-year-live').innerText)", timeout=WAIT
    )
    press_on(page, "#map-play")  # pause
    page.click("#export-panel summary")
    copy = page.locator("button[data-copy=export-link]")
    assert copy.evaluate("b => b.tabIndex") == 0 and copy.inner_text() == "Copy link"


def test_focus_rings_stand_out_in_every_theme(offline_page, server):
    """The ring around what has focus: at least 3:1 against the page behind it (WCAG 2.4.11 / 1.4.11)."""
    page = offline_page.page
    ring = """() => { const e = document.activeElement, s = getComputedStyle(e);
        let b = e, bg = 'rgba(0, 0, 0, 0)';
        while (b && (bg === 'rgba(0, 0, 0, 0)' || bg === 'transparent')) {
            bg = getComputedStyle(b).backgroundColor; b = b.parentElement; }
        if (bg === 'rgba(0, 0, 0, 0)') bg = 'rgb(255, 255, 255)';
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, behind: bg}; }"""
    for theme in ("light", "dark", "slide"):
        page.goto(f"{server}/map?process=puebla&year=2000&theme={theme}")
        map_drawn(page)
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")  # past the skip link: the atlas's name in the navigation
        for _ in range(3):
            seen = page.evaluate(ring)
            assert seen["style"] != "none" and seen["width"] >= 2, (theme, seen)
            assert contrast_of(seen["colour"], seen["behind"]) >= 3, (theme, seen)
            page.keyboard.press("Tab")


def contrast_of(a: str, b: str) -> float:
    def lum(css: str) -> float:
        r, g, b_ = (int(float(x)) / 255 for x in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b_)]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((lum(a), lum(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_accessibility_tree_names_and_describes_the_map(a11y_page, server):
    """What a screen reader reads: the figure by its title and description, not the SVG's text run together."""
    page = a11y_page
    page.goto(f"{server}/map?process=puebla&year=2000")
    page.wait_for_function(DRAWN_AND_HIDDEN, timeout=WAIT)
    # The slider's code arrives after the first map (dashboard/web/first_paint.py): read the tree once it is drawn.
    page.wait_for_selector("#map-year [role=slider]", timeout=WAIT)
    page.wait_for_selector("#map-table-section table button", timeout=WAIT)
    client = page.context.new_cdp_session(page)
    nodes = client.send("Accessibility.getFullAXTree")["nodes"]

    def value(node, key):
        return (node.get(key) or {}).get("value", "")

    shown = [n for n in nodes if not n.get("ignored")]
    figures = [n for n in shown if value(n, "role") == "figure"]
    assert [value(f, "name") for f in figures] == [
        "Chart: Regional Conference on Migration (RCM; Puebla Process): members and observers, 2000"
    ]
    assert value(figures[0], "description").startswith(
        "Regional Conference on Migration (RCM; Puebla Process), 2000: 11 member states and 5 observers."
    )
    names = {value(n, "name") for n in shown}
    assert "Year" in {value(n, "name") for n in shown if value(n, "role") == "slider"}
    assert {"Role", "Layers", "Theme"} <= {value(n, "name") for n in shown if value(n, "role") == "group"}
    assert "Processes" in {value(n, "name") for n in shown if value(n, "role") == "combobox"} | names
    assert not any(value(n, "role") == "StaticText" and value(n, "name") in ("0", "1", "2") for n in shown)
