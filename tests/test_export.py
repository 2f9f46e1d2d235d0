"""Exports and embeds: the caption builder and parameter checks (unit), then every endpoint and format (app)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import struct
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from dashboard.config import PLOTLY_BUNDLE
from dashboard.export import caption as cap
from dashboard.export import embed, formats, params
from dashboard.export.renderer import Renderer, set_renderer
from dashboard.views.registry import chart_views
from dashboard.viewstate import Catalog, ViewState, parse_view
from dashboard.web.pages.export_controls import export_links, graph_config
from tests.helpers import members_in_year

TODAY = dt.date(2026, 11, 30)
ROOT = "http://atlas.example/"
# Views with a page module in the tree; each must then be registered and export in every format.
CHART_VIEWS = list(chart_views())
EXAMPLE = {
    "map": "process=puebla&year=2000",
    "timeline": "issue=asylum",
    "mandates": "org=ilo,unhcr,iom",
    "overlaps": "year=2006&region=Europe-Asia,Europe",
}


class _Loads(HTMLParser):
    """Every URL an HTML document makes the browser load (scripts, styles, images, frames...), not links."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for attr in ("src", "srcset", "data", "poster"):
            if a.get(attr):
                self.urls.append(a[attr])
        if tag == "link" and a.get("href"):
            self.urls.append(a["href"])


def outside_loads(document: str) -> list[str]:
    parser = _Loads()
    parser.feed(document)
    # data: URIs carry their bytes inline (the embed's empty icon): they load nothing from anywhere.
    return [u for u in parser.urls if urlsplit(u).scheme not in ("", "data") or u.startswith("//")]


@pytest.fixture(scope="module")
def pages():
    """The export functions read the registry of views, which needs no app."""
    return chart_views()


# ---- unit: captions -----------------------------------------------------------------------------------------


def test_filters_in_words_map(tiny_atlas, pages):
    state = ViewState(year=1995, issues=("asylum",))
    assert cap.describe_filters(tiny_atlas, state) == "Members and observers, 1995, issue: Asylum"
    state = ViewState(processes=("p-one", "p-two"), role="observer", country="DEU", layers=("processes", "agreements"))
    assert (
        cap.describe_filters(tiny_atlas, state)
        == "Observers, 2002, processes: P1, P2, country: Germany, with bilateral agreements"
    )
    # agreements alone have parties, not members: the line does not say whom it counts
    alone = ViewState(year=1970, layers=("agreements",))
    assert cap.describe_filters(tiny_atlas, alone) == "1970, with bilateral agreements"


def test_filters_in_words_other_views_say_only_what_is_set(tiny_atlas, pages):
    assert cap.describe_filters(tiny_atlas, ViewState(view="mandates", orgs=("org1",))) == "Organisation: O1"
    assert cap.describe_filters(tiny_atlas, ViewState(view="timeline")) == "All data"


def test_filters_in_words_summarise_long_lists(atlas, pages):
    many = tuple(list(atlas.process_by_id)[:6])
    assert (
        cap.describe_filters(atlas, ViewState(processes=many, year=2000))
        == "Members and observers, 2000, processes: 6 selected"
    )


@pytest.mark.parametrize(
    "publisher, short",
    [
        ("International Organization for Migration (IOM)", "IOM"),
        ("ICMPD", "ICMPD"),
        ("piglix (Wikipedia mirror)", "piglix"),
        ("Rabat Process (Euro-African Dialogue on Migration and Development)", "Rabat Process"),
    ],
)
def test_short_publisher(publisher, short):
    assert cap.short_publisher(publisher) == short


def test_source_line_names_the_publishers_behind_the_rows(tiny_atlas, atlas):
    rows = [{"source_title": "Test source", "source_url": "https://example.org/s1"}]
    assert cap.source_line(tiny_atlas, rows) == "Source: Migration Governance Atlas; data from Test publisher"
    # nothing shown: no publisher is credited for it (the Berne map once credited "205 more")
    assert cap.source_line(atlas, []) == "Source: Migration Governance Atlas; data from its editors"


