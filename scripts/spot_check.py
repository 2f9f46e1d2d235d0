"""Draw a reproducible random sample of the atlas's rows about who took part in what, to check against their sources.

Issue 11 ("the existing rows stay right"): a spot check of the facts the map draws. The sample is drawn from four
tables of data/ (the derived ones as they are, never the raw inputs):

- memberships.csv        membership spells of processes (derived by scripts/build_participation.py)
- participants.csv       states a source names at a dated meeting, with their role
- participation_counts.csv  numbers of states at a meeting, without names
- org_memberships.csv    organisations' member spells (scripts/build_org_memberships.py)

How the sample is drawn (seed SEED, so the same data give the same sample):
1. Each table gets a fixed share of the N rows (QUOTA).
2. "Some of every kind": in memberships.csv one row of every `basis` (founding, joined, constitutive, attended,
   confirmed), in org_memberships.csv one row of every `basis` (cow-igo, joined, ...) and in participants.csv one row
   of every role is drawn first.
3. The rest of each table's quota is drawn without replacement with weights: ERA_WEIGHT for a row whose year (the
   meeting's year; a spell's start year) lies in 1985-2007, and ROUND_WEIGHT for a row that the research rounds
   added (a participants or counts row found in data/raw/evidence/round2-round4, a spell whose source is one of
   those rounds' sources, an organisation spell after 2014 from data/raw/org-records). The weights multiply.
   Weighted sampling without replacement is done by the Efraimidis-Spirakis key u ** (1 / w), u uniform from
   random.Random(SEED), one draw per row in file order.

Each sampled row is printed with its table, its row number (the line of the CSV file, the header being line 1, as
`python -m dashboard validate` counts), its key, the fact in words, its source id, the source's title and URL.

The sample checked in data/raw/evidence/spotcheck-2026-12/ (results.csv, README.md) was drawn from the tables at
commit 79e295f, before its one wrong row was dropped; on later data the same seed draws a (slightly) different sample.

    python scripts/spot_check.py                 # the sample, as text
    python scripts/spot_check.py --csv FILE      # also write it as CSV (the skeleton of a results file)
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw" / "evidence"
SEED = 20261202
N = 60
QUOTA = {"memberships": 22, "participants": 20, "participation_counts": 8, "org_memberships": 10}
ERA = (1985, 2007)
ERA_WEIGHT = 3.0
ROUND_WEIGHT = 3.0
ROUNDS = ("round2", "round3", "round4")


def read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def load() -> dict:
    t = {name: read(DATA / f"{name}.csv") for name in QUOTA}
    t["meetings"] = {m["id"]: m for m in read(DATA / "meetings.csv")}
    t["sources"] = {s["id"]: s for s in read(DATA / "sources.csv")}
    t["processes"] = {p["id"]: p for p in read(DATA / "processes.csv")}
    t["organisations"] = {o["id"]: o for o in read(DATA / "organisations.csv")}
    t["round_participants"] = {(r["meeting_id"], r["iso3"]) for g in ROUNDS for r in read(RAW / g / "participants.csv")}
    t["round_counts"] = {(r["meeting_id"], r["source_id"]) for g in ROUNDS for r in read(RAW / g / "counts.csv")}
    t["round_sources"] = {r["id"] for g in ROUNDS for r in read(RAW / g / "sources.csv")}
    return t


def year_of(table: str, row: dict, t: dict) -> int:
    if table in ("participants", "participation_counts"):
        return int(t["meetings"][row["meeting_id"]]["date"][:4])
    return int(row["start_year"])


def from_rounds(table: str, row: dict, t: dict) -> bool:
    if table == "participants":
        return (row["meeting_id"], row["iso3"]) in t["round_participants"]
    if table == "participation_counts":
        return (row["meeting_id"], row["source_id"]) in t["round_counts"]
    if table == "memberships":
        return row["source_id"] in t["round_sources"]
    return row["basis"] != "cow-igo"  # org_memberships: the organisations' own records after 2014


def weight(table: str, row: dict, t: dict) -> float:
    w = ERA_WEIGHT if ERA[0] <= year_of(table, row, t) <= ERA[1] else 1.0
    return w * (ROUND_WEIGHT if from_rounds(table, row, t) else 1.0)


def key_of(table: str, row: dict) -> str:
    cols = {
        "memberships": ("process_id", "iso3", "role", "start_year"),
        "participants": ("meeting_id", "iso3"),
        "participation_counts": ("meeting_id", "source_id", "count"),
        "org_memberships": ("org_id", "iso3", "role", "start_year"),
    }[table]
    return "|".join(row[c] for c in cols)


def words(table: str, row: dict, t: dict) -> str:
    if table == "memberships":
        p = t["processes"][row["process_id"]]["short_name"]
        end = row["end_year"] or "open"
        return f"{row['iso3']} {row['role']} of {p} {row['start_year']}-{end} (basis {row['basis']})"
    if table == "org_memberships":
        o = t["organisations"][row["org_id"]]["short_name"]
        end = row["end_year"] or "open"
        return f"{row['iso3']} {row['role']} of {o} {row['start_year']}-{end} (basis {row['basis']})"
    m = t["meetings"][row["meeting_id"]]
    at = f"{m['title']} ({m['process_id']}, {m['place'] or 'place not given'}, {m['date']})"
    if table == "participants":
        return f"{row['iso3']} at {at} as {row['role']}"
    return f"{row['qualifier']} {row['count']} {row['unit']} at {at}"


def draw(t: dict, seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    sample = []
    for table, quota in QUOTA.items():
        rows = t[table]
        keys = [rng.random() ** (1.0 / weight(table, r, t)) for r in rows]  # one draw per row, file order
        order = sorted(range(len(rows)), key=lambda i: -keys[i])
        kind_col = {"memberships": "basis", "org_memberships": "basis", "participants": "role"}.get(table)
        chosen: list[int] = []
        if kind_col:  # one of every kind first: the kind's highest key
            for kind in sorted({r[kind_col] for r in rows}):
                chosen.append(next(i for i in order if rows[i][kind_col] == kind))
        chosen += [i for i in order if i not in chosen][: quota - len(chosen)]
        for i in sorted(chosen):
            r = rows[i]
            s = t["sources"][r["source_id"]]
            sample.append(dict(table=table, row=i + 2, key=key_of(table, r), fact=words(table, r, t),
                               source_id=r["source_id"], title=s["title"], url=s["url"],
                               era=ERA[0] <= year_of(table, r, t) <= ERA[1], rounds=from_rounds(table, r, t)))  # fmt: skip
    return sample


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default {SEED})")
    parser.add_argument("--csv", type=Path, help="also write the sample to this CSV file")
    args = parser.parse_args(argv)
    sample = draw(load(), args.seed)
    assert len(sample) == N == sum(QUOTA.values())
    for n, s in enumerate(sample, 1):
        flags = ", ".join(f for f, on in (("1985-2007", s["era"]), ("research round", s["rounds"])) if on)
        print(f"{n:2}. {s['table']}.csv row {s['row']} [{s['key']}]{' (' + flags + ')' if flags else ''}")
        print(f"    {s['fact']}")
        print(f"    source {s['source_id']}: {s['title']} <{s['url']}>")
    if args.csv:
        with open(args.csv, "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=list(sample[0]), lineterminator="\n")
            w.writeheader()
            w.writerows(sample)
    by = {tb: sum(1 for s in sample if s["table"] == tb) for tb in QUOTA}
    era = sum(s["era"] for s in sample)
    rounds = sum(s["rounds"] for s in sample)
    print(
        f"\n{len(sample)} rows (seed {args.seed}): {by}; {era} in 1985-2007, {rounds} from the research rounds",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
