"""What a hostile test sent or planted: formula cells, a forged Host header, markup in the data."""

from __future__ import annotations

import csv
import io
import json

import pytest

from dashboard.data.atlas import load_atlas
from dashboard.export.formats import export_view, neutralise, rows_to_csv
from dashboard.viewstate import ViewState
from tests.helpers import tiny_tables, write_package

EVIL_LINK = '<a href="https://evil.example/">click</a>'


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """The tiny package with a formula in a name, a link in every name, and markup in notes and titles."""
    tables = tiny_tables()
    tables["processes"][0].update(name='=HYPERLINK("https://evil.example","x")', short_name="@SUM(A1)")
    tables["processes"][1].update(name=f"Process {EVIL_LINK}", short_name=f"P2 {EVIL_LINK}")
    tables["organisations"][0].update(name=f"Org {EVIL_LINK}", short_name=f"O1 {EVIL_LINK}")
    tables["issue_areas"][0].update(label=f"Asylum {EVIL_LINK}")
    tables["memberships"][1]["note"] = "+cmd|' /C calc'!A0"
    tables["milestones"][0]["title"] = f"-Convention {EVIL_LINK}"
    tables["agreements"][0]["title"] = f"Agreement {EVIL_LINK}"
    return load_atlas(write_package(tmp_path_factory.mktemp("planted"), tables))


# ---- CSV formula cells -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["=1+2", "+1", "-1+1", "@SUM(A1)", "\tx", "\rx"])
def test_formula_starts_get_a_quote(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["plain", "1990", "a=b", "", None, 1990, -5])
def test_everything_else_is_left_as_it_is(value):
    assert neutralise(value) == value


def test_every_csv_export_neutralises_formula_cells(planted):
    cells = []
    for view in ("map", "timeline", "mandates"):
        for state in (ViewState(view=view, year=2000), ViewState(view=view, year=1970, layers=("agreements",))):
            data = export_view(planted, state, "csv").decode("utf-8")
            cells += [c for row in csv.reader(io.StringIO(data)) for c in row]
    starts = [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")]
    assert starts == [], starts
    assert '\'=HYPERLINK("https://evil.example","x")' in cells  # kept, but as text
    assert any(c.startswith("'-Convention") for c in cells)  # a milestone's title, on the timeline


def test_rows_to_csv_keeps_numbers_as_numbers():
    text = rows_to_csv([{"year": -5, "name": "-5"}], ("year", "name"))
    assert text.splitlines() == ["year,name", "-5,'-5"]


# ---- data-supplied markup in charts -----------------------------------------------------------------------------


def _figures(atlas):
    from dashboard.views.figures.profile import make_profile_figure
    from dashboard.views.registry import VIEWS

    states = [
        ViewState(view="map", year=2000),
        ViewState(view="map", year=2000, processes=("p-two",)),
        ViewState(view="map", year=1970, layers=("processes", "agreements")),
        ViewState(view="timeline"),
        ViewState(view="mandates"),
        ViewState(view="mandates", orgs=("org1",)),  # the comparison chart
    ]
    for state in states:
        yield repr(state), VIEWS[state.view].make_figure(atlas, state)
    for iso3 in ("DEU", "FRA", "RUS"):
        yield f"profile {iso3}", make_profile_figure(atlas, iso3)


def test_no_chart_turns_data_into_a_link(planted):
    shown = 0
    for name, figure in _figures(planted):
        text = json.dumps(figure, ensure_ascii=False)
        assert "<a href" not in text, f"{name}: a data-supplied link survives in the figure"
        shown += "&lt;a href=&quot;https://evil.example/&quot;&gt;" in text
    assert shown >= 5  # the planted names did reach the charts, as text


def test_exports_escape_the_data_but_keep_their_own_permalink(planted):
    page = export_view(planted, ViewState(view="mandates", orgs=("org1",)), "html").decode("utf-8")
    figure = page.split('<script type="application/json" id="figure">', 1)[1].split("</script>", 1)[0]
    text = json.loads(figure)  # the figure as plotly.js gets it (the page escapes < and & inside the script)
    flat = json.dumps(text, ensure_ascii=False).replace('\\"', '"')
    assert '<a href="https://evil.example/"' not in flat and "&lt;a href=" in flat
    assert '<a href="http://127.0.0.1:8050/mandates?org=org1' in flat  # the caption's own link stays a link


# ---- the Host header ------------------------------------------------------------------------------------------


def test_a_forged_host_never_reaches_a_permalink(client, monkeypatch):
    monkeypatch.delenv("ATLAS_BASE_URL", raising=False)
    monkeypatch.delenv("ATLAS_TRUSTED_HOSTS", raising=False)
    headers = {"Host": "evil.example"}
    for url in ("/embed/map?process=puebla", "/export/map.html?process=puebla"):
        body = client.get(url, headers=headers).data.decode("utf-8")
        assert "evil.example" not in body, url
        assert "http://127.0.0.1:8050/map?process=puebla" in body, url


def test_trusted_hosts_and_base_url(client, monkeypatch):
    monkeypatch.delenv("ATLAS_BASE_URL", raising=False)
    monkeypatch.setenv("ATLAS_TRUSTED_HOSTS", "atlas.example, other.example:8443")
    body = client.get("/embed/map?process=puebla", headers={"Host": "atlas.example"}).data.decode()
    assert "http://atlas.example/map?process=puebla" in body
    body = client.get("/embed/map?process=puebla", headers={"Host": "other.example:8443"}).data.decode()
    assert "http://other.example:8443/map?process=puebla" in body
    body = client.get("/embed/map?process=puebla", headers={"Host": "other.example:9999"}).data.decode()
    assert "other.example" not in body  # the port is part of what is trusted when the list names one
    monkeypatch.setenv("ATLAS_BASE_URL", "https://atlas.org")
    body = client.get("/embed/map?process=puebla", headers={"Host": "atlas.example"}).data.decode()
    assert "https://atlas.org/map?process=puebla" in body and "atlas.example" not in body


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "ftp://x.example", "http://", 'http://x.example/"onload='])
def test_a_base_url_that_is_not_http_stops_the_app(atlas, monkeypatch, bad):
    from dashboard.web.app import create_app

    monkeypatch.setenv("ATLAS_BASE_URL", bad)
    with pytest.raises(ValueError, match="ATLAS_BASE_URL must be an http:// or https:// address"):
        create_app(atlas)