def test_source_line_names_primary_publishers_first(atlas):
    def row(source_id):
        src = atlas.source_by_id[source_id]
        return {"source_title": src["title"], "source_url": src["url"]}

    mirror, primary = "add-declaration-2008", "iom-add-2008-preview"
    assert atlas.source_by_id[mirror]["kind"] == "mirror" and atlas.source_by_id[primary]["kind"] == "primary"
    line = cap.source_line(atlas, [row(mirror), row(mirror), row(primary)])
    assert line.index("International Organization for Migration") < line.index("Abu Dhabi Dialogue ministers")


def test_caption_for_a_map_state(tiny_atlas, pages):
    state, _ = parse_view("process=p-one&year=2000&width=800", Catalog.from_atlas(tiny_atlas), view="map")
    caption = cap.make_caption(tiny_atlas, state, root=ROOT, today=TODAY)
    assert caption == cap.Caption(
        title="Process One (P1): members and observers, 2000",
        filters="Members and observers, 2000, process: P1",
        source="Source: Migration Governance Atlas; data from Test publisher",
        permalink="http://atlas.example/map?process=p-one&year=2000",
        date="30 November 2026",  # the date in words of the caption's language (Babel)
        description=caption.description,
    )
    assert caption.description.startswith("Process One (P1), 2000: ")


def test_captioned_figure_draws_every_part_and_leaves_the_original_alone(tiny_atlas, pages):
    caption = cap.Caption(
        "T <b>",
        "Members, 2000",
        "Source: Migration Governance Atlas; data from X",
        ROOT + "map?year=2000",
        "2026-11-30",
    )
    figure = {"data": [{"type": "scatter"}], "layout": {"title": {"text": "T"}, "margin": {"t": 40, "b": 0}}}
    out = cap.captioned_figure(figure, caption, "light", width=1920)
    texts = [a["text"] for a in out["layout"]["annotations"]]
    assert texts[0] == "Source: Migration Governance Atlas; data from X · Exported\u00a02026-11-30"
    assert texts[1] == '<a href="http://atlas.example/map?year=2000">http://atlas.example/map?year=2000</a>'
    assert out["layout"]["title"]["subtitle"]["text"] == "Members, 2000"
    assert out["layout"]["margin"]["b"] > 0 and out["data"] is figure["data"]
    assert figure["layout"] == {"title": {"text": "T"}, "margin": {"t": 40, "b": 0}}
    untitled = cap.captioned_figure({"data": [], "layout": {}}, caption, "slide", width=400)
    assert untitled["layout"]["title"]["text"] == "T &lt;b&gt;"  # data text stays text
    assert all(len(line) <= 40 for line in untitled["layout"]["annotations"][0]["text"].split("<br>"))


def test_caption_lines_break_between_words_and_keep_the_date_whole(pages):
    publishers = "International Centre for Migration Policy Development, Intergovernmental-Consultations-Secretariat"
    caption = cap.Caption(
        "T", "F", f"Source: Migration Governance Atlas; data from {publishers}", ROOT + "map", "2 December 2026"
    )
    for width in (400, 640, 1280, 1920):
        lines = cap.captioned_figure({"data": [], "layout": {}}, caption, "light", width=width)["layout"]
        lines = lines["annotations"][0]["text"].split("<br>")
        words = caption.source.split() + ["·", "Exported\u00a02\u00a0December\u00a02026"]
        assert [w for line in lines for w in line.split(" ")] == words, (width, lines)  # no word cut in two
        assert sum("Exported\u00a02\u00a0December\u00a02026" in line for line in lines) == 1


# ---- unit: parameters ---------------------------------------------------------------------------------------


def test_size_defaults_and_bounds():
    assert params.check_size() == (1920, 1080, 1)
    assert params.check_size("200", "4000", "2.5") == (200, 4000, 2.5)


@pytest.mark.parametrize(
    "width, height, scale, param, allowed",
    [
        ("199", None, None, "width", "from 200 to 4000"),
        (None, "4001", None, "height", "from 200 to 4000"),
        ("wide", None, None, "width", "whole number from 200 to 4000"),
        (None, None, "4", "scale", "from 1 to 3"),
        (None, None, "0.5", "scale", "from 1 to 3"),
    ],
)
def test_size_errors_name_the_parameter_and_the_range(width, height, scale, param, allowed):
    with pytest.raises(params.ExportError) as err:
        params.check_size(width, height, scale)
    assert err.value.parameter == param and f"'{param}'" in str(err.value) and allowed in str(err.value)


