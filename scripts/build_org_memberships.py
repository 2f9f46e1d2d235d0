"""Rebuild data/org_memberships.csv from data/raw/: organisations' member states by year.

Inputs (see data/raw/cow-igo/provenance.json):
- raw/cow-igo/state_year_format3_extract.csv: the Correlates of War IGO data v3 (1919-2014), one row per
  COW state and year, one column per IGO (0 none, 1 full, 2 associate, 3 observer, -1 IGO not in existence);
- raw/cow-igo/ccode_iso3.csv: COW country code -> ISO-3 (or a former state in states.csv) by year range;
  a blank iso3 leaves that state out, with the reason in its note;
- raw/org-records/after_2014.csv: joins and departures after 2014 from the organisations' own records.
One row per continuous spell; end_year is the last year in force, blank while it lasts. Spells that reach
COW's last year stay open with the note 'COW v3 ends 2014' unless a later record closes them.

    python scripts/build_org_memberships.py [--out data/org_memberships.csv]
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"
FIELDS = ["org_id", "iso3", "role", "start_year", "end_year", "source_id", "basis", "note"]
# COW column -> the atlas's organisation id (`un`: the UN member states, the set a process open to all of them can draw).
COW_ORGS = {
    "iomig": "iom",
    "oecd": "oecd",
    "coe": "council-of-europe",
    "eu": "eu",
    "ilo": "ilo",
    "ibrd": "world-bank",
    "osce": "osce",
    "ecowas": "ecowas",
    "sadc": "sadc",
    "igad": "igad",
    "un": "un",
}
ROLES = {1: "member", 2: "associate", 3: "observer"}
LAST_YEAR = 2014


def cow_spell_note(org: str, start: int, end: int, ccodes: list[int], rows_of: dict, mapping_notes: list[str]) -> str:
    parts = list(dict.fromkeys(n for n in mapping_notes if n))
    first_cc, last_cc = ccodes[0], ccodes[-1]
    if start == min(rows_of[first_cc]) and start > 1919:
        parts.append(f"starts in the first year COW lists the state ({start})")
    if end < LAST_YEAR:
        years = rows_of[last_cc]
        if end == max(years):
            parts.append(f"ends in the last year COW lists the state ({end})")
        elif end + 1 not in years:
            parts.append(f"COW has no row for the state in {end + 1}")
    if org == "iom" and start < 1965:
        parts.append("COW dates IOM membership before 1965 only to within 5 years")
    if org == "igad" and start < 1996:
        parts.append("COW codes IGADD (founded 1986) and IGAD as one organisation")
    return "; ".join(parts)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "org_memberships.csv")
    args = parser.parse_args(argv)

    # Load inputs.
    with open(RAW / "cow-igo" / "state_year_format3_extract.csv", newline="") as f:
        cow = [{k: int(v) for k, v in r.items()} for r in csv.DictReader(f)]
    with open(RAW / "cow-igo" / "ccode_iso3.csv", newline="") as f:
        mapping = list(csv.DictReader(f))
    with open(RAW / "org-records" / "after_2014.csv", newline="") as f:
        later = list(csv.DictReader(f))

    # Process data.
    code_of: dict[tuple[int, int], dict] = {}
    for m in mapping:
        for year in range(int(m["from_year"]), int(m["to_year"]) + 1):
            assert (int(m["ccode"]), year) not in code_of, f"ccode {m['ccode']} mapped twice for {year}"
            code_of[int(m["ccode"]), year] = m
    rows_of: dict[int, set[int]] = {}
    for r in cow:
        rows_of.setdefault(r["ccode"], set()).add(r["year"])
    years_of: dict[tuple[str, str, str], dict[int, int]] = {}  # (org, iso3, role) -> {year: ccode}
    left_out: dict[str, int] = {}
    for r in cow:
        for col, org in COW_ORGS.items():
            if r[col] not in ROLES:
                continue
            m = code_of.get((r["ccode"], r["year"]))
            assert m is not None, f"no ISO-3 mapping for COW ccode {r['ccode']} in {r['year']}"
            if not m["iso3"]:
                left_out[m["cow_name"]] = left_out.get(m["cow_name"], 0) + 1
                continue
            spell_years = years_of.setdefault((org, m["iso3"], ROLES[r[col]]), {})
            assert r["year"] not in spell_years, f"{m['iso3']} twice in {org} in {r['year']}"
            spell_years[r["year"]] = r["ccode"]

    out = []
    for (org, iso3, role), years in years_of.items():
        ys = sorted(years)
        runs, run = [], [ys[0]]
        for y in ys[1:]:
            if y == run[-1] + 1:
                run.append(y)
            else:
                runs.append(run)
                run = [y]
        runs.append(run)
        for run in runs:
            ccodes = list(dict.fromkeys(years[y] for y in run))
            notes = [code_of[years[y], y]["note"] for y in run]
            note = cow_spell_note(org, run[0], run[-1], ccodes, rows_of, notes)
            open_ended = run[-1] == LAST_YEAR
            if open_ended:
                note = "; ".join(p for p in ("COW v3 ends 2014", note) if p)
            out.append(
                {
                    "org_id": org,
                    "iso3": iso3,
                    "role": role,
                    "start_year": run[0],
                    "end_year": "" if open_ended else run[-1],
                    "source_id": "cow-igo-v3",
                    "basis": "cow-igo",
                    "note": note,
                }
            )

    for rec in later:
        spell = [
            s
            for s in out
            if (s["org_id"], s["iso3"], s["role"]) == (rec["org_id"], rec["iso3"], rec["role"]) and s["end_year"] == ""
        ]
        if rec["basis"] == "left":
            # A departure after 2014 continues the open COW spell: that one now ends with COW's data.
            assert len(spell) == 1 and int(rec["start_year"]) == LAST_YEAR + 1, rec
            spell[0]["end_year"] = LAST_YEAR
            spell[0]["note"] = spell[0]["note"].replace(
                "COW v3 ends 2014", "COW v3 ends 2014; continued in the row from 2015"
            )
        else:
            assert not spell, f"{rec['iso3']} is already an open {rec['org_id']} {rec['role']} in COW"
        out.append({k: rec[k] for k in FIELDS} | {"start_year": int(rec["start_year"])})

    out.sort(key=lambda s: (s["org_id"], s["iso3"], s["role"], s["start_year"]))
    keys = [(s["org_id"], s["iso3"], s["role"], s["start_year"]) for s in out]
    assert len(keys) == len(set(keys)), "duplicate primary key"

    # Save outputs.
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(out)
    counts: dict[str, int] = {}
    for s in out:
        counts[s["org_id"]] = counts.get(s["org_id"], 0) + 1
    print(f"wrote {len(out)} rows to {args.out}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    if left_out:
        print(
            "left out (state-years with no ISO-3 code): " + ", ".join(f"{k} {v}" for k, v in sorted(left_out.items()))
        )


if __name__ == "__main__":
    main()
