"""Pure questions asked of the atlas: who belongs to what in a year, which processes match a filter."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.views.spell_grid import covered, distinct_covered, merge_spells
from dashboard.viewstate import KINDS as PROCESS_KINDS
from dashboard.viewstate import ViewState


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
    """The processes of `ids` alive in `year`: founded by then and not yet ended."""
    lives = process_lifetimes(atlas)
    return [pid for pid in ids if lives[pid][0] <= year <= lives[pid][1]]


def process_lifetimes(atlas) -> dict[str, tuple[int, int]]:
    """{process: (founded, ended)}, a process still running ending in 10000 (computed once per atlas)."""

    def compute() -> dict:
        return {
            pid: (int(p["founded_year"]), 10_000 if pd.isna(p["ended_year"]) else int(p["ended_year"]))
            for pid, p in atlas.process_by_id.items()
        }

    return atlas.remember("process_lifetimes", "all", compute, size=1)


def _membership_arrays(atlas) -> dict:
    """Column arrays of memberships, sorted once, so a year or process change is a mask, not a pandas scan."""
    arrays = atlas._cache.get("membership_arrays")
    if arrays is None:
        frame = atlas.memberships.sort_values(["process_id", "role", "iso3"]).reset_index(drop=True)
        codes, uniques = pd.factorize(frame["process_id"])
        arrays = {
            "frame": frame,
            "process": codes,
            "process_code": {p: i for i, p in enumerate(uniques)},
            "role": frame["role"].to_numpy(dtype=object),
            "start": frame["start_year"].to_numpy(dtype="int64"),
            "end": frame["end_year"].fillna(10_000).to_numpy(dtype="int64"),
        }
        atlas._cache["membership_arrays"] = arrays
    return arrays


def memberships_in_year(atlas, process_ids: list[str], year: int, role: str = "all") -> pd.DataFrame:
    """Membership rows in force in `year` for these processes (and that role), with the process alive that year."""
    a = _membership_arrays(atlas)
    wanted = np.zeros(len(a["process_code"]) + 1, dtype=bool)  # a lookup table by process code: O(rows)
    wanted[[a["process_code"][p] for p in active_processes(atlas, process_ids, year) if p in a["process_code"]]] = True
    mask = wanted[a["process"]] & (a["start"] <= year) & (a["end"] >= year)
    if role != "all":
        mask &= a["role"] == role
    return a["frame"].iloc[np.flatnonzero(mask)].reset_index(drop=True)


def in_all(rows: pd.DataFrame, process_ids: list[str]) -> pd.DataFrame:
    """The rows of states that take part in every one of these processes (match=all); none if one is not running."""
    wanted = set(process_ids)
    covered = rows.groupby("iso3")["process_id"].agg(lambda ps: wanted <= set(ps))
    return rows[rows["iso3"].map(covered).astype(bool)].reset_index(drop=True)


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
    return list(atlas.remember("shapes_in_year", year, lambda: _shapes_in_year(atlas, year), size=128))


def _shapes_in_year(atlas, year: int) -> list[str]:
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
    joined: tuple[str, ...]  # the start is a join year: joined, founding or constitutive
    left: tuple[str, ...]
    confirmed: tuple[str, ...] = ()  # first listed or present that year; the join year itself is unknown
    starts: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (basis, states) for each basis that year


def membership_changes(atlas, process_id: str) -> list[Change]:
    """Joins, first confirmations and departures of members of one process, year by year (computed once)."""
    return atlas.remember("membership_changes", process_id, lambda: _membership_changes(atlas, process_id))


BASIS_ORDER = ("founding", "joined", "constitutive", "attended", "confirmed")


def memberships_by_process(atlas) -> dict[str, list[tuple[str, str, int, int | None, str]]]:
    """Each process's memberships as (iso3, role, start, end or None, basis), split once per atlas."""

    def compute() -> dict:
        m = atlas.memberships
        out: dict[str, list] = {}
        columns = (m[c].tolist() for c in ("process_id", "iso3", "role", "start_year", "end_year", "basis"))
        for pid, iso3, role, start, end, basis in zip(*columns):
            out.setdefault(pid, []).append((iso3, role, int(start), None if pd.isna(end) else int(end), basis))
        return out

    return atlas.remember("memberships_by_process", "all", compute, size=1)


