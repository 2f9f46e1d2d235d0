"""Mandates: the matrix and comparison builders on hand-made frames, then the page through the Flask test client."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dashboard.views import mandates as mandates_page
from dashboard.views.figures.mandates import Cell, build_mandate_matrix, build_process_matrix, make_matrix_figure
from dashboard.views.figures.mandates_compare import build_comparison, limit_compare, roles_in_year
from dashboard.viewstate import Catalog, parse_view, to_query
from dashboard.web.pages.mandates_compare import md_link, md_text
from tests.helpers import raw_rows

BUDGET = 20 * 1024  # bytes per interaction, as for the map


def frame(rows: list[dict], years=()) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    for col in years:
        df[col] = pd.array([None if v in ("", None) else int(v) for v in df[col]], dtype="Int64")
    return df


@pytest.fixture()
def tables():
    orgs = frame(
        [
            {"id": "a", "short_name": "A", "founded_year": 1950},
            {"id": "b", "short_name": "B", "founded_year": 1990},
            {"id": "c", "short_name": "C", "founded_year": ""},
        ],
        ["founded_year"],
    )
    issues = frame(
        [
            {"id": "w", "label": "Wide"},
            {"id": "x", "label": "Ex"},
            {"id": "y", "label": "Why"},
            {"id": "z", "label": "Zed"},
        ]
    )
    mandates = frame(
        [
            {"org_id": "a", "issue_id": "x", "level": "core", "since_year": 1950, "summary": "a-x", "source_id": "s1"},
            {
                "org_id": "a",
                "issue_id": "y",
                "level": "supporting",
                "since_year": 2000,
                "summary": "a-y",
                "source_id": "s2",
            },
            {
                "org_id": "b",
                "issue_id": "x",
                "level": "supporting",
                "since_year": "",
                "summary": "b-x",
                "source_id": "s3",
            },
            {"org_id": "b", "issue_id": "y", "level": "core", "since_year": 1995, "summary": "b-y", "source_id": "s4"},
            {
                "org_id": "c",
                "issue_id": "x",
                "level": "supporting",
                "since_year": "",
                "summary": "c-x",
                "source_id": "s5",
            },
            {"org_id": "c", "issue_id": "z", "level": "core", "since_year": "", "summary": "c-z", "source_id": "s6"},
        ],
        ["since_year"],
    )
    processes = frame(
        [
            {"id": "p1", "short_name": "P1", "founded_year": 1990, "ended_year": ""},
            {"id": "p2", "short_name": "P2", "founded_year": 1995, "ended_year": 2005},
        ],
        ["founded_year", "ended_year"],
    )
    process_issues = frame(
        [
            {"process_id": "p1", "issue_id": "x", "source_id": "s7"},
            {"process_id": "p2", "issue_id": "y", "source_id": "s8"},
            {"process_id": "p2", "issue_id": "x", "source_id": "s9"},
        ]
    )
    org_roles = frame(
        [
            {
                "org_id": "a",
                "process_id": "p1",
                "role": "secretariat",
                "start_year": 1990,
                "end_year": "",
                "source_id": "r1",
            },
            {
                "org_id": "a",
                "process_id": "p2",
                "role": "observer",
                "start_year": "",
                "end_year": "",
                "source_id": "r2",
            },
            {
                "org_id": "b",
                "process_id": "p1",
                "role": "partner",
                "start_year": 2000,
                "end_year": 2004,
                "source_id": "r3",
            },
        ],
        ["start_year", "end_year"],
    )
    return {
        "orgs": orgs,
        "issues": issues,
        "mandates": mandates,
        "processes": processes,
        "process_issues": process_issues,
        "org_roles": org_roles,
    }


def matrix(tables, **kw):
    return build_mandate_matrix(tables["mandates"], tables["orgs"], tables["issues"], **kw)


# ---- pure builders ---------------------------------------------------------------------------------------------


def test_matrix_today_sorts_overlaps_first_and_gaps_last(tables):
    m = matrix(tables)
    assert m.issues == ("x", "y", "z", "w")  # 3, 2, 1, 0 organisations: the gap is last
    assert m.issue_labels == ("Ex", "Why", "Zed", "Wide")
    assert m.rows == ("a", "b", "c")  # staircase: a core in x, b supporting in x + core in y, c
    assert [m.coverage(i) for i in m.issues] == [
        {"core": 1, "supporting": 2, "total": 3},
        {"core": 1, "supporting": 1, "total": 2},
        {"core": 1, "total": 1},
        {"total": 0},
    ]
    assert m.cell("a", "x") == Cell("core", 1950, "a-x", "s1", False)
    assert m.cell("b", "x") == Cell("supporting", None, "b-x", "s3", False)  # no year filter: nothing flagged
    assert m.left_out == () and m.unverified_rows == ()


def test_year_cut_off_drops_later_mandates_and_flags_unverified_ones(tables):
    m = matrix(tables, year=1992)
    assert set(m.cells) == {("a", "x"), ("b", "x"), ("c", "x"), ("c", "z")}  # a-y (2000) and b-y (1995) drop
    assert m.cell("a", "x").date_unverified is False
    assert m.cell("b", "x").date_unverified is True  # no start year, organisation existed in 1992
    assert m.cell("c", "z").date_unverified is True  # organisation's own founding year unknown
    assert m.unverified_rows == ("c",)
    assert m.coverage("y") == {"total": 0}


def test_year_before_founding_leaves_the_organisation_out(tables):
    m = matrix(tables, year=1960)
    assert m.left_out == (("b", 1990),)
    assert m.rows == ("a", "c")
    assert ("b", "x") not in m.cells  # its undated mandate does not survive either


def test_issue_filter_keeps_columns_and_organisations_holding_them(tables):
    m = matrix(tables, issues=("z",))
    assert (m.issues, m.rows) == (("z",), ("c",))
    named = matrix(tables, orgs=("b", "a"), columns=("w", "z", "y", "x"))
    assert named.issues == ("w", "z", "y", "x") and set(named.rows) == {"a", "b"}


def test_process_matrix_keeps_processes_running_that_year(tables):
    t = tables
    today = build_process_matrix(t["processes"], t["process_issues"], t["issues"])
    assert today.rows == ("p2", "p1") and today.issues == ("x", "y", "w", "z")
    assert today.coverage("x") == {"discussed": 2, "total": 2}
    m = build_process_matrix(t["processes"], t["process_issues"], t["issues"], year=2010, columns=("y", "x"))
    assert m.issues == ("y", "x") and m.rows == ("p1",) and m.left_out == (("p2", 2005),)
    assert build_process_matrix(t["processes"], t["process_issues"], t["issues"], year=1992).left_out == (("p2", 1995),)


def test_process_matrix_past_its_limit_shows_the_first_rows_and_counts_the_rest(tables):
    t = tables
    m = build_process_matrix(t["processes"], t["process_issues"], t["issues"], limit=1)
    assert m.rows == ("p2",) and m.more == 1  # the first in display order (as without a limit: p2, p1)
    assert {row for row, _ in m.cells} == {"p2"}  # coverage and the drawing count only the rows shown
    assert build_process_matrix(t["processes"], t["process_issues"], t["issues"], limit=2).more == 0


def test_process_matrix_pages_through_every_row(tables):
    """A page past the first shows the next rows; the rows before and after it are counted; past the end, the last."""
    t = tables
    second = build_process_matrix(t["processes"], t["process_issues"], t["issues"], limit=1, offset=1)
    assert second.rows == ("p1",) and (second.skipped, second.more, second.total) == (1, 0, 2)
    assert {row for row, _ in second.cells} == {"p1"}
    beyond = build_process_matrix(t["processes"], t["process_issues"], t["issues"], limit=1, offset=7)
    assert beyond.rows == ("p1",) and beyond.skipped == 1


def test_a_long_process_list_is_cut_with_a_note_saying_so(atlas, monkeypatch):
    """The list grows with the data (at 100 times the data, 2,900 processes): the page shows the first rows."""
    from dashboard.viewstate import ViewState

    monkeypatch.setattr(mandates_page, "PROCESS_ROWS", 5)
    view = mandates_page._make_view(atlas, ViewState(view="mandates"))
    running = len(build_process_matrix(atlas.processes, atlas.process_issues, atlas.issue_areas).rows)
    assert len(view.processes.rows) == 5 and view.processes.more == running - 5
    assert any(f"shows 5 of the {running} processes in this view at a time" in note for note in view.notes), view.notes
    # every process is one page away: the pages together hold each running process once
    pages = [mandates_page._make_view(atlas, ViewState(view="mandates"), p) for p in range(-(-running // 5))]
    seen = [row for v in pages for row in v.processes.rows]
    assert len(seen) == len(set(seen)) == running and [v.process_page for v in pages] == list(range(len(pages)))
    assert f"{running} of {len(atlas.process_by_id)} processes" in mandates_page.process_title(atlas, view)


def test_roles_follow_the_same_year_rule(tables):
    t = tables
    assert [
        (r.process_id, r.role, r.date_unverified) for r in roles_in_year(t["org_roles"], t["processes"], "a", 1996)
    ] == [("p1", "secretariat", False), ("p2", "observer", True)]
    assert [r.process_id for r in roles_in_year(t["org_roles"], t["processes"], "a", 2010)] == ["p1"]  # p2 ended
    assert roles_in_year(t["org_roles"], t["processes"], "b", 2010) == ()  # ended 2004
    assert len(roles_in_year(t["org_roles"], t["processes"], "b", None)) == 1


def test_comparison_cards(tables):
    t = tables
    cards = build_comparison(
        t["mandates"], t["orgs"], t["org_roles"], t["processes"], t["issues"], org_ids=("b", "a"), year=1985
    )
    assert [c.org_id for c in cards] == ["b", "a"]
    assert (cards[0].exists, cards[0].founded, cards[0].mandates, cards[0].roles) == (False, 1990, {}, ())
    assert set(cards[1].mandates) == {"x"} and cards[1].role_counts == {"secretariat": 0, "partner": 0, "observer": 0}
    today = build_comparison(t["mandates"], t["orgs"], t["org_roles"], t["processes"], t["issues"], org_ids=("a",))
    assert today[0].role_counts == {"secretariat": 1, "partner": 0, "observer": 1}


def test_compare_takes_at_most_four():
    assert limit_compare(("a", "b", "c", "d", "e")) == (("a", "b", "c", "d"), ("e",))
    assert limit_compare(("a",)) == (("a",), ())


def test_figure_cells_readable_without_colour(tables):
    fig = make_matrix_figure(matrix(tables, year=1992), title="T")
    trace = fig["data"][0]
    assert trace["x"] == ["Ex", "Zed", "Why", "Wide"] and trace["y"] == ["A", "C", "B"]  # order of that year
    assert trace["z"] == [[2, 0, 0, 0], [1, 2, 0, 0], [1, 0, 0, 0]]
    assert trace["text"] == [["●", "", "", ""], ["○?", "●?", "", ""], ["○?", "", "", ""]]
    assert trace["customdata"][0][0] == "core mandate, since 1950"
    assert trace["customdata"][2][0] == "supporting role, since: year not verified (date unverified)"
    assert trace["customdata"][2][1] == "none"
    summaries = [a["text"] for a in fig["layout"]["annotations"][:4]]
    assert summaries == ["<b>3</b><br>1\u2009●", "<b>1</b><br>1\u2009●", "<b>none</b>", "<b>none</b>"]
    assert fig["layout"]["title"]["text"] == "T"


def test_markdown_shows_data_as_text_and_links_only_to_the_web():
    assert md_text("a*b_[c](d)|e\n#f") == r"a\*b\_\[c\]\(d\)\|e \#f"
    assert md_link("x", "javascript:alert(1)") == "x"
    assert md_link("src", "https://e.org/a b(c)|d?q=1&r=2") == "[src](https://e.org/a%20b%28c%29%7Cd?q=1&r=2)"


# ---- the real data ---------------------------------------------------------------------------------------------


def test_every_mandate_has_a_source_a_short_summary_and_a_plausible_year(atlas):
    founded = {o: f for o, f in zip(atlas.organisations["id"], atlas.organisations["founded_year"])}
    for r in atlas.mandates.to_dict("records"):
        where = f"mandates.csv:{r['_line']}: {r['org_id']}/{r['issue_id']}"
        assert atlas.source_for(r["source_id"])["url"].startswith("http"), (
            f"{where}: source {r['source_id']!r} has no URL"
        )
        assert 20 <= len(r["summary"]) <= 200, (
            f"{where}: expected a summary of 20-200 characters, found {len(r['summary'])}"
        )
        since, start = r["since_year"], founded[r["org_id"]]
        if pd.notna(since) and pd.notna(start):
            assert since >= start, f"{where}: expected since >= founding year {start}, found {since}"


def test_rows_are_exactly_the_cells_shown_with_sources(atlas, catalog):
    state, _ = parse_view("org=ilo,unhcr,iom&year=1990", catalog, view="mandates")
    rows = mandates_page.make_rows(atlas, state)
    founded = {r["id"]: int(r["founded_year"]) for r in raw_rows("organisations") if r["id"] in ("ilo", "unhcr", "iom")}
    expected = {
        (r["org_id"], r["issue_id"])
        for r in raw_rows("mandates")
        if r["org_id"] in ("ilo", "unhcr", "iom")
        and founded[r["org_id"]] <= 1990
        and (not r["since_year"] or int(r["since_year"]) <= 1990)
    }
    assert {(r["org_id"], r["issue_id"]) for r in rows} == expected and len(rows) == len(expected)
    assert all(r["source_url"].startswith("http") and r["source_title"] for r in rows)
    iom_dev = next(r for r in rows if (r["org_id"], r["issue_id"]) == ("iom", "migration-development"))
    assert (iom_dev["since"], iom_dev["date_verified"]) == ("", "no")
    assert not any(r["org_id"] == "ilo" and r["issue_id"] == "migration-development" for r in rows)  # from 2006


def test_title_and_nearest_valid_view(atlas, catalog):
    many, _ = parse_view("org=ilo,unhcr,iom,oecd,eu&year=1990", catalog, view="mandates")
    view = mandates_page.make_view(atlas, many)
    assert view.state.orgs == ("ilo", "unhcr", "iom", "oecd")
    assert any("ignored: EU" in n for n in view.notes)
    assert mandates_page.make_title(atlas, many) == "Mandates compared: ILO, UNHCR, IOM, OECD, as of 1990"
    one, _ = parse_view("org=ilo", catalog, view="mandates")
    assert any("showing ILO alone" in n for n in mandates_page.make_view(atlas, one).notes)
    assert (
        mandates_page.make_title(atlas, parse_view("", catalog)[0])
        == f"Who holds which migration mandate, today: {len(atlas.organisations)} of {len(atlas.organisations)} organisations"
    )


# ---- through the app -------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def catalog(atlas):
    return Catalog.from_atlas(atlas)


def call(client, output_start: str, inputs: list[tuple[str, str, object]], state=(), changed=None):
    """POST one callback as the browser does; returns (status, response JSON or text, bytes)."""
    deps = client.get("/_dash-dependencies").get_json()
    dep = next(
        d
        for d in deps
        if d["output"].lstrip(".").startswith(output_start) and [i["id"] for i in d["inputs"]] == [i[0] for i in inputs]
    )
    outs = [dict(zip(("id", "property"), o.rsplit(".", 1))) for o in dep["output"].strip(".").split("...")]
    body = {
        "output": dep["output"],
        "outputs": outs if dep["output"].startswith("..") else outs[0],
        "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
        "state": [{"id": i, "property": p, "value": v} for i, p, v in state],
        "changedPropIds": [
            f"{changed or inputs[0][0]}.{next(p for i, p, _ in inputs if i == (changed or inputs[0][0]))}"
        ],
    }
    r = client.post("/_dash-update-component", json=body)
    return r.status_code, (r.get_json() if r.is_json else r.get_data(as_text=True)), len(r.data)


def route(client, path, search):
    return call(client, "page.children", [("url", "pathname", path)], [("url", "search", search)])


def sync(client, current, orgs=None, issues=None, year=None, theme="light", search="", changed="mandates-year"):
    year = client.application.config["ATLAS"].year_range[1] if year is None else year  # "today": the slider's end
    inputs = [
        ("mandates-orgs", "value", orgs or []),
        ("mandates-issues", "value", issues or []),
        ("mandates-year", "value", year),
        ("mandates-theme", "value", theme),
        ("mandates-location", "search", search),
    ]
    states = [("mandates-state", "data", current), ("mandates-location", "pathname", "/mandates")]
    return call(client, "mandates-location.search", inputs, states, changed=changed)


def test_page_compares_three_organisations(client):
    status, data, size = route(client, "/mandates", "?org=ilo,unhcr,iom")
    text = json.dumps(data)
    assert status == 200
    for name in (
        "International Labour Organization",
        "Office of the United Nations High Commissioner for Refugees",
        "International Organization for Migration",
        "mandates-compare-table",
        "http://chiefs.lawphil.net/international/treaties/sounhcr.html",
    ):
        assert name in text, name
    assert "Its 1950 Statute gives it the task" in text
    assert "Secretariat" in text and "Observer" in text


def test_bad_address_gives_notices_not_errors(client):
    status, data, _ = route(client, "/mandates", "?org=nope,ilo&year=abc&issue=xyz")
    text = json.dumps(data)
    assert status == 200
    assert "Ignored unknown org: nope" in text and "'abc' is not a year" in text and "showing ILO alone" in text


def test_setting_a_year_updates_url_matrix_and_notes_within_budget(client):
    status, data, size = sync(client, current="", year=1990)
    assert status == 200 and size < BUDGET
    out = data["response"]
    assert out["mandates-location"]["search"] == "?year=1990"
    rows = out["mandates-graph"]["figure"]["data"][0]["y"]
    assert "ILO" in rows and "UNHCR" in rows and "ICMPD" not in rows and "EU" not in rows
    notes = json.dumps(out["mandates-notes"]["children"])
    assert "Not yet founded in 1990" in notes and "ICMPD (1993)" in notes and "date unverified" in notes


def test_picking_five_organisations_compares_the_first_four(client):
    status, data, size = sync(client, current="", orgs=["ilo", "unhcr", "iom", "oecd", "eu"], changed="mandates-orgs")
    out = data["response"]
    assert status == 200 and size < BUDGET
    assert out["mandates-location"]["search"] == "?org=ilo,unhcr,iom,oecd"
    assert out["mandates-orgs"]["value"] == ["ilo", "unhcr", "iom", "oecd"]
    assert "ignored: EU" in json.dumps(out["mandates-notes"]["children"])
    status, data, size = call(
        client, "mandates-compare.children", [("mandates-state", "data", "org=iom,icmpd,eu,unhcr")]
    )
    table = data["response"]["mandates-compare"]["children"]["props"]["children"][1]["props"]["children"]
    assert status == 200 and size < BUDGET
    assert table.splitlines()[0] == "| | **IOM** | **ICMPD** | **EU** | **UNHCR** |"
    assert "[RCM](" in table and "**○ supporting role**, since 1950\\. The Statute charges" in table


def test_url_restores_the_view_exactly(client, catalog):
    query = "issue=return-readmission,asylum&org=iom,unhcr&year=2005&theme=slide"
    status, data, _ = sync(client, current="", search="?" + query, changed="mandates-location")
    out = data["response"]
    state, _ = parse_view(out["mandates-state"]["data"], catalog, view="mandates")
    assert (state.orgs, state.issues, state.year, state.theme) == (
        ("iom", "unhcr"),
        ("return-readmission", "asylum"),
        2005,
        "slide",
    )
    assert (out["mandates-orgs"]["value"], out["mandates-year"]["value"], out["mandates-theme"]["value"]) == (
        ["iom", "unhcr"],
        2005,
        "slide",
    )
    assert to_query(state) == out["mandates-state"]["data"]
    # 2005: asylum has three core mandates (UNHCR, ICMPD, EU); return three organisations, two core (EU's is 2008)
    assert out["mandates-graph"]["figure"]["data"][0]["x"] == [
        "Asylum and refugee protection",
        "Return and readmission",
    ]
    assert out["mandates-process-key"]["data"] == "issue=return-readmission,asylum&year=2005&theme=slide"
    assert out["mandates-graph"]["figure"]["layout"]["font"]["size"] == 22


def test_clicking_a_cell_shows_mandate_since_and_source(client):
    click = {"points": [{"x": "Asylum and refugee protection", "y": "UNHCR"}]}
    status, data, size = call(
        client,
        "mandates-detail.children",
        [("mandates-graph", "clickData", click)],
        [("mandates-state", "data", "org=ilo,unhcr,iom")],
    )
    text = json.dumps(data)
    assert status == 200 and size < BUDGET
    assert "since 1950" in text and "http://chiefs.lawphil.net/international/treaties/sounhcr.html" in text
    empty = {"points": [{"x": "Migration and development", "y": "ILO"}]}
    _, data, _ = call(
        client,
        "mandates-detail.children",
        [("mandates-graph", "clickData", empty)],
        [("mandates-state", "data", "year=1990")],
    )
    assert "No mandate of ILO" in json.dumps(data) and "from 2006" in json.dumps(data)


def test_clicking_a_process_cell_names_the_mandate_holders(client):
    click = {"points": [{"x": "Return and readmission", "y": "Budapest Process"}]}
    status, data, size = call(
        client,
        "mandates-process-detail.children",
        [("mandates-process-graph", "clickData", click)],
        [("mandates-state", "data", ""), ("mandates-process-page", "data", 0)],
    )
    text = json.dumps(data)
    assert status == 200 and size < BUDGET
    assert "Budapest Process discusses Return and readmission" in text
    assert "IOM (core mandate)" in text and "ICMPD (secretariat)" in text


def process_matrix(client, key: str, step: int | None = None, page: int = 0):
    """POST the process matrix's callback: a new key (step None), or Previous (-1) / Next (1) pressed on `page`."""
    dep = next(
        d
        for d in client.get("/_dash-dependencies").get_json()
        if d["output"].startswith("..mandates-process-graph.figure")
    )
    outs = [dict(zip(("id", "property"), o.rsplit(".", 1))) for o in dep["output"].strip(".").split("...")]
    buttons = [
        {"id": {"step": s, "type": "mandates-process-step"}, "property": "n_clicks", "value": 1}
        for s in ((-1, 1) if step is not None else ())
    ]
    changed = f'{{"step":{step},"type":"mandates-process-step"}}.n_clicks' if step else "mandates-process-key.data"
    r = client.post(
        "/_dash-update-component",
        json={
            "output": dep["output"],
            "outputs": outs,
            "inputs": [{"id": "mandates-process-key", "property": "data", "value": key}, buttons],
            "state": [{"id": "mandates-process-page", "property": "data", "value": page}],
            "changedPropIds": [changed],
        },
    )
    return r.status_code, (r.get_json() if r.is_json else r.get_data(as_text=True)), len(r.data)


