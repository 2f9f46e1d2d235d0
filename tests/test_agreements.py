"""Bilateral agreements on the map: arcs between centroids, historical states, highlight, hover, and update size."""

from __future__ import annotations

import gzip
import json

import geopandas as gpd
import pytest
from shapely.geometry import Point, shape

from dashboard.data.atlas import load_atlas
from dashboard.views.figures.agreements import (
    ARC_TRACES,
    agreement_arcs,
    agreements_in_force,
    great_circle,
    state_exists,
)
from dashboard.views.figures.map import SLOT_ARCS, TRACE_COUNT, make_map_figure
from dashboard.viewstate import ViewState
from dashboard.web.pages.map import build_figure
from tests.dash_client import DashClient
from tests.helpers import tiny_tables, write_package

KIB = 1024


@pytest.fixture(scope="module")
def arcs_atlas(tmp_path_factory):
    """The tiny atlas plus an open-ended agreement with Yugoslavia and one whose title holds markup."""
    tables = tiny_tables()
    tables["agreements"] += [
        {
            "id": "aut-yug-1966",
            "iso3_a": "AUT",
            "iso3_b": "YUG",
            "year": "1966",
            "kind": "recruitment",
            "title": "Austria–Yugoslavia",
            "source_id": "s1",
        },
        {
            "id": "fra-ita-1951",
            "iso3_a": "FRA",
            "iso3_b": "ITA",
            "year": "1951",
            "kind": "social-security",
            "title": "<script>alert(1)</script> accord",
            "source_id": "s1",
        },
    ]
    return load_atlas(write_package(tmp_path_factory.mktemp("arcs"), tables))


