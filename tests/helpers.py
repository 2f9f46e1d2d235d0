"""Test helpers: write small data packages with the real schema, and corrupt copies of the real one."""

from __future__ import annotations

import copy
import csv
import json
import shutil
from pathlib import Path

from dashboard.config import DATA_DIR

DESCRIPTOR = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
FIELDS = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in DESCRIPTOR["resources"]}

SOURCE = {
    "id": "s1",
    "title": "Test source",
    "publisher": "Test publisher",
    "url": "https://example.org/s1",
    "accessed": "2026-11-29",
    "kind": "primary",
    "note": "",
}


def write_table(directory: Path, name: str, rows: list[dict]) -> Path:
    path = Path(directory) / f"{name}.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS[name], lineterminator="\n")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in FIELDS[name]})
    return path


def tiny_tables() -> dict[str, list[dict]]:
    """Three countries, a former state, two processes: small enough to check every value by hand."""
    return copy.deepcopy(
        {
            "sources": [SOURCE],
            "issue_areas": [
                {"id": "asylum", "label": "Asylum", "description": "d", "source_id": "s1"},
                {"id": "trafficking-smuggling", "label": "Trafficking", "description": "d", "source_id": "s1"},
            ],
            "eras": [{"id": "e1", "label": "Era one", "start_year": "1945", "end_year": "1989", "source_id": "s1"}],
            "names": [
                {
                    "table": "processes",
                    "id": "p-one",
                    "field": "name",
                    "lang": "fr",
                    "value": "Processus un",
                    "source_id": "s1",
                }
            ],
            "organisations": [
                {
                    "id": "org1",
                    "name": "Org One",
                    "short_name": "O1",
                    "founded_year": "1951",
                    "hq_city": "Vienna",
                    "hq_iso3": "AUT",
                    "source_id": "s1",
                }
            ],
            "processes": [
                {
                    "id": "p-one",
                    "name": "Process One",
                    "short_name": "P1",
                    "kind": "regional",
                    "region": "Europe",
                    "founded_year": "1990",
                    "secretariat": "org1",
                    "members_known_through": "2000",
                    "source_id": "s1",
                },
                {
                    "id": "p-two",
                    "name": "Process Two",
                    "short_name": "P2",
                    "kind": "interregional",
                    "region": "Europe-Asia",
                    "founded_year": "1995",
                    "ended_year": "2005",
                    "members_known_through": "2005",
                    "source_id": "s1",
                },
            ],
            "process_issues": [
                {"process_id": "p-one", "issue_id": "asylum", "source_id": "s1"},
                {"process_id": "p-two", "issue_id": "trafficking-smuggling", "source_id": "s1"},
            ],
            "memberships": [
                {
                    "process_id": "p-one",
                    "iso3": "DEU",
                    "role": "member",
                    "start_year": "1990",
                    "source_id": "s1",
                    "basis": "joined",
                },
                {
                    "process_id": "p-one",
                    "iso3": "FRA",
                    "role": "observer",
                    "start_year": "1992",
                    "source_id": "s1",
                    "basis": "joined",
                },
                {
                    "process_id": "p-one",
                    "iso3": "SUN",
                    "role": "member",
                    "start_year": "1990",
                    "end_year": "1991",
                    "source_id": "s1",
                    "basis": "joined",
                },
                {
                    "process_id": "p-one",
                    "iso3": "RUS",
                    "role": "member",
                    "start_year": "1992",
                    "source_id": "s1",
                    "basis": "joined",
                },
                {
                    "process_id": "p-two",
                    "iso3": "DEU",
                    "role": "member",
                    "start_year": "1995",
                    "source_id": "s1",
                    "basis": "confirmed",
                    "note": "join year unknown; membership confirmed as of 1995 by s1",
                },
            ],
            "meetings": [
                {
                    "id": "p-one-1990",
                    "process_id": "p-one",
                    "date": "1990-05-02",
                    "place": "Vienna",
                    "kind": "founding",
                    "title": "First meeting",
                    "source_id": "s1",
                },
                {
                    "id": "p-two-1996",
                    "process_id": "p-two",
                    "date": "1996",
                    "kind": "plenary",
                    "title": "A plenary",
                    "source_id": "s1",
                },
            ],
            "participants": [
                {"meeting_id": "p-one-1990", "iso3": "DEU", "role": "member", "source_id": "s1"},
                {"meeting_id": "p-two-1996", "iso3": "DEU", "role": "member", "source_id": "s1"},
            ],
            "participation_counts": [
                {
                    "meeting_id": "p-two-1996",
                    "count": "30",
                    "qualifier": "about",
                    "unit": "states",
                    "source_id": "s1",
                }
            ],
            "joins": [
                {
                    "process_id": "p-one",
                    "iso3": "RUS",
                    "role": "member",
                    "event": "joined",
                    "year": "1992",
                    "source_id": "s1",
                }
            ],
            "constitutive": [{"process_id": "p-one", "org_id": "org1", "source_id": "s1"}],
            "open_to": [{"process_id": "p-two", "org_id": "org1", "source_id": "s1"}],
            "org_roles": [
                {
                    "org_id": "org1",
                    "process_id": "p-one",
                    "role": "secretariat",
                    "start_year": "1990",
                    "source_id": "s1",
                }
            ],
            "org_memberships": [
                {
                    "org_id": "org1",
                    "iso3": "DEU",
                    "role": "member",
                    "start_year": "1960",
                    "source_id": "s1",
                    "basis": "joined",
                }
            ],
            "mandates": [
                {
                    "org_id": "org1",
                    "issue_id": "asylum",
                    "level": "core",
                    "since_year": "1951",
                    "summary": "s",
                    "source_id": "s1",
                }
            ],
            "agreements": [
                {
                    "id": "deu-yug-1968",
                    "iso3_a": "DEU",
                    "iso3_b": "YUG",
                    "year": "1968",
                    "end_year": "1973",
                    "kind": "recruitment",
                    "title": "Germany–Yugoslavia",
                    "source_id": "s1",
                }
            ],
            "milestones": [
                {
                    "id": "m1",
                    "year": "1951",
                    "in_force_year": "1954",
                    "kind": "convention",
                    "title": "Convention",
                    "issue_ids": "asylum",
                    "source_id": "s1",
                }
            ],
            "states": [
                {
                    "iso3": "SUN",
                    "name": "USSR",
                    "start_year": "1922",
                    "end_year": "1991",
                    "successors": "ARM;AZE;BLR;EST;GEO;KAZ;KGZ;LVA;LTU;MDA;RUS;TJK;TKM;UKR;UZB",
                    "source_id": "s1",
                },
                {
                    "iso3": "YUG",
                    "name": "Yugoslavia",
                    "start_year": "1945",
                    "end_year": "1992",
                    "successors": "SVN;HRV;BIH;MKD;SRB;MNE;XKX",
                    "source_id": "s1",
                },
            ],
        }
    )


