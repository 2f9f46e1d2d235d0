"""The app through the Flask test client: routes, the router, the map callbacks, and per-response byte budgets."""

from __future__ import annotations

import pytest

from tests.dash_client import DashClient

KIB = 1024


@pytest.fixture()
def dash(client):
    return DashClient(client)


MAP_INPUTS = {"map-processes.value": ["puebla"], "map-issues.value": [], "map-role.value": "all",
              "map-year.value": 2000, "map-layers.value": ["processes"], "map-theme.value": "light",
              "map-group.value": None, "map-graph.clickData": None, "url.search": "?process=puebla&year=2000",
              "url.pathname": "/map", "map-state.data": "process=puebla&year=2000"}


@pytest.mark.parametrize("path", ["/", "/map", "/about", "/anything/else", "/map?year=notayear"])
def test_pages_answer_200(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"Migration Governance Atlas" in response.data


def test_router_renders_map_with_members(dash):
    status, body, size = dash.call("page.children", {"url.pathname": "/map", "url.search": "?process=puebla&year=2000"},
                                   "url.pathname")
    assert status == 200
    text = str(body)
    assert "Regional Conference on Migration (Puebla Process)" in text and "11 members, 5 observers" in text


def test_router_notices_unknown_values(dash):
    _, body, _ = dash.call("page.children", {"url.pathname": "/map", "url.search": "?process=atlantis&year=3000"},
                           "url.pathname")
    text = str(body["response"]["notices"])
    assert "Ignored unknown process: atlantis" in text and "Year 3000 is outside" in text


def test_router_unknown_path_shows_map_and_says_so(dash):
    _, body, _ = dash.call("page.children", {"url.pathname": "/nowhere", "url.search": ""}, "url.pathname")
    assert "There is no page at /nowhere" in str(body["response"]["notices"])


def test_about_lists_every_source(dash, atlas):
    _, body, _ = dash.call("page.children", {"url.pathname": "/about", "url.search": ""}, "url.pathname")
    text = str(body)
    assert f"All {len(atlas.sources)} sources" in text
    assert atlas.sources.iloc[0]["url"] in text


def test_year_change_patches_values_not_geometry(dash):
    values = dict(MAP_INPUTS, **{"map-year.value": 1999})
    status, body, size = dash.call("map-graph.figure", values, "map-year.value")
    assert status == 200
    out = body["response"]
    assert out["url"]["search"] == "?process=puebla&year=1999"
    patch = out["map-graph"]["figure"]
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    assert "geojson" not in str(patch)
    assert size < 20 * KIB, f"year change sent {size} bytes"


def test_process_change_updates_url_and_stays_small(dash):
    values = dict(MAP_INPUTS, **{"map-processes.value": ["puebla", "sacm"]})
    status, body, size = dash.call("map-graph.figure", values, "map-processes.value")
    assert status == 200 and body["response"]["url"]["search"] == "?process=puebla,sacm&year=2000"
    assert size < 20 * KIB, f"process change sent {size} bytes"


def test_issue_change(dash):
    values = dict(MAP_INPUTS, **{"map-processes.value": [], "map-issues.value": ["trafficking-smuggling"]})
    status, body, size = dash.call("map-graph.figure", values, "map-issues.value")
    assert status == 200 and body["response"]["url"]["search"] == "?issue=trafficking-smuggling&year=2000"
    assert size < 20 * KIB, f"issue change sent {size} bytes"


def test_country_click_opens_profile(dash):
    values = dict(MAP_INPUTS, **{"map-graph.clickData": {"points": [{"location": "MEX"}]}})
    status, body, size = dash.call("map-graph.figure", values, "map-graph.clickData")
    assert body["response"]["url"]["search"] == "?process=puebla&year=2000&country=MEX"
    assert size < 20 * KIB
    status, panels, size = dash.call("map-profile.children", {"map-state.data": "process=puebla&year=2000&country=MEX"},
                                     "map-state.data")
    text = str(panels)
    assert status == 200 and "Country profile: Mexico" in text and "RCM: member 1996" in text


def test_back_button_restores_controls(dash):
    values = dict(MAP_INPUTS, **{"url.search": "?process=budapest&year=1995&role=member"})
    status, body, _ = dash.call("map-graph.figure", values, "url.search")
    out = body["response"]
    assert out["map-processes"]["value"] == ["budapest"] and out["map-year"]["value"] == 1995
    assert out["map-role"]["value"] == "member"


def test_garbage_in_callbacks_never_500(dash):
    values = dict(MAP_INPUTS, **{"map-processes.value": ["<script>", 5, None], "map-year.value": "abc",
                                 "map-role.value": "boss", "map-theme.value": {"x": 1}})
    status, _, _ = dash.call("map-graph.figure", values, "map-processes.value")
    assert status in (200, 204)


def test_first_page_load_fits_budget(client):
    """First load with compression: the page, scripts and the map's first render together."""
    total = 0
    html = client.get("/", headers={"Accept-Encoding": "gzip"})
    total += len(html.data)
    import re
    for src in re.findall(rb'src="([^"]+)"', html.data) + re.findall(rb'href="([^"]+\.css[^"]*)"', html.data):
        total += len(client.get(src.decode(), headers={"Accept-Encoding": "gzip"}).data)
    total += len(client.get("/assets/topojson/world_110m.json", headers={"Accept-Encoding": "gzip"}).data)
    shapes = client.get("/geometry/countries.geojson", headers={"Accept-Encoding": "gzip"})
    assert shapes.status_code == 200 and shapes.headers["Content-Encoding"] == "gzip"
    total += len(shapes.data)
    assert total < 1.5 * 1024 * KIB, f"first load is {total / KIB:.0f} KiB gzipped"
