"""Rebuild the evidence tables and memberships.csv from data/raw/evidence/: who took part in what, and since when.

Inputs (see data/raw/evidence/provenance.json):
- <group>/{meetings,participants,counts,joins}.csv for the groups europe, asia-global, americas-africa (first
  round), round2, round3 and round4 (second to fourth rounds, research/round2 to research/round4): dated
  meetings of the processes, the states each source names at them (role member, observer, chair, or participant:
  present, status not stated), counts of states without names, and join or departure years a source gives;
- atlas/memberships_hand.csv: the atlas's hand-typed membership rows (2026-11-29), kept as evidence;
- atlas/joins.csv: departures the atlas records (a complete later list leaves the state out);
- atlas/constitutive.csv: processes whose members are by their own rule an organisation's member states;
- atlas/open_to.csv: processes open to all the member states of an organisation (HLD 2006, GFMD: the UN), which
  the map may draw as `eligible`, never as members (copied unchanged to data/open_to.csv);
- corrections.csv: every change made to a raw row, with its reason (a role the source does not state, a disputed
  or announced-only attendance, a pre-event count);
- data/org_memberships.csv, processes.csv, states.csv, sources.csv of the data package.

The rule that turns evidence into membership spells (also in README, "The data"):
1. Every dated piece of evidence that a state belonged to a process in a role is a point (year, role, basis):
   a source giving the join year (joins.csv, or a hand row marked joined) -> `joined`; named at the process's
   founding meeting -> `founding`; named at a later dated meeting as member, observer or chair -> `attended`
   (a chair is a member); a hand row that gives only the earliest year a source lists the state -> `confirmed`;
   the year the state is a member of the organisation whose member states the process by its own rule consists
   of (MIDSA: SADC, MIDWA: ECOWAS) -> `constitutive`. A `participant` (status not stated) is recorded, never a point.
   Evidence from before the process's founding year counts only for its founding meeting, as of the founding year.
2. A state's spell in a role starts at its earliest point; its basis and source are that point's (in one year:
   founding, then joined, constitutive, attended, confirmed). It runs through later points and ends only where a
   source says so: a departure year (`left`: that year is the last), a complete later list that leaves the state
   out (`not-listed` in year Y: it ends in Y - 1), a hand row's end year, a point of the other role (it ends the
   year before), or the end of the process. A point after an end starts a new spell.
3. In one year a state holds one role: the role of the strongest point that year.
4. Constitutive spells follow the organisation's membership exactly (within the process's lifetime); other
   evidence for those years is kept in the note.

    python scripts/build_participation.py [--out DIR]
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
RAW = DATA / "raw" / "evidence"
GROUPS = ("europe", "asia-global", "americas-africa", "round2", "round3", "round4")
OUT = {
    "meetings": ["id", "process_id", "date", "place", "kind", "title", "source_id", "note"],
    "participants": ["meeting_id", "iso3", "role", "source_id", "note"],
    "participation_counts": ["meeting_id", "count", "qualifier", "unit", "source_id", "note"],
    "joins": ["process_id", "iso3", "role", "event", "year", "source_id", "note"],
    "memberships": ["process_id", "iso3", "role", "start_year", "end_year", "source_id", "note", "basis"],
    "constitutive": ["process_id", "org_id", "source_id", "note"],
    "open_to": ["process_id", "org_id", "source_id", "note"],
}
RAW_FILE = {"meetings": "meetings", "participants": "participants", "participation_counts": "counts", "joins": "joins"}
KEYS = {
    "meetings": ("id",),
    "participants": ("meeting_id", "iso3"),
    "participation_counts": ("meeting_id", "source_id", "count"),
    "joins": ("process_id", "iso3", "role", "event", "year"),
    "memberships": ("process_id", "iso3", "role", "start_year"),
    "constitutive": ("process_id",),
    "open_to": ("process_id",),
}
CORRECTED = {"meetings": "meetings", "participants": "participants", "counts": "participation_counts"}
PRIORITY = {"founding": 0, "joined": 1, "constitutive": 2, "attended": 3, "confirmed": 4}
ROLE_OF = {"member": "member", "chair": "member", "observer": "observer"}
KIND_WORDS = {
    "founding": "founding meeting",
    "ministerial": "ministerial meeting",
    "senior-officials": "senior officials' meeting",
    "plenary": "plenary meeting",
    "chair-rotation": "chair list",
}


def read(path: Path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def key_of(table: str, row: dict) -> str:
    return "|".join(row[k] for k in KEYS[table])


def apply_corrections(tables: dict[str, list[dict]], corrections: list[dict]) -> None:
    """Change or drop the rows corrections.csv names; each correction must find the value it expects."""
    for c in corrections:
        table = CORRECTED.get(c["table"], c["table"])
        rows = tables[table]
        if c["key"].endswith("|*"):
            hits = [r for r in rows if key_of(table, r).startswith(c["key"][:-1])]
        else:
            hits = [r for r in rows if key_of(table, r) == c["key"]]
        assert hits, f"correction finds no {table} row {c['key']}"
        if c["column"] == "(drop)":
            tables[table] = [r for r in rows if not any(r is h for h in hits)]
            continue
        for r in hits:
            assert r[c["column"]] == c["old"], f"{table} {c['key']} {c['column']}: found {r[c['column']]!r}"
            r[c["column"]] = c["new"]


def merge(groups: list[dict[str, list[dict]]], table: str) -> list[dict]:
    """The groups' rows of one table, identical duplicates once; two different rows with one key are an error."""
    out: dict[str, dict] = {}
    for g in groups:
        for r in g[table]:
            k = key_of(table, r)
            assert k not in out or out[k] == r, f"{table}: two different rows for {k}"
            out[k] = r
    return list(out.values())


