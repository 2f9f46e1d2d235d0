"""The first paint first (dashboard/web/first_paint.py): what a page's first chart fetches is asked for at once, in
its HTML, and answers; a page without a chart asks for nothing."""

from __future__ import annotations

import re

import pytest

from dashboard.web.first_paint import preload_links

MAP_PRELOADS = {
    ("/_dash-component-suites/dash/dcc/async-graph.js", "script"),
    ("/assets/topojson/world_110m.json", "fetch"),
    ("/geometry/countries.geojson", "fetch"),
}


def preloads_in(html: str) -> set[tuple[str, str]]:
    return set(re.findall(r'<link rel="preload" href="([^"]+)" as="(\w+)"', html))


def test_the_map_page_asks_at_once_for_what_its_first_map_fetches(client):
    html = client.get("/map?process=puebla&year=2000").data.decode()
    assert preloads_in(html) == MAP_PRELOADS
    # plotly.js fetches the JSON in CORS mode: without crossorigin the preload would not be used, and fetched twice
    assert all(" crossorigin>" in tag for tag in re.findall(r"<link rel=\"preload\"[^>]+as=\"fetch\"[^>]*>", html))
    assert preloads_in(client.get("/").data.decode()) == MAP_PRELOADS  # the map is the home page


@pytest.mark.parametrize("path", ["/timeline", "/mandates", "/overlaps"])
def test_other_chart_pages_ask_only_for_the_graph_code(client, path):
    assert preloads_in(client.get(path).data.decode()) == {
        ("/_dash-component-suites/dash/dcc/async-graph.js", "script")
    }


def test_pages_without_a_chart_ask_for_nothing(client):
    assert preloads_in(client.get("/about").data.decode()) == set()
    assert preload_links("/anything/else", "/geometry/countries.geojson") == ""


def test_every_preloaded_address_answers(client):
    """A preload that fails is a console error, and a wasted request on the way to the first map."""
    for url, _ in MAP_PRELOADS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert len(response.data) > 1000, url
