"""The atlas's own plotly.js (assets/vendor/plotly-atlas.min.js): what it is, that it covers every trace type the
atlas draws, and that it draws them in a real browser with nothing else loaded.

Rebuild it with scripts/build_plotly_bundle.sh (and `--check` to see that the committed bytes come out again).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import http.server
import json
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
ASSETS = ROOT / "assets"
BUNDLE = ASSETS / "vendor" / "plotly-atlas.min.js"
PROVENANCE = ASSETS / "vendor" / "plotly-atlas.provenance.json"
ENTRY = ROOT / "scripts" / "plotly-bundle" / "entry.js"


@functools.cache
def provenance() -> dict:
    return json.loads(PROVENANCE.read_text(encoding="utf-8"))


def all_trace_types() -> set[str]:
    """Every trace type plotly knows, from the installed python plotly's classes."""
    import plotly.graph_objects as go
    from plotly.basedatatypes import BaseTraceType

    classes = [getattr(go, name) for name in dir(go) if name[:1].isupper()]  # go imports its classes lazily
    return {
        cls().type
        for cls in classes
        if isinstance(cls, type) and issubclass(cls, BaseTraceType) and cls is not BaseTraceType
    }


# ---- what the bundle is ------------------------------------------------------------------------------------------
def test_bundle_is_the_file_its_provenance_describes():
    data = BUNDLE.read_bytes()
    p = provenance()
    assert hashlib.sha256(data).hexdigest() == p["sha256"], (
        "bundle changed: rebuild with scripts/build_plotly_bundle.sh"
    )
    assert len(data) == p["bytes"]
    assert abs(len(gzip.compress(data, 9)) - p["gzip_bytes"]) < 0.01 * p["gzip_bytes"]  # zlib builds differ a little


def test_bundle_is_the_plotly_js_that_python_plotly_bundles():
    from plotly.offline import get_plotlyjs, get_plotlyjs_version

    p = provenance()
    assert p["plotly_js"]["version"] == get_plotlyjs_version()
    assert p["full_bundle"]["sha256"] == hashlib.sha256(get_plotlyjs().encode("utf-8")).hexdigest()
    assert f"v{get_plotlyjs_version()}" in BUNDLE.read_bytes()[:400].decode("ascii")
    assert p["builder"]["name"] == "esbuild" and re.fullmatch(r"\d+\.\d+\.\d+", p["builder"]["version"])


def test_bundle_is_much_smaller_than_the_full_one():
    p = provenance()
    assert p["gzip_bytes"] < 0.4 * p["full_bundle"]["gzip_bytes"]
    assert p["bytes"] < 0.3 * p["full_bundle"]["bytes"]


def test_provenance_trace_list_is_what_the_entry_registers():
    registered = set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", ENTRY.read_text(encoding="utf-8")))
    assert registered - {"core"} | {"scatter"} == set(provenance()["traces"])  # the core always carries scatter


# ---- what the atlas draws ----------------------------------------------------------------------------------------
def figures_the_atlas_draws(atlas) -> list[dict]:
    """Figures from the figure builders on the real data, in each of their modes."""
    from dashboard.views.figures.agreements import agreement_arcs
    from dashboard.views.figures.mandates import build_mandate_matrix, build_process_matrix, make_matrix_figure
    from dashboard.views.figures.map import make_map_figure
    from dashboard.views.figures.map_view import make_map_view
    from dashboard.views.figures.profile import make_profile_figure
    from dashboard.views.figures.timeline import make_timeline_figure
    from dashboard.viewstate import ViewState

    first_process = min(atlas.process_by_id)
    figures = []
    for state in (
        ViewState(),
        ViewState(processes=(first_process,)),
        ViewState(layers=("processes", "agreements")),
        ViewState(theme="slide", role="observer"),
    ):
        view = make_map_view(atlas, state)
        arcs = agreement_arcs(atlas, view.year) if "agreements" in state.layers else []
        figures.append(make_map_figure(atlas, state, view=view, arcs=arcs))
    figures.append(make_timeline_figure(atlas, ViewState(view="timeline")))
    figures.append(make_timeline_figure(atlas, ViewState(view="timeline"), keep_hidden=True))
    tables = (atlas.mandates, atlas.organisations, atlas.issue_areas)
    figures.append(make_matrix_figure(build_mandate_matrix(*tables, year=None)))
    figures.append(
        make_matrix_figure(
            build_process_matrix(
                atlas.processes,
                atlas.process_issues,
                atlas.issue_areas,
                year=None,
                process_ids=tuple(atlas.process_by_id),
            )
        )
    )
    from dashboard.views import overlaps
    from dashboard.views.figures.change_map import make_change_figure

    figures.append(make_change_figure(atlas, ViewState(year=2006, compare=1995, layers=("processes", "agreements"))))
    figures.append(overlaps.make_figure(atlas, ViewState(view="overlaps", year=2006)))
    some_member = next(iter(make_map_view(atlas, ViewState(processes=(first_process,))).rows["iso3"]))
    figures.append(make_profile_figure(atlas, some_member))
    return figures