def check(tables: dict, codes: set[str], processes: dict, sources: set[str]) -> None:
    meetings = {m["id"]: m for m in tables["meetings"]}
    for m in tables["meetings"]:
        assert m["process_id"] in processes, f"meeting {m['id']}: unknown process {m['process_id']}"
    for name in ("participants", "participation_counts"):
        for r in tables[name]:
            assert r["meeting_id"] in meetings, f"{name}: unknown meeting {r['meeting_id']}"
    for name, rows in tables.items():
        for r in rows:
            assert r["source_id"] in sources, f"{name} {key_of(name, r)}: source {r['source_id']} not in sources.csv"
            if "iso3" in r:
                assert r["iso3"] in codes, f"{name} {key_of(name, r)}: {r['iso3']} is not a state code"


def points_from_evidence(tables, hand, processes) -> dict[tuple[str, str], list[dict]]:
    """(process, iso3) -> its points: year, role, basis, source_id, what (words for the note), end (bool)."""
    meetings = {m["id"]: m for m in tables["meetings"]}
    points: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for p in tables["participants"]:
        m = meetings[p["meeting_id"]]
        if p["role"] not in ROLE_OF:
            continue  # a participant whose status the source does not state is evidence, not a point
        year, founded = int(m["date"][:4]), processes[m["process_id"]]["founded_year"]
        founding = m["kind"] == "founding"
        if year < founded and not founding:
            continue
        where = f"{m['place']}, " if m["place"] else ""
        what = ("chair: " if p["role"] == "chair" else "") + (
            f"{KIND_WORDS[m['kind']]}, {where}{m['date']} ({p['source_id']})"
        )
        points[m["process_id"], p["iso3"]].append(
            dict(year=max(year, founded), role=ROLE_OF[p["role"]], basis="founding" if founding else "attended",
                 source_id=p["source_id"], what=what, end=None)
        )  # fmt: skip
    for j in tables["joins"]:
        y = int(j["year"])
        if j["event"] == "joined":
            pt = dict(year=y, role=j["role"], basis="joined", source_id=j["source_id"], what="", end=None)
            pt["what"] = f"joined {y} ({j['source_id']})"
        else:
            last = y if j["event"] == "left" else y - 1
            what = f"left {y}" if j["event"] == "left" else f"not on the {y} list"
            pt = dict(year=last, role=j["role"], basis="", source_id=j["source_id"], end=last)
            pt["what"] = f"{what} ({j['source_id']}): {j['note']}"
        points[j["process_id"], j["iso3"]].append(pt)
    for h in hand:
        pt = dict(year=int(h["start_year"]), role=h["role"], basis=h["start_basis"], source_id=h["source_id"], end=None)
        pt["hand"] = True
        pt["what"] = h["note"] if h["source_id"] in h["note"] else f"{h['note']} ({h['source_id']})"
        points[h["process_id"], h["iso3"]].append(pt)
        if h["end_year"]:
            end = int(h["end_year"])
            points[h["process_id"], h["iso3"]].append(
                dict(year=end, role=h["role"], basis="", source_id=h["source_id"], what="", end=end)
            )
    return points


