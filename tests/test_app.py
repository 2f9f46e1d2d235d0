"""The app through the Flask test client: routes, the router, the map callbacks, and per-response byte budgets."""

from __future__ import annotations

import re

import pytest

from dashboard.bench.dashcall import callback_payload
from tests.dash_client import DashClient

KIB = 1024


@pytest.fixture()
def dash(client):
    return DashClient(client)


MAP_INPUTS = {
    "map-processes.value": ["puebla"],
    "map-issues.value": [],
    "map-role.value": "all",
    "map-year.value": 2000,
    "map-layers.value": ["processes"],
    "map-theme.value": "light",
    "map-group.value": None,
    "map-graph.clickData": None,
    "map-location.search": "?process=puebla&year=2000",
    "map-location.pathname": "/map",
    "map-state.data": "process=puebla&year=2000",
    "map-settled.data": None,
    "map-url.data": None,
}


@pytest.mark.parametrize("path", ["/", "/map", "/about", "/map?year=notayear"])
def test_pages_answer_200(client, path):
    response = client.get(path)
    assert response.status_code == 200
    assert b"Migration Governance Atlas" in response.data


def test_a_path_that_is_no_page_answers_404_with_the_app_saying_so(client):
    response = client.get("/anything/else")
    assert response.status_code == 404
    assert b"Migration Governance Atlas" in response.data  # the app, which then says there is no such page


def test_router_renders_map_with_members(dash):
    status, body, size = dash.call(
        "page.children", {"url.pathname": "/map", "url.search": "?process=puebla&year=2000"}, "url.pathname"
    )
    assert status == 200
    text = str(body)
    assert "Regional Conference on Migration (Puebla Process)" in text  # the chosen process, in its dropdown
    # What the first map does not need follows it (web/first_paint.py): the panels once the browser says
    # it is drawn,
    assert "11 members, 5 observers" not in text and "map-painted" in text
    assert text.count("'search': ") == 2  # the page's Location and the one option chosen: the 28 others follow
    _, panels, _ = dash.call(
        "map-panel.children", {"map-painted.data": 1, "map-state.data": "process=puebla&year=2000"}, "map-painted.data"
    )
    assert "11 members, 5 observers" in str(panels)
    _, options, _ = dash.call("map-processes.options", {"map-painted.data": 1}, "map-painted.data")
    assert len(options["response"]["map-processes"]["options"]) == 29


def test_router_notices_unknown_values(dash):
    _, body, _ = dash.call(
        "page.children", {"url.pathname": "/map", "url.search": "?process=atlantis&year=3000"}, "url.pathname"
    )
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
    # The browser repaints the fills of each step itself (assets/map_years.js); when the year rests it asks the
    # server for the rest of the map, and that is a patch of values, never the geometry.
    values = dict(MAP_INPUTS, **{"map-year.value": 1999, "map-settled.data": 1})
    status, body, size = dash.call("map-graph.figure", values, "map-settled.data")
    assert status == 200
    out = body["response"]
    assert out["map-state"]["data"] == "process=puebla&year=1999"
    assert "map-location" not in out  # the browser wrote the address of the year it stepped; the server leaves it be
    patch = out["map-graph"]["figure"]
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    assert "geojson" not in str(patch)
    assert size < 20 * KIB, f"year change sent {size} bytes"


def test_process_change_updates_url_and_stays_small(dash):
    values = dict(MAP_INPUTS, **{"map-processes.value": ["puebla", "sacm"]})
    status, body, size = dash.call("map-graph.figure", values, "map-processes.value")
    assert status == 200 and body["response"]["map-location"]["search"] == "?process=puebla,sacm&year=2000"
    assert size < 20 * KIB, f"process change sent {size} bytes"


def test_issue_change(dash):
    values = dict(MAP_INPUTS, **{"map-processes.value": [], "map-issues.value": ["trafficking-smuggling"]})
    status, body, size = dash.call("map-graph.figure", values, "map-issues.value")
    assert status == 200 and body["response"]["map-location"]["search"] == "?issue=trafficking-smuggling&year=2000"
    assert size < 20 * KIB, f"issue change sent {size} bytes"


def test_country_click_opens_profile(dash):
    values = dict(MAP_INPUTS, **{"map-graph.clickData": {"points": [{"location": "MEX"}]}})
    status, body, size = dash.call("map-graph.figure", values, "map-graph.clickData")
    assert body["response"]["map-location"]["search"] == "?process=puebla&year=2000&country=MEX"
    assert size < 20 * KIB
    status, panels, size = dash.call(
        "map-profile.children", {"map-state.data": "process=puebla&year=2000&country=MEX"}, "map-state.data"
    )
    text = str(panels)
    assert status == 200 and "Country profile: Mexico" in text and ": member 1996" in text
    # each process by its short name, hovered (title) with the name in full
    assert "'children': 'RCM', 'title': 'Regional Conference on Migration (RCM; Puebla Process)'" in text


def test_back_button_restores_controls(dash):
    # An address that is not only another year of the map shown: the browser hands it to the server.
    values = dict(MAP_INPUTS, **{"map-url.data": "?process=budapest&year=1995&role=member"})
    status, body, _ = dash.call("map-graph.figure", values, "map-url.data")
    out = body["response"]
    assert out["map-processes"]["value"] == ["budapest"] and out["map-year"]["value"] == 1995
    assert out["map-role"]["value"] == "member"


