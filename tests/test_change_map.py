"""The change map (compare=YEAR) and match=all: the computation on hand-made data, the figure on the tiny atlas,
then the real routes: panel, CSV, embed, exports and deck say the same counts."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter

import pytest
from pptx import Presentation

from dashboard.cli import main
from dashboard.views import changes as ch
from dashboard.views.figures.change_map import CHANGE_Z, make_change_figure, make_change_view
from dashboard.views.figures.map import make_map_figure
from dashboard.viewstate import ViewState
from tests.dash_client import DashClient

# ---- unit: the computation on any "members by year" function ------------------------------------------------


def test_change_of_each_case():
    assert ch.change_of(None, "member") == "joined"
    assert ch.change_of("observer", None) == "left"
    assert ch.change_of("member", "member") == "unchanged"
    assert ch.change_of("observer", "member") == "role-changed"
    assert ch.change_of(None, None) is None


def test_compare_years_goes_from_the_earlier_year_whatever_the_order():
    by_year = {
        1990: {"AAA": "member", "BBB": "observer", "CCC": "member"},
        2000: {"AAA": "member", "BBB": "member", "DDD": "observer"},
    }
    for a, b in ((1990, 2000), (2000, 1990)):
        changes = ch.compare_years(by_year.get, a, b)
        assert (changes.early, changes.late) == (1990, 2000)
        assert changes.change == {"AAA": "unchanged", "BBB": "role-changed", "CCC": "left", "DDD": "joined"}
        assert changes.counts() == {"joined": 1, "left": 1, "role-changed": 1, "unchanged": 1}
        assert changes.states("left") == ["CCC"]


def test_combine_roles_any_takes_the_strongest_all_needs_every_body():
    rows = [("a", "X", "observer"), ("b", "X", "member"), ("a", "Y", "member"), ("a", "Z", "observer")]
    assert ch.combine_roles(rows, ["a", "b"], "any") == {"X": "member", "Y": "member", "Z": "observer"}
    assert ch.combine_roles(rows, ["a", "b"], "all") == {"X": "observer"}  # the weaker of its two roles
    assert ch.combine_roles(rows, [], "all") == {}


def test_process_members_on_the_tiny_atlas(tiny_atlas):
    changes = ch.compare_years(ch.process_members(tiny_atlas, ["p-one"]), 1990, 1995)
    # 1990: DEU and the USSR members; 1995: DEU, RUS members, FRA observer (joined 1992)
    assert changes.change == {"DEU": "unchanged", "SUN": "left", "RUS": "joined", "FRA": "joined"}
    both = ch.process_members(tiny_atlas, ["p-one", "p-two"], match="all")
    assert both(1996) == {"DEU": "member"} and both(1994) == {}  # p-two was founded in 1995


def test_org_members_work_the_same_way(tiny_atlas, atlas):
    assert ch.compare_years(ch.org_members(tiny_atlas, ["org1"]), 1950, 1970).change == {"DEU": "joined"}
    iom = ch.compare_years(ch.org_members(atlas, ["iom"]), 1990, 2010)
    assert iom.counts()["joined"] > 20 and iom.counts()["unchanged"] > 20


def test_change_rows_one_per_state_and_process(tiny_atlas):
    changes = ch.compare_years(ch.process_members(tiny_atlas, ["p-one", "p-two"]), 1990, 1996)
    rows = ch.change_rows(tiny_atlas, ["p-one", "p-two"], changes)
    got = {(r.process_id, r.iso3): (r.role_before, r.role_after, r.process_change, r.change) for r in rows.itertuples()}
    assert got == {
        ("p-one", "DEU"): ("member", "member", "unchanged", "unchanged"),
        ("p-two", "DEU"): ("", "member", "joined", "unchanged"),  # DEU was already in the selection
        ("p-one", "SUN"): ("member", "", "left", "left"),
        ("p-one", "RUS"): ("", "member", "joined", "joined"),
        ("p-one", "FRA"): ("", "observer", "joined", "joined"),
    }
    assert rows.loc[rows["iso3"] == "SUN", "end_year"].item() == 1991  # the row that ended is the earlier year's


# ---- unit: the figure --------------------------------------------------------------------------------------------


def _z(fig) -> dict[str, int]:
    return dict(zip(fig["data"][0]["locations"], fig["data"][0]["z"]))


def test_change_figure_colours_each_state_by_its_change(tiny_atlas):
    state = ViewState(processes=("p-one",), year=1995, compare=1990)
    fig = make_change_figure(tiny_atlas, state)
    z = _z(fig)
    assert z["DEU"] == CHANGE_Z["unchanged"] and z["RUS"] == CHANGE_Z["joined"] and z["FRA"] == CHANGE_Z["joined"]
    assert z["ITA"] == 0 and "SUN" not in z  # drawn on 1995's borders; the USSR is no shape then
    legend = [d["name"] for d in fig["data"] if d.get("showlegend")]
    assert legend == ["Joined (2)", "Left (1) ×", "Changed role (0) ○", "Unchanged (1)", "In neither year"]
    left = next(d for d in fig["data"] if d["name"] == "Left")
    assert left["customdata"] == ["SUN"] and left["marker"]["symbol"] == "x"  # told apart without colour
    assert (
        fig["layout"]["title"]["text"].replace("<br>", " ") == "Process One (P1): who joined and who left, 1990 to 1995"
    )
    hover = dict(zip(fig["data"][0]["locations"], fig["data"][0]["text"]))
    assert "Joined between 1990 and 1995" in hover["RUS"] and "P1: not in it (1990) → member (1995)" in hover["RUS"]


def test_change_figure_keeps_its_trace_count_across_years(tiny_atlas):
    counts = {
        len(make_change_figure(tiny_atlas, ViewState(processes=("p-one",), year=y, compare=1990))["data"])
        for y in range(1990, 2001)
    }
    assert len(counts) == 1  # so that a slider step is a patch of values


def test_same_year_and_confirmed_joins_are_said(tiny_atlas):
    same = make_change_view(tiny_atlas, ViewState(processes=("p-one",), year=1995, compare=1995))
    assert set(same.changes.change.values()) == {"unchanged"}
    assert any("Both years are 1995" in n for n in same.notices)
    two = make_change_view(tiny_atlas, ViewState(processes=("p-two",), year=1996, compare=1990))
    assert two.changes.change == {"DEU": "joined"}
    assert any("their join year is unknown" in n for n in two.notices)  # DEU is only "listed by 1995"


def test_match_all_keeps_only_states_in_every_process(tiny_atlas):
    fig = make_map_figure(tiny_atlas, ViewState(processes=("p-one", "p-two"), year=1996, match="all"))
    assert {c for c, v in _z(fig).items() if v} == {"DEU"}
    assert fig["layout"]["title"]["text"] == "States in all of P1 and P2, 1996"  # not acronyms: names.is_acronym
    anyone = make_map_figure(tiny_atlas, ViewState(processes=("p-one", "p-two"), year=1996))
    assert {c for c, v in _z(anyone).items() if v} == {"DEU", "RUS", "FRA"}


# ---- app: the real routes say the same counts ---------------------------------------------------------------

BUDAPEST = "process=budapest&year=2006&compare=1995"


def _csv(client, query: str) -> list[dict]:
    response = client.get(f"/export/map.csv?{query}")
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.data.decode())))


def _states_by_change(rows) -> Counter:
    return Counter(change for _, change in {(r["iso3"], r["change"]) for r in rows})


@pytest.mark.parametrize("query", [BUDAPEST, "year=2006&compare=1990", "process=rabat,khartoum&year=2016&compare=2010"])
def test_panel_counts_match_the_csv(client, query):
    rows = _csv(client, query)
    assert rows and {"change", "process_change", "role_before", "from_year", "to_year"} <= set(rows[0])
    assert {r["change"] for r in rows} <= {"joined", "left", "unchanged", "role-changed"}
    assert all(r["source_url"].startswith("http") for r in rows)
    n = _states_by_change(rows)
    status, body, _ = DashClient(client).call("map-panel.children", {"map-state.data": query}, "map-state.data")
    assert status == 200
    summary = re.search(r"\d+ states? joined, \d+ left, \d+ changed role, \d+ unchanged", str(body)).group(0)
    joined = "1 state joined" if n["joined"] == 1 else f"{n['joined']} states joined"
    assert summary == f"{joined}, {n['left']} left, {n['role-changed']} changed role, {n['unchanged']} unchanged"


def test_csv_counts_match_the_legend_of_the_map_the_app_draws(client, atlas):
    n = _states_by_change(_csv(client, BUDAPEST))
    values = {
        "map-processes.value": ["budapest"],
        "map-year.value": 2006,
        "map-role.value": "all",
        "map-layers.value": ["processes"],
        "map-theme.value": "light",
        "map-compare-on.value": ["on"],
        "map-compare-year.value": 1995,
        "map-match.value": "any",
        "map-location.search": "?process=budapest&year=2006",
        "map-state.data": "process=budapest&year=2006",
    }
    status, body, _ = DashClient(client).call("map-graph.figure", values, "map-compare-on.value")
    assert status == 200
    out = body["response"]
    assert out["map-location"]["search"] == f"?{BUDAPEST}"
    legend = [d["name"] for d in out["map-graph"]["figure"]["data"] if d.get("showlegend")]
    assert f"Joined ({n['joined']})" in legend and f"Unchanged ({n['unchanged']})" in legend


def test_switching_compare_off_and_back_button_restore_the_controls(client):
    dash = DashClient(client)
    base = {
        "map-processes.value": ["budapest"],
        "map-year.value": 2006,
        "map-compare-on.value": [],
        "map-compare-year.value": 1995,
        "map-location.search": f"?{BUDAPEST}",
        "map-state.data": BUDAPEST,
    }
    _, body, _ = dash.call("map-graph.figure", base, "map-compare-on.value")
    assert body["response"]["map-location"]["search"] == "?process=budapest&year=2006"
    # Back to another view (not only another year): the browser hands the address to the server (map-url).
    back = dict(base, **{"map-url.data": "?process=rabat,khartoum&match=all&year=2016&compare=2010"})
    _, body, _ = dash.call("map-graph.figure", back, "map-url.data")
    out = body["response"]
    assert out["map-compare-on"]["value"] == ["on"] and out["map-compare-year"]["value"] == 2010
    assert out["map-match"]["value"] == "all" and out["map-processes"]["value"] == ["rabat", "khartoum"]


def test_embed_and_html_export_carry_the_change(client):
    embed = client.get(f"/embed/map?{BUDAPEST}").data.decode()
    assert '<h1 id="title">Budapest Process: who joined and who left, 1995 to 2006</h1>' in embed
    assert "Joined (" in embed and "compared with 1995" in embed
    page = client.get(f"/export/map.html?{BUDAPEST}").data.decode()
    assert "Members and observers, 2006, compared with 1995, process: Budapest" in page


def test_match_all_through_the_routes(client):
    rows = _csv(client, "process=rabat,khartoum&match=all&year=2016")
    by_state: dict[str, set] = {}
    for r in rows:
        by_state.setdefault(r["iso3"], set()).add(r["process_id"])
    assert by_state and all(p == {"rabat", "khartoum"} for p in by_state.values())
    anyone = {r["iso3"] for r in _csv(client, "process=rabat,khartoum&year=2016")}
    assert set(by_state) < anyone
    embed = client.get("/embed/map?process=rabat,khartoum&match=all&year=2016").data.decode()
    assert "States in all of Rabat Process and Khartoum Process, 2016" in embed


def test_deck_and_png_carry_the_change_map(tmp_path, renderer, app, client):
    deck = tmp_path / "change.pptx"
    assert main(["export", f"map?{BUDAPEST}", "map?process=rabat,khartoum&match=all&year=2016", "-o", str(deck)]) == 0
    slides = list(Presentation(str(deck)).slides)
    assert slides[0].shapes.title.text == "Budapest Process: who joined and who left, 1995 to 2006"
    texts = [s.text_frame.text for s in slides[0].shapes if s.has_text_frame]
    assert "Members and observers, 2006, compared with 1995, process: Budapest Process" in texts
    assert slides[1].shapes.title.text == "States in all of Rabat Process and Khartoum Process, 2016"
    svg = client.get(f"/export/map.svg?{BUDAPEST}&width=1280&height=720").data.decode()
    assert "Joined (" in svg and "who joined and who left" in svg


def test_organisation_layer_change_map_and_csv_agree(client):
    query = "org=iom&year=2010&compare=1990"
    rows = _csv(client, query)
    assert rows and {r["layer"] for r in rows} == {"organisations"} and {r["process_id"] for r in rows} == {"iom"}
    n = _states_by_change(rows)
    assert n["joined"] > 20 and n["unchanged"] > 20
    embed = client.get(f"/embed/map?{query}").data.decode()
    assert "IOM: which states joined and which left, 1990 to 2010" in embed  # the short name: a long one would not fit
    assert f"Joined ({n['joined']})" in embed and f"Unchanged ({n['unchanged']})" in embed
    status, body, _ = DashClient(client).call("map-panel.children", {"map-state.data": query}, "map-state.data")
    joined = "1 state joined" if n["joined"] == 1 else f"{n['joined']} states joined"
    assert status == 200 and f"{joined}, {n['left']} left" in str(body)


def test_an_exports_change_notes_run_as_wide_as_its_picture_with_room_for_their_type(atlas):
    from dashboard.views.figures.theme import output_theme, text_floor
    from dashboard.views.map import make_figure

    state = ViewState(processes=("budapest",), year=2006, compare=1995)
    theme = output_theme("light", text_floor(1920, 1080))
    figure = make_figure(atlas, state, canvas=(1920, 1080), theme=theme)
    note = figure["layout"]["annotations"][0]
    lines = note["text"].split("<br>")
    assert note["visible"] and len(lines) >= 2
    # wrapped to the 1920-px picture (not 85 characters, a narrow column on a wide slide), between words
    assert max(len(line) for line in lines) > 120
    words = [w for notice in make_change_view(atlas, state).notices for w in notice.split()]
    assert [w for line in lines for w in line.split()] == words
    # and the bottom margin holds them in their type: 18 px a line overlapped the source line under them
    assert figure["layout"]["margin"]["b"] >= 24 + len(lines) * note["font"]["size"] * 1.4
    assert note["xshift"] == 10  # aligned with the title and the source line, not at the picture's edge
