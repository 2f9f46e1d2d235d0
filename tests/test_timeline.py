"""The timeline: lanes, bars, points, era shading, the filters, packing without overlap, and the link to the map."""

from __future__ import annotations

import json

import pytest
from dash import no_update
from plotly.utils import PlotlyJSONEncoder

from dashboard.data.atlas import load_atlas
from dashboard.views import timeline as timeline_view
from dashboard.views.figures.timeline import make_timeline_figure
from dashboard.views.figures.timeline_layout import extent, pack_rows, row_span, years_per_char
from dashboard.views.timeline_items import abbreviate, build_items, drawn_items, is_process, select_items
from dashboard.viewstate import Catalog, ViewState
from dashboard.web import ids
from dashboard.web.pages import timeline as page
from dashboard.web.pages import timeline_panels as panels
from tests.dash_client import DashClient
from tests.helpers import raw_rows, tiny_tables, write_package

KIB = 1024


def tl(**kw) -> ViewState:
    return ViewState(view="timeline", **kw)


def trace(fig, name: str) -> dict:
    return next(t for t in fig["data"] if t["name"] == name)


def shown_labels(fig) -> list[str]:
    labels = trace(fig, "labels")
    return [text for text, y in zip(labels["text"], labels["y"]) if y is not None]


@pytest.fixture(scope="module")
def eras_atlas(tmp_path_factory):
    """The tiny atlas with two eras, one with markup in its label: shading and labels come from the data."""
    tables = tiny_tables()
    tables["eras"] = [
        {
            "id": "a",
            "label": "Early <i>days</i>",
            "start_year": "1945",
            "end_year": "1979",
            "description": "d",
            "source_id": "s1",
        },
        {"id": "b", "label": "Late", "start_year": "1980", "end_year": "", "description": "d", "source_id": "s1"},
    ]
    return load_atlas(write_package(tmp_path_factory.mktemp("eras"), tables))


# ---- the figure on the tiny atlas --------------------------------------------------------------------


def test_one_lane_per_kind_in_order(tiny_atlas):
    fig = make_timeline_figure(tiny_atlas, tl())
    # lane names on two short lines: the lane column stays narrow enough for the chart to fit a 1280-px screen
    assert fig["layout"]["yaxis"]["ticktext"] == [
        "Bilateral<br>agreements",
        "Regional<br>processes",
        "Interregional and<br>global processes",
        "Organisations",
        "Milestones",
    ]
    ticks = fig["layout"]["yaxis"]["tickvals"]
    assert ticks == sorted(ticks)  # top to bottom (the axis is reversed)


def test_processes_are_bars_from_founding_to_end_or_today(tiny_atlas):
    last = tiny_atlas.year_range[1]
    fig = make_timeline_figure(tiny_atlas, tl())
    regional, interregional = trace(fig, "Regional processes"), trace(fig, "Interregional processes")
    assert regional["customdata"] == ["process:p-one"]
    assert (regional["base"], regional["x"]) == ([1990], [last + 1 - 1990])  # still running: to today
    assert (interregional["base"], interregional["x"]) == ([1995], [11])  # 1995 to 2005 inclusive
    assert "1995–2005" in interregional["hovertext"][0]


def test_milestones_are_points_at_adoption_and_entry_into_force(tiny_atlas):
    fig = make_timeline_figure(tiny_atlas, tl())
    assert trace(fig, "Milestone adopted")["x"] == [1951.5]
    assert trace(fig, "In force")["x"] == [1954.5]
    assert trace(fig, "recruitment agreement")["x"] == [1968.5]
    assert trace(fig, "Organisations")["x"] == [1951.5]


def test_hover_gives_dates_members_and_issue_areas(tiny_atlas):
    fig = make_timeline_figure(tiny_atlas, tl())
    hover = trace(fig, "Regional processes")["hovertext"][0]
    assert hover.startswith("<b>Process One (P1)</b><br>1990–today")  # the name and its acronym
    assert "2 members, 1 observers in 2000" in hover  # members_known_through 2000: DEU, RUS; FRA observes
    assert "Issue areas: Asylum" in hover
    agreement = trace(fig, "recruitment agreement")["hovertext"][0]
    assert "Signed 1968; in force until 1973" in agreement and "Germany – Yugoslavia" in agreement


