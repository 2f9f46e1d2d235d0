"""The atlas's own rules across rows and tables: years in order, lifetimes of what rows refer to, spells, sources.

They run after frictionless-py's schema checks (dashboard/data/schema.py) and the single-cell rules
(dashboard/data/cells.py). A new rule is a function (tables) -> list[Problem] added to PACKAGE_RULES.
"""

from __future__ import annotations

import re

from dashboard.data.cells import rows_of, whole
from dashboard.data.names import names_problems
from dashboard.data.problems import Problem, RawTable

# ---- across rows and tables -----------------------------------------------------------------------------------

YEAR_PAIRS = {
    "processes": ("founded_year", "ended_year"),
    "memberships": ("start_year", "end_year"),
    "org_roles": ("start_year", "end_year"),
    "org_memberships": ("start_year", "end_year"),
    "agreements": ("year", "end_year"),
    "milestones": ("year", "in_force_year"),
    "states": ("start_year", "end_year"),
    "eras": ("start_year", "end_year"),
}


def order_problems(tables: dict[str, RawTable]) -> list[Problem]:
    """Within a row, the end comes after the start."""
    problems = []
    for name, (lo, hi) in YEAR_PAIRS.items():
        table = tables.get(name)
        for row, line in rows_of(table):
            a, b = whole(row[lo]), whole(row[hi])
            if a is not None and b is not None and a > b:
                problems.append(
                    Problem(
                        table.file,
                        line,
                        hi,
                        f"{hi} is before {lo}",
                        found=f"{lo} {a}, {hi} {b}",
                        expected=f"{hi} >= {a}",
                    )
                )
    return problems


def members_known_problems(tables: dict[str, RawTable]) -> list[Problem]:
    """A process's member list cannot be verified to a year before the process existed."""
    problems = []
    table = tables.get("processes")
    for row, line in rows_of(table):
        known, founded = whole(row["members_known_through"]), whole(row["founded_year"])
        if known is not None and founded is not None and known < founded:
            problems.append(
                Problem(
                    table.file,
                    line,
                    "members_known_through",
                    "member list verified to a year before the founding",
                    found=str(known),
                    expected=f">= {founded}",
                )
            )
    return problems


def process_lifetime_problems(tables: dict[str, RawTable]) -> list[Problem]:
    """Memberships and organisations' roles fall inside the lifetime of their process."""
    processes = {r["id"]: r for r in tables["processes"].rows} if "processes" in tables else {}
    problems = []
    for name in ("memberships", "org_roles"):
        table = tables.get(name)
        for row, line in rows_of(table):
            proc = processes.get(row["process_id"])
            if proc:
                problems += _inside_process(table.file, line, row, proc)
    return problems


def _inside_process(file: str, line: int, row: dict, proc: dict) -> list[Problem]:
    problems = []
    founded, ended = whole(proc["founded_year"]), whole(proc["ended_year"])
    start, end = whole(row["start_year"]), whole(row["end_year"])
    pid = row["process_id"]
    if start is not None and founded is not None and start < founded:
        problems.append(
            Problem(
                file, line, "start_year", f"starts before the process {pid} was founded", str(start), f">= {founded}"
            )
        )
    if ended is not None:
        for col, val in (("start_year", start), ("end_year", end)):
            if val is not None and val > ended:
                problems.append(Problem(file, line, col, f"after the process {pid} ended", str(val), f"<= {ended}"))
    return problems


def state_lifetime_problems(tables: dict[str, RawTable]) -> list[Problem]:
    """A former state cannot join anything after it ceased to exist."""
    states = {r["iso3"]: r for r in tables["states"].rows} if "states" in tables else {}
    problems = []
    for name in ("memberships", "org_memberships"):
        table = tables.get(name)
        for row, line in rows_of(table):
            state = states.get(row["iso3"])
            start, ended = whole(row["start_year"]), whole(state["end_year"]) if state else None
            if start is not None and ended is not None and start > ended:
                problems.append(
                    Problem(
                        table.file,
                        line,
                        "start_year",
                        f"after the former state {row['iso3']} ceased to exist",
                        found=str(start),
                        expected=f"<= {ended}",
                    )
                )
    return problems


def organisation_lifetime_problems(tables: dict[str, RawTable]) -> list[Problem]:
    """An organisation's mandate cannot start before the organisation was founded."""
    orgs = {r["id"]: r for r in tables["organisations"].rows} if "organisations" in tables else {}
    problems = []
    table = tables.get("mandates")
    for row, line in rows_of(table):
        org = orgs.get(row["org_id"])
        since, founded = whole(row["since_year"]), whole(org["founded_year"]) if org else None
        if since is not None and founded is not None and since < founded:
            problems.append(
                Problem(
                    table.file,
                    line,
                    "since_year",
                    f"before {row['org_id']} was founded",
                    found=str(since),
                    expected=f">= {founded}",
                )
            )
    return problems


def agreement_problems(tables: dict[str, RawTable]) -> list[Problem]:
    table = tables.get("agreements")
    return [
        Problem(
            table.file,
            line,
            "iso3_b",
            "an agreement needs two different states",
            found=repr(row["iso3_b"]),
            expected=f"not {row['iso3_a']!r}",
        )
        for row, line in rows_of(table)
        if row["iso3_a"] and row["iso3_a"] == row["iso3_b"]
    ]


def spell_problems(tables: dict[str, RawTable]) -> list[Problem]:
    """One state's spells in one organisation do not overlap: a second spell starts after the first ended."""
    table = tables.get("org_memberships")
    spells: dict[tuple[str, str], list[tuple[int, int | None, int]]] = {}
    for row, line in rows_of(table):
        start = whole(row["start_year"])
        if start is not None:
            spells.setdefault((row["org_id"], row["iso3"]), []).append((start, whole(row["end_year"]), line))
    problems = []
    for (org, iso3), items in spells.items():
        items.sort()
        for (_, end, first), (start, _, line) in zip(items, items[1:]):
            if end is None or start < end:
                until = "open-ended" if end is None else f"to {end}"
                problems.append(
                    Problem(
                        table.file,
                        line,
                        "start_year",
                        f"overlaps {iso3}'s earlier spell in {org} (row {first}, {until})",
                        found=str(start),
                        expected=f">= {end}" if end is not None else "an end_year on the earlier spell",
                    )
                )
    return problems


def sources_used_problems(tables: dict[str, RawTable]) -> list[Problem]:
    """Every listed source is cited somewhere, so none is stale."""
    if "sources" not in tables:
        return []
    cited = {r.get("source_id") for t in tables.values() for r in t.rows}
    # A note may cite a second source for a disagreement ("IOM gives 2003 (src: iom-mtm)"): that counts too.
    words = {
        w
        for t in tables.values()
        if t.name != "sources"
        for r in t.rows
        for w in re.findall(r"[a-z0-9][a-z0-9-]*[a-z0-9]", r.get("note", "") or "")
    }
    cited |= words
    t = tables["sources"]
    return [
        Problem(
            t.file, line, "id", "source is not cited by any record", found=repr(row["id"]), expected="cited, or removed"
        )
        for row, line in zip(t.rows, t.lines)
        if row["id"] not in cited
    ]


PACKAGE_RULES = (
    names_problems,
    order_problems,
    members_known_problems,
    process_lifetime_problems,
    state_lifetime_problems,
    organisation_lifetime_problems,
    agreement_problems,
    spell_problems,
)
