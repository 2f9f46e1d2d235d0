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


# Each label's box in its own frame, mapped to the page: four corners (slanted labels' screen rectangles overlap
# even where their glyphs do not, so they are compared as the slanted quadrilaterals they are).
LABEL_QUADS = """(sel) => [...document.querySelectorAll(sel + ' .xtick text, ' + sel + ' .annotation-text')].map(e => {
    const b = e.getBBox(), m = e.getScreenCTM();
    const at = (x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
    return [e.textContent, [at(b.x, b.y), at(b.x + b.width, b.y), at(b.x + b.width, b.y + b.height),
            at(b.x, b.y + b.height)]];
})"""


def _overlap(p, q) -> bool:
    """Whether two convex quadrilaterals overlap by more than half a pixel (separating axis test)."""
    for poly in (p, q):
        for k in range(4):
            (x1, y1), (x2, y2) = poly[k], poly[(k + 1) % 4]
            nx, ny = y2 - y1, x1 - x2
            norm = (nx * nx + ny * ny) ** 0.5 or 1.0
            a = [(nx * x + ny * y) / norm for x, y in p]
            b = [(nx * x + ny * y) / norm for x, y in q]
            if max(a) <= min(b) + 0.5 or max(b) <= min(a) + 0.5:
                return False
    return True


@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize("query", ["", "?lang=fr", "?lang=es&theme=slide"])
def test_column_labels_and_counts_never_touch_at_1280_and_1920(offline_page, server, width, query):
    """Issue areas head the columns of both matrices: slanted, wrapped to two lines at most, none over another,
    over a count or outside the chart; the counts under the columns stay apart too."""
    page = offline_page.page
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{server}/mandates{query}")
    matrix_drawn(page)
    page.wait_for_selector("#mandates-process-graph .hm", state="attached", timeout=30000)
    for graph in ("#mandates-graph", "#mandates-process-graph"):
        chart = page.eval_on_selector(
            graph + " .main-svg", "e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right]; }"
        )
        quads = [(name, quad) for name, quad in page.evaluate(LABEL_QUADS, graph) if name.strip()]
        assert page.eval_on_selector_all(graph + " .xtick text", "els => els.length") >= 10, graph
        for name, quad in quads:
            xs, ys = [x for x, _ in quad], [y for _, y in quad]
            assert min(xs) >= chart[0] - 1 and max(xs) <= chart[2] + 1 and min(ys) >= chart[1] - 1, (graph, name)
        for i, (a, qa) in enumerate(quads):
            for b, qb in quads[i + 1 :]:
                assert not _overlap(qa, qb), (graph, width, query, a, b)
