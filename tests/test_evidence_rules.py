"""The atlas's own rules (dashboard/data/evidence_rules.py), each broken on a copy of the real package, with its message."""

from __future__ import annotations

import pytest

from dashboard.data.validate import validate_package
from tests.helpers import copy_real_package, rewrite_csv


@pytest.fixture()
def package(tmp_path):
    return copy_real_package(tmp_path / "data")


def problems(package) -> list[str]:
    return [str(p) for p in validate_package(package)]


def test_the_real_package_keeps_every_rule(package):
    assert problems(package) == []


def test_two_roles_in_one_year(package):
    def edit(rows):
        for r in rows:
            if (r["process_id"], r["iso3"], r["role"]) == ("colombo", "AFG", "observer"):
                r["end_year"] = "2006"

    rewrite_csv(package / "memberships.csv", edit)
    found = [p for p in problems(package) if "two roles" in p]
    assert len(found) == 1 and "AFG holds two roles in colombo in the same years" in found[0]
    assert "(found observer 2005-2006, expected one role a year" in found[0]


def test_constitutive_spell_outside_the_organisation(package):
    def edit(rows):
        for r in rows:
            if (r["process_id"], r["iso3"], r["basis"]) == ("midwa", "MRT", "constitutive"):
                r["end_year"] = "2005"

    rewrite_csv(package / "memberships.csv", edit)
    found = [p for p in problems(package) if "constitutive spell" in p]
    assert len(found) == 1 and "a constitutive spell outside MRT's membership of ecowas" in found[0]
    assert "found not a member of ecowas in 2003-2005" in found[0]


def test_constitutive_without_a_rule(package):
    def edit(rows):
        for r in rows:
            if (r["process_id"], r["iso3"]) == ("puebla", "MEX"):
                r["basis"] = "constitutive"

    rewrite_csv(package / "memberships.csv", edit)
    assert any(
        "memberships.csv" in p and "constitutive, but puebla has no rule in constitutive.csv" in p
        for p in problems(package)
    )


def test_counts_are_positive(package):
    def edit(rows):
        rows[0]["count"] = "0"

    rewrite_csv(package / "participation_counts.csv", edit)
    assert "participation_counts.csv:2: count: a count must be positive (found 0, expected > 0)" in problems(package)


def test_every_basis_in_the_vocabulary(package):
    def edit(rows):
        rows[0]["basis"] = "rumoured"

    rewrite_csv(package / "memberships.csv", edit)
    # the schema's enum says it first (one problem per cell); the rule says the same without a schema
    assert problems(package) == [
        "memberships.csv:2: basis: not an allowed value "
        "(found 'rumoured', expected founding | joined | constitutive | attended | confirmed)"
    ]


def test_basis_rule_without_the_schema_enum(package):
    from dashboard.data.evidence_rules import check_bases
    from dashboard.data.reading import load_descriptor, read_raw_table

    def edit(rows):
        rows[0]["basis"] = "rumoured"

    rewrite_csv(package / "memberships.csv", edit)
    descriptor = load_descriptor(package)[0]
    resource = next(r for r in descriptor["resources"] if r["name"] == "memberships")
    table = read_raw_table(package, resource)[0]
    assert [str(p) for p in check_bases(table)] == [
        "memberships.csv:2: basis: not a basis in the vocabulary "
        "(found 'rumoured', expected founding | joined | constitutive | attended | confirmed)"
    ]


def test_raw_inputs_match_their_checksums(package):
    path = package / "raw" / "evidence" / "europe" / "counts.csv"
    path.write_bytes(path.read_bytes().replace(b"33,exact", b"34,exact", 1))
    found = [p for p in problems(package) if "checksum" in p]
    assert len(found) == 1 and found[0].startswith(
        "raw/evidence/provenance.json: europe/counts.csv: raw input differs from its recorded checksum"
    )