def test_agreements_get_one_row_per_recruiting_state_with_its_name(tiny_atlas):
    fig = make_timeline_figure(tiny_atlas, tl())
    assert "Germany (1)" in shown_labels(fig)


def test_era_shading_and_labels_come_from_the_data(eras_atlas):
    last = eras_atlas.year_range[1]
    fig = make_timeline_figure(eras_atlas, tl())
    rects = [s for s in fig["layout"]["shapes"] if s["type"] == "rect"]
    assert [(r["x0"], r["x1"]) for r in rects] == [(1945, 1980), (1980, last + 1)]  # open end: to today
    assert rects[0]["fillcolor"] != rects[1]["fillcolor"]
    labels = [a["text"] for a in fig["layout"]["annotations"] if a.get("yref") == "paper" and a.get("xref") == "x"]
    assert labels == ["<b>Early &lt;i&gt;days&lt;/i&gt;</b>", "<b>Late</b>"]  # text, never markup


def test_issue_filter_hides_what_is_not_about_the_issue(tiny_atlas):
    fig = make_timeline_figure(tiny_atlas, tl(issues=("trafficking-smuggling",)))
    assert fig["layout"]["yaxis"]["ticktext"] == ["Interregional and<br>global processes"]
    assert shown_labels(fig) == ["P2"]
    assert "Trafficking" in fig["layout"]["title"]["text"]


def test_keep_hidden_keeps_every_item_with_no_position(tiny_atlas):
    """The page's form of the figure: all items present, those filtered out at y = None (so filters patch y)."""
    fig = make_timeline_figure(tiny_atlas, tl(issues=("asylum",)), keep_hidden=True)
    bars = trace(fig, "Interregional processes")
    assert bars["customdata"] == ["process:p-two"] and bars["y"] == [None]
    assert trace(fig, "Regional processes")["y"][0] is not None
    assert shown_labels(fig) == ["P1", "O1", "Convention"]


def test_kind_and_region_filters(tiny_atlas):
    assert shown_labels(make_timeline_figure(tiny_atlas, tl(kinds=("milestone", "regional")))) == ["P1", "Convention"]
    # Regions belong to processes: other lanes stay.
    labels = shown_labels(make_timeline_figure(tiny_atlas, tl(regions=("Europe-Asia",))))
    assert "P2" in labels and "P1" not in labels and "O1" in labels


def test_nothing_matches_says_so(tiny_atlas):
    fig = make_timeline_figure(tiny_atlas, tl(kinds=("global",)))
    assert any(a["text"] == "Nothing matches these filters." for a in fig["layout"]["annotations"])


def test_year_cursor_is_drawn(tiny_atlas):
    fig = make_timeline_figure(tiny_atlas, tl(year=1970))
    assert any(s["type"] == "line" and s["x0"] == 1970.5 for s in fig["layout"]["shapes"])


def test_slide_theme_is_larger(tiny_atlas):
    light, slide = make_timeline_figure(tiny_atlas, tl()), make_timeline_figure(tiny_atlas, tl(theme="slide"))
    assert trace(slide, "labels")["textfont"]["size"] > trace(light, "labels")["textfont"]["size"]
    assert slide["layout"]["height"] > light["layout"]["height"]


# ---- the real data -----------------------------------------------------------------------------------


@pytest.mark.parametrize("theme", ["light", "slide"])
def test_labels_never_overlap_in_a_row(atlas, theme):
    first, last = atlas.year_range
    items = [i for i in build_items(atlas) if i.start is not None and i.lane != "bilateral"]
    char_years = years_per_char(theme, first, last)
    rows = pack_rows(items, first, last, char_years)
    cells: dict[tuple, list] = {}
    for i in items:  # a label on several lines takes as many rows
        for row in range(rows[i.key], rows[i.key] + row_span(i, first, last, char_years)):
            cells.setdefault((i.lane, row), []).append(extent(i, first, last, char_years))
    for spans in cells.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), spans


def test_successor_is_linked(atlas):
    fig = make_timeline_figure(atlas, tl())
    arrows = [a for a in fig["layout"]["annotations"] if a.get("showarrow")]
    assert [a["hovertext"] for a in arrows] == [
        "UN General Assembly High-Level Dialogue on International Migration and Development (HLD 2006) continued as "
        "Global Forum on Migration and Development (GFMD)"
    ]


