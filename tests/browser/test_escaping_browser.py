"""Names from data that contain HTML and script are shown as text, never run, in every view, export and embed."""

from __future__ import annotations

import json
import urllib.request
from xml.etree import ElementTree

import pytest

from tests.browser.conftest import recorded_page
from tests.helpers import tiny_tables, write_package

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned=1</script>"
BOLD = "<b>bold</b>"
IMG = "<img src=x onerror=window.__pwned=2>"
EVIL = SCRIPT + BOLD + IMG

# What the page shows as text: the HTML's rendered text plus the text plotly draws in SVG.
SHOWN = (
    "() => document.body.innerText + ' ' + [...document.querySelectorAll('svg text')].map(e => e.textContent).join(' ')"
)
# Markup that would mean the data was read as HTML: a <b> or a bold tspan (plotly's <b>), or the injected <img>.
MARKUP = """() => [...document.querySelectorAll('b, strong, tspan')].filter(e => e.textContent === 'bold').length
                  + document.querySelectorAll('img[src="x"]').length"""


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory, serve_data):
    tables = tiny_tables()
    tables["processes"][0].update(name="Process One " + EVIL, short_name="P1 " + BOLD)
    tables["organisations"][0].update(name="Org One " + EVIL, short_name="O1 " + BOLD)
    tables["sources"][0]["title"] = "Source " + EVIL
    return serve_data(write_package(tmp_path_factory.mktemp("evil"), tables))


@pytest.fixture()
def page(chromium_browser, evil_server):
    """A page on the hostile package's server, held to the offline and zero-console rules."""
    with recorded_page(chromium_browser, evil_server, {"width": 1400, "height": 1000}) as recorded:
        yield recorded.page


@pytest.mark.parametrize(
    "path, drawn, shows",
    [
        ("/map?process=p-one&year=2000", "#map-graph .main-svg", ["Process One " + EVIL, "P1 " + BOLD]),
        ("/timeline", "#timeline-graph .main-svg", ["P1 " + BOLD, "O1 " + BOLD]),
        ("/mandates?org=org1", "#mandates-graph .main-svg", ["O1 " + BOLD, "P1 " + BOLD]),
        ("/about", "#page a[href='https://example.org/s1']", ["Source " + EVIL]),
        ("/embed/map?process=p-one&year=2000", "#chart .main-svg", ["Process One " + EVIL]),
        ("/embed/timeline", "#chart .main-svg", ["P1 " + BOLD, "O1 " + BOLD]),
        ("/embed/mandates?org=org1", "#chart .main-svg", ["O1 " + BOLD]),
        ("/export/map.html?process=p-one&year=2000", ".main-svg", ["Process One " + EVIL]),
    ],
)
def test_names_with_html_are_shown_literally_and_never_run(page, evil_server, path, drawn, shows):
    page.goto(evil_server + path)
    page.wait_for_selector(drawn, timeout=30000)
    for expected in shows:  # late callbacks (panels, tables) render after the chart: wait for each text
        page.wait_for_function(f"() => ({SHOWN})().includes({json.dumps(expected)})", timeout=30000)
    text = page.evaluate(SHOWN)
    for expected in shows:
        assert expected in text, f"{expected!r} is not shown literally on {path}"
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate(MARKUP) == 0, f"data was rendered as HTML on {path}"


def test_csv_and_svg_exports_keep_names_as_text(evil_server):
    with urllib.request.urlopen(evil_server + "/export/map.csv?process=p-one&year=2000", timeout=60) as r:
        csv_text = r.read().decode("utf-8")
    assert "Source " + EVIL in csv_text
    with urllib.request.urlopen(
        evil_server + "/export/map.svg?process=p-one&year=2000&width=800&height=500", timeout=120
    ) as r:
        svg = r.read().decode("utf-8")
    root = ElementTree.fromstring(svg)
    assert not [e.tag for e in root.iter() if e.tag.rsplit("}", 1)[-1] in ("script", "img", "b", "foreignObject")]
    texts = " ".join(" ".join(root.itertext()).split())  # a wrapped title's lines are text elements of their own
    assert "Process One " + EVIL in texts and "P1 " + BOLD in texts