def test_great_circle_runs_from_a_to_b():
    lon, lat = great_circle((10.0, 50.0), (30.0, 40.0))
    assert (lon[0], lat[0], lon[-1], lat[-1]) == (10.0, 50.0, 30.0, 40.0)
    assert lat[len(lat) // 2] > 45.0  # bows towards the pole, as a great circle does
    assert great_circle((1.0, 2.0), (1.0, 2.0)) == ([1.0, 1.0], [2.0, 2.0])


def test_arc_joins_the_two_centroids_of_a_historical_state(tiny_atlas):
    arcs = agreement_arcs(tiny_atlas, 1970)
    assert [a["id"] for a in arcs] == ["deu-yug-1968"]
    deu, yug = tiny_atlas.geometry.centroid_of["DEU"], tiny_atlas.geometry.centroid_of["YUG"]
    assert (arcs[0]["lon"][0], arcs[0]["lat"][0]) == pytest.approx(deu, abs=0.05)
    assert (arcs[0]["lon"][-1], arcs[0]["lat"][-1]) == pytest.approx(yug, abs=0.05)
    assert arcs[0]["label"] == ("<b>Germany–Yugoslavia</b><br>Germany – Yugoslavia, signed 1968<br>Source: Test source")


def test_yugoslavia_centroid_is_inside_its_dissolved_successors(atlas):
    """The centroid the arcs use was computed (with geopandas) from the union of the successors' shapes."""
    features = {f["id"]: f for f in atlas.geometry.shapes["features"]}
    successors = [s for s in atlas.former_states["YUG"]["successors"] if s in features]
    frame = gpd.GeoDataFrame(
        {"g": [0] * len(successors)}, geometry=[shape(features[s]["geometry"]) for s in successors], crs=4326
    )
    dissolved = frame.dissolve(by="g").geometry.iloc[0]
    lon, lat = atlas.geometry.centroid_of["YUG"]
    assert dissolved.buffer(0.05).contains(Point(lon, lat))
    assert shape(features["YUG"]["geometry"]).buffer(0.05).contains(Point(lon, lat))


def test_only_agreements_in_force_are_drawn(tiny_atlas):
    assert agreement_arcs(tiny_atlas, 1967) == []  # not yet signed
    assert len(agreement_arcs(tiny_atlas, 1973)) == 1  # its last year
    assert agreement_arcs(tiny_atlas, 1974) == []  # ended


def test_agreement_with_a_dissolved_state_ends_with_it(arcs_atlas):
    assert state_exists(arcs_atlas, "YUG", 1992) and not state_exists(arcs_atlas, "YUG", 1993)
    assert set(agreements_in_force(arcs_atlas, 1990)["id"]) == {"aut-yug-1966", "fra-ita-1951"}
    assert set(agreements_in_force(arcs_atlas, 1995)["id"]) == {"fra-ita-1951"}


def test_hover_text_from_data_is_escaped(arcs_atlas):
    label = next(a for a in agreement_arcs(arcs_atlas, 1960) if a["id"] == "fra-ita-1951")["label"]
    assert "<script>" not in label and "&lt;script&gt;" in label


def test_map_draws_arcs_by_kind_with_hover_dots(arcs_atlas):
    state = ViewState(year=1970, layers=("processes", "agreements"))
    fig = build_figure(arcs_atlas, state)
    assert len(fig["data"]) == TRACE_COUNT
    slots = fig["data"][SLOT_ARCS : SLOT_ARCS + ARC_TRACES]
    assert [t["name"] for t in slots[:4]] == [
        "recruitment agreement",
        "labour agreement",
        "social-security agreement",
        "readmission agreement",
    ]
    assert slots[0]["lon"].count(None) == 2 and slots[2]["lon"].count(None) == 1  # two recruitment arcs, one other
    assert slots[0]["hoverinfo"] == "skip" and len(slots[4]["hovertext"]) == 3  # one hover dot per agreement
    assert slots[0]["line"]["color"] != slots[2]["line"]["color"]
    assert slots[5]["lon"] == [] and not slots[5]["showlegend"]  # no country selected


def test_selected_country_highlights_its_agreements(arcs_atlas):
    fig = build_figure(arcs_atlas, ViewState(year=1970, layers=("processes", "agreements"), country="AUT"))
    slots = fig["data"][SLOT_ARCS : SLOT_ARCS + ARC_TRACES]
    assert slots[5]["name"] == "Agreements of Austria" and slots[5]["lon"].count(None) == 1
    assert slots[0]["opacity"] < 0.5  # the others fade
    assert sorted(slots[4]["marker"]["opacity"]) == [0.4, 0.4, 1]


def test_no_layer_no_arcs(arcs_atlas):
    fig = build_figure(arcs_atlas, ViewState(year=1970))
    assert all(t["lon"] == [] for t in fig["data"][SLOT_ARCS : SLOT_ARCS + ARC_TRACES])
    fig = make_map_figure(arcs_atlas, ViewState(year=1970), arcs=None)
    assert len(fig["data"]) == TRACE_COUNT


# ---- through the app, on the real data ---------------------------------------------------------------

MAP = {
    "map-processes.value": [],
    "map-issues.value": [],
    "map-role.value": "all",
    "map-year.value": 1966,
    "map-layers.value": ["processes", "agreements"],
    "map-theme.value": "light",
    "map-group.value": None,
    "map-graph.clickData": None,
    "map-location.pathname": "/map",
}


@pytest.mark.parametrize("old, new, arcs_sent", [(1971, 1972, False), (1964, 1965, True), (1990, 1995, True)])
def test_year_step_sends_arcs_only_when_they_change(client, old, new, arcs_sent):
    query = f"year={old}&layer=processes,agreements"
    # The browser paints the step; the year at rest (map-settled) brings the rest of the map, arcs included.
    values = {
        **MAP,
        "map-year.value": new,
        "map-location.search": "?" + query,
        "map-state.data": query,
        "map-settled.data": 1,
    }
    dash = DashClient(client)
    # The page the browser shows was drawn by this server: the year step is a patch from that figure.
    dash.call("page.children", {"url.pathname": "/map", "url.search": "?" + query}, "url.pathname")
    status, body, size = dash.call("map-graph.figure", values, "map-settled.data")
    assert status == 200 and size < 20 * KIB, size
    slots = {
        op["location"][1]
        for op in body["response"]["map-graph"]["figure"]["operations"]
        if op["location"][0] == "data" and len(op["location"]) > 1
    }
    assert (SLOT_ARCS in slots) is arcs_sent


def test_profile_lists_the_country_agreements(client):
    # The profile comes once the first map is drawn (web/first_paint.py), as with every change of the map's state.
    status, body, _ = DashClient(client).call(
        "map-profile.children",
        {"map-state.data": "year=1965&layer=processes,agreements&country=DEU", "map-painted.data": 1},
        "map-painted.data",
    )
    text = json.dumps(body)
    assert status == 200
    assert "West Germany-Turkey agreement on placement of Turkish workers" in text
    assert "West Germany-Yugoslavia recruitment agreement" in text


def test_a_worker_that_did_not_draw_the_map_shown_sends_the_whole_figure(client):
    """Rather than drawing the figure the browser shows only to compare with it (another worker drew it)."""
    query = "year=1947&layer=processes,agreements"  # a year no other test draws
    values = {**MAP, "map-year.value": 1948, "map-location.search": "?" + query, "map-state.data": query}
    status, body, _ = DashClient(client).call("map-graph.figure", {**values, "map-settled.data": 1}, "map-settled.data")
    figure = body["response"]["map-graph"]["figure"]
    assert status == 200 and len(figure["data"]) == TRACE_COUNT and "operations" not in figure
    assert len(gzip.compress(json.dumps(figure).encode())) < 20 * KIB  # on the wire


def test_with_only_agreements_on_the_panel_and_table_speak_of_agreements(client):
    """Title, caption, panel and table follow the layers shown: no processes on, no word of processes."""
    query = "year=1970&layer=agreements"
    status, body, _ = DashClient(client).call(
        "map-panel.children", {"map-state.data": query, "map-painted.data": 1}, "map-painted.data"
    )
    assert status == 200
    panel = json.dumps(body["response"]["map-panel"])
    table = json.dumps(body["response"]["map-table"])
    n = len(client.get("/export/map.csv?" + query).get_data(as_text=True).strip().splitlines()) - 1
    assert f"{n} bilateral agreements in force in 1970" in panel and "process to see" not in panel
    assert f"What the map shows: {n} bilateral agreements in force in 1970" in table
    assert "Partner" in table and "Signed" in table and "Process" not in table and "selected processes" not in table
    assert "Bilateral migration agreements in force, 1970" in client.get("/embed/map?" + query).get_data(as_text=True)
    # with the processes on too, the table is the memberships' again
    status, body, _ = DashClient(client).call(
        "map-panel.children", {"map-state.data": query + ",processes", "map-painted.data": 1}, "map-painted.data"
    )
    assert "agreements-table" not in json.dumps(body["response"]["map-table"])


def test_the_agreements_table_in_french(atlas):
    from dashboard.catalogues import language
    from dashboard.web.pages.map_agreements import agreements_panel, agreements_table

    with language("fr"):
        panel, table = str(agreements_panel(atlas, 1970)), str(agreements_table(atlas, 1970))
    assert "Accords bilatéraux, 1970" in panel and "accords bilatéraux en vigueur en 1970" in table
    assert "Partenaire" in table and "de recrutement" in table