def spells_of(pts: list[dict], ended: int | None) -> list[dict]:
    """Rule 2 and 3: the spells one state's points make in one process."""
    starts = sorted((p for p in pts if p["end"] is None), key=lambda p: (p["year"], PRIORITY[p["basis"]]))
    ends = sorted((p for p in pts if p["end"] is not None), key=lambda p: p["year"])
    role_of_year = {}
    for p in starts:
        role_of_year.setdefault(p["year"], p["role"])
    spells: list[dict] = []
    current = None
    for year in sorted(set(role_of_year) | {p["year"] for p in ends}):
        for p in [p for p in starts if p["year"] == year and p["role"] == role_of_year.get(year)]:
            if current and current["role"] != p["role"]:
                current["end_year"] = current["end_year"] or year - 1
                current["why_end"] = (
                    f"{p['role']} from {year} ({p['source_id']}), so drawn as {current['role']} to {year - 1}"
                )
                current = None
            if current is None:
                current = dict(role=p["role"], start_year=year, end_year=None, first=[p], later=[])
                spells.append(current)
            elif p not in current["first"]:
                (current["first"] if year == current["start_year"] else current["later"]).append(p)
        for e in (e for e in ends if e["year"] == year):
            if current and current["role"] == e["role"] and current["start_year"] <= year:
                current["end_year"], current["why_end"] = year, e["what"]
                current = None
    for s in spells:
        if ended is not None and (s["end_year"] is None or s["end_year"] > ended):
            s["end_year"] = ended
    return spells


def note_of(spell: dict, extra: str = "") -> str:
    first, later = spell["first"], spell["later"]
    parts = list(dict.fromkeys(p["what"] for p in first))
    if later:
        seen = list(dict.fromkeys(f"{p['year']} ({p['source_id']})" for p in later))
        parts.append("also " + ", ".join(seen))
        parts += list(dict.fromkeys(p["what"] for p in later if p.get("hand")))
    if spell.get("why_end"):
        parts.append(spell["why_end"])
    return "; ".join(p for p in parts + [extra] if p)


def constitutive_spells(rule: dict, org_rows: list[dict], proc: dict, org_name: str) -> dict[str, list[dict]]:
    """Rule 4: the organisation's member spells inside the process's lifetime, by state."""
    first, last = proc["founded_year"], proc["ended_year"]
    out: dict[str, list[dict]] = defaultdict(list)
    for r in org_rows:
        if r["org_id"] != rule["org_id"] or r["role"] != "member":
            continue
        a, b = int(r["start_year"]), int(r["end_year"]) if r["end_year"] else None
        a, b = max(a, first), b if last is None else min(b if b is not None else last, last)
        if b is not None and a > b:
            continue
        what = (
            f"by the process's rule a member as a {org_name} member state ({rule['source_id']}); "
            f"{org_name} member {r['start_year']}-{r['end_year']} ({r['source_id']})"
        )
        out[r["iso3"]].append(dict(role="member", start_year=a, end_year=b, source_id=rule["source_id"], what=what))
    return out


