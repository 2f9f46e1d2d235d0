"""The validator: every kind of damage gets its own exact message, all at once, and valid data passes."""

from __future__ import annotations

import pytest

from dashboard.data.validate import validate_package
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


@pytest.mark.parametrize(
    "table, index, changes, expected",
    [
        (
            "memberships",
            0,
            {"start_year": "19x0"},
            "memberships.csv:2: start_year: not a whole number (found '19x0', expected an integer)",
        ),
        (
            "memberships",
            0,
            {"iso3": "XYZ"},
            "memberships.csv:2: iso3: not an ISO 3166-1 alpha-3 code or a former state in states.csv (found 'XYZ', expected a code such as 'DEU')",
        ),
        (
            "memberships",
            1,
            {"role": "guest"},
            "memberships.csv:3: role: not an allowed value (found 'guest', expected member | observer)",
        ),
        (
            "memberships",
            0,
            {"process_id": "nope"},
            "memberships.csv:2: process_id: refers to a processes id that does not exist (found 'nope', expected an id in processes.csv)",
        ),
        (
            "memberships",
            0,
            {"source_id": ""},
            "memberships.csv:2: source_id: required value is blank (found '', expected a value)",
        ),
        (
            "memberships",
            0,
            {"start_year": "1985"},
            "memberships.csv:2: start_year: starts before the process p-one was founded (found 1985, expected >= 1990)",
        ),
        (
            "memberships",
            4,
            {"end_year": "2007"},
            "memberships.csv:6: end_year: after the process p-two ended (found 2007, expected <= 2005)",
        ),
        (
            "memberships",
            2,
            {"start_year": "1990", "end_year": "1989"},
            "memberships.csv:4: end_year: end_year is before start_year (found start_year 1990, end_year 1989, expected end_year >= 1990)",
        ),
        (
            "memberships",
            3,
            {"start_year": "2999"},
            "memberships.csv:5: start_year: year is in the future (found 2999, expected <= ",
        ),
        (
            "processes",
            0,
            {"kind": "local"},
            "processes.csv:2: kind: not an allowed value (found 'local', expected regional | interregional | global)",
        ),
        (
            "processes",
            0,
            {"secretariat": "ghost"},
            "processes.csv:2: secretariat: refers to a organisations id that does not exist (found 'ghost', expected an id in organisations.csv)",
        ),
        ("sources", 0, {"url": ""}, "sources.csv:2: url: required value is blank (found '', expected a value)"),
        (
            "sources",
            0,
            {"url": "example.org/s1"},
            "sources.csv:2: url: not a web address: links must start with http:// or https:// and name a host (found 'example.org/s1', expected an address such as 'https://example.org/page')",
        ),
        (
            "sources",
            0,
            {"accessed": "29/11/2026"},
            "sources.csv:2: accessed: not a date (found '29/11/2026', expected YYYY-MM-DD)",
        ),
        (
            "milestones",
            0,
            {"issue_ids": "asylum;nonsense"},
            "milestones.csv:2: issue_ids: refers to a issue_areas id that does not exist (found 'nonsense', expected an id in issue_areas.csv)",
        ),
        (
            "agreements",
            0,
            {"iso3_b": "DEU"},
            "agreements.csv:2: iso3_b: an agreement needs two different states (found 'DEU', expected not 'DEU')",
        ),
        (
            "memberships",
            0,
            {"iso3": " DEU"},
            "memberships.csv:2: iso3: stray whitespace around the value (found ' DEU')",
        ),
    ],
)
def test_each_corruption_has_its_exact_message(tmp_path, table, index, changes, expected):
    found = corrupt(tmp_path, table, index, **changes)
    assert any(m.startswith(expected) for m in found), f"expected {expected!r}\nfound {found}"


def test_duplicate_key_names_both_rows(tmp_path):
    tables = tiny_tables()
    tables["memberships"].append(dict(tables["memberships"][0]))
    found = messages(write_package(tmp_path, tables, geometry=False))
    assert (
        "memberships.csv:7: process_id,iso3,role,start_year: duplicate key (found ('p-one', 'DEU', 'member', '1990'), expected unique; first at row 2)"
        in found
    )


