"""Pure questions asked of the atlas: who belongs to what in a year, which processes match a filter."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.viewstate import KINDS as PROCESS_KINDS, ViewState


def selected_processes(atlas, state: ViewState) -> list[str]:
    """The processes a view shows: those named (none named: all), narrowed to the issue areas and filters."""
    ids = list(state.processes) or list(atlas.process_by_id)
    if state.issues:
        wanted = set(state.issues)
        ids = [p for p in ids if atlas.issues_of_process.get(p, frozenset()) & wanted]
    if state.regions:
        ids = [p for p in ids if atlas.process_by_id[p]["region"] in state.regions]
    process_kinds = set(state.kinds) & set(PROCESS_KINDS)
    if process_kinds:  # kind=bilateral (a timeline lane) says nothing about processes: the map then shows them all
        ids = [p for p in ids if atlas.process_by_id[p]["kind"] in process_kinds]
    return ids


def in_force(frame: pd.DataFrame, year: int, start: str = "start_year", end: str = "end_year") -> pd.Series:
    """Rows whose [start, end] (end blank: still running) contains `year`."""
    return (frame[start] <= year) & (frame[end].isna() | (frame[end] >= year))


def active_processes(atlas, ids: list[str], year: int) -> list[str]:
    out = []
    for pid in ids:
        proc = atlas.process_by_id[pid]
        ended = proc["ended_year"]
        if proc["founded_year"] <= year and (pd.isna(ended) or ended >= year):
            out.append(pid)
    return out


def _membership_arrays(atlas) -> dict:
    """Column arrays of memberships, sorted once, so a year or process change is a mask, not a pandas scan."""
    arrays = atlas._cache.get("membership_arrays")
    if arrays is None:
        frame = atlas.memberships.sort_values(["process_id", "role", "iso3"]).reset_index(drop=True)
        codes, uniques = pd.factorize(frame["process_id"])
        arrays = {"frame": frame, "process": codes, "process_code": {p: i for i, p in enumerate(uniques)},
                  "role": frame["role"].to_numpy(dtype=object),
                  "start": frame["start_year"].to_numpy(dtype="int64"),
                  "end": frame["end_year"].fillna(10_000).to_numpy(dtype="int64")}
        atlas._cache["membership_arrays"] = arrays
    return arrays


def memberships_in_year(atlas, process_ids: list[str], year: int, role: str = "all") -> pd.DataFrame:
    """Membership rows in force in `year` for these processes (and that role), with the process alive that year."""
    a = _membership_arrays(atlas)
    wanted = np.zeros(len(a["process_code"]) + 1, dtype=bool)   # a lookup table by process code: O(rows)
    wanted[[a["process_code"][p] for p in active_processes(atlas, process_ids, year) if p in a["process_code"]]] = True
    mask = wanted[a["process"]] & (a["start"] <= year) & (a["end"] >= year)
    if role != "all":
        mask &= a["role"] == role
    return a["frame"].iloc[np.flatnonzero(mask)].reset_index(drop=True)


def display_code(atlas, iso3: str, year: int) -> str:
    """The shape a country code is drawn as in `year`: a former state's code before it dissolved."""
    return display_codes(atlas, year).get(iso3, iso3)


def display_codes(atlas, year: int) -> dict[str, str]:
    """{successor: former state} for the former states drawn in `year` (cached per year)."""
    cache = atlas._cache.setdefault("display_codes", {})
    if year not in cache:
        mapping = {}
        drawn = atlas.geometry.shape_ids if atlas.geometry is not None else frozenset()
        for code, state in atlas.former_states.items():
            if state["start_year"] <= year <= state["end_year"] and code in drawn:
                mapping.update({s: code for s in state["successors"]})
        cache[year] = mapping
    return cache[year]


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
    confirmed: tuple[str, ...] = ()   # first listed that year; the join year itself is unknown


def membership_changes(atlas, process_id: str) -> list[Change]:
    """Joins, first confirmations and departures of members of one process, year by year (computed once)."""
    return atlas.remember("membership_changes", process_id, lambda: _membership_changes(atlas, process_id))


def _membership_changes(atlas, process_id: str) -> list[Change]:
    m = atlas.memberships
    rows = m[(m["process_id"] == process_id) & (m["role"] == "member")]
    starts = {(int(y), basis): tuple(sorted(g)) for (y, basis), g in rows.groupby(["start_year", "start_basis"])["iso3"]}
    lefts = {int(y) + 1: tuple(sorted(g)) for y, g in rows.dropna(subset=["end_year"]).groupby("end_year")["iso3"]}
    years = sorted({y for y, _ in starts} | set(lefts))
    return [Change(y, starts.get((y, "joined"), ()), lefts.get(y, ()), starts.get((y, "confirmed"), ())) for y in years]
