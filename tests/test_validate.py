"""The validator: every kind of damage gets its own exact message, all at once, and valid data passes."""

from __future__ import annotations

import pytest

from dashboard.validate import validate_package
from tests.helpers import copy_real_package, rewrite_csv, tiny_tables, write_package


def messages(directory) -> list[str]:
    return [str(p) for p in validate_package(directory)]


def test_tiny_package_is_valid(tmp_path):
    assert messages(write_package(tmp_path)) == []


def test_real_package_is_valid():
    from dashboard.config import DATA_DIR
    assert messages(DATA_DIR) == []


def corrupt(tmp_path, table, row_index, **changes):
    tables = tiny_tables()
    tables[table][row_index].update(changes)
    return messages(write_package(tmp_path, tables, geometry=False))


@pytest.mark.parametrize("table, index, changes, expected", [
    ("memberships", 0, {"start_year": "19x0"},
     "memberships.csv:2: start_year: not a whole number (found '19x0', expected an integer)"),
    ("memberships", 0, {"iso3": "XYZ"},
     "memberships.csv:2: iso3: not an ISO 3166-1 alpha-3 code or a former state in states.csv (found 'XYZ', expected a code such as 'DEU')"),
    ("memberships", 1, {"role": "guest"},
     "memberships.csv:3: role: not an allowed value (found 'guest', expected member | observer)"),
    ("memberships", 0, {"process_id": "nope"},
     "memberships.csv:2: process_id: refers to a processes id that does not exist (found 'nope', expected an id in processes.csv)"),
    ("memberships", 0, {"source_id": ""},
     "memberships.csv:2: source_id: required value is blank (found '', expected a value)"),
    ("memberships", 0, {"start_year": "1985"},
     "memberships.csv:2: start_year: starts before the process p-one was founded (found 1985, expected >= 1990)"),
    ("memberships", 4, {"end_year": "2007"},
     "memberships.csv:6: end_year: after the process p-two ended (found 2007, expected <= 2005)"),
    ("memberships", 2, {"start_year": "1990", "end_year": "1989"},
     "memberships.csv:4: end_year: end_year is before start_year (found start_year 1990, end_year 1989, expected end_year >= 1990)"),
    ("memberships", 3, {"start_year": "2999"},
     "memberships.csv:5: start_year: year is in the future (found 2999, expected <= "),
    ("processes", 0, {"kind": "local"},
     "processes.csv:2: kind: not an allowed value (found 'local', expected regional | interregional | global)"),
    ("processes", 0, {"secretariat": "ghost"},
     "processes.csv:2: secretariat: refers to a organisations id that does not exist (found 'ghost', expected an id in organisations.csv)"),
    ("sources", 0, {"url": ""},
     "sources.csv:2: url: required value is blank (found '', expected a value)"),
    ("sources", 0, {"url": "example.org/s1"},
     "sources.csv:2: url: does not match the expected form (found 'example.org/s1', expected pattern ^https?://)"),
    ("sources", 0, {"accessed": "29/11/2026"},
     "sources.csv:2: accessed: not a date (found '29/11/2026', expected YYYY-MM-DD)"),
    ("milestones", 0, {"issue_ids": "asylum;nonsense"},
     "milestones.csv:2: issue_ids: refers to a issue_areas id that does not exist (found 'nonsense', expected an id in issue_areas.csv)"),
    ("agreements", 0, {"iso3_b": "DEU"},
     "agreements.csv:2: iso3_b: an agreement needs two different states (found 'DEU', expected not 'DEU')"),
    ("memberships", 0, {"iso3": " DEU"},
     "memberships.csv:2: iso3: stray whitespace around the value (found ' DEU')"),
])
def test_each_corruption_has_its_exact_message(tmp_path, table, index, changes, expected):
    found = corrupt(tmp_path, table, index, **changes)
    assert any(m.startswith(expected) for m in found), f"expected {expected!r}\nfound {found}"