def test_view_and_format_checks(pages):
    assert params.split_export_name("map.png") == ("map", "png")
    assert params.split_export_name("map.MP4") == ("map", "mp4")  # films are of the map only
    for name, param in (
        ("atlantis.png", "view"),
        ("about.csv", "view"),
        ("timeline.gif", "format"),
        ("map.webm", "format"),
        ("map", "format"),
    ):
        with pytest.raises(params.ExportError) as err:
            params.split_export_name(name)
        assert err.value.parameter == param
    assert params.split_address("/embed/map?year=2000") == ("map", "year=2000")
    assert params.split_address("http://h/map?process=puebla") == ("map", "process=puebla")


def test_plan_export_by_extension_and_count(tmp_path):
    assert params.plan_export(["map"], tmp_path / "a.PNG") == "png"
    assert params.plan_export(["map"] * 30, tmp_path / "deck.pptx") == "pptx"
    assert params.plan_export(["map"], tmp_path / "film.mp4") == "mp4"
    for views, name, message in (
        (["map"], "a.webm", "use one of .png"),
        (["map", "map"], "a.svg", "a .svg file takes one view"),
        (["map"] * 31, "d.pptx", "at most 30 views"),
    ):
        with pytest.raises(params.ExportError, match=message):
            params.plan_export(views, tmp_path / name)


def test_export_control_links():
    state = ViewState(processes=("puebla",), year=2000)
    links = export_links(state, "png", "1280x720", None, None, 2, False, "http://atlas.example/")
    assert links["href"] == "/export/map.png?process=puebla&year=2000&width=1280&height=720&scale=2"
    assert links["link"] == "http://atlas.example/map?process=puebla&year=2000"
    assert links["embed"].startswith('<iframe src="http://atlas.example/embed/map?process=puebla&amp;year=2000"')
    custom = export_links(state, "svg", "custom", 9999, 100, 7, True, "")
    assert custom["href"].endswith("theme=slide&width=4000&height=200&scale=3")
    assert export_links(ViewState(), "csv", "1920x1080", None, None, 1, False, "")["href"] == "/export/map.csv"
    assert graph_config("map")["toImageButtonOptions"]["width"] == 1920
    assert graph_config("map")["toImageButtonOptions"]["filename"] == "migration-atlas-map"
    assert graph_config("map", state)["toImageButtonOptions"]["filename"] == "puebla-2000-map"
    assert links["filename"] == "puebla-2000-map.png"


def test_file_names_say_the_view():
    # Every map download was 'migration-atlas-map-<date>.png', whatever it showed (issue 12).
    name = cap.export_filename
    assert name("map", "png", state=ViewState(processes=("budapest",), year=1995)) == "budapest-1995-map.png"
    assert name("map", "svg", state=ViewState(processes=("budapest",), year=2006, compare=1995)) == (
        "budapest-1995-2006-map.svg"
    )
    assert name("timeline", "pdf", state=ViewState(view="timeline", issues=("asylum",))) == "asylum-timeline.pdf"
    assert name("mandates", "csv", state=ViewState(view="mandates", orgs=("ilo", "unhcr", "iom"))) == (
        "ilo-unhcr-iom-mandates.csv"
    )
    many = ViewState(processes=("a", "b", "c", "d", "e"), year=2016, layers=("processes", "agreements"))
    assert name("map", "png", state=many) == "5-processes-agreements-2016-map.png"
    assert name("overlaps", "png", state=ViewState(view="overlaps")) == "migration-atlas-overlaps.png"


def test_csv_of_no_rows_is_a_header():
    assert formats.rows_to_csv([]) == "source_title,source_url\n"


# ---- app: endpoints -------------------------------------------------------------------------------------------


