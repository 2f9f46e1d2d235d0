"""Map paths no test ran before: the region and kind filters, the group quick-select, closing the profile, paging
the table. Expected values come from the CSV files, not from the code under test."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from tests.dash_client import DashClient
from tests.helpers import raw_rows

BASE = {
    "map-processes.value": [],
    "map-issues.value": [],
    "map-role.value": "all",
    "map-year.value": 2010,
    "map-layers.value": ["processes"],
    "map-theme.value": "light",
    "map-group.value": None,
    "map-graph.clickData": None,
    "map-location.search": "?year=2010",
    "map-location.pathname": "/map",
    "map-state.data": "year=2010",
}


@pytest.fixture()
def dash(client):
    return DashClient(client)


def _csv(client, query: str) -> list[dict]:
    response = client.get(f"/export/map.csv?{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8"))))


def _alive(process: dict, year: int) -> bool:
    return int(process["founded_year"]) <= year and (not process["ended_year"] or int(process["ended_year"]) >= year)


@pytest.mark.parametrize("region", ["Africa", "Americas", "Europe-Asia"])
def test_region_filter_keeps_only_that_regions_processes(client, region):
    expected = {p["id"] for p in raw_rows("processes") if p["region"] == region and _alive(p, 2010)}
    rows = _csv(client, f"region={region}&year=2010")
    shown = {r["process_id"] for r in rows}
    assert expected and shown <= expected and shown  # every row is of a process in that region
    assert not {p["id"] for p in raw_rows("processes") if p["region"] != region} & shown


@pytest.mark.parametrize("kind", ["regional", "interregional", "global"])
def test_kind_filter_keeps_only_that_kind(client, kind):
    kinds = {p["id"]: p["kind"] for p in raw_rows("processes")}
    rows = _csv(client, f"kind={kind}&year=2010")
    assert {kinds[r["process_id"]] for r in rows} <= {kind}
    if kind != "global":  # the global processes name few states (counts instead: issue 11)
        assert rows


def test_group_quick_select_adds_every_process_of_the_group(dash):
    values = dict(BASE, **{"map-group.value": "region:Africa"})
    status, body, _ = dash.call("map-graph.figure", values, "map-group.value")
    assert status == 200
    out = body["response"]
    expected = sorted(p["id"] for p in raw_rows("processes") if p["region"] == "Africa")
    assert sorted(out["map-processes"]["value"]) == expected
    assert out["map-group"]["value"] is None  # the quick-select empties itself, ready for the next group
    search = out["map-location"]["search"]
    assert sorted(re.search(r"process=([^&]+)", search).group(1).split(",")) == expected


def test_closing_the_profile_drops_the_country_and_keeps_the_rest(dash):
    dep = dash.find("map-state.data", "map-close-profile.n_clicks")
    status, body, _ = dash.call(
        "map-state.data",
        {"map-close-profile.n_clicks": 1, "map-state.data": "process=puebla&year=2000&country=MEX"},
        "map-close-profile.n_clicks",
        dep=dep,
    )
    assert status == 200
    assert body["response"]["map-location"]["search"] == "?process=puebla&year=2000"
    assert body["response"]["map-state"]["data"] == "process=puebla&year=2000"


def test_paging_the_table_shows_the_next_rows_and_stops_at_the_ends(dash, client):
    everything = _csv(client, "year=2010")
    assert len(everything) > 50  # more than two pages of 25
    dep = next(d for d in dash.deps if d["output"].startswith("map-table.children@"))

    def page(step: int, current: int) -> str:
        # A pattern-matching input, as the browser sends it: every Previous/Next button, the clicked one changed.
        buttons = [
            {"id": {"step": s, "type": "map-page"}, "property": "n_clicks", "value": 1 if s == step else None}
            for s in (-1, 1)
        ]
        payload = {
            "output": dep["output"],
            "outputs": {"id": "map-table", "property": "children"},
            "inputs": [buttons],
            "state": [
                {"id": "map-table-page", "property": "data", "value": current},
                {"id": "map-state", "property": "data", "value": "year=2010"},
            ],
            "changedPropIds": [json.dumps({"step": step, "type": "map-page"}, separators=(",", ":")) + ".n_clicks"],
        }
        response = client.post("/_dash-update-component", json=payload)
        assert response.status_code == 200, response.data[:300]
        return str(response.get_json()["response"]["map-table"]["children"])

    assert "page 2 of" in page(1, 0)
    assert "page 1 of" in page(-1, 0)  # Previous on the first page stays on it
    pages = -(-len(everything) // 25)
    assert f"page {pages} of {pages}" in page(1, pages - 1)  # Next on the last page stays on it
