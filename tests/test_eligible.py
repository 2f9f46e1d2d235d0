"""Processes open to all UN member states (open_to.csv): the map draws those states as eligible, never as members."""

from __future__ import annotations

import csv

from dashboard.config import DATA_DIR
from dashboard.views import map as map_view
from dashboard.views.figures.map import SLOT_COUNTRIES, SLOT_LEGEND, make_map_figure
from dashboard.views.figures.map_view import make_map_view
from dashboard.views.map_years import year_series
from dashboard.viewstate import ViewState


def un_members(year: int) -> set[str]:
    """UN member states in `year`, read straight from the CSV (not through the atlas)."""
    with open(DATA_DIR / "org_memberships.csv", newline="", encoding="utf-8") as f:
        return {
            r["iso3"]
            for r in csv.DictReader(f)
            if r["org_id"] == "un" and r["role"] == "member" and int(r["start_year"]) <= year
            and (r["end_year"] == "" or int(r["end_year"]) >= year)
        }  # fmt: skip


def test_the_open_to_rules_name_the_un_and_a_source():
    with open(DATA_DIR / "open_to.csv", newline="", encoding="utf-8") as f:
        rules = {r["process_id"]: r for r in csv.DictReader(f)}
    assert set(rules) == {"hld-2006", "gfmd"}
    assert all(r["org_id"] == "un" and r["source_id"] for r in rules.values())
    assert 185 <= len(un_members(2006)) <= 193


def test_hld_2006_draws_the_un_member_states_as_eligible_and_counts_no_member(atlas):
    state = ViewState(processes=("hld-2006",), year=2006)
    rows = map_view.make_rows(atlas, state)
    eligible = {r["iso3"] for r in rows if r["role"] == "eligible"}
    assert eligible == un_members(2006)
    assert not any(r["role"] == "member" for r in rows)
    assert all(r["basis"] == "eligible" and r["since_basis"] == "" for r in rows if r["role"] == "eligible")
    assert all("not a member" in r["basis_words"] for r in rows if r["role"] == "eligible")
    fig = make_map_figure(atlas, state)
    z = dict(zip(fig["data"][SLOT_COUNTRIES]["locations"], fig["data"][SLOT_COUNTRIES]["z"]))
    assert z["FRA"] == 0.5 and z["TWN"] == 0  # eligible: its own band, below observer (1) and member (2)
    legend = fig["data"][SLOT_LEGEND + 3]
    assert legend["name"] == "Open to all UN member states (not members)" and legend["showlegend"] is True
    view = make_map_view(atlas, state)
    assert any("open to all UN member states" in n for n in view.notices)


def test_members_win_over_eligible_and_roles_or_other_years_draw_none(atlas):
    rows = map_view.make_rows(atlas, ViewState(processes=("gfmd",), year=2008))
    roles = {}
    for r in rows:
        roles.setdefault(r["iso3"], set()).add(r["role"])
    assert all(len(v) == 1 for v in roles.values())  # one role a state
    members = {i for i, v in roles.items() if v == {"member"}}
    assert members and {i for i, v in roles.items() if v == {"eligible"}} == un_members(2008) - members
    assert not any(
        r["role"] == "eligible"
        for r in map_view.make_rows(atlas, ViewState(processes=("gfmd",), year=2008, role="member"))
    )
    assert not any(
        r["role"] == "eligible" for r in map_view.make_rows(atlas, ViewState(processes=("hld-2006",), year=2007))
    )
    puebla = make_map_figure(atlas, ViewState(processes=("puebla",), year=2000))
    assert puebla["data"][SLOT_LEGEND + 3]["showlegend"] is False
    assert 0.5 not in puebla["data"][SLOT_COUNTRIES]["z"]


def test_the_browser_does_not_step_an_open_process(atlas):
    assert year_series(atlas, ViewState(processes=("gfmd",), year=2008)) is None
    assert year_series(atlas, ViewState(processes=("puebla",), year=2000)) is not None


def test_a_secretariat_that_is_no_atlas_organisation_is_taken_from_the_note(atlas):
    from dashboard.web.pages.map_panels import secretariat_text

    assert secretariat_text(atlas, atlas.process_by_id["pidc"]) == "own secretariat in Apia"
    assert secretariat_text(atlas, atlas.process_by_id["budapest"]).startswith("International Centre")