def test_csv_is_exactly_the_rows_the_map_shows(client, atlas, pages):
    response = client.get("/export/map.csv?process=puebla&year=2000")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(response.data.decode())))
    states = [r for r in rows if r["layer"] == "processes"]
    assert len(states) == 16 and sum(r["role"] == "member" for r in rows) == 11
    assert not [r for r in rows if r["layer"] == "counts"]  # the 2000 meeting names its participants
    assert list(rows[0]) == [
        "layer",
        "year",
        "iso3",
        "country",
        "partner_iso3",
        "partner",
        "process_id",
        "process",
        "role",
        "since",
        "since_basis",
        "basis",
        "basis_words",
        "until",
        "source_title",
        "source_url",
        "source_kind",
        "note",
    ]
    assert {r["since_basis"] for r in states} == {"joined", "confirmed"}  # old links and readers keep working
    assert {r["basis"] for r in states} == {"founding", "attended"}
    assert all(r["source_title"] and r["source_url"].startswith("http") for r in rows)
    assert {(r["iso3"], r["role"]) for r in rows} == members_in_year("puebla", 2000)


def test_csv_of_a_count_without_names_says_it_with_its_source(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/export/map.csv?process=hld-2006&year=2006").data.decode())))
    counts = [r for r in rows if r["layer"] == "counts"]
    assert [(r["layer"], r["role"], r["iso3"], r["since"]) for r in counts] == [("counts", "count", "", "2006")]
    assert "took part" in counts[0]["note"] and counts[0]["source_url"].startswith("http")
    # the other rows: all UN member states of 2006 as eligible (HLD 2006 was open to them all), none a member
    assert {r["role"] for r in rows if r["layer"] == "processes"} == {"eligible"}


def test_csv_with_the_agreements_layer_lists_the_agreements(client):
    rows = list(csv.DictReader(io.StringIO(client.get("/export/map.csv?year=1965&layer=agreements").data.decode())))
    assert rows and all(r["layer"] == "agreements" for r in rows)
    turkey = next(r for r in rows if r["process_id"] == "deu-tur-1961")
    assert (turkey["country"], turkey["partner"], turkey["since"], turkey["until"]) == (
        "Germany",
        "Türkiye",
        "1961",
        "1973",
    )
    both = list(
        csv.DictReader(io.StringIO(client.get("/export/map.csv?year=1965&layer=processes,agreements").data.decode()))
    )
    assert {r["layer"] for r in both} == {"agreements"}  # no process existed in 1965; the agreements are still there


def test_html_export_of_a_map_shows_its_notices_under_the_chart(client):
    """The map's screen figure leaves its notices to the text under it; the HTML export shows them there too."""
    page = client.get("/export/map.html?process=budapest&year=1995").data.decode()
    shown = page.split('<ul class="notes" aria-hidden="true">')[1].split("</ul>")[0]
    assert "33 countries took part" in shown and "<li>" in shown
    assert "#chart{flex:1" in page  # the chart takes what the notes leave of the window
    plain = client.get("/export/timeline.html?kind=regional").data.decode()
    assert 'class="notes"' not in plain  # the timeline draws its own notes


def test_html_export_is_self_contained_and_captioned(client):
    response = client.get("/export/map.html?process=puebla&year=2000&issue=asylum")
    assert response.status_code == 200 and response.mimetype == "text/html"
    page = response.data.decode()
    config = json.loads(page.split('<script type="application/json" id="config">')[1].split("</script>")[0])
    assert outside_loads(page) == [] and "topojsonURL" not in config and "window.PlotlyGeoAssets" in page
    assert page.index("window.PlotlyGeoAssets") < page.index("* plotly.js (atlas")  # the base map comes before plotly
    assert formats.plotly_bundle_js() in page  # the atlas's partial plotly.js, not the full one (4.7 MB)
    assert len(response.data) < 2 * 1024 * 1024, f"HTML export is {len(response.data)} bytes"
    for text in (
        "Regional Conference on Migration (RCM; Puebla Process): members and observers, 2000",
        'aria-describedby="description"><div id="chart"></div>',
        '<p id="description">Regional Conference on Migration (RCM; Puebla Process), 2000: ',
        "Members and observers, 2000, process: RCM, issue: Asylum and refugee protection",
        "Source: Migration Governance Atlas; data from",
        "http://localhost/map?process=puebla",
    ):
        assert text in page


def test_embed_is_the_chart_with_title_source_and_link_back(client):
    response = client.get("/embed/map?process=puebla&year=2000&process=nowhere")
    assert response.status_code == 200
    page = response.data.decode()
    assert outside_loads(page) == []
    assert (
        '<h1 id="title">Regional Conference on Migration (RCM; Puebla Process): members and observers, 2000</h1>'
        in page
    )
    # For screen readers: the figure is named by the title and described in words, with its legend, and the
    # rows are a table away (the drawing itself is hidden from them once drawn).
    assert '<figure aria-labelledby="title" aria-describedby="description">' in page
    assert (
        '<p id="description">Regional Conference on Migration (RCM; Puebla Process), 2000: 11 member states and 5 '
        in page
    )
    assert "<li>Observer (◇ marker)</li>" in page and "aria-hidden" in embed.EMBED_SCRIPT
    assert "<summary>Data table (16 rows)</summary>" in page and "<td>Mexico</td>" in page
    assert 'href="http://localhost/export/map.csv?process=puebla&amp;year=2000"' in page
    assert 'class="permalink" href="http://localhost/map?process=puebla&amp;year=2000"' in page
    assert "Source: Migration Governance Atlas; data from" in page
    assert '<script src="/_atlas/plotly-atlas.min.js">' in page
    bundle = PLOTLY_BUNDLE.read_bytes()
    for path in ("/_atlas/plotly-atlas.min.js", "/_atlas/plotly.min.js"):  # the old path too, for cached pages
        served = client.get(path)
        assert served.status_code == 200 and served.data == bundle  # the partial bundle, never the full one


@pytest.mark.parametrize(
    "url, param, message",
    [
        ("/export/atlantis.png", "view", "Unknown view 'atlantis': choose one of map"),
        ("/export/about.png", "view", "Unknown view 'about'"),
        ("/export/timeline.gif", "format", "choose one of png, svg, pdf, html, csv"),
        ("/export/map.bmp", "format", "choose one of png, svg, pdf, html, csv, gif, mp4"),
        ("/export/map?year=2000", "format", "Unknown format ''"),
        ("/export/map.png?width=100", "width", "'width' must be a whole number from 200 to 4000 (found '100')"),
        ("/export/map.png?height=9000", "height", "'height' must be a whole number from 200 to 4000"),
        ("/export/map.png?scale=5", "scale", "'scale' must be a number from 1 to 3 (found '5')"),
        ("/export/map.svg?width=wide", "width", "(found 'wide')"),
    ],
)
def test_bad_requests_get_400_saying_what_is_allowed(client, url, param, message):
    response = client.get(url)
    assert response.status_code == 400
    assert message in response.data.decode() and response.headers["X-Atlas-Parameter"] == param


def test_embed_of_unknown_view_is_400(client):
    response = client.get("/embed/atlantis")
    assert response.status_code == 400 and "Unknown view 'atlantis'" in response.data.decode()


def test_missing_renderer_is_503_not_500(client):
    previous = set_renderer(Renderer(browser_path="/nonexistent/chromium", timeout=20))
    try:
        response = client.get("/export/map.png?process=puebla")
    finally:
        set_renderer(previous)
    assert response.status_code == 503
    assert "chart renderer" in response.data.decode() and "BROWSER_PATH" in response.data.decode()
    assert client.get("/export/map.csv?process=puebla").status_code == 200


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_png_has_the_asked_size(client, renderer):
    response = client.get("/export/map.png?process=budapest&year=1995&width=640&height=360&scale=2")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert _png_size(response.data) == (1280, 720)
    assert 'filename="budapest-1995-map.png"' in response.headers["Content-Disposition"]


def test_svg_parses_and_carries_the_caption(client, renderer):
    response = client.get("/export/map.svg?process=budapest&year=1995&issue=asylum")
    assert response.status_code == 200
    root = ET.fromstring(response.data)
    assert root.tag.endswith("svg") and root.get("width") == "1920" and root.get("height") == "1080"
    text = " ".join("".join(el.itertext()) for el in root.iter() if el.tag.endswith("text"))
    for part in (
        "Budapest Process: members and observers, 1995",
        "Members and observers, 1995, process: Budapest",
        "Source: Migration Governance Atlas; data from",
        "http://localhost/map?process=budapest",
        "Exported\u00a0",  # the date held together by no-break spaces
    ):
        assert part in text


def test_pdf_is_a_pdf(client, renderer):
    response = client.get("/export/map.pdf?process=puebla&width=1280&height=720")
    assert response.status_code == 200 and response.data[:5] == b"%PDF-" and response.mimetype == "application/pdf"


@pytest.mark.parametrize("view", CHART_VIEWS)
def test_every_view_exports_in_every_format(client, renderer, view):
    query = EXAMPLE[view]
    assert view in params.export_views()
    rows = list(csv.DictReader(io.StringIO(client.get(f"/export/{view}.csv?{query}").data.decode())))
    assert rows and {"source_title", "source_url"} <= set(rows[0]) and all(r["source_url"] for r in rows)
    page = client.get(f"/export/{view}.html?{query}").data.decode()
    assert outside_loads(page) == [] and "Source: Migration Governance Atlas" in page
    assert client.get(f"/embed/{view}?{query}").status_code == 200
    svg = client.get(f"/export/{view}.svg?{query}&width=1280&height=720")
    assert svg.status_code == 200 and ET.fromstring(svg.data).get("width") == "1280"
    assert f"/{view}?" in svg.data.decode()  # the permalink is drawn in


@pytest.mark.parametrize("garbage", [None, float("nan"), float("inf"), [1, 2], {"a": 1}, "wide", 10**20, True])
def test_export_control_survives_garbage(garbage):
    links = export_links(ViewState(), garbage, garbage, garbage, garbage, garbage, garbage, "")
    assert links["href"].startswith("/export/map.") and links["embed"].startswith("<iframe")


class _FakeKaleido:
    """Stands in for the browser: records how many renders overlap; `delay` seconds per render."""

    def __init__(self, delay: float):
        self.delay, self.active, self.peak = delay, 0, 0

    async def calc_fig(self, figure, opts, topojson=None):
        import asyncio

        self.active += 1
        self.peak = max(self.peak, self.active)
        await asyncio.sleep(self.delay)
        self.active -= 1
        return opts["format"].encode()

    async def close(self):
        return None


class _FakeRenderer(Renderer):
    def __init__(self, delay: float, timeout: float):
        super().__init__(timeout=timeout)
        self.delay, self.starts, self.fakes = delay, 0, []

    def _start(self):
        import asyncio
        import threading

        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, daemon=True).start()
        self._kaleido = _FakeKaleido(self.delay)
        self.fakes.append(self._kaleido)
        self.starts += 1


