"""Organisations' member states over time: rebuilt byte for byte from frozen raw inputs, and true to them."""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys

import pycountry
import pytest

from dashboard.config import DATA_DIR

SCRIPT = DATA_DIR.parent / "scripts" / "build_org_memberships.py"
RAW = DATA_DIR / "raw"
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
}
ROLE = {1: "member", 2: "associate", 3: "observer"}


def read(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def rows():
    return read(DATA_DIR / "org_memberships.csv")


@pytest.fixture(scope="module")
def cow():
    return [{k: int(v) for k, v in r.items()} for r in read(RAW / "cow-igo" / "state_year_format3_extract.csv")]


def in_force(rows, org, year, role="member"):
    return {
        r["iso3"]
        for r in rows
        if r["org_id"] == org
        and r["role"] == role
        and int(r["start_year"]) <= year
        and (r["end_year"] == "" or year <= int(r["end_year"]))
    }


def test_script_rebuilds_the_table_byte_for_byte(tmp_path):
    out = tmp_path / "org_memberships.csv"
    subprocess.run([sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == (DATA_DIR / "org_memberships.csv").read_bytes(), (
        "data/org_memberships.csv is stale: run python scripts/build_org_memberships.py"
    )


def test_raw_files_match_their_recorded_checksums():
    provenance = json.loads((RAW / "cow-igo" / "provenance.json").read_text(encoding="utf-8"))
    for name, entry in provenance["files"].items():
        assert sha256(RAW / "cow-igo" / name) == entry["sha256"], name
    assert provenance["source"]["repository"] == "https://github.com/dieghernan/igoR"
    assert len(provenance["source"]["commit"]) == 40
    assert (RAW / "cow-igo" / "state_year_format3_extract.csv").stat().st_size < 2_000_000


def test_counts_match_the_raw_data(rows, cow):
    full_1951 = {r["ccode"] for r in cow if r["year"] == 1951 and r["iomig"] == 1}
    assert len(full_1951) == 22
    assert len(in_force(rows, "iom", 1951)) == 22
    mapping = read(RAW / "cow-igo" / "ccode_iso3.csv")
    left_out = {int(m["ccode"]) for m in mapping if not m["iso3"]}
    for col, org in COW_ORGS.items():
        for year in (1955, 1975, 1990, 1995, 2000, 2005, 2014):
            for value, role in ROLE.items():
                expected = sum(1 for r in cow if r["year"] == year and r[col] == value and r["ccode"] not in left_out)
                assert len(in_force(rows, org, year, role)) == expected, (org, year, role)


def test_former_states_and_successors_by_year(rows):
    assert "DDR" in in_force(rows, "osce", 1980) and "DEU" in in_force(rows, "osce", 1980)
    assert "SUN" in in_force(rows, "ilo", 1990) and "RUS" not in in_force(rows, "ilo", 1990)
    assert "RUS" in in_force(rows, "ilo", 1995) and "SUN" not in in_force(rows, "ilo", 1995)
    assert "CSK" in in_force(rows, "ilo", 1992) and "CZE" in in_force(rows, "ilo", 1993)
    assert "YUG" in in_force(rows, "ilo", 1990) and "SCG" in in_force(rows, "ilo", 1995)
    assert "SRB" in in_force(rows, "ilo", 2010)


def test_after_2014(rows):
    assert "CHN" in in_force(rows, "iom", 2016) and "CHN" not in in_force(rows, "iom", 2015)
    assert {"LVA", "LTU", "COL", "CRI"} <= in_force(rows, "oecd", 2021)
    assert "GBR" in in_force(rows, "eu", 2020) and "GBR" not in in_force(rows, "eu", 2021)
    assert "RUS" in in_force(rows, "council-of-europe", 2022)
    assert "RUS" not in in_force(rows, "council-of-europe", 2023)


def test_codes_roles_bases_and_notes(rows):
    states = {r["iso3"] for r in read(DATA_DIR / "states.csv")}
    codes = {c.alpha_3 for c in pycountry.countries} | states | {"XKX"}
    orgs = {r["id"] for r in read(DATA_DIR / "organisations.csv")}
    sources = {r["id"] for r in read(DATA_DIR / "sources.csv")}
    for r in rows:
        assert r["iso3"] in codes, r
        assert r["org_id"] in orgs and r["source_id"] in sources, r
        assert r["role"] in ("member", "associate", "observer")
        assert (r["basis"] == "cow-igo") == (r["source_id"] == "cow-igo-v3"), r
        if r["basis"] == "cow-igo":
            assert int(r["start_year"]) <= 2014
            if r["end_year"] == "":
                assert r["note"].startswith("COW v3 ends 2014"), r
        if r["end_year"]:
            assert int(r["start_year"]) <= int(r["end_year"]), r
