"""Organisations side by side: their roles in processes by year and the comparison cards of two to four."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dashboard.views.figures.mandates import (
    MAX_COMPARE,
    ROLE_ORDER,
    build_mandate_matrix,
    columns_of,
    spans,
    year_of,
)


@dataclass(frozen=True)
class Role:
    process_id: str
    role: str
    start: int | None
    end: int | None
    source_id: str
    date_unverified: bool = False


@dataclass(frozen=True)
class OrgCard:
    """One organisation in a side-by-side comparison, as of a year."""

    org_id: str
    founded: int | None
    exists: bool  # False: founded after the year shown
    mandates: dict  # issue id -> Cell (only those in force that year)
    roles: tuple[Role, ...]

    @property
    def role_counts(self) -> dict[str, int]:
        return {r: sum(1 for x in self.roles if x.role == r) for r in ROLE_ORDER}


def roles_in_year(org_roles: pd.DataFrame, processes: pd.DataFrame, org_id: str, year: int | None) -> tuple[Role, ...]:
    """An organisation's roles in processes as of `year` (None: all recorded), with the same year rule as mandates."""
    mine = org_roles[org_roles["org_id"] == org_id]
    span = spans(processes[processes["id"].isin(set(mine["process_id"]))])
    out = []
    columns = ("process_id", "role", "start_year", "end_year", "source_id")
    for process, role, start, end, source in zip(*columns_of(mine, *columns)):
        start, end = year_of(start), year_of(end)
        if year is not None:
            p_start, p_end = span.get(process, (None, None))
            running = (p_start is None or p_start <= year) and (p_end is None or p_end >= year)
            if not running or (start is not None and start > year) or (end is not None and end < year):
                continue
        out.append(Role(process, role, start, end, source, year is not None and start is None))
    order = {role: i for i, role in enumerate(ROLE_ORDER)}
    return tuple(sorted(out, key=lambda x: (order.get(x.role, 9), x.start or 9999, x.process_id)))


def build_comparison(
    mandates: pd.DataFrame,
    organisations: pd.DataFrame,
    org_roles: pd.DataFrame,
    processes: pd.DataFrame,
    issue_areas: pd.DataFrame,
    *,
    org_ids: tuple[str, ...],
    year: int | None = None,
) -> list[OrgCard]:
    """One card per organisation, in the order given: founding, mandates per issue area, roles in processes."""
    matrix = build_mandate_matrix(mandates, organisations, issue_areas, year=year, orgs=org_ids)
    founded = {o: year_of(f) for o, f in zip(organisations["id"], organisations["founded_year"])}
    return [
        OrgCard(
            o,
            founded[o],
            o in matrix.rows,
            {i: c for (row, i), c in matrix.cells.items() if row == o},
            roles_in_year(org_roles, processes, o, year) if o in matrix.rows else (),
        )
        for o in org_ids
    ]


def limit_compare(org_ids: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(kept, dropped): a comparison takes at most MAX_COMPARE organisations, the first ones named."""
    return org_ids[:MAX_COMPARE], org_ids[MAX_COMPARE:]