def test_renders_are_serialised_on_one_browser():
    from concurrent.futures import ThreadPoolExecutor

    r = _FakeRenderer(delay=0.05, timeout=10)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda fmt: r.render({}, fmt, 800, 600), ["png", "svg", "pdf", "png"]))
    r.close()
    assert results == [b"png", b"svg", b"pdf", b"png"]
    assert (r.starts, r.renders, r.fakes[0].peak) == (1, 4, 1)


def test_a_slow_render_times_out_and_the_next_gets_a_fresh_browser():
    from dashboard.export.renderer import RenderTimeout

    r = _FakeRenderer(delay=5, timeout=0.3)
    with pytest.raises(RenderTimeout, match="did not finish within"):
        r.render({}, "png", 800, 600)
    r.delay = 0
    assert r.render({}, "svg", 800, 600) == b"svg" and r.starts == 2
    r.close()


def test_renderer_draws_with_the_atlas_bundle(renderer):
    """Images are drawn by the same partial plotly.js as the app: a trace type it lacks (sankey) is not drawn."""
    from dashboard.export.renderer import PLOTLY_JS_URI

    assert PLOTLY_JS_URI == PLOTLY_BUNDLE.as_uri()
    figure = {
        "data": [
            {"type": "sankey", "node": {"label": ["a", "b"]}, "link": {"source": [0], "target": [1], "value": [1]}},
            {"type": "bar", "x": [1, 2], "y": [2, 1]},
        ],
        "layout": {},
    }
    svg = renderer.render(figure, "svg", 400, 300).decode()
    assert "bars" in svg  # the bundle's bar trace is drawn
    assert "sankey" not in svg  # the full plotly.min.js would draw a sankey here
