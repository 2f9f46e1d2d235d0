"""Who changed between two years (joined, left, unchanged, role-changed), for any "members by year" function."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.views import queries

CHANGES = ("joined", "left", "role-changed", "unchanged")
# The strongest role wins when a state takes part in several selected bodies (match=any), the weakest when it
# must take part in all of them (match=all): a member of one and an observer of the other is "in all" as observer.
ROLE_RANK = {"member": 3, "associate": 2, "observer": 1}

MembersByYear = Callable[[int], Mapping[str, str]]  # year -> {iso3: role}


@dataclass(frozen=True)
class ChangeSet:
    """The change of each state between `early` and `late`; states in neither year are not in it."""

    early: int
    late: int
    before: Mapping[str, str]  # iso3 -> role in `early`
    after: Mapping[str, str]  # iso3 -> role in `late`
    change: Mapping[str, str]  # iso3 -> one of CHANGES

    def states(self, kind: str) -> list[str]:
        return sorted(c for c, k in self.change.items() if k == kind)

    def counts(self) -> dict[str, int]:
        return {kind: sum(1 for k in self.change.values() if k == kind) for kind in CHANGES}


def change_of(before: str | None, after: str | None) -> str | None:
    """One state's change from its role before to its role after (None: not a participant)."""
    if before is None and after is None:
        return None
    if before is None:
        return "joined"
    if after is None:
        return "left"
    return "unchanged" if before == after else "role-changed"


def compare_years(members: MembersByYear, year_a: int, year_b: int) -> ChangeSet:
    """The change from the earlier of the two years to the later, whichever order they are given in.

    >>> compare_years(lambda y: {"DEU": "member"} if y > 1990 else {}, 2000, 1990).counts()["joined"]
    1
    """
    early, late = sorted((year_a, year_b))
    before, after = dict(members(early)), dict(members(late))
    change = {c: change_of(before.get(c), after.get(c)) for c in before.keys() | after.keys()}
    return ChangeSet(early, late, before, after, change)


def combine_roles(roles_by_body: Iterable[tuple[str, str, str]], bodies: Iterable[str], match: str) -> dict[str, str]:
    """(body, iso3, role) rows -> {iso3: role} over the bodies: in any of them (strongest role), or in all (weakest)."""
    wanted = list(dict.fromkeys(bodies))
    per_state: dict[str, dict[str, str]] = {}
    for body, iso3, role in roles_by_body:
        held = per_state.setdefault(iso3, {})
        if ROLE_RANK.get(role, 0) > ROLE_RANK.get(held.get(body), 0):
            held[body] = role
    if match == "all":
        return {
            c: min(held.values(), key=ROLE_RANK.get)
            for c, held in per_state.items()
            if wanted and all(b in held for b in wanted)
        }
    return {c: max(held.values(), key=ROLE_RANK.get) for c, held in per_state.items()}


RowsByYear = Callable[[int], pd.DataFrame]  # year -> membership rows in force: process_id (or org id), iso3, role, ...


def process_rows(atlas, process_ids: list[str], role: str = "all") -> RowsByYear:
    """memberships.csv rows in force by year, for these processes (and that role)."""
    return lambda year: queries.memberships_in_year(atlas, process_ids, year, role)


def org_rows(atlas, org_ids: list[str], role: str = "all") -> RowsByYear:
    """org_memberships.csv rows in force by year, the organisation's id where the map keeps a process id."""
    table = atlas.org_memberships
    table = table[table["org_id"].isin(org_ids)]
    if role != "all":
        table = table[table["role"] == role]
    table = table.rename(columns={"org_id": "process_id"})
    return lambda year: table[queries.in_force(table, year).fillna(False).astype(bool)].reset_index(drop=True)


def members_by_year(rows_in_year: RowsByYear, bodies: list[str], match: str = "any") -> MembersByYear:
    """{iso3: role} by year, from any rows-by-year function: in any of the bodies, or in all of them."""

    def members(year: int) -> dict[str, str]:
        rows = rows_in_year(year)
        return combine_roles(zip(rows["process_id"], rows["iso3"], rows["role"]), bodies, match)

    return members


def process_members(atlas, process_ids: list[str], role: str = "all", match: str = "any") -> MembersByYear:
    """Members of these processes by year (that role; in any or all of them), from memberships.csv."""
    return members_by_year(process_rows(atlas, process_ids, role), process_ids, match)


def org_members(atlas, org_ids: list[str], role: str = "all", match: str = "any") -> MembersByYear:
    """Member states of these organisations by year (that role; in any or all of them), from org_memberships.csv."""
    return members_by_year(org_rows(atlas, org_ids, role), org_ids, match)


def change_rows(
    atlas, process_ids: list[str], changes: ChangeSet, role: str = "all", *, rows_in_year: RowsByYear | None = None
) -> pd.DataFrame:
    """The membership facts behind a change map: one row per state and process in force in either year.

    Each row is the membership row of the later year where there is one, else of the earlier (its dates and
    source), plus role_before, role_after, process_change (this process) and change (the state's, as mapped).
    """

    rows_in_year = rows_in_year or process_rows(atlas, process_ids, role)

    def by_key(year: int) -> dict[tuple[str, str], dict]:
        rows = rows_in_year(year)
        rows = rows[rows["iso3"].isin(changes.change.keys())]
        out: dict[tuple[str, str], dict] = {}
        for r in rows.to_dict("records"):  # a state with two spells in one year: the stronger role
            key = (r["process_id"], r["iso3"])
            if key not in out or ROLE_RANK.get(r["role"], 0) > ROLE_RANK.get(out[key]["role"], 0):
                out[key] = r
        return out

    early, late = by_key(changes.early), by_key(changes.late)
    records = []
    for key in sorted(early.keys() | late.keys()):
        before, after = early.get(key), late.get(key)
        record = dict(after or before)
        record["role_before"] = before["role"] if before else ""
        record["role_after"] = after["role"] if after else ""
        record["process_change"] = change_of(before["role"] if before else None, after["role"] if after else None)
        record["change"] = changes.change[key[1]]
        records.append(record)
    columns = [*rows_in_year(changes.late).columns, "role_before", "role_after"]
    return pd.DataFrame(records, columns=[*columns, "process_change", "change"])