def test_trafficking_shows_palermo_and_bali_not_colombo(atlas):
    labels = shown_labels(make_timeline_figure(atlas, tl(issues=("trafficking-smuggling",))))
    assert "Bali Process" in labels and "Colombo Process" not in labels
    assert sum("(Palermo)" in label for label in labels) == 2


def test_items_before_1945_are_drawn_at_the_start_with_their_year(atlas):
    labels = shown_labels(make_timeline_figure(atlas, tl(kinds=("organisation",))))
    assert "ILO (1919)" in labels and "World Bank (1944)" in labels


def test_organisation_without_founding_year_is_named_not_placed(atlas):
    fig = make_timeline_figure(atlas, tl(kinds=("organisation",)))
    assert any("UN DESA" in a["text"] for a in fig["layout"]["annotations"])


def test_the_not_placed_note_sits_under_the_legend_not_on_it(atlas):
    fig = make_timeline_figure(atlas, tl())  # every kind: the legend takes two rows at the page's width
    note = next(a for a in fig["layout"]["annotations"] if "UN DESA" in a["text"])
    key = fig["layout"]["legend"]["font"]["size"]
    assert note["yshift"] <= -6 - 2 * key * 1.8  # below both rows of the legend
    assert fig["layout"]["margin"]["b"] >= -note["yshift"] + 28  # and inside the bottom margin kept for it


@pytest.mark.parametrize(
    "text, limit, expected",
    [
        ("Short", 10, "Short"),
        (
            "Protocol against the Smuggling of Migrants by Land, Sea and Air (Palermo)",
            42,
            "Protocol against the Smuggling… (Palermo)",
        ),
        ("Convention relating to the Status of Refugees", 30, "Convention relating to the…"),
    ],
)
def test_abbreviate(text, limit, expected):
    assert abbreviate(text, limit) == expected
    assert len(abbreviate(text, limit)) <= limit + 1


# ---- the page: rows, links to the map, callbacks as functions ------------------------------------------


def test_rows_are_the_items_shown_with_sources(atlas):
    state = tl(issues=("asylum",))
    rows = timeline_view.make_rows(atlas, state)
    # Expected straight from the CSV files: processes, milestones and organisations that name asylum.
    expected = (
        {("process", r["process_id"]) for r in raw_rows("process_issues") if r["issue_id"] == "asylum"}
        | {("milestone", r["id"]) for r in raw_rows("milestones") if "asylum" in r["issue_ids"].split(";")}
        | {("organisation", r["org_id"]) for r in raw_rows("mandates") if r["issue_id"] == "asylum"}
    )
    shown = {("process" if r["lane"] in ("regional", "interregional") else r["lane"], r["id"]) for r in rows}
    assert shown == expected and len(rows) == len(expected)
    assert ("milestone", "refugee-convention-1951") in shown
    assert all(r["source_title"] and r["source_url"].startswith("http") for r in rows)
    assert (
        timeline_view.make_title(atlas, state)
        == f"Migration governance over time, 1945–{atlas.year_range[1]}: Asylum and refugee protection"
    )


def test_map_link_for_items(atlas):
    bali = panels.map_state_for(atlas, tl(issues=("trafficking-smuggling",)), "process:bali")
    assert (bali.view, bali.processes, bali.year, bali.issues) == ("map", ("bali",), 2002, ("trafficking-smuggling",))
    yug = panels.map_state_for(atlas, tl(), "agreement:deu-yug-1968")
    assert (yug.year, yug.country, yug.layers) == (1968, "DEU", ("processes", "agreements"))
    palermo = panels.map_state_for(atlas, tl(), "milestone:palermo-trafficking")
    assert (palermo.year, palermo.issues) == (2000, ("trafficking-smuggling",))
    # the timeline's year wins when the item runs then
    assert panels.map_state_for(atlas, tl(year=2010), "process:bali").year == 2010
    # lane kinds mean nothing on the map; process kinds carry over
    assert panels.map_state_for(atlas, tl(kinds=("bilateral", "global")), None).kinds == ("global",)


def test_map_link_for_a_year_turns_agreements_on_when_some_are_in_force(atlas):
    assert panels.map_state_for(atlas, tl(year=1965), None).layers == ("processes", "agreements")
    assert panels.map_state_for(atlas, tl(year=1965, kinds=("regional",)), None).layers == ("processes",)


