"""The timeline in real Chromium: drawn offline, the issue filter, a click through to the map, reload restores it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import map_drawn

pytestmark = pytest.mark.browser

LABELS = "#timeline-graph .textpoint text"


def timeline_drawn(page) -> None:
    page.wait_for_selector(LABELS, timeout=30000)


def labels(page) -> list[str]:
    """The labels as read: a title drawn on several lines (one tspan each) is read as one, its lines joined."""
    return page.eval_on_selector_all(
        LABELS,
        """els => els.map(e => {
            const lines = Array.from(e.querySelectorAll('tspan.line'));
            return lines.length ? lines.map(l => l.textContent).join(' ') : e.textContent;
        })""",
    )


def click_item(page, key: str) -> None:
    """Click the middle of an item's bar or marker, found through plotly's own axes, once the page is at rest.

    The point is measured after the page's late parts (its description, the legend) have settled, so that nothing
    moves the chart between measuring and clicking."""
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        """() => new Promise(done => {
            const box = () => JSON.stringify(document.querySelector('#timeline-graph').getBoundingClientRect());
            const before = box();
            requestAnimationFrame(() => requestAnimationFrame(() => done(box() === before)));
        })"""
    )
    page.eval_on_selector(
        "#timeline-graph .js-plotly-plot",
        """(gd, key) => {
        const fl = gd._fullLayout;
        const tr = gd.data.find(t => (t.customdata || []).includes(key));
        const i = tr.customdata.indexOf(key);
        const y = tr.y[i];
        window.scrollTo(0, gd.getBoundingClientRect().top + window.scrollY + fl.yaxis._offset + fl.yaxis.d2p(y) - 300);
    }""",
        key,
    )
    x, y = page.eval_on_selector(
        "#timeline-graph .js-plotly-plot",
        """(gd, key) => {
        const fl = gd._fullLayout;
        const tr = gd.data.find(t => (t.customdata || []).includes(key));
        const i = tr.customdata.indexOf(key);
        const x = tr.type === 'bar' ? tr.base[i] + 1 : tr.x[i];
        const r = gd.getBoundingClientRect();
        return [r.left + fl.xaxis._offset + fl.xaxis.d2p(x), r.top + fl.yaxis._offset + fl.yaxis.d2p(tr.y[i])];
    }""",
        key,
    )
    page.mouse.click(x, y)


def test_issue_filter_then_click_through_to_the_map(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/timeline?issue=trafficking-smuggling")
    timeline_drawn(page)
    shown = labels(page)
    assert "Bali Process" in shown
    assert len([s for s in shown if "(Palermo)" in s]) == 2  # both Palermo protocols
    assert "Colombo Process" not in shown and "Germany (9)" not in shown  # unrelated: hidden
    assert "Bilateral agreements" not in page.inner_text("#timeline-graph")

    # As a reader does: a click on the name drawn on the bar (its year start is shared by two rows of packed lanes).
    page.wait_for_load_state("networkidle")
    box = page.locator("#timeline-graph text", has_text="Bali Process").first.bounding_box()
    page.mouse.click(box["x"] + 5, box["y"] + box["height"] / 2)  # through plotly's drag layer, as a mouse does
    page.wait_for_selector("#timeline-item[data-item='process:bali']", timeout=30000)
    details = page.inner_text("#timeline-details")
    assert "2002–today" in details and "Sources" in details
    assert "year=2002" in page.url  # the year moved with the click

    page.click("#timeline-map-link")
    map_drawn(page)
    assert "/map?" in page.url and "process=bali" in page.url and "year=2002" in page.url
    assert "Members in 2002" in page.inner_text("#process-panel")


def test_year_click_and_reload_restore_the_view(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/timeline?issue=asylum&kind=regional,milestone")
    timeline_drawn(page)
    before = labels(page)
    # milestones' titles in full (on two lines where the row is short), organisations off
    assert "Dublin Convention determining the State responsible for examining asylum applications" in before
    assert "Convention relating to the Status of Refugees" in before and "UNHCR" not in before

    x, y = page.eval_on_selector(
        "#timeline-graph .js-plotly-plot",
        """gd => {
        const fl = gd._fullLayout, tr = gd.data[0], i = tr.customdata.indexOf(1990);
        gd.scrollIntoView();
        const r = gd.getBoundingClientRect();
        return [r.left + fl.xaxis._offset + fl.xaxis.l2p(tr.x[i]), r.top + fl.yaxis._offset + fl.yaxis.l2p(tr.y[i])];
    }""",
    )
    page.mouse.click(x, y)
    page.wait_for_url("**year=1990**", timeout=10000)
    page.wait_for_selector("#timeline-map-link", timeout=10000)
    assert "Show on the map, 1990" in page.inner_text("#timeline-details")

    page.reload()
    timeline_drawn(page)
    assert labels(page) == before
    assert "Asylum and refugee protection" in page.inner_text("#timeline-issues")
    cursor = page.eval_on_selector(
        "#timeline-graph .js-plotly-plot",
        "gd => gd.layout.shapes.filter(s => s.type === 'line' && s.x0 === 1990.5).length",
    )
    assert cursor == 1


FITS = """() => {
    const gd = document.querySelector('#timeline-graph .js-plotly-plot');
    const box = document.querySelector('.atlas-timeline-scroll');
    const ticks = Array.from(gd.querySelectorAll('.xtick text')).map(e => [e.textContent, e.getBoundingClientRect()]);
    const last = ticks.reduce((a, b) => (+b[0] > +a[0] ? b : a));
    const fl = gd._fullLayout, r = gd.getBoundingClientRect();
    return {
        pageScroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        boxScroll: box.scrollWidth - box.clientWidth,
        lastTick: +last[0], lastTickRight: last[1].right,
        lastYearRight: r.left + fl.xaxis._offset + fl.xaxis.l2p(fl.xaxis.range[1]),
        viewport: window.innerWidth,
    };
}"""


@pytest.mark.parametrize("width", [1280, 1366, 1920])
def test_the_whole_period_fits_the_screen_without_sideways_scrolling(offline_page, server, atlas, width):
    page = offline_page.page
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{server}/timeline?year=2020")
    timeline_drawn(page)
    fit = page.evaluate(FITS)
    assert fit["pageScroll"] <= 0 and fit["boxScroll"] <= 0, fit  # nothing scrolls sideways, page or chart
    last = atlas.year_range[1]
    assert fit["lastTick"] >= last - 5  # the axis reaches the present: its last labelled tick is this lustrum's
    assert fit["lastTickRight"] <= fit["viewport"] and fit["lastYearRight"] <= fit["viewport"], fit


def test_a_clicked_item_is_in_the_address_and_a_reload_reopens_it(offline_page, server):
    """The permalink of a timeline with an item open opens that item: the click writes `item=` into the address."""
    page = offline_page.page
    page.goto(f"{server}/timeline?issue=asylum")
    timeline_drawn(page)
    click_item(page, "milestone:refugee-convention-1951")
    page.wait_for_url("**item=milestone:refugee-convention-1951**", timeout=15000)
    page.wait_for_selector("#timeline-item[data-item='milestone:refugee-convention-1951']", timeout=15000)
    assert "year=1951" in page.url

    page.reload()
    timeline_drawn(page)
    page.wait_for_selector("#timeline-item[data-item='milestone:refugee-convention-1951']", timeout=15000)
    assert "Convention relating to the Status of Refugees" in page.inner_text("#timeline-details")

    page.goto(f"{server}/timeline?item=process:atlantis")  # a bad item: the usual notice, the page still there
    timeline_drawn(page)
    assert "Ignored unknown item: process:atlantis" in page.inner_text("body")
    assert page.query_selector("#timeline-item") is None
