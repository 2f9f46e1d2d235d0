"""The overlaps matrix in real Chromium: drawn offline with its numbers, a click on a cell opens the map of both."""

from __future__ import annotations

import pytest

from tests.browser.conftest import map_drawn

pytestmark = pytest.mark.browser

CELL = """([a, b]) => {
    const gd = document.querySelector('#overlaps-graph .js-plotly-plot');
    const ids = gd.data[0].customdata.map(row => row[0][0]);
    const i = ids.indexOf(a), j = ids.indexOf(b);
    if (i < 0 || j < 0) return null;
    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
    return {x: box.x + xa._offset + xa.c2p(j), y: box.y + ya._offset + ya.c2p(i), text: gd.data[0].text[i][j]};
}"""


def settled_cell(page, a: str, b: str) -> dict | None:
    """The cell of a and b once the page has stopped moving (panels that follow the first paint can shift the matrix
    between reading a cell's place and clicking it)."""
    page.locator("#overlaps-graph").scroll_into_view_if_needed()
    last = None
    for _ in range(40):
        cell = page.evaluate(CELL, [a, b])
        if cell is not None and cell == last:
            return cell
        last = cell
        page.wait_for_timeout(250)
    return last


def test_matrix_draws_and_a_cell_opens_the_map_of_both(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/overlaps?year=2016")
    page.wait_for_selector("#overlaps-graph .heatmaplayer", timeout=30000)
    numbers = page.eval_on_selector_all("#overlaps-graph .heatmaplayer text", "els => els.length")
    assert numbers > 40  # the counts are drawn in the cells, not only coloured
    cell = settled_cell(page, "rabat", "khartoum")
    assert cell and int(cell["text"]) > 0
    # As a reader does: point at the cell, read that its label names both, then click.
    page.mouse.move(cell["x"], cell["y"])
    page.wait_for_function(
        "() => { const t = document.querySelector('#overlaps-graph .hoverlayer')?.textContent || '';"
        " return t.includes('Rabat') && t.includes('Khartoum'); }",
        timeout=20000,
    )
    page.mouse.click(cell["x"], cell["y"])
    page.wait_for_url("**/map?process=rabat,khartoum&year=2016&match=all", timeout=20000)
    map_drawn(page)
    page.wait_for_function(
        "() => document.querySelector('#map-graph .gtitle').textContent.startsWith('States in all of')"
    )
    shown = page.evaluate("() => document.querySelector('#map-graph .js-plotly-plot').data[0].z.filter(v => v > 0)")
    assert len(shown) <= int(cell["text"])  # the states in both (small states are dots, not shapes)


def test_year_and_filters_write_the_address(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/overlaps?year=2016")
    page.wait_for_selector("#overlaps-graph .heatmaplayer", timeout=30000)
    page.focus("#overlaps-year [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/overlaps?year=2015")
    page.wait_for_function(
        "() => document.querySelector('#overlaps-graph .gtitle').textContent.endsWith('2015')", timeout=20000
    )
    assert "2015" in page.inner_text("#overlaps-pairs-panel")