def test_click_on_item_selects_it_and_moves_the_year(atlas):
    catalog = Catalog.from_atlas(atlas)
    out = page.sync_timeline(
        atlas,
        catalog,
        ids.TIMELINE_GRAPH,
        ["trafficking-smuggling"],
        [],
        [],
        "light",
        {"points": [{"customdata": "process:bali"}]},
        "",
        "issue=trafficking-smuggling",
    )
    assert out[0] == "?issue=trafficking-smuggling&year=2002&item=process:bali" and out[-1] == "process:bali"
    out = page.sync_timeline(
        atlas, catalog, ids.TIMELINE_GRAPH, [], [], [], "light", {"points": [{"customdata": 1995}]}, "", out[1]
    )
    assert out[0] == "?year=1995" and out[-1] is None  # a year: the item is closed


def test_an_address_with_an_item_reopens_it(atlas):
    """A permalink keeps the clicked item: back, forward or a pasted address opens its details again."""
    catalog = Catalog.from_atlas(atlas)
    search = "?year=1951&item=milestone:refugee-convention-1951"
    out = page.sync_timeline(atlas, catalog, ids.TIMELINE_LOCATION, [], [], [], "light", None, search, "")
    assert out[1] == search[1:] and out[-1] == "milestone:refugee-convention-1951"
    # the filters change, the item stays open
    out = page.sync_timeline(atlas, catalog, ids.TIMELINE_ISSUES, ["asylum"], [], [], "light", None, "", out[1])
    assert out[0] == "?issue=asylum&year=1951&item=milestone:refugee-convention-1951"


def test_url_change_to_the_same_state_does_nothing(atlas):
    catalog = Catalog.from_atlas(atlas)
    out = page.sync_timeline(
        atlas, catalog, ids.TIMELINE_LOCATION, None, None, None, None, None, "?issue=asylum", "issue=asylum"
    )
    assert all(o is no_update for o in out)


@pytest.mark.parametrize(
    "click, expected",
    [
        (None, None),
        ({}, None),
        ({"points": []}, None),
        ({"points": [{"customdata": ["x"]}]}, "x"),  # a key as plotly wraps it
        ({"points": [{"customdata": []}]}, None),
        ({"points": [{"customdata": True}]}, None),  # a bool is not a year
        ({"points": [{"customdata": 1995.0}]}, 1995),
        ({"points": [{"customdata": "process:nope"}]}, "process:nope"),  # unknown keys are dropped later, by the page
        ({"points": [{"customdata": {"a": 1}}]}, None),
    ],
)
def test_odd_clicks_are_ignored(click, expected):
    assert page.clicked(click) == expected


# ---- through the Flask test client ---------------------------------------------------------------------

BASE = {
    "timeline-issues.value": [],
    "timeline-regions.value": [],
    "timeline-kinds.value": [],
    "timeline-theme.value": "light",
    "timeline-graph.clickData": None,
    "timeline-location.search": "",
    "timeline-state.data": "",
}


@pytest.fixture()
def dash(client):
    return DashClient(client)


def test_timeline_page_answers(client):
    assert client.get("/timeline?issue=asylum").status_code == 200


def test_router_renders_timeline_and_notices_bad_kind(dash):
    status, body, _ = dash.call(
        "page.children", {"url.pathname": "/timeline", "url.search": "?kind=bilateral,ufo"}, "url.pathname"
    )
    assert status == 200
    assert "Ignored unknown kind: ufo" in str(body["response"]["notices"])
    assert "Table of the 40 items shown" in str(body["response"]["page"])  # 40 agreements


@pytest.mark.parametrize(
    "values, trigger",
    [
        ({"timeline-issues.value": ["trafficking-smuggling"]}, "timeline-issues.value"),
        ({"timeline-regions.value": ["Africa"]}, "timeline-regions.value"),
        ({"timeline-kinds.value": ["bilateral", "milestone"]}, "timeline-kinds.value"),
        ({"timeline-theme.value": "slide"}, "timeline-theme.value"),
        ({"timeline-location.search": "?issue=asylum&year=1990"}, "timeline-location.search"),
    ],
)
def test_filter_responses_patch_positions_and_stay_small(dash, values, trigger):
    status, body, size = dash.call("timeline-graph.figure", {**BASE, **values}, trigger)
    assert status == 200
    patch = body["response"]["timeline-graph"]["figure"]
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    changed = [op["location"] for op in patch["operations"]]
    assert changed and not [c for c in changed if c[0] == "data" and c[-1] in ("hovertext", "customdata")]
    assert size < 20 * KIB, f"{trigger} sent {size} bytes"