def derive_memberships(tables, hand, rules, org_rows, processes, org_names) -> list[dict]:
    points = points_from_evidence(tables, hand, processes)
    rows = []
    for (pid, iso3), pts in sorted(points.items()):
        proc = processes[pid]
        fixed = []
        if pid in rules:
            fixed = constitutive_spells(rules[pid], org_rows, proc, org_names[rules[pid]["org_id"]]).pop(iso3, [])
        covered = {y for c in fixed for y in range(c["start_year"], (c["end_year"] or 9999) + 1)}
        inside = [p for p in pts if p["year"] in covered]
        outside = [p for p in pts if p["year"] not in covered]
        for s in spells_of(outside, proc["ended_year"]):
            nxt = [c["start_year"] for c in fixed if c["start_year"] > s["start_year"]]
            if nxt and (s["end_year"] is None or s["end_year"] >= min(nxt)):
                s["end_year"] = min(nxt) - 1
            basis = min((p["basis"] for p in s["first"]), key=PRIORITY.get)
            src = next(p["source_id"] for p in s["first"] if p["basis"] == basis)
            rows.append(dict(process_id=pid, iso3=iso3, role=s["role"], start_year=s["start_year"],
                             end_year=s["end_year"], source_id=src, note=note_of(s), basis=basis))  # fmt: skip
        for c in fixed:
            also = sorted({f"{p['year']} ({p['source_id']})" for p in inside if p["end"] is None and (
                c["start_year"] <= p["year"] <= (c["end_year"] or 9999))})  # fmt: skip
            note = c["what"] + ("; also " + ", ".join(also) if also else "")
            rows.append(dict(process_id=pid, iso3=iso3, role="member", start_year=c["start_year"],
                             end_year=c["end_year"], source_id=c["source_id"], note=note, basis="constitutive"))  # fmt: skip
    for pid, rule in rules.items():  # members by the rule that no other evidence names
        named = {r["iso3"] for r in rows if r["process_id"] == pid}
        for iso3, fixed in constitutive_spells(rule, org_rows, processes[pid], org_names[rule["org_id"]]).items():
            if iso3 in named:
                continue
            for c in fixed:
                rows.append(dict(process_id=pid, iso3=iso3, role="member", start_year=c["start_year"],
                                 end_year=c["end_year"], source_id=c["source_id"], note=c["what"],
                                 basis="constitutive"))  # fmt: skip
    order = {pid: i for i, pid in enumerate(processes)}
    rows.sort(key=lambda r: (order[r["process_id"]], r["role"], r["iso3"], r["start_year"]))
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DATA, help="directory to write the tables to (default data/)")
    args = parser.parse_args(argv)

    # Load inputs.
    groups = [{t: read(RAW / g / f"{RAW_FILE[t]}.csv") for t in RAW_FILE} for g in GROUPS]
    hand = read(RAW / "atlas" / "memberships_hand.csv")
    atlas_joins = read(RAW / "atlas" / "joins.csv")
    rules = {r["process_id"]: r for r in read(RAW / "atlas" / "constitutive.csv")}
    open_to = read(RAW / "atlas" / "open_to.csv")
    corrections = read(RAW / "corrections.csv")
    org_rows = read(DATA / "org_memberships.csv")
    processes = {
        p["id"]: p
        | {"founded_year": int(p["founded_year"]), "ended_year": int(p["ended_year"]) if p["ended_year"] else None}
        for p in read(DATA / "processes.csv")
    }
    org_names = {o["id"]: o["short_name"] for o in read(DATA / "organisations.csv")}
    sources = {s["id"] for s in read(DATA / "sources.csv")}
    codes = {c.alpha_3 for c in pycountry.countries} | {s["iso3"] for s in read(DATA / "states.csv")} | {"XKX"}

    # Process data.
    tables = {t: merge(groups, t) for t in RAW_FILE}
    tables["joins"] += atlas_joins
    tables["memberships"] = hand
    apply_corrections(tables, corrections)
    hand = tables.pop("memberships")
    check(tables | {"memberships": hand}, codes, processes, sources)
    for rule in rules.values():
        assert rule["source_id"] in sources and rule["process_id"] in processes, rule
    tables["constitutive"] = list(rules.values())
    for rule in open_to:
        assert rule["source_id"] in sources and rule["process_id"] in processes and rule["org_id"] in org_names, rule
    tables["open_to"] = open_to
    tables["memberships"] = derive_memberships(tables, hand, rules, org_rows, processes, org_names)
    for r in tables["memberships"]:
        r["end_year"] = "" if r["end_year"] is None else r["end_year"]
    for name, rows in tables.items():
        keys = [key_of(name, {k: str(v) for k, v in r.items()}) for r in rows]
        assert len(keys) == len(set(keys)), f"{name}: duplicate key"

    # Save outputs.
    args.out.mkdir(parents=True, exist_ok=True)
    for name, fields in OUT.items():
        with open(args.out / f"{name}.csv", "w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: r[k] for k in fields} for r in tables[name])
    print(", ".join(f"{name} {len(tables[name])}" for name in OUT))


if __name__ == "__main__":
    main()
