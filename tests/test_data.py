"""The curated data package: coverage the atlas promises, sources on every row, geometry in step with the data."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys

import pandas as pd

from dashboard.config import DATA_DIR

REQUIRED_PROCESSES = [
    "igc",
    "budapest",
    "puebla",
    "apc",
    "manila",
    "cis-conference",
    "bali",
    "colombo",
    "soderkoping",
    "mtm",
    "5plus5",
    "midsa",
    "midwa",
    "sacm",
    "berne-initiative",
    "gcim",
    "hld-2006",
    "gfmd",
]
MEMBER_LISTS = [
    "igc",
    "budapest",
    "puebla",
    "apc",
    "bali",
    "colombo",
    "soderkoping",
    "mtm",
    "5plus5",
    "midsa",
    "midwa",
    "sacm",
]
REQUIRED_ORGS = [
    "ilo",
    "unhcr",
    "iom",
    "oecd",
    "icmpd",
    "unodc",
    "unfpa",
    "ohchr",
    "world-bank",
    "council-of-europe",
    "eu",
    "undp",
]
REQUIRED_MILESTONES = [
    "refugee-convention-1951",
    "refugee-protocol-1967",
    "ilo-c97",
    "ilo-c143",
    "icrmw-1990",
    "palermo-trafficking",
    "palermo-smuggling",
    "schengen-1985",
    "schengen-convention-1990",
    "dublin-1990",
    "maastricht-1992",
    "amsterdam-1997",
    "tampere-1999",
    "hague-programme-2004",
    "berne-iamm-2004",
    "gcim-report-2005",
    "hld-2006-dialogue",
]


def test_required_processes_have_founding_and_issues(atlas):
    missing = [p for p in REQUIRED_PROCESSES if p not in atlas.process_by_id]
    assert not missing
    for pid in REQUIRED_PROCESSES:
        assert pd.notna(atlas.process_by_id[pid]["founded_year"])
        assert atlas.issues_of_process[pid], f"{pid} has no issue areas"


def test_member_lists_for_required_processes(atlas):
    counts = atlas.memberships.groupby("process_id")["iso3"].nunique()
    for pid in MEMBER_LISTS:
        assert counts.get(pid, 0) >= 3, f"{pid} has {counts.get(pid, 0)} states"
        assert pd.notna(atlas.process_by_id[pid]["members_known_through"])


def test_unknown_join_years_are_said_so(atlas):
    """A membership whose join year is a 'confirmed as of' year says so, so nobody reads it as a join date."""
    m = atlas.memberships
    founding = m.apply(lambda r: r["start_year"] == atlas.process_by_id[r["process_id"]]["founded_year"], axis=1)
    later = m[~founding]
    undocumented = later[later["note"].str.strip() == ""]
    assert undocumented.empty, undocumented[["process_id", "iso3", "start_year"]].to_string()


def test_organisations_and_mandates(atlas):
    assert set(REQUIRED_ORGS) <= set(atlas.org_by_id)
    assert {"unhcr", "ilo", "iom", "unodc"} <= set(atlas.mandates["org_id"])
    assert (atlas.mandates["summary"].str.len() < 300).all()


def test_milestones_and_agreements(atlas):
    assert set(REQUIRED_MILESTONES) <= set(atlas.milestones["id"])
    refugee = atlas.milestones.set_index("id").loc["refugee-convention-1951"]
    assert (refugee["year"], refugee["in_force_year"]) == (1951, 1954)
    a = atlas.agreements.set_index("id")
    assert {"usa-mex-1942", "deu-tur-1961", "deu-ita-1955"} <= set(a.index)
    assert a.loc["deu-tur-1961", "end_year"] == 1973
    assert (atlas.agreements["year"] < 1990).all()


def test_former_states(atlas):
    assert set(atlas.former_states) >= {"SUN", "YUG", "CSK", "DDR", "SCG"}
    assert atlas.former_states["CSK"]["successors"] == ["CZE", "SVK"]


def test_every_row_has_an_openable_source(atlas):
    for name, table in atlas.tables.items():
        if "source_id" in table:
            assert table["source_id"].isin(atlas.sources["id"]).all(), name
    assert atlas.sources["url"].str.match(r"^https?://").all()
    assert atlas.sources["accessed"].str.match(r"^\d{4}-\d{2}-\d{2}$").all()


def test_descriptor_has_licence_and_keys():
    descriptor = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    for resource in descriptor["resources"]:
        assert resource["schema"].get("primaryKey"), resource["name"]


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_geometry_is_in_step_with_the_data():
    """Derived geometry records the hashes of its inputs: a data change without a rebuild fails here."""
    provenance = json.loads((DATA_DIR / "geometry" / "provenance.json").read_text(encoding="utf-8"))
    root = DATA_DIR.parent
    for relative, digest in provenance["inputs"].items():
        assert sha256(root / relative) == digest, f"{relative} changed: run python scripts/build_geometry.py"
    for name, digest in provenance["outputs"].items():
        assert sha256(DATA_DIR / "geometry" / name) == digest, name


def test_geometry_rebuild_is_reproducible(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy, ignore=shutil.ignore_patterns("staging", "geometry"))
    subprocess.run(
        [sys.executable, str(DATA_DIR.parent / "scripts" / "build_geometry.py"), "--data", str(copy)],
        check=True,
        capture_output=True,
    )
    for name in ("countries.geojson", "centroids.csv", "footprints.geojson"):
        assert sha256(copy / "geometry" / name) == sha256(DATA_DIR / "geometry" / name), name


def test_geometry_has_former_states_and_iso3_ids(atlas):
    ids = atlas.geometry.shape_ids
    assert {"SUN", "YUG", "CSK", "SCG"} <= ids
    assert "DDR" not in ids  # cannot be derived from its single successor; documented in provenance
    assert all(len(i) == 3 and i.isupper() for i in ids)
    lon, lat = atlas.geometry.centroid_of["FRA"]
    assert -5 < lon < 10 and 41 < lat < 52  # metropolitan France, not pulled towards Guiana


def test_confirmation_years_say_where_they_come_from(atlas):
    """basis=confirmed and attended rows name the source of the earliest evidence in their note."""
    m = atlas.memberships
    unknown = m[m["basis"].isin(["confirmed", "attended"])]
    assert len(unknown) > 100
    assert all(r.source_id in r.note for r in unknown.itertuples())
    budapest = m[(m["process_id"] == "budapest") & (m["iso3"] == "ARM")]
    assert budapest["basis"].tolist() == ["confirmed"]