def test_click_opens_details_with_sources_and_map_link(dash, atlas):
    status, body, size = dash.call(
        "timeline-details.children",
        {"timeline-state.data": "issue=trafficking-smuggling&year=2002", "timeline-selected.data": "process:bali"},
        "timeline-selected.data",
    )
    text = str(body)
    assert status == 200 and size < 20 * KIB
    assert atlas.source_for(atlas.process_by_id["bali"]["source_id"])["url"] in text
    assert "/map?process=bali&issue=trafficking-smuggling&year=2002" in text


def test_an_unknown_item_is_a_notice_not_an_error(dash):
    status, body, _ = dash.call(
        "page.children", {"url.pathname": "/timeline", "url.search": "?item=process:atlantis"}, "url.pathname"
    )
    assert status == 200
    assert "Ignored unknown item: process:atlantis" in str(body["response"]["notices"])
    assert "timeline-item" not in str(body["response"]["page"])  # no details panel for it


def test_an_item_in_the_address_opens_its_details(dash):
    status, body, _ = dash.call(
        "page.children",
        {"url.pathname": "/timeline", "url.search": "?item=milestone:refugee-convention-1951"},
        "url.pathname",
    )
    page_json = str(body["response"]["page"])
    assert status == 200 and "'data-item': 'milestone:refugee-convention-1951'" in page_json
    assert "Convention relating to the Status of Refugees" in page_json


def test_table_opens_on_its_first_page(dash):
    values = {"timeline-state.data": "issue=asylum", "timeline-table-box.n_clicks": 1, "timeline-table-page.data": 3}
    status, body, size = dash.call("timeline-table.children", values, "timeline-table-box.n_clicks")
    assert status == 200 and size < 20 * KIB
    assert body["response"]["timeline-table-page"]["data"] == 0
    assert "Items 1–15 of" in str(body["response"]["timeline-table"])


def test_every_table_page_stays_small(atlas):
    items = select_items(atlas, tl())
    pages = -(-len(items) // panels.TABLE_PAGE)
    for n in range(pages + 1):  # one past the end: clamped to the last page
        children, shown = panels.items_table(atlas, tl(), n)
        assert shown == min(n, pages - 1)
        assert len(json.dumps(children.to_plotly_json(), cls=PlotlyJSONEncoder)) < 20 * KIB


@pytest.mark.parametrize(
    "values",
    [
        {"timeline-kinds.value": ["ufo"], "timeline-issues.value": "asylum"},
        {"timeline-graph.clickData": {"points": [{"customdata": {"a": 1}}]}},
        {"timeline-theme.value": 7, "timeline-state.data": "year=abc&kind=<b>"},
    ],
)
def test_garbage_never_500(dash, values):
    trigger = next(iter(values))
    status, _, _ = dash.call("timeline-graph.figure", {**BASE, **values}, trigger)
    assert status == 200


def test_past_its_limit_the_drawing_keeps_the_earliest_processes_and_says_so(atlas, monkeypatch):
    """The processes grow with the data (2,900 at 100 times): the drawing keeps the earliest founded."""
    import dashboard.views.timeline_items as items_module

    items = select_items(atlas, ViewState(view="timeline"))
    dated = sorted((i for i in items if is_process(i) and i.start is not None), key=lambda i: (i.start, i.key))
    drawn, more = drawn_items(items, limit=5)
    assert [i.key for i in drawn if is_process(i)] == [i.key for i in dated[:5]] and more == len(dated) - 5
    assert [i for i in drawn if not is_process(i)] == [i for i in items if not is_process(i) and i.start is not None]
    assert drawn_items(items, limit=len(dated)) == ([i for i in items if i.start is not None], 0)

    monkeypatch.setattr(items_module, "PROCESS_BARS", 5)
    fig = make_timeline_figure(atlas, ViewState(view="timeline"), keep_hidden=True)
    bars = [key for trace in fig["data"] if trace["type"] == "bar" for key in trace["customdata"]]
    assert sorted(bars) == sorted(i.key for i in dated[:5])  # nor hidden ones: the traces stay small
    notes = timeline_view.notes(atlas, ViewState(view="timeline"))
    assert any(f"the 5 earliest founded of the {len(dated)} processes" in n for n in notes), notes