def test_duplicate_key_names_both_rows(tmp_path):
    tables = tiny_tables()
    tables["memberships"].append(dict(tables["memberships"][0]))
    found = messages(write_package(tmp_path, tables, geometry=False))
    assert "memberships.csv:7: process_id,iso3,role,start_year: duplicate key (found ('p-one', 'DEU', 'member', '1990'), expected unique; first at row 2)" in found


def test_membership_after_former_state_ended(tmp_path):
    found = corrupt(tmp_path, "memberships", 2, start_year="1993", end_year="")
    assert "memberships.csv:4: start_year: after the former state SUN ceased to exist (found 1993, expected <= 1991)" in found


def test_all_problems_reported_at_once(tmp_path):
    tables = tiny_tables()
    tables["memberships"][0]["iso3"] = "XYZ"
    tables["processes"][1]["kind"] = "local"
    tables["sources"][0]["accessed"] = "yesterday"
    found = messages(write_package(tmp_path, tables, geometry=False))
    assert len(found) == 3, found


def test_missing_and_renamed_columns(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    path = directory / "memberships.csv"
    text = path.read_text(encoding="utf-8").replace("process_id,iso3,role", "process,iso3,role", 1)
    path.write_text(text, encoding="utf-8")
    found = messages(directory)
    assert "memberships.csv:1: process_id: column missing from the header (found process,iso3,role,start_year,end_year,source_id,note, expected process_id,iso3,role,start_year,end_year,source_id,note)" in found
    assert "memberships.csv:1: process: column not in the schema (renamed or extra?) (found 'process', expected one of process_id,iso3,role,start_year,end_year,source_id,note)" in found


@pytest.mark.parametrize("damage, expected", [
    (lambda b: b"\xef\xbb\xbf" + b, "memberships.csv:1: (file): stray byte-order mark at the start of the file (found UTF-8 BOM, expected plain UTF-8 without BOM)"),
    (lambda b: b.replace(b",", b";"), "memberships.csv:1: (header): wrong delimiter (found ';', expected ',')"),
    (lambda b: b"", "memberships.csv: (file): the file is empty (expected a header row process_id,iso3,role,start_year,end_year,source_id,note)"),
    (lambda b: b + "puebla,MEX,member,1996,,x,caf\xe9\n".encode("latin-1"), "memberships.csv:"),
])
def test_file_level_damage(tmp_path, damage, expected):
    directory = copy_real_package(tmp_path / "d")
    path = directory / "memberships.csv"
    path.write_bytes(damage(path.read_bytes()))
    found = messages(directory)
    assert any(m.startswith(expected) for m in found), found


def test_non_utf8_names_the_line(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    path = directory / "memberships.csv"
    data = path.read_bytes()
    lines = data.count(b"\n")
    path.write_bytes(data + "puebla,MEX,member,1996,,x,caf\xe9\n".encode("latin-1"))
    assert f"memberships.csv:{lines + 1}: (file): not valid UTF-8 (found byte 0xe9, expected UTF-8 text)" in messages(directory)


def test_wrong_field_count(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    path = directory / "memberships.csv"
    data = path.read_bytes()
    lines = data.count(b"\n")
    path.write_bytes(data + b"puebla,MEX,member\n")
    assert f"memberships.csv:{lines + 1}: (row): wrong number of fields (found 3, expected 7)" in messages(directory)


def test_missing_table_and_descriptor(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    (directory / "agreements.csv").unlink()
    assert any(m.startswith("agreements.csv: (file): the table is missing") for m in messages(directory))
    (directory / "datapackage.json").unlink()
    assert messages(directory)[0].startswith("datapackage.json: (file): the data package descriptor is missing")


def test_uncited_source_is_reported(tmp_path):
    tables = tiny_tables()
    tables["sources"].append({**tables["sources"][0], "id": "stale"})
    assert "sources.csv:3: id: source is not cited by any record (found 'stale', expected cited, or removed)" in \
        messages(write_package(tmp_path, tables, geometry=False))


def test_corrupted_real_copy_is_caught(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    rewrite_csv(directory / "memberships.csv", lambda rows: [dict(rows[0], iso3="QQQ")] + rows[1:])
    assert any("iso3: not an ISO 3166-1 alpha-3 code" in m for m in messages(directory))