def test_membership_after_former_state_ended(tmp_path):
    found = corrupt(tmp_path, "memberships", 2, start_year="1993", end_year="")
    assert (
        "memberships.csv:4: start_year: after the former state SUN ceased to exist (found 1993, expected <= 1991)"
        in found
    )


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
    assert (
        "memberships.csv:1: process_id: column missing from the header (found process,iso3,role,start_year,end_year,source_id,note,basis, expected process_id,iso3,role,start_year,end_year,source_id,note,basis)"
        in found
    )
    assert (
        "memberships.csv:1: process: column not in the schema (renamed or extra?) (found 'process', expected one of process_id,iso3,role,start_year,end_year,source_id,note,basis)"
        in found
    )


@pytest.mark.parametrize(
    "damage, expected",
    [
        (
            lambda b: b"\xef\xbb\xbf" + b,
            "memberships.csv:1: (file): stray byte-order mark at the start of the file (found UTF-8 BOM, expected plain UTF-8 without BOM)",
        ),
        (lambda b: b.replace(b",", b";"), "memberships.csv:1: (header): wrong delimiter (found ';', expected ',')"),
        (
            lambda b: b"",
            "memberships.csv: (file): the file is empty (expected a header row process_id,iso3,role,start_year,end_year,source_id,note,basis)",
        ),
        (lambda b: b + "puebla,MEX,member,1996,,x,caf\xe9\n".encode("latin-1"), "memberships.csv:"),
    ],
)
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
    assert f"memberships.csv:{lines + 1}: (file): not valid UTF-8 (found byte 0xe9, expected UTF-8 text)" in messages(
        directory
    )