def _membership_changes(atlas, process_id: str) -> list[Change]:
    starts: dict[int, dict[str, list[str]]] = {}
    lefts: dict[int, list[str]] = {}
    for iso3, role, start, end, basis in memberships_by_process(atlas).get(process_id, ()):
        if role != "member":
            continue
        starts.setdefault(start, {}).setdefault(basis, []).append(iso3)
        if end is not None:
            lefts.setdefault(end + 1, []).append(iso3)
    out = []
    for y in sorted(set(starts) | set(lefts)):
        by = {b: tuple(sorted(codes)) for b, codes in starts.get(y, {}).items()}
        joined = tuple(sorted(x for b in ("founding", "joined", "constitutive") for x in by.get(b, ())))
        confirmed = tuple(sorted(x for b in ("attended", "confirmed") for x in by.get(b, ())))
        ordered = tuple((b, by[b]) for b in BASIS_ORDER if b in by)
        out.append(Change(y, joined, tuple(sorted(lefts.get(y, ()))), confirmed, ordered))
    return out


def _selection_key(ids, role: str, layer: str) -> tuple:
    return tuple(sorted(ids)), role, layer


def _spells(atlas, layer: str) -> pd.DataFrame:
    """Membership spells as (entity, iso3, role, start_year, end_year): processes', or organisations' (org layer)."""
    if layer == "organisations":
        return atlas.org_memberships.rename(columns={"org_id": "entity"})
    return atlas.memberships.rename(columns={"process_id": "entity"})


def _lifetime(atlas, layer: str, entity: str, first: int, last: int) -> tuple[int, int]:
    row = (atlas.org_by_id if layer == "organisations" else atlas.process_by_id)[entity]
    founded, ended = row.get("founded_year"), row.get("ended_year")
    return (first if pd.isna(founded) else int(founded)), (last if pd.isna(ended) else int(ended))


def spell_index(atlas, layer: str = "processes") -> dict:
    """One layer's spells as arrays, for selections by lookup table (computed once per atlas, warmed at start-up):
    entity, iso, role codes as given, and lo / hi cut to the entity's lifetime and the atlas's years."""

    def compute() -> dict:
        first, last = atlas.year_range
        rows = _spells(atlas, layer)
        entity, entities = pd.factorize(rows["entity"])
        iso, isos = pd.factorize(rows["iso3"])
        role, roles = pd.factorize(rows["role"])
        lives = np.array([_lifetime(atlas, layer, e, first, last) for e in entities], dtype=np.int64).reshape(-1, 2)
        start = rows["start_year"].astype("int64").to_numpy()
        end = rows["end_year"].astype("Int64").fillna(last).astype("int64").to_numpy()
        return {
            "entity": entity,
            "entity_code": {e: i for i, e in enumerate(entities)},
            "iso": iso,
            "isos": np.array(isos, dtype=object),
            "role": role,
            "role_code": {r: i for i, r in enumerate(roles)},
            "lo": np.maximum(np.maximum(start, lives[entity, 0]), first),
            "hi": np.minimum(np.minimum(end, lives[entity, 1]), last),
        }

    return atlas.remember("spell_index", layer, compute, size=4)


def _selected(index: dict, ids, role: str) -> np.ndarray:
    """The index's rows of these entities (and that role), as a boolean mask: a lookup table, O(rows)."""
    wanted = np.zeros(len(index["entity_code"]) + 1, dtype=bool)
    wanted[[index["entity_code"][e] for e in ids if e in index["entity_code"]]] = True
    mask = wanted[index["entity"]]
    if role != "all":
        mask &= index["role"] == index["role_code"].get(role, -1)
    return mask


