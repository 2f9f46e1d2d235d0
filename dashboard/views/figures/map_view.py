"""What the map shows for a view state: the processes or organisation, the memberships in force, counts, notices."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.strings import t
from dashboard.views import evidence, queries
from dashboard.views.figures.agreements import AGREEMENT_KINDS, ARC_TRACES, arc_traces  # noqa: F401 - AGREEMENT_KINDS re-exported
from dashboard.views.figures.theme import (
    MAX_OUTLINES,
)
from dashboard.viewstate import ViewState


@dataclass(frozen=True)
class MapView:
    """What the map shows for a state: the rows behind it, per-country values and notices."""

    year: int
    process_ids: tuple[str, ...]
    rows: pd.DataFrame  # membership rows in force: process_id, iso3, role, start_year, source_id, ...
    mode: str  # "one" (members vs observers) or "overlap" (count of processes or organisations)
    notices: tuple[str, ...]
    layer: str = "processes"  # or "organisations": rows are org_memberships, process_id holds the org id


def resolve_year(atlas, state: ViewState) -> int:
    return state.year if state.year is not None else atlas.default_year


VIEW_CACHE_SIZE = 256


HOVER_LINES = 8  # a country in dozens of processes gets a short hover, the full list is in the table


def make_map_view(atlas, state: ViewState) -> MapView:
    """Everything the map, its table and its CSV export show, computed once per state (and remembered)."""
    key = state.with_(theme="light", country=None, layers=("processes",))  # what the view does not depend on
    return atlas.remember("map_views", key, lambda: _compute_map_view(atlas, state), size=VIEW_CACHE_SIZE)


def label_of(atlas, entity_id: str, *, short: bool = True) -> str:
    """A process's or an organisation's name (the organisation layer keeps the org id where processes are)."""
    entity = atlas.process_by_id.get(entity_id) or atlas.org_by_id.get(entity_id) or {}
    return entity.get("short_name" if short else "name") or entity.get("name") or entity_id


def _org_view(atlas, state: ViewState, year: int) -> MapView:
    """The organisation layer: member states (associates, observers) of the organisations in `year`."""
    m = atlas.org_memberships
    rows = m[m["org_id"].isin(state.orgs) & queries.in_force(m, year)]
    if state.role != "all":
        rows = rows[rows["role"] == state.role]
    rows = (
        rows.rename(columns={"org_id": "process_id"}).sort_values(["process_id", "role", "iso3"]).reset_index(drop=True)
    )
    notices = []
    for oid in state.orgs:
        name = atlas.org_by_id[oid]["short_name"]
        if not (m["org_id"] == oid).any():
            notices.append(t("notice.org_no_members", name=name))
        elif year > 2014 and (m[m["org_id"] == oid]["source_id"] == "cow-igo-v3").any():
            notices.append(t("notice.org_data_end", name=name))
    mode = "one" if len(state.orgs) == 1 else "overlap"
    return MapView(year, tuple(state.orgs), rows, mode, tuple(notices), layer="organisations")


def _compute_map_view(atlas, state: ViewState) -> MapView:
    year = resolve_year(atlas, state)
    if state.orgs:
        return _org_view(atlas, state, year)
    ids = queries.selected_processes(atlas, state)
    rows = queries.memberships_in_year(atlas, ids, year, state.role)
    if state.match == "all" and len(ids) > 1:
        rows = queries.in_all(rows, ids)
    notices = []
    drawn_by = rows.groupby("process_id")["iso3"].agg(set).to_dict()
    if len(ids) == 1 and state.role == "all":  # a process open to all UN member states draws them as eligible
        eligible = evidence.eligible_rows(atlas, ids[0], year, drawn_by.get(ids[0], set()))
        if len(eligible):
            rows = pd.concat([rows, eligible], ignore_index=True)
            org = atlas.org_by_id[evidence.open_to_org(atlas, ids[0])]["short_name"]
            name = atlas.process_by_id[ids[0]]["short_name"]
            notices.append(t("notice.eligible", name=name, org=org, n=len(eligible), year=year))
    for pid in ids if len(ids) <= MAX_OUTLINES else []:
        proc = atlas.process_by_id[pid]
        known = proc["members_known_through"]
        if proc["founded_year"] > year:
            notices.append(
                t("notice.not_yet_founded", name=proc["short_name"], founded=proc["founded_year"], year=year)
            )
        elif pd.notna(proc["ended_year"]) and proc["ended_year"] < year:
            notices.append(t("notice.ended", name=proc["short_name"], ended=proc["ended_year"]))
        elif pd.notna(known) and known < year:
            notices.append(t("notice.members_known_through", name=proc["short_name"], year=known))
        if proc["founded_year"] <= year and not (pd.notna(proc["ended_year"]) and proc["ended_year"] < year):
            drawn = drawn_by.get(pid, set())
            for text in (
                evidence.count_notice(atlas, pid, year, len(drawn)),
                evidence.not_drawn_notice(atlas, pid, year, drawn, state.role),
            ):
                if text:
                    notices.append(text)
    if len(ids) > MAX_OUTLINES:
        stale = [
            atlas.process_by_id[p]["short_name"]
            for p in queries.active_processes(atlas, ids, year)
            if pd.notna(atlas.process_by_id[p]["members_known_through"])
            and atlas.process_by_id[p]["members_known_through"] < year
        ]
        if stale:
            names = ", ".join(stale[:5]) + (t("notice.and_more", n=len(stale) - 5) if len(stale) > 5 else "")
            notices.append(t("notice.many_known_through", n=len(stale), year=year, names=names))
    mode = "one" if len(ids) == 1 else "overlap"
    return MapView(year, tuple(ids), rows, mode, tuple(notices))