def test_wrong_field_count(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    path = directory / "memberships.csv"
    data = path.read_bytes()
    lines = data.count(b"\n")
    path.write_bytes(data + b"puebla,MEX,member\n")
    assert f"memberships.csv:{lines + 1}: (row): wrong number of fields (found 3, expected 8)" in messages(directory)


def test_missing_table_and_descriptor(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    (directory / "agreements.csv").unlink()
    assert any(m.startswith("agreements.csv: (file): the table is missing") for m in messages(directory))
    (directory / "datapackage.json").unlink()
    assert messages(directory)[0].startswith("datapackage.json: (file): the data package descriptor is missing")


def test_uncited_source_is_reported(tmp_path):
    tables = tiny_tables()
    tables["sources"].append({**tables["sources"][0], "id": "stale"})
    assert (
        "sources.csv:3: id: source is not cited by any record (found 'stale', expected cited, or removed)"
        in messages(write_package(tmp_path, tables, geometry=False))
    )


def test_corrupted_real_copy_is_caught(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    rewrite_csv(directory / "memberships.csv", lambda rows: [dict(rows[0], iso3="QQQ")] + rows[1:])
    assert any("iso3: not an ISO 3166-1 alpha-3 code" in m for m in messages(directory))


# ---- what a hand edit does to a CSV: damage gets its own message; what is only formatting is fine ----------------


def _damaged(tmp_path, edit, table="memberships"):
    directory = copy_real_package(tmp_path / "d")
    path = directory / f"{table}.csv"
    path.write_bytes(edit(path.read_bytes()))
    return directory, messages(directory)


def test_windows_line_endings_are_fine_and_load_the_same_values(tmp_path):
    from dashboard.data.atlas import load_atlas

    directory, found = _damaged(tmp_path, lambda b: b.replace(b"\n", b"\r\n"))
    assert found == []
    crlf, plain = load_atlas(directory).memberships, load_atlas().memberships
    assert crlf.drop(columns="_line").equals(plain.drop(columns="_line"))


def test_line_break_in_quoted_free_text_is_fine_and_kept(tmp_path):
    from dashboard.data.atlas import load_atlas

    tables = tiny_tables()
    tables["memberships"][1]["note"] = "first line\nsecond line"
    directory = write_package(tmp_path, tables)
    assert messages(directory) == []
    assert load_atlas(directory).memberships["note"].iloc[1] == "first line\nsecond line"


def test_line_break_in_a_name_is_damage_at_the_rows_first_line(tmp_path):
    tables = tiny_tables()
    tables["processes"][1]["name"] = "Process\nTwo"
    found = messages(write_package(tmp_path, tables, geometry=False))
    assert (
        "processes.csv:3: name: line break inside the value (an unclosed quote?) (found 'Process\\nTwo', expected one line)"
        in found
    )


def test_problems_after_a_multiline_row_name_the_right_line(tmp_path):
    tables = tiny_tables()
    tables["memberships"][0]["note"] = "a\nb\nc"  # row 2 spans lines 2-4
    tables["memberships"][1]["role"] = "guest"  # so this row starts on line 5
    found = messages(write_package(tmp_path, tables, geometry=False))
    assert any(m.startswith("memberships.csv:5: role: not an allowed value") for m in found), found


def test_unclosed_quote_is_reported_not_swallowed(tmp_path):
    directory, found = _damaged(tmp_path, lambda b: b.replace(b"\npuebla,MEX,", b'\n"puebla,MEX,', 1))
    assert len(found) == 1 and "not readable as CSV" in found[0] and found[0].startswith("memberships.csv:"), found


def test_header_only_file_is_damage(tmp_path):
    directory, found = _damaged(tmp_path, lambda b: b.split(b"\n", 1)[0] + b"\n")
    assert (
        "memberships.csv: (file): the table has a header but no rows (expected at least one row (was the rest of the file deleted?))"
        in found
    )


def test_trailing_delimiter_in_header_and_rows(tmp_path):
    _, found = _damaged(tmp_path, lambda b: b.replace(b"\n", b",\n"))
    assert found == [
        "memberships.csv:1: (header): trailing delimiter: an empty extra column at the end of the header "
        "(found 'process_id,iso3,role,start_year,end_year,source_id,note,basis,', "
        "expected process_id,iso3,role,start_year,end_year,source_id,note,basis)"
    ]
    tables = tiny_tables()
    directory = write_package(tmp_path / "t", tables, geometry=False)
    path = directory / "memberships.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] += ","
    path.write_text("\n".join(lines), encoding="utf-8")
    assert (
        "memberships.csv:3: (row): trailing delimiter: an empty extra field at the end of the row (found 9, expected 8)"
        in messages(directory)
    )


def test_stray_whitespace_in_a_header_cell(tmp_path):
    _, found = _damaged(tmp_path, lambda b: b.replace(b",iso3,", b", iso3,", 1))
    assert found == [
        "memberships.csv:1: iso3: stray whitespace around the column name (found ' iso3', expected 'iso3')"
    ]


def test_duplicated_column(tmp_path):
    _, found = _damaged(tmp_path, lambda b: b.replace(b",basis\n", b",basis,basis\n", 1))
    assert "memberships.csv:1: basis: column appears more than once (found 2, expected 1)" in found


@pytest.mark.parametrize(
    "damage, expected",
    [
        (
            lambda b: b.decode("utf-8").encode("utf-16"),
            "memberships.csv:1: (file): saved as UTF-16 ('Unicode text'), not UTF-8 (found UTF-16 byte-order mark, expected UTF-8 text (save as 'CSV UTF-8'))",
        ),
        (
            lambda b: b[:40] + b"\x00" + b[40:],
            "memberships.csv:1: (file): contains a NUL byte (a binary or truncated file?) (found 0x00, expected CSV text)",
        ),
        (lambda b: b"\n\n  \n", "memberships.csv: (file): the file is empty"),
    ],
)
def test_more_file_level_damage(tmp_path, damage, expected):
    _, found = _damaged(tmp_path, damage)
    assert any(m.startswith(expected) for m in found), found


@pytest.mark.parametrize(
    "table, index, changes, expected",
    [
        (
            "memberships",
            0,
            {"start_year": "١٩٩٠"},
            "memberships.csv:2: start_year: not a whole number (found '١٩٩٠', expected an integer)",
        ),
        (
            "sources",
            0,
            {"accessed": "2026-02-30"},
            "sources.csv:2: accessed: no such day in the calendar (found '2026-02-30', expected a real date)",
        ),
        (
            "processes",
            0,
            {"founded_year": "1990.0"},
            "processes.csv:2: founded_year: not a whole number (found '1990.0', expected an integer)",
        ),
        (
            "memberships",
            0,
            {"end_year": "-5"},
            "memberships.csv:2: end_year: year is implausibly early (found -5, expected >= 1800)",
        ),
    ],
)
def test_values_that_would_be_coerced_are_reported(tmp_path, table, index, changes, expected):
    assert expected in corrupt(tmp_path, table, index, **changes)


def test_an_unreadable_table_does_not_make_every_source_look_uncited(tmp_path):
    _, found = _damaged(tmp_path, lambda b: b"garbage\n")
    assert not any("not cited" in m for m in found), found


def test_descriptor_without_tables(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    (directory / "datapackage.json").write_text('{"resources": [{"name": "x"}]}', encoding="utf-8")
    assert messages(directory) == [
        "datapackage.json: resources: the descriptor does not describe the tables "
        "(expected a list of resources, each with name, path and schema.fields)"
    ]
