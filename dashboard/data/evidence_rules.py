"""The evidence's rules across tables: one role a year, constitutive spells, counts, bases, raw checksums."""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from pathlib import Path

from dashboard.data.problems import Problem, RawTable

BASES = ("founding", "joined", "constitutive", "attended", "confirmed")
OPEN = 10_000  # a blank end year: still running


def _int(value: str) -> int | None:
    return int(value) if value and value.lstrip("-").isdigit() and value.isascii() else None


def _years(row: dict) -> range | None:
    start, end = _int(row["start_year"]), _int(row["end_year"])
    if start is None or (row["end_year"] and end is None):
        return None
    return range(start, (end if end is not None else OPEN) + 1)


def check_one_role_a_year(memberships: RawTable) -> list[Problem]:
    """No state holds two roles (member and observer) in one process in one year."""
    problems = []
    by_state: dict[tuple[str, str], list[tuple[dict, int]]] = defaultdict(list)
    for row, line in zip(memberships.rows, memberships.lines):
        by_state[row["process_id"], row["iso3"]].append((row, line))
    for (pid, iso3), spells in by_state.items():
        for i, (a, line_a) in enumerate(spells):
            for b, line_b in spells[i + 1 :]:
                ya, yb = _years(a), _years(b)
                if a["role"] == b["role"] or ya is None or yb is None:
                    continue
                both = set(ya) & set(yb)
                if both:
                    problems.append(
                        Problem(
                            memberships.file,
                            line_b,
                            "role",
                            f"{iso3} holds two roles in {pid} in the same years (row {line_a} is {a['role']})",
                            found=f"{b['role']} {min(both)}-{max(both) if max(both) < OPEN else ''}",
                            expected="one role a year: end one spell the year before the other starts",
                        )
                    )
    return problems


def check_constitutive(memberships: RawTable, constitutive: RawTable, org_memberships: RawTable) -> list[Problem]:
    """A spell known by a process's own rule lies inside the state's membership of that organisation."""
    parent = {r["process_id"]: r["org_id"] for r in constitutive.rows}
    member_years: dict[tuple[str, str], set[int]] = defaultdict(set)
    for r in org_memberships.rows:
        years = _years(r)
        if r["role"] == "member" and years is not None:
            member_years[r["org_id"], r["iso3"]] |= set(years)
    problems = []
    for row, line in zip(memberships.rows, memberships.lines):
        if row["basis"] != "constitutive":
            continue
        org = parent.get(row["process_id"])
        if org is None:
            problems.append(
                Problem(
                    memberships.file,
                    line,
                    "basis",
                    f"constitutive, but {row['process_id']} has no rule in {constitutive.file}",
                    found="'constitutive'",
                    expected=f"a row for {row['process_id']} in {constitutive.file}, or another basis",
                )
            )
            continue
        years = _years(row)
        outside = sorted(set(years) - member_years[org, row["iso3"]]) if years is not None else []
        if outside:
            last = outside[-1] if outside[-1] < OPEN else "open"
            problems.append(
                Problem(
                    memberships.file,
                    line,
                    "start_year",
                    f"a constitutive spell outside {row['iso3']}'s membership of {org}",
                    found=f"not a member of {org} in {outside[0]}" + (f"-{last}" if len(outside) > 1 else ""),
                    expected=f"years inside {org}'s membership (org_memberships.csv)",
                )
            )
    return problems


def check_counts(counts: RawTable) -> list[Problem]:
    """Counts are positive whole numbers and cite a source."""
    problems = []
    for row, line in zip(counts.rows, counts.lines):
        n = _int(row["count"])
        if n is not None and n <= 0:
            problems.append(
                Problem(counts.file, line, "count", "a count must be positive", found=row["count"], expected="> 0")
            )
        if not row["source_id"].strip():
            problems.append(
                Problem(counts.file, line, "source_id", "a count without a source", found="''", expected="a source id")
            )
    return problems


def check_bases(memberships: RawTable) -> list[Problem]:
    return [
        Problem(
            memberships.file,
            line,
            "basis",
            "not a basis in the vocabulary",
            found=repr(row["basis"]),
            expected=" | ".join(BASES),
        )
        for row, line in zip(memberships.rows, memberships.lines)
        if row["basis"] not in BASES
    ]


def check_raw_checksums(data_dir: Path) -> list[Problem]:
    """Every file a raw input's provenance.json lists is there and has the checksum recorded for it."""
    problems = []
    for provenance in sorted((Path(data_dir) / "raw").glob("*/provenance.json")):
        where = str(provenance.relative_to(data_dir))
        try:
            files = json.loads(provenance.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError) as exc:
            problems.append(Problem(where, 0, "files", "provenance is not readable", found=str(exc)))
            continue
        for name, entry in files.items():
            path = provenance.parent / name
            if not path.is_file():
                problems.append(Problem(where, 0, name, "raw input listed but missing", expected=f"a file at {path}"))
                continue
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if digest != entry.get("sha256"):
                problems.append(
                    Problem(
                        where,
                        0,
                        name,
                        "raw input differs from its recorded checksum (changed without a new provenance?)",
                        found=f"sha256 {digest[:12]}…",
                        expected=f"sha256 {str(entry.get('sha256'))[:12]}…",
                    )
                )
    return problems


def check_rules(tables: dict[str, RawTable], data_dir: Path) -> list[Problem]:
    """All the rules above; a rule whose tables are missing (already reported) is skipped."""
    problems: list[Problem] = []
    m = tables.get("memberships")
    if m is not None and "basis" in m.fields:
        problems += check_bases(m) + check_one_role_a_year(m)
        if "constitutive" in tables and "org_memberships" in tables:
            problems += check_constitutive(m, tables["constitutive"], tables["org_memberships"])
    if "participation_counts" in tables:
        problems += check_counts(tables["participation_counts"])
    return problems + check_raw_checksums(data_dir)
