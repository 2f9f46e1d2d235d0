"""The mandates page in real Chromium: three organisations compared, a click on a cell shows its source, offline."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

STATUTE = "http://chiefs.lawphil.net/international/treaties/sounhcr.html"

CELL_CENTRE = """([row, column]) => {
    const gd = document.querySelector('#mandates-graph .js-plotly-plot');
    const xa = gd._fullLayout.xaxis, ya = gd._fullLayout.yaxis, box = gd.getBoundingClientRect();
    const i = gd.data[0].x.indexOf(column), j = gd.data[0].y.indexOf(row);
    if (i < 0 || j < 0) { return null; }
    return [box.left + xa._offset + xa.l2p(i), box.top + ya._offset + ya.l2p(j)];
}"""


def matrix_drawn(page) -> None:
    page.wait_for_selector("#mandates-graph .hm, #mandates-graph .heatmaplayer image", state="attached", timeout=30000)


def test_three_organisations_compared_and_a_cell_shows_its_source(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/mandates?org=ilo,unhcr,iom")
    matrix_drawn(page)
    page.wait_for_selector("#mandates-compare-table table", timeout=30000)
    headers = page.eval_on_selector_all("#mandates-compare-table thead th", "els => els.map(e => e.innerText.trim())")
    assert headers[1:] == ["ILO", "UNHCR", "IOM"]
    assert page.eval_on_selector("#mandates-graph .js-plotly-plot", "gd => gd.data[0].y") == ["IOM", "ILO", "UNHCR"]
    table = page.inner_text("#mandates-compare-table")
    assert "Office of the United Nations High Commissioner for Refugees" in table and "Secretariat" in table

    x, y = page.evaluate(CELL_CENTRE, ["UNHCR", "Asylum and refugee protection"])
    page.mouse.move(x, y)
    page.mouse.click(x, y)
    page.wait_for_selector("#mandates-cell", timeout=15000)
    detail = page.inner_text("#mandates-cell")
    assert "UNHCR — Asylum and refugee protection" in detail and "since 1950" in detail
    assert page.get_attribute("#mandates-cell .atlas-detail-source a", "href") == STATUTE
    assert page.url.endswith("/mandates?org=ilo,unhcr,iom")


def test_year_in_the_address_is_restored_after_reload(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/mandates?org=icmpd,iom&year=1990")
    matrix_drawn(page)
    for _ in range(2):
        assert page.eval_on_selector("#mandates-graph .js-plotly-plot", "gd => gd.data[0].y") == ["IOM"]
        notes = page.inner_text("#mandates-notes")
        assert "ICMPD (1993)" in notes and "date unverified" in notes
        assert "not yet founded in 1990" in page.inner_text("#mandates-compare-table")
        page.reload()
        matrix_drawn(page)
    page.get_by_label("Slide (projection)").check()  # a control writes the address...
    page.wait_for_url("**/mandates?org=icmpd,iom&year=1990&theme=slide", timeout=15000)
    page.reload()  # ...and the address restores it
    matrix_drawn(page)
    assert page.eval_on_selector("#mandates-graph .js-plotly-plot", "gd => gd.layout.font.size") == 22
    assert page.is_checked("input[value=slide]")