def states_ever(atlas, ids, role: str = "all", layer: str = "processes") -> frozenset[str]:
    """Every state that is (or was) in one of these processes (or organisations) in that role, in any year: what
    the map frames."""

    def compute() -> frozenset[str]:
        index = spell_index(atlas, layer)
        return frozenset(index["isos"][np.unique(index["iso"][_selected(index, ids, role)])])

    return atlas.remember("states_ever", _selection_key(ids, role, layer), compute)


def _merged_spells(atlas, layer: str, role: str) -> dict:
    """The layer's spells in that role merged per (entity, state), so that a grid of spells counts each entity once,
    and whether the state is drawn the same in every year (not a former state, nor one's successor)."""

    def compute() -> dict:
        index = spell_index(atlas, layer)
        mask = _selected(index, index["entity_code"], role)
        entity, iso, lo, hi = merge_spells(
            index["entity"][mask], index["iso"][mask], index["lo"][mask], index["hi"][mask]
        )
        changing = {code for _, _, mapping in display_runs(atlas) for pair in mapping.items() for code in pair}
        plain = np.array([code not in changing for code in index["isos"]], dtype=bool)
        return {"entity": entity, "iso": iso, "lo": lo, "hi": hi, "plain": plain[iso] if len(iso) else plain[:0]}

    return atlas.remember("merged_spells", (layer, role), compute, size=8)


def display_runs(atlas) -> list[tuple[int, int, dict[str, str]]]:
    """Runs of years with the same former states drawn: (first, last, {successor: former state}), once per atlas."""

    def compute() -> list:
        first, last = atlas.year_range
        runs: list = []
        for year in range(first, last + 1):
            codes = display_codes(atlas, year)
            if runs and runs[-1][2] == codes:
                runs[-1] = (runs[-1][0], year, codes)
            else:
                runs.append((year, year, codes))
        return runs

    return atlas.remember("display_runs", atlas.year_range, compute, size=4)


def _run_codes(atlas, layer: str) -> list[tuple[int, int, np.ndarray, int]]:
    """For each run of display_runs: (first, last, the code each state of the spell index is drawn as, how many)."""

    def compute() -> list:
        isos = spell_index(atlas, layer)["isos"]
        out = []
        for run_first, run_last, mapping in display_runs(atlas):
            codes, names = pd.factorize(np.array([mapping.get(c, c) for c in isos], dtype=object))
            out.append((run_first, run_last, codes, len(names)))
        return out

    return atlas.remember("run_codes", layer, compute, size=4)


def peak_overlap(atlas, ids, role: str = "all", layer: str = "processes") -> int:
    """The most of these processes (or organisations) any one shape takes part in, in any year of the atlas: the
    top of a colour scale that then means the same count in every year."""

    def compute() -> int:
        first, last = atlas.year_range
        index, spells = spell_index(atlas, layer), _merged_spells(atlas, layer, role)
        wanted = np.zeros(len(index["entity_code"]) + 1, dtype=bool)
        wanted[[index["entity_code"][e] for e in ids if e in index["entity_code"]]] = True
        mask = wanted[spells["entity"]]
        plain = mask & spells["plain"]
        n_isos = len(index["isos"])
        grid = covered(spells["iso"][plain], spells["lo"][plain], spells["hi"][plain], n_isos, first, last - first + 1)
        peak = int(grid.max(initial=0))
        other = mask & ~spells["plain"]  # former states and their successors: drawn as one in some years
        entity, iso, lo, hi = (spells[k][other] for k in ("entity", "iso", "lo", "hi"))
        for run_first, run_last, codes, n_codes in _run_codes(atlas, layer) if other.any() else ():
            grid = distinct_covered(entity, codes[iso], lo, hi, n_codes, run_first, run_last - run_first + 1)
            peak = max(peak, int(grid.max(initial=0)))
        return peak

    return atlas.remember("peak_overlap", _selection_key(ids, role, layer), compute)
