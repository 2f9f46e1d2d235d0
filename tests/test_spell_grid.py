"""The numpy spell counts (dashboard/views/spell_grid.py) and the selections built on them, against plain loops."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.views import queries
from dashboard.views.spell_grid import covered, distinct_covered, merge_spells


def count_by_loop(entity, code, lo, hi, n_codes, first, n_years) -> np.ndarray:
    grid = np.zeros((n_codes, n_years), dtype=int)
    for c in range(n_codes):
        for y in range(n_years):
            grid[c, y] = len({e for e, cc, a, b in zip(entity, code, lo, hi) if cc == c and a <= first + y <= b})
    return grid


@pytest.mark.parametrize("seed", range(20))
def test_merged_spells_count_each_entity_once(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 40))
    entity, code = rng.integers(0, 3, n), rng.integers(0, 4, n)
    lo = rng.integers(1990, 2000, n)
    hi = lo + rng.integers(-2, 8, n)  # some spells end before they start: dropped
    expected = count_by_loop(entity, code, lo, hi, 4, 1988, 20)
    merged = merge_spells(entity, code, lo, hi)
    assert (covered(merged[1], merged[2], merged[3], 4, 1988, 20) == expected).all()
    keep = lo <= hi
    assert (distinct_covered(entity[keep], code[keep], lo[keep], hi[keep], 4, 1988, 20) == expected).all()


def peak_by_loop(atlas, ids, role, layer) -> int:
    """What the map's overlap scale tops at, year by year and spell by spell (the implementation before numpy)."""
    first, last = atlas.year_range
    taken: dict[tuple[str, int], set[str]] = {}
    for r in queries._spells(atlas, layer).itertuples():
        if r.entity not in set(ids) or (role != "all" and r.role != role):
            continue
        born, ended = queries._lifetime(atlas, layer, r.entity, first, last)
        end = last if pd.isna(r.end_year) else int(r.end_year)
        for year in range(max(int(r.start_year), born, first), min(end, ended, last) + 1):
            taken.setdefault((queries.display_code(atlas, r.iso3, year), year), set()).add(r.entity)
    return max((len(v) for v in taken.values()), default=0)


def test_peak_overlap_and_states_ever_are_the_loops(atlas):
    processes, orgs = sorted(atlas.process_by_id), sorted(atlas.org_by_id)
    selections = [("processes", tuple(processes))] + [
        ("processes", tuple(processes[i : i + 4])) for i in range(0, 28, 3)
    ]
    selections += [("organisations", tuple(orgs)), ("organisations", tuple(orgs[:3]))]
    peaks = set()
    for layer, ids in selections:
        for role in ("all", "member", "observer"):
            peak = queries.peak_overlap(atlas, ids, role, layer)
            assert peak == peak_by_loop(atlas, ids, role, layer), (layer, ids, role)
            peaks.add(peak)
            rows = queries._spells(atlas, layer)
            rows = rows[rows["entity"].isin(ids) & ((rows["role"] == role) | (role == "all"))]
            assert queries.states_ever(atlas, ids, role, layer) == frozenset(rows["iso3"])
    assert len(peaks) > 2  # the selections differ, so the test could tell a wrong answer from a right one


def changes_by_pandas(atlas, process_id):
    """Joins and departures of one process's members, year by year, with pandas (the implementation before)."""
    m = atlas.memberships
    rows = m[(m["process_id"] == process_id) & (m["role"] == "member")]
    starts: dict[int, dict[str, tuple[str, ...]]] = {}
    for (y, basis), g in rows.groupby(["start_year", "basis"])["iso3"]:
        starts.setdefault(int(y), {})[basis] = tuple(sorted(g))
    lefts = {int(y) + 1: tuple(sorted(g)) for y, g in rows.dropna(subset=["end_year"]).groupby("end_year")["iso3"]}
    out = []
    for y in sorted(set(starts) | set(lefts)):
        by = starts.get(y, {})
        joined = tuple(sorted(x for b in ("founding", "joined", "constitutive") for x in by.get(b, ())))
        confirmed = tuple(sorted(x for b in ("attended", "confirmed") for x in by.get(b, ())))
        out.append((y, joined, lefts.get(y, ()), confirmed, tuple((b, by[b]) for b in queries.BASIS_ORDER if b in by)))
    return out


def test_membership_changes_are_the_pandas_ones(atlas):
    every = [queries.membership_changes(atlas, p) for p in sorted(atlas.process_by_id)]
    assert sum(len(c) for c in every) > 50
    for pid, changes in zip(sorted(atlas.process_by_id), every):
        found = [(c.year, c.joined, c.left, c.confirmed, c.starts) for c in changes]
        assert found == changes_by_pandas(atlas, pid), pid