def write_package(directory: Path, tables: dict[str, list[dict]] | None = None, *, geometry: bool = True) -> Path:
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "datapackage.json").write_text(json.dumps(DESCRIPTOR), encoding="utf-8")
    for name, rows in (tables or tiny_tables()).items():
        write_table(directory, name, rows)
    if geometry:
        shutil.copytree(DATA_DIR / "geometry", directory / "geometry", dirs_exist_ok=True)
    return directory


def copy_real_package(directory: Path) -> Path:
    shutil.copytree(DATA_DIR, directory, dirs_exist_ok=True, ignore=shutil.ignore_patterns("staging"))
    return Path(directory)


def rewrite_csv(path: Path, edit) -> None:
    """Apply `edit(rows)` to a CSV (a list of dicts, header kept) and write it back."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    rows = edit(rows) or rows
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def raw_rows(table: str, data_dir: Path | None = None) -> list[dict]:
    """A table of the bundled data package read with the csv module alone: expected values that do not come from the
    code under test."""
    from dashboard.config import DATA_DIR

    with open((data_dir or DATA_DIR) / f"{table}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def members_in_year(process_id: str, year: int) -> set[tuple[str, str]]:
    """(iso3, role) of a process's memberships in force in `year`, straight from memberships.csv."""
    return {
        (r["iso3"], r["role"])
        for r in raw_rows("memberships")
        if r["process_id"] == process_id
        and int(r["start_year"]) <= year
        and (not r["end_year"] or int(r["end_year"]) >= year)
    }