def test_every_trace_type_the_figures_emit_is_in_the_bundle(atlas):
    used = {trace.get("type", "scatter") for fig in figures_the_atlas_draws(atlas) for trace in fig["data"]}
    assert {"choropleth", "scattergeo", "scatter", "bar", "heatmap"} <= used  # the builders were really exercised
    missing = used - set(provenance()["traces"])
    assert not missing, f"figures use trace types the bundle lacks: {sorted(missing)} (add them to entry.js, rebuild)"


def test_every_trace_type_named_in_the_code_is_in_the_bundle():
    """A cruder net for code paths the figures above miss: any `"type": "<trace type>"` literal in dashboard/."""
    known = all_trace_types()
    named = set()
    for path in (ROOT / "dashboard").rglob("*.py"):
        named |= {
            m
            for m in re.findall(r"""["']type["']\s*:\s*["'](\w+)["']""", path.read_text(encoding="utf-8"))
            if m in known
        }
        named |= {
            m.lower() for m in re.findall(r"\bgo\.(\w+)\(", path.read_text(encoding="utf-8")) if m.lower() in known
        }
    assert named, "found no trace type in dashboard/: the pattern is out of date"
    missing = named - set(provenance()["traces"])
    assert not missing, f"dashboard/ names trace types the bundle lacks: {sorted(missing)}"


# ---- drawing in a real browser, with only this bundle ------------------------------------------------------------
PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>plotly-atlas bundle</title></head><body>
<div id="choropleth" style="width:700px;height:400px"></div>
<div id="scattergeo" style="width:700px;height:400px"></div>
<div id="scatter" style="width:500px;height:300px"></div>
<div id="bar" style="width:500px;height:300px"></div>
<div id="heatmap" style="width:500px;height:300px"></div>
%(preamble)s
<script src="/vendor/plotly-atlas.min.js"></script>
<script>
const config = {topojsonURL: %(topojson_url)s, displaylogo: false};
const geo = {projection: {type: "natural earth"}, fitbounds: false, resolution: 110, showcountries: true};
window.drawn = Promise.all([
  Plotly.newPlot("choropleth", [{type: "choropleth", locations: ["DEU", "FRA", "BRA", "IND", "ZAF"],
      z: [2, 1, 2, 0, 1], zmin: 0, zmax: 2}], {geo: geo, margin: {l: 0, r: 0, t: 0, b: 0}}, config),
  Plotly.newPlot("scattergeo", [{type: "scattergeo", mode: "markers+lines", lon: [2.35, 13.4, -43.2],
      lat: [48.86, 52.52, -22.9]}], {geo: geo}, config),
  Plotly.newPlot("scatter", [{type: "scatter", mode: "markers+text", x: [1, 2, 3], y: [3, 1, 2], text: ["a", "b", "c"]}],
      {}, config),
  Plotly.newPlot("bar", [{type: "bar", orientation: "h", y: ["x", "y"], x: [5, 3], base: [1990, 2000]}], {}, config),
  Plotly.newPlot("heatmap", [{type: "heatmap", z: [[0, 1, 2], [2, 1, 0]], x: ["a", "b", "c"], y: ["r1", "r2"]}],
      {}, config),
]).then(() => "ok");
</script></body></html>"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def assets_server():
    """assets/ over HTTP on the loopback, as the app serves it under /assets/."""
    handler = functools.partial(_Quiet, directory=str(ASSETS))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(chromium_browser):
    """The session's Chromium (tests/conftest.py): a second sync Playwright in this thread would refuse to start."""
    return chromium_browser


