"""Pure questions asked of the atlas: who belongs to what in a year, which processes match a filter."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.viewstate import ViewState


def selected_processes(atlas, state: ViewState) -> list[str]:
    """The processes a view shows: those named (none named: all), narrowed to the issue areas and filters."""
    ids = list(state.processes) or list(atlas.process_by_id)
    if state.issues:
        wanted = set(state.issues)
        ids = [p for p in ids if atlas.issues_of_process.get(p, frozenset()) & wanted]
    if state.regions:
        ids = [p for p in ids if atlas.process_by_id[p]["region"] in state.regions]
    if state.kinds:
        ids = [p for p in ids if atlas.process_by_id[p]["kind"] in state.kinds]
    return ids


def in_force(frame: pd.DataFrame, year: int, start: str = "start_year", end: str = "end_year") -> pd.Series:
    """Rows whose [start, end] (end blank: still running) contains `year`."""
    return (frame[start] <= year) & (frame[end].isna() | (frame[end] >= year))


def active_processes(atlas, ids: list[str], year: int) -> list[str]:
    procs = atlas.processes.set_index("id").loc[ids] if ids else atlas.processes.iloc[0:0].set_index("id")
    alive = in_force(procs, year, "founded_year", "ended_year")
    return [p for p in ids if bool(alive.get(p, False))]


def memberships_in_year(atlas, process_ids: list[str], year: int, role: str = "all") -> pd.DataFrame:
    """Membership rows in force in `year` for these processes (and that role), with the process alive that year."""
    m = atlas.memberships
    rows = m[m["process_id"].isin(active_processes(atlas, process_ids, year)) & in_force(m, year)]
    if role != "all":
        rows = rows[rows["role"] == role]
    # A state's earliest continuous start is its join year; several rows for one state and role are kept apart.
    return rows.sort_values(["process_id", "role", "iso3"]).reset_index(drop=True)


def display_code(atlas, iso3: str, year: int) -> str:
    """The shape a country code is drawn as in `year`: a former state's code before it dissolved."""
    for code, state in atlas.former_states.items():
        if iso3 in state["successors"] and state["start_year"] <= year <= state["end_year"] and \
                atlas.geometry is not None and code in atlas.geometry.shape_ids:
            return code
    return iso3


def shapes_in_year(atlas, year: int) -> list[str]:
    """Ids of the shapes that make up the world map in `year` (former states replace their successors)."""
    if atlas.geometry is None:
        return []
    hidden: set[str] = set()
    shown: list[str] = []
    for code, state in atlas.former_states.items():
        if code in atlas.geometry.shape_ids:
            if state["start_year"] <= year <= state["end_year"]:
                hidden |= set(state["successors"])
            else:
                hidden.add(code)
    for feature in atlas.geometry.shapes["features"]:
        if feature["id"] not in hidden:
            shown.append(feature["id"])
    return shown


@dataclass(frozen=True)
class Change:
    year: int
    joined: tuple[str, ...]
    left: tuple[str, ...]


def membership_changes(atlas, process_id: str) -> list[Change]:
    """Joins and departures of members of one process, year by year."""
    m = atlas.memberships
    rows = m[(m["process_id"] == process_id) & (m["role"] == "member")]
    years = sorted(set(rows["start_year"].dropna().astype(int)) | set((rows["end_year"].dropna() + 1).astype(int)))
    changes = []
    for y in years:
        joined = tuple(sorted(rows.loc[rows["start_year"] == y, "iso3"]))
        left = tuple(sorted(rows.loc[rows["end_year"] == y - 1, "iso3"]))  # last year as member: y - 1
        if joined or left:
            changes.append(Change(y, joined, left))
    return changes
