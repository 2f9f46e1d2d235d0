"""The charts' text alternatives: a few sentences from the rows each view shows, and its legend read from the figure.

Expected counts come from the CSV tables (memberships in force in a year), not from the code under test.
"""

from __future__ import annotations

import pytest

from dashboard.views.legend import join_names, legend_of, legend_text, plain
from dashboard.views.registry import chart_views, get_view
from dashboard.viewstate import ViewState


def in_force(atlas, process: str, year: int) -> dict[str, set[str]]:
    """{role: states} of a process in a year, straight from memberships.csv."""
    m = atlas.memberships
    rows = m[
        (m["process_id"] == process) & (m["start_year"] <= year) & (m["end_year"].isna() | (m["end_year"] >= year))
    ]
    return {role: set(rows.loc[rows["role"] == role, "iso3"]) for role in ("member", "observer")}


@pytest.mark.parametrize("process, year", [("puebla", 2000), ("budapest", 2006), ("puebla", 2010)])
def test_one_process_is_described_by_its_counts_and_first_members(atlas, process, year):
    roles = in_force(atlas, process, year)
    text = get_view("map").describe(atlas, ViewState(processes=(process,), year=year))
    from dashboard.views.names import spelled_out

    proc = atlas.process_by_id[process]
    name = spelled_out(proc["name"], proc["short_name"])  # 'Regional Conference on Migration (RCM; Puebla Process)'
    members, observers = len(roles["member"]), len(roles["observer"])
    assert text.startswith(f"{name}, {year}: {members} member state{'s' * (members != 1)} and ")
    assert (f"{observers} observer" if observers else "no observers") in text
    first = sorted(atlas.country_name(c) for c in roles["member"])[0]
    assert f"Members: {first}, " in text


def test_several_processes_say_how_many_states_take_part_and_who_most(atlas):
    year = 2006
    both = [in_force(atlas, p, year) for p in ("puebla", "sacm")]
    states = [r["member"] | r["observer"] for r in both]
    text = get_view("map").describe(atlas, ViewState(processes=("puebla", "sacm"), year=year))
    assert f"{len(states[0] | states[1])} states take part in at least one" in text
    assert f"{len(states[0] & states[1])} states take part in all of them" in text


def test_a_year_before_the_founding_says_nothing_is_recorded(atlas):
    text = get_view("map").describe(atlas, ViewState(processes=("budapest",), year=1980))
    assert "no member or observer recorded" in text and "founded in 1993" in text


def test_the_change_map_says_who_joined(atlas):
    text = get_view("map").describe(atlas, ViewState(processes=("budapest",), year=2006, compare=1995))
    early, late = in_force(atlas, "budapest", 1995), in_force(atlas, "budapest", 2006)
    joined = (late["member"] | late["observer"]) - (early["member"] | early["observer"])
    assert len(joined) > 1 and f"{len(joined)} states joined" in text
    names = sorted(atlas.country_name(c) for c in joined)
    assert f"Joined: {', '.join(names[:5])}" in text


def test_every_view_describes_itself_and_the_exports_say_the_same(atlas):
    from dashboard.export.caption import make_caption

    for name in chart_views():
        state = ViewState(view=name)
        view = get_view(name)
        text = view.describe(atlas, state, view.make_rows(atlas, state))
        assert len(text) > 40 and text.endswith("."), (name, text)
        assert make_caption(atlas, state).description == text
        assert all(isinstance(n, str) and n for n in view.notes(atlas, state))


def test_mandates_count_core_and_supporting_from_the_table(atlas):
    m = atlas.mandates
    text = get_view("mandates").describe(atlas, ViewState(view="mandates"))
    assert f"{(m['level'] == 'core').sum()} core mandates and {(m['level'] == 'supporting').sum()} supporting" in text


def test_the_legend_in_words_is_read_from_the_figure():
    figure = {
        "data": [
            {"type": "choropleth", "showscale": True, "zmin": -0.5, "zmax": 2.5, "colorbar": {"title": {"text": "N"}},
             "colorscale": [[0, "#eee"], [0.33, "#eee"], [0.34, "#888"], [0.66, "#888"], [0.67, "#000"], [1, "#000"]]},
            {"type": "scattergeo", "name": "Member &amp; <b>more</b>", "showlegend": True, "mode": "markers",
             "marker": {"symbol": "square", "color": "#0072B2"}},
            {"type": "scattergeo", "name": "hidden", "showlegend": False},
            {"type": "scattergeo", "name": "Outline", "showlegend": True, "mode": "lines", "line": {"color": "#f00"}},
        ]
    }  # fmt: skip
    legend = legend_of(figure)
    assert [(e.label, e.symbol) for e in legend.entries] == [("Member & more", "square"), ("Outline", "line")]
    assert [(s.label, s.colour) for s in legend.scale] == [("0", "#eee"), ("1", "#888"), ("2", "#000")]
    assert legend_text(legend) == "Member & more; Outline; N: 0 to 2"
    assert plain("a<br>b &lt;c&gt;") == "a b <c>"
    assert join_names(["A", "B", "C", "D", "E"], limit=3) == "A, B, C and 2 more"
    assert join_names(["A"]) == "A" and join_names(["A", "B"]) == "A and B" and join_names([]) == ""