def test_year_steps_never_call_the_server(dash):
    """No server callback of the map listens to the slider's value or to the address: year steps (slider, Play,
    back/forward) are the browser's; only the year at rest (map-settled) and other addresses (map-url) reach it."""
    server_side = [d for d in dash.deps if not d.get("clientside_function")]
    map_callbacks = [d for d in server_side if "map-" in d["output"]]
    assert len(map_callbacks) >= 4  # sync, panels, table pages, series...
    for dep in map_callbacks:
        inputs = {f"{i['id']}.{i['property']}" for i in dep["inputs"]}
        assert not inputs & {"map-year.value", "map-year.drag_value", "map-location.search", "url.search"}, dep[
            "output"
        ]
    browser_side = [d for d in dash.deps if d.get("clientside_function")]
    assert any(
        {"map-year.value", "map-location.search"} <= {f"{i['id']}.{i['property']}" for i in d["inputs"]}
        for d in browser_side
    )


def test_series_comes_once_per_selection(dash):
    """The year series: sent after a change of selection (and on the page's first paint), not after a year step."""
    values = dict(MAP_INPUTS, **{"map-year.value": 1999, "map-settled.data": 1})
    _, body, _ = dash.call("map-graph.figure", values, "map-settled.data")
    assert "map-selection" not in body["response"]  # the year rested: the series in the browser still holds
    values = dict(MAP_INPUTS, **{"map-processes.value": ["puebla", "sacm"]})
    _, body, _ = dash.call("map-graph.figure", values, "map-processes.value")
    assert body["response"]["map-selection"]["data"] == "process=puebla,sacm"
    status, body, size = dash.call(
        "map-series.data",
        {"map-selection.data": "process=puebla,sacm", "map-state.data": "process=puebla,sacm"},
        "map-selection.data",
    )
    series = body["response"]["map-series"]["data"]
    assert status == 200 and series["selection"] == "process=puebla,sacm"
    assert len(series["z"]) == len(series["titles"]) == series["last"] - series["first"] + 1
    assert size < 60 * KIB, f"the series is {size} bytes uncompressed"


def test_garbage_in_callbacks_never_500(dash):
    values = dict(
        MAP_INPUTS,
        **{
            "map-processes.value": ["<script>", 5, None],
            "map-year.value": "abc",
            "map-role.value": "boss",
            "map-theme.value": {"x": 1},
        },
    )
    status, _, _ = dash.call("map-graph.figure", values, "map-processes.value")
    assert status in (200, 204)


FIRST_LOAD_BUDGET = 1024 * KIB  # issue 13: the first load of the map on the wire, gzipped, at most 1.0 MiB
# The chunks dcc loads on demand for the map page's components (a graph, a slider, dropdowns).
MAP_CHUNKS = ("async-graph.js", "async-slider.js", "async-dropdown.js")


def test_first_page_load_fits_budget(client, dash):
    """Everything the first map needs, gzipped: the page, its scripts and styles (the atlas's plotly.js among
    them), the chunks dcc loads for the map's components, the layout and callbacks, the page itself, the base map
    and the country shapes."""
    gz = {"Accept-Encoding": "gzip"}
    page = client.get("/map?process=puebla&year=2000")
    sizes = {"page": len(client.get("/map?process=puebla&year=2000", headers=gz).data)}
    links = re.findall(r'src="([^"]+)"', page.data.decode()) + re.findall(
        r'href="([^"]+\.css[^"]*)"', page.data.decode()
    )
    assert any("plotly-atlas.min.js" in u for u in links)
    urls = links + [f"/_dash-component-suites/dash/dcc/{chunk}" for chunk in MAP_CHUNKS]
    urls += ["/_dash-layout", "/_dash-dependencies", "/assets/topojson/world_110m.json", "/geometry/countries.geojson"]
    for url in urls:
        response = client.get(url, headers=gz)
        assert response.status_code == 200, url
        if len(response.data) > 20 * KIB:  # every large part travels compressed
            assert response.headers.get("Content-Encoding") == "gzip", url
        sizes[url] = len(response.data)
    route = callback_payload(
        dash.find("page.children", "url.pathname"),
        {"url.pathname": "/map", "url.search": "?process=puebla&year=2000"},
        "url.pathname",
    )
    response = client.post("/_dash-update-component", json=route, headers=gz)
    assert response.status_code == 200
    sizes["route"] = len(response.data)
    total = sum(sizes.values())
    biggest = sorted(sizes.items(), key=lambda kv: -kv[1])[:4]
    print(f"first load of the map: {total / KIB:.0f} KiB gzipped")
    assert total <= FIRST_LOAD_BUDGET, f"first load is {total / KIB:.0f} KiB gzipped; largest: {biggest}"


def test_a_page_being_left_sends_nothing(dash):
    """An in-app link to another page changes the old page's Location too: its callback must not patch a chart
    that is being replaced (the browser logged 'Cannot patch undefined')."""
    values = dict(
        MAP_INPUTS,
        **{
            "map-url.data": "?issue=asylum",
            "map-location.search": "?issue=asylum",
            "map-location.pathname": "/timeline",
        },
    )
    status, body, _ = dash.call("map-graph.figure", values, "map-url.data")
    assert status == 204 or not any(k in (body or {}).get("response", {}) for k in ("map-graph", "map-location"))