# ---- forged callback requests ----------------------------------------------------------------------------------


def _forged(client):
    """A valid request for the map's table pager, then each way a hostile test bent it."""
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(d for d in deps if d["output"].startswith("map-table.children@"))
    good = {
        "output": dep["output"],
        "outputs": {"id": "map-table", "property": "children"},
        "inputs": [[{"id": {"type": "map-page", "step": 1}, "property": "n_clicks", "value": 1}]],
        "state": [{"id": s["id"], "property": s["property"], "value": None} for s in dep["state"]],
        "changedPropIds": ['{"step":1,"type":"map-page"}.n_clicks'],
    }

    def bent(**changes):
        return json.dumps({**good, **changes})

    deep = "[" * 50_000 + "]" * 50_000
    return json.dumps(good), {
        "deep JSON": deep,
        "deep JSON in a value": bent(
            state=[{"id": "map-table-page", "property": "data", "value": json.loads("[" * 200 + "]" * 200)}]
            + good["state"][1:]
        ),
        "outputs of another callback": bent(outputs={"id": "map-graph", "property": "figure"}),
        "a list of outputs for one": bent(outputs=[good["outputs"], good["outputs"]]),
        "outputs without a property": bent(outputs={"id": "map-table"}),
        "an input of another component": bent(
            inputs=[[{"id": {"type": "timeline-page", "step": 1}, "property": "n_clicks", "value": 1}]]
        ),
        "a pattern id with a nested value": bent(
            inputs=[[{"id": {"type": "map-page", "step": [1]}, "property": "n_clicks", "value": 1}]]
        ),
        "a pattern id with a missing key": bent(
            inputs=[[{"id": {"type": "map-page"}, "property": "n_clicks", "value": 1}]]
        ),
        "the pattern itself as the trigger": bent(changedPropIds=['{"step":["ALL"],"type":"map-page"}.n_clicks']),
        "a trigger that is no input": bent(changedPropIds=["map-graph.figure"]),
        "a step the page never has": bent(
            inputs=[[{"id": {"type": "map-page", "step": "x"}, "property": "n_clicks", "value": 1}]],
            changedPropIds=['{"step":"x","type":"map-page"}.n_clicks'],
        ),
    }


def test_forged_callback_requests_get_400_without_a_traceback(client, caplog):
    good, forged = _forged(client)
    assert client.post("/_dash-update-component", data=good, content_type="application/json").status_code == 200
    for name, body in forged.items():
        response = client.post("/_dash-update-component", data=body, content_type="application/json")
        if name == "a step the page never has":  # well-formed, so the callback itself ignores it
            assert response.status_code == 200 and response.get_json()["response"] == {}, name
        else:
            assert response.status_code == 400, (name, response.status_code, response.data[:200])
        assert b"Traceback" not in response.data, name
    errors = [r for r in caplog.records if r.levelname == "ERROR"]
    assert errors == [], [r.getMessage() for r in errors]


# ---- paths -------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/map", "/timeline", "/mandates", "/about", "/map/"])
def test_pages_answer_200(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/nowhere", "/map/extra", "/wp-admin.php", "/.env", "/export", "/embed"])
def test_unknown_paths_answer_404(client, path):
    response = client.get(path)
    assert response.status_code == 404, path