def test_process_matrix_is_redrawn_from_its_own_small_response(client):
    status, data, size = process_matrix(client, "year=1990")
    figure = data["response"]["mandates-process-graph"]["figure"]
    assert data["response"]["mandates-process-page"]["data"] == 0  # a new selection starts on its first page
    assert status == 200 and size < BUDGET
    assert figure["data"][0]["y"] == ["IGC"]  # the only process running in 1990
    assert (
        figure["layout"]["title"]["text"] == "Which processes discuss which issue area, as of 1990: 1 of 29 processes"
    )


def test_a_control_echoing_the_current_state_changes_nothing(client):
    # Dash sends the slider's value when the page mounts; the answer must be "no update" (no error, no redraw).
    status, data, size = sync(client, current="org=iom,ilo&year=1990", orgs=["iom", "ilo"], year=1990)
    assert (status, data) == (200, {"multi": True, "response": {}})


NASTY = [
    None,
    True,
    3.7,
    -(10**20),
    "",
    "abc",
    "<script>",
    ["iom", 5, None],
    {"points": "x"},
    {"points": [5]},
    {"points": [{"x": ["a"], "y": {"b": 1}}]},
    [["nested"]],
    {"": None},
]


@pytest.mark.parametrize("value", NASTY, ids=repr)
def test_every_mandates_callback_survives_forged_values(client, value):
    deps = [
        d
        for d in client.get("/_dash-dependencies").get_json()
        if "mandates" in d["output"] and not d.get("clientside_function")
    ]
    assert len(deps) == 10  # sync, compare, process matrix (and its pages), two clicks; two tables, their cells; texts
    for dep in deps:
        inputs = [(i["id"], i["property"], value) for i in dep["inputs"]]
        state = [(s["id"], s["property"], value) for s in dep["state"]]
        # A wildcard input sent as one plain value is malformed: the request gets a 400 that says so, no 500.
        wildcard = any('["ALL"]' in i["id"] for i in dep["inputs"])
        for changed in {i[0] for i in inputs}:
            status, data, _ = call(client, dep["output"].strip("."), inputs, state, changed=changed)
            assert status in ((200, 204, 400) if wildcard else (200, 204)), (dep["output"], value, changed, data)


