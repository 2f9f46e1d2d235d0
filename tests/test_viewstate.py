"""The view grammar: parse, serialise, round-trip, and notices instead of errors."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.viewstate import Catalog, ViewState, parse_view, to_path, to_query

CAT = Catalog(
    processes=frozenset({"puebla", "budapest", "mtm"}),
    issues=frozenset({"asylum", "trafficking-smuggling"}),
    orgs=frozenset({"ilo", "unhcr", "iom"}),
    countries=frozenset({"MEX", "DEU", "SUN"}),
    regions=frozenset({"Americas", "Europe"}),
    first_year=1945,
    last_year=2026,
    items=frozenset({"process:puebla", "milestone:refugee-convention-1951", "agreement:deu-ita-1955", "org:iom"}),
)


def test_examples_from_views_md():
    state, notices = parse_view("/map?process=puebla&year=2000", CAT)
    assert state == ViewState(view="map", processes=("puebla",), year=2000)
    assert notices == []
    state, _ = parse_view("/map?issue=trafficking-smuggling&year=2005&layer=processes,agreements", CAT)
    assert state.issues == ("trafficking-smuggling",) and state.layers == ("processes", "agreements")
    assert parse_view("/mandates?org=ilo,unhcr,iom", CAT)[0].orgs == ("ilo", "unhcr", "iom")
    assert parse_view("/timeline?issue=asylum", CAT)[0].view == "timeline"


def test_root_path_is_the_map():
    assert parse_view("/", CAT)[0].view == "map"
    assert parse_view("/embed/timeline?issue=asylum", CAT)[0].view == "timeline"


def test_serialise_omits_defaults_and_keeps_order():
    state = ViewState(processes=("mtm", "budapest"), year=1995, role="member", country="DEU", theme="slide")
    assert to_query(state) == "process=mtm,budapest&year=1995&role=member&country=DEU&theme=slide"
    assert to_path(ViewState()) == "/map"
    assert to_path(state, prefix="/embed").startswith("/embed/map?process=mtm,budapest")


@pytest.mark.parametrize(
    "query, notice_part, expected",
    [
        ("process=puebla,nowhere", "Ignored unknown process: nowhere", ViewState(processes=("puebla",))),
        ("year=3000", "Year 3000 is outside", ViewState(year=2026)),
        ("year=1800", "Year 1800 is outside", ViewState(year=1945)),
        ("year=abc", "'abc' is not a year", ViewState()),
        ("role=boss", "Ignored unknown role: boss", ViewState()),
        ("theme=neon", "Ignored unknown theme: neon", ViewState()),
        ("zoom=mars", "Ignored unknown zoom: mars", ViewState()),
        ("country=ZZZ", "Ignored unknown country: ZZZ", ViewState()),
        ("layer=rivers", "Ignored unknown layer: rivers", ViewState()),
        ("foo=bar", "Ignored unknown parameters: foo", ViewState()),
        ("year=1990&year=2000", "'year' was given more than once; used 2000", ViewState(year=2000)),
        ("process=<script>alert(1)</script>", "Ignored unknown process: <script>alert(1)</script>", ViewState()),
        ("compare=then&year=2000", "'then' is not a year", ViewState(year=2000)),
        ("compare=1900&year=2000", "Year 1900 is outside", ViewState(year=2000, compare=1945)),
        ("compare=1990&compare=1995", "'compare' was given more than once; used 1995", ViewState(compare=1995)),
        ("match=most", "Ignored unknown match: most", ViewState()),
        ("item=process:nowhere", "Ignored unknown item: process:nowhere", ViewState()),
        ("item=bali", "Ignored unknown item: bali", ViewState()),
        ("item=:", "Ignored unknown item: :", ViewState()),
        ("item=process:puebla&item=org:nope", "'item' was given more than once", ViewState()),
    ],
)
def test_bad_values_give_nearest_view_and_a_notice(query, notice_part, expected):
    state, notices = parse_view(query, CAT, view="map")
    assert state == expected
    assert any(notice_part in n for n in notices), notices


def test_zoom_defaults_to_auto_and_is_written_only_when_world():
    assert parse_view("/map?process=puebla", CAT)[0].zoom == "auto"
    world, notices = parse_view("/map?process=puebla&zoom=world", CAT)
    assert world.zoom == "world" and notices == []
    assert to_query(world) == "process=puebla&zoom=world"
    assert to_query(world.with_(zoom="auto")) == "process=puebla"
    assert parse_view("zoom=auto", CAT, view="map")[0] == ViewState()


def test_case_is_forgiven_for_ids_and_codes():
    state, notices = parse_view("process=PUEBLA&country=mex&role=Member", CAT, view="map")
    assert state == ViewState(processes=("puebla",), country="MEX", role="member") and notices == []


def test_repeated_list_parameters_merge_without_duplicates():
    assert parse_view("process=puebla&process=mtm,puebla", CAT, view="map")[0].processes == ("puebla", "mtm")


def test_very_long_query_is_cut_with_notice():
    state, notices = parse_view("process=" + "x" * 10000, CAT, view="map")
    assert state == ViewState() and any("longer than" in n for n in notices)


states = st.builds(
    ViewState,
    view=st.sampled_from(["map", "timeline", "mandates", "overlaps"]),
    processes=st.lists(st.sampled_from(sorted(CAT.processes)), unique=True).map(tuple),
    issues=st.lists(st.sampled_from(sorted(CAT.issues)), unique=True).map(tuple),
    year=st.one_of(st.none(), st.integers(1945, 2026)),
    role=st.sampled_from(["all", "member", "observer"]),
    orgs=st.lists(st.sampled_from(sorted(CAT.orgs)), unique=True).map(tuple),
    country=st.one_of(st.none(), st.sampled_from(sorted(CAT.countries))),
    layers=st.sampled_from([("processes",), ("agreements",), ("processes", "agreements")]),
    theme=st.sampled_from(["light", "dark", "slide"]),
    regions=st.lists(st.sampled_from(sorted(CAT.regions)), unique=True).map(tuple),
    kinds=st.lists(st.sampled_from(["regional", "interregional", "global"]), unique=True).map(tuple),
    compare=st.one_of(st.none(), st.integers(1945, 2026)),
    match=st.sampled_from(["any", "all"]),
    zoom=st.sampled_from(["auto", "world"]),
    item=st.one_of(st.none(), st.sampled_from(sorted(CAT.items))),
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(states)
def test_round_trip(state):
    parsed, notices = parse_view(to_path(state), CAT)
    assert parsed == state and notices == []


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=300))
def test_parser_never_raises_on_garbage(text):
    state, notices = parse_view(text, CAT)
    assert isinstance(state, ViewState) and isinstance(notices, list)


def test_compare_and_match_parse_and_serialise_only_when_not_default():
    state, notices = parse_view("/map?process=budapest&year=2006&compare=1995&match=ALL", CAT)
    assert state == ViewState(processes=("budapest",), year=2006, compare=1995, match="all") and notices == []
    assert to_query(state) == "process=budapest&year=2006&compare=1995&match=all"
    assert to_query(state.with_(match="any", compare=None)) == "process=budapest&year=2006"


def test_film_span_is_left_to_the_export():
    state, notices = parse_view("/map?process=budapest&from=1993&to=2006", CAT)
    assert notices == [] and dict(state.extra) == {"from": "1993", "to": "2006"}
    assert to_query(state) == "process=budapest"  # the view's address: the span belongs to the film export


def test_timeline_item_parses_serialises_and_reads_plainly():
    state, notices = parse_view("/timeline?issue=asylum&year=1951&item=milestone:refugee-convention-1951", CAT)
    assert notices == [] and state.item == "milestone:refugee-convention-1951" and state.year == 1951
    assert to_path(state) == "/timeline?issue=asylum&year=1951&item=milestone:refugee-convention-1951"
    assert parse_view("item=PROCESS:puebla", CAT, view="timeline")[0].item == "process:puebla"  # the kind's case
    assert parse_view("item=process%3Apuebla", CAT, view="timeline")[0].item == "process:puebla"  # encoded
    assert to_query(state.with_(item=None)) == "issue=asylum&year=1951"