def open_page(browser, base: str, *, preamble: str = "", topojson_url: str = '"/topojson/"'):
    """The test page with only the bundle; returns (page, context, problems, requests)."""
    context = browser.new_context(viewport={"width": 1000, "height": 1800}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    requests: list[str] = []
    page.on(
        "console", lambda m: problems.append(f"console.{m.type}: {m.text}") if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    page.on("request", lambda r: requests.append(r.url))
    html = PAGE % {"preamble": preamble, "topojson_url": topojson_url}
    page.route(base + "/bundle-test.html", lambda route: route.fulfill(body=html, content_type="text/html"))
    page.goto(base + "/bundle-test.html")
    assert page.evaluate("window.drawn") == "ok"
    return page, context, problems, requests


def assert_all_drawn(page) -> None:
    page.wait_for_selector("#choropleth .choroplethlocation", timeout=20000)
    counts = page.evaluate("""() => ({
        choropleth: document.querySelectorAll('#choropleth .choroplethlocation').length,
        coastlines: document.querySelectorAll('#scattergeo .geo path.countries, #scattergeo .geo .countries path').length,
        scattergeo: document.querySelectorAll('#scattergeo .scattergeo .point').length,
        scatter: document.querySelectorAll('#scatter .scatterlayer .point').length,
        bar: document.querySelectorAll('#bar .barlayer .point').length,
        heatmap: document.querySelectorAll('#heatmap .hm image').length,
    })""")
    assert counts["choropleth"] == 5  # one shape per location, from the base map's topojson
    assert counts["coastlines"] >= 1  # the base map itself is drawn
    assert counts["scattergeo"] == 3 and counts["scatter"] == 3 and counts["bar"] == 2 and counts["heatmap"] == 1


@pytest.mark.browser
def test_bundle_draws_every_trace_type_in_chromium(browser, assets_server):
    page, context, problems, requests = open_page(browser, assets_server)
    try:
        assert_all_drawn(page)
        # Exposed as plotly.min.js exposes itself: window.Plotly, this plotly.js version, these trace types.
        assert page.evaluate("typeof window.Plotly.newPlot") == "function"
        assert page.evaluate("Plotly.version") == provenance()["plotly_js"]["version"]
        traces = page.evaluate("Object.keys(Plotly.PlotSchema.get().traces).sort()")
        assert traces == sorted(provenance()["traces"])
        # The base map came from the local topojson (config topojsonURL), nothing from any other host.
        assert assets_server + "/topojson/world_110m.json" in requests
        outside = [
            u
            for u in requests
            if urlsplit(u).netloc != urlsplit(assets_server).netloc and urlsplit(u).scheme in ("http", "https")
        ]
        assert not outside, outside
        # Images: Plotly.toImage (what the modebar camera calls) and Plotly.downloadImage.
        for div in ("choropleth", "heatmap", "bar"):
            url = page.evaluate(f"Plotly.toImage('{div}', {{format: 'png', width: 300, height: 200}})")
            assert url.startswith("data:image/png;base64,") and len(url) > 1000
        assert page.evaluate("Plotly.toImage('scatter', {format: 'svg'})").startswith("data:image/svg+xml,")
        with page.expect_download() as download:
            page.evaluate("Plotly.downloadImage('bar', {format: 'png', filename: 'bar', width: 300, height: 200})")
        assert download.value.suggested_filename == "bar.png"
        page.hover("#bar .nsewdrag")  # the modebar shows on hover; its camera downloads a PNG
        with page.expect_download() as download:
            page.click("#bar .modebar-btn[data-title='Download plot as a PNG']")
        assert download.value.suggested_filename.endswith(".png")
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.browser
def test_bundle_uses_plotly_geo_assets_without_fetching(browser, assets_server):
    """window.PlotlyGeoAssets, as the standalone HTML exports set it, replaces the download of the base map."""
    topo = (ASSETS / "topojson" / "world_110m.json").read_text(encoding="utf-8")
    preamble = f'<script>window.PlotlyGeoAssets = {{topojson: {{"world_110m": {topo}}}}};</script>'
    page, context, problems, requests = open_page(browser, assets_server, preamble=preamble, topojson_url='"/nowhere/"')
    try:
        assert_all_drawn(page)
        assert not [u for u in requests if "topojson" in u or "nowhere" in u], requests
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.browser
def test_bundle_draws_the_atlas_figures(browser, assets_server, atlas):
    """The real figures (map with its shapes, timeline, matrices, profile) draw with this bundle, without errors."""
    from plotly.utils import PlotlyJSONEncoder

    figures = json.dumps(figures_the_atlas_draws(atlas), cls=PlotlyJSONEncoder)
    page, context, problems, _ = open_page(browser, assets_server)
    try:
        # Fetched by the page rather than passed as an argument: Playwright's argument passing is slow on 1 MB.
        page.route(
            assets_server + "/atlas-figures.json",
            lambda route: route.fulfill(body=figures, content_type="application/json"),
        )
        drawn = page.evaluate("""async () => {
            const figures = await (await fetch('/atlas-figures.json')).json();
            const out = [];
            for (const [i, fig] of figures.entries()) {
                const div = document.createElement('div');
                div.id = 'atlas-' + i;
                div.style.width = '900px';
                document.body.appendChild(div);
                await Plotly.newPlot(div, fig.data, fig.layout, {topojsonURL: '/topojson/'});
                out.push({types: [...new Set(div._fullData.map(t => t.type))].sort(),
                          shapes: div.querySelectorAll('.choroplethlocation').length,
                          svg: div.querySelectorAll('.main-svg').length});
            }
            return out;
        }""")
        for fig in drawn:
            assert fig["svg"] >= 1
            if "choropleth" in fig["types"]:
                assert fig["shapes"] > 100  # the world's states, from the figure's own shapes
        assert {t for fig in drawn for t in fig["types"]} == {"choropleth", "scattergeo", "scatter", "bar", "heatmap"}
        assert not problems, problems
    finally:
        context.close()


# ---- served instead of the full plotly.js ------------------------------------------------------------------------
def test_dash_still_registers_plotly_js_where_the_app_overrides_it():
    """AtlasDash overrides Dash's private _setup_plotlyjs (dash.py): if Dash renames or stops calling it, the
    override silently does nothing and dcc.Graph loads the full plotly.min.js again."""
    import inspect

    from dash import Dash

    from dashboard.web.app import AtlasDash

    assert "self._setup_plotlyjs()" in inspect.getsource(Dash), "Dash no longer calls _setup_plotlyjs: re-check app.py"
    assert "plotly.min.js" in inspect.getsource(Dash._setup_plotlyjs)
    assert AtlasDash._setup_plotlyjs is not Dash._setup_plotlyjs


def test_every_page_links_the_bundle_and_never_the_full_plotly_js(client):
    for path in ("/map", "/timeline", "/mandates", "/about"):
        page = client.get(path).data.decode()
        scripts = re.findall(r'<script src="([^"]+)"', page)
        ours = [i for i, s in enumerate(scripts) if urlsplit(s).path == "/assets/vendor/plotly-atlas.min.js"]
        renderer = [i for i, s in enumerate(scripts) if "dash_renderer" in s]
        assert len(ours) == 1 and ours[0] < renderer[0], scripts  # window.Plotly exists before any graph renders
        assert not [s for s in scripts if "plotly.min.js" in s or "package_data" in s], scripts
    assert client.get("/assets/vendor/plotly-atlas.min.js").data == BUNDLE.read_bytes()
    # dcc.Graph's fallback URL for the full bundle is not even served
    assert client.get("/_dash-component-suites/plotly/package_data/plotly.min.js").status_code == 404