def test_each_organisation_with_members_links_to_its_map_layer(atlas):
    from dashboard.web.pages.mandates_compare import member_map_path

    assert member_map_path(atlas, "iom", 1990) == "/map?org=iom&year=1990"
    assert member_map_path(atlas, "unhcr", 1990) is None  # no member list in the atlas


def test_previous_and_next_page_the_process_matrix_through_the_app(client, monkeypatch):
    """Past PROCESS_ROWS, Previous / Next step through the process matrix, and a cell opens on the page shown."""
    from dashboard.viewstate import ViewState

    atlas = client.application.config["ATLAS"]
    monkeypatch.setattr(mandates_page, "PROCESS_ROWS", 5)
    monkeypatch.setitem(atlas._cache, "mandates_views", __import__("collections").OrderedDict())  # views at 5 rows

    def press(step, page):
        status, data, _ = process_matrix(client, "year=2006", step, page)
        assert status == 200, data
        return data["response"]

    running = mandates_page._make_view(atlas, ViewState(view="mandates", year=2006)).processes.total
    second = press(1, 0)
    assert second["mandates-process-page"]["data"] == 1
    assert f"Processes 6–10 of {running}" in json.dumps(second["mandates-process-pager"], ensure_ascii=False)
    rows = second["mandates-process-graph"]["figure"]["data"][0]["y"]
    page_two = mandates_page._make_view(atlas, ViewState(view="mandates", year=2006), 1).processes
    assert set(rows) <= set(page_two.row_labels) and len(set(rows)) == 5
    first = press(-1, 1)
    assert first["mandates-process-page"]["data"] == 0
    assert f"Processes 1–5 of {running}" in json.dumps(first["mandates-process-pager"], ensure_ascii=False)
    assert press(-1, 0)["mandates-process-page"]["data"] == 0  # never before the first page
    # a click on a cell of page 2 opens that process (its label is not on page 1)
    point = {"points": [{"x": page_two.issue_labels[0], "y": page_two.row_labels[0]}]}
    status, data, _ = call(
        client,
        "mandates-process-detail.children",
        [("mandates-process-graph", "clickData", point)],
        [("mandates-state", "data", "year=2006"), ("mandates-process-page", "data", 1)],
    )
    assert status == 200 and page_two.row_labels[0] in json.dumps(data, ensure_ascii=False), data
