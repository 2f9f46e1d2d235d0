"""One-off record of how the researched tables were merged into data/, and which rows were excluded and why.

The researchers' working tables are not kept in the repository; this script documents the editorial decisions."""

import csv
import json
import re
from pathlib import Path

ROOT = Path("/work/main/data")
ST = Path("/work/staging")
pkg = json.load(open(ROOT / "datapackage.json"))
fields = {r["name"]: [f["name"] for f in r["schema"]["fields"]] for r in pkg["resources"]}


def read(p):
    with open(p, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(name, rows):
    with open(ROOT / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields[name], lineterminator="\n")
        w.writeheader()
        for r in rows:
            w.writerow({k: (r.get(k) or "").strip() for k in fields[name]})


tables = {k: [] for k in fields}
src = {}
for d in sorted(ST.iterdir()):
    if not d.is_dir() or d.name.startswith("x"):
        continue
    rename = {}
    if (d / "sources.csv").exists():
        for r in read(d / "sources.csv"):
            sid = r["id"].strip()
            if sid in src and src[sid]["url"] != r["url"]:
                new = f"{sid}-{d.name}"
                rename[sid] = new
                sid = new
            r["id"] = sid
            src.setdefault(sid, r)
    for name in fields:
        if name == "sources" or not (d / f"{name}.csv").exists():
            continue
        for r in read(d / f"{name}.csv"):
            if r.get("source_id") in rename:
                r["source_id"] = rename[r["source_id"]]
            tables[name].append(r)
extra = ROOT.parent / "data_extra"
tables["sources"] = list(src.values())
for name, rows in tables.items():
    if name in ("issue_areas", "eras"):
        continue
    if rows:
        write(name, rows)
print({k: len(v) for k, v in tables.items()})


# ---- editorial fixes after review (each says why) ----
def fix(name, match, **changes):
    rows = list(csv.DictReader(open(ROOT / f"{name}.csv", encoding="utf-8")))
    n = 0
    for r in rows:
        if all(r.get(k) == v for k, v in match.items()):
            r.update(changes)
            n += 1
    assert n, (name, match)
    write(name, rows)


fix(
    "org_roles",
    {"process_id": "cis-conference", "start_year": "1995"},
    start_year="1996",
    note="The UNHCR source dates the joint secretariat's preparatory work to 1995; the Conference itself met in 1996.",
)
fix(
    "org_roles",
    {"process_id": "midwa", "start_year": "2000"},
    start_year="2001",
    note="Some sources date MIDWA to December 2000; the atlas keeps IOM's founding year 2001.",
)
fix(
    "org_roles",
    {"process_id": "5plus5", "role": "observer"},
    note="Start year unknown; the role is confirmed as of 2004 by liberte-5plus5-2004.",
)
fix("processes", {"id": "igc"}, region="Europe-Americas-Oceania")
# r7: earlier confirmations that replace later ones. Left out, as inference rather than a source's statement:
# MTM rows inferred from funding a document or being a country of a project, and the Maldives in Bali
# (attendance at a working-group meeting, where another note lists it as observer).
# x8: a last pass on the same gaps (APC China 2005, Bali 2017 members, Colombo Cambodia 2017, MIDSA Tanzania 2004,
# and the Manila Process's two topics from IOM's 1999 release).
for staged in ("x7", "x8"):
    known = {x["id"] for x in read(ROOT / "sources.csv")}
    rows = read(ROOT / "sources.csv") + [r for r in read(ST / staged / "sources.csv") if r["id"] not in known]
    write("sources", rows)
    if (ST / staged / "process_issues.csv").exists():
        write("process_issues", read(ROOT / "process_issues.csv") + read(ST / staged / "process_issues.csv"))
mem = read(ROOT / "memberships.csv")
index = {(r["process_id"], r["iso3"], r["role"]): i for i, r in enumerate(mem)}
for staged in ("x7", "x8"):
    for r in read(ST / staged / "memberships.csv"):
        if r["process_id"] == "mtm" or (staged, r["process_id"], r["iso3"]) == ("x7", "bali", "MDV"):
            continue
        key = (r["process_id"], r["iso3"], r["role"])
        if key in index:
            old = mem[index[key]]
            assert int(r["start_year"]) < int(old["start_year"]), (r, old)
            mem[index[key]] = r
        else:
            index[key] = len(mem)
            mem.append(r)
write("memberships", mem)
# start_basis: whether start_year is a join year or only the earliest confirmation. The researchers wrote the
# latter into the note ("join year unknown; membership confirmed as of ..."); the column makes it explicit.
CONFIRMED = re.compile(r"join year (unknown|not given)|confirmed as of|took part in|among (all )?ten countries", re.I)
mem = read(ROOT / "memberships.csv")
for r in mem:
    r["start_basis"] = "confirmed" if CONFIRMED.search(r.get("note") or "") else "joined"
write("memberships", mem)
# drop sources nobody cites (neither a source_id nor a note)
import re

cited = set()
for name in fields:
    if name == "sources" or not (ROOT / f"{name}.csv").exists():
        continue
    for r in csv.DictReader(open(ROOT / f"{name}.csv", encoding="utf-8")):
        cited.add(r.get("source_id", ""))
        cited |= set(re.findall(r"[a-z0-9][a-z0-9-]*[a-z0-9]", r.get("note", "") or ""))
rows = [r for r in csv.DictReader(open(ROOT / "sources.csv", encoding="utf-8")) if r["id"] in cited]
write("sources", rows)
print("sources kept", len(rows))
