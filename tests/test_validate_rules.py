"""The validator's layers: frictionless-py for the standard, the atlas's rules on top, limits a package cannot lift."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.data.problems import Problem, problem_lines
from dashboard.data.validate import validate_package
from tests.helpers import DESCRIPTOR, copy_real_package, tiny_tables, write_package

ROOT = Path(__file__).resolve().parents[1]


def messages(directory) -> list[str]:
    return [str(p) for p in validate_package(directory)]


def corrupt(tmp_path, table, row_index, **changes):
    tables = tiny_tables()
    tables[table][row_index].update(changes)
    return messages(write_package(tmp_path, tables, geometry=False))


def with_descriptor(directory: Path, edit) -> Path:
    descriptor = json.loads(json.dumps(DESCRIPTOR))
    edit(descriptor)
    (directory / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    return directory


def resource(descriptor: dict, name: str) -> dict:
    return next(r for r in descriptor["resources"] if r["name"] == name)


# ---- the damage kinds no test covered ---------------------------------------------------------------------------


def test_invalid_descriptor_json_names_the_line(tmp_path):
    directory = write_package(tmp_path / "d", geometry=False)
    (directory / "datapackage.json").write_text('{\n  "name": "x",\n  "resources": [,]\n}', encoding="utf-8")
    assert messages(directory) == [
        "datapackage.json:3: (file): the data package descriptor is not valid UTF-8 JSON "
        "(found Expecting value: line 3 column 17 (char 33))"
    ]


def test_descriptor_nested_too_deeply_is_a_problem_not_a_crash(tmp_path):
    directory = write_package(tmp_path / "d", geometry=False)
    (directory / "datapackage.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert messages(directory) == ["datapackage.json: (file): the data package descriptor is nested too deeply to read"]


def test_columns_out_of_order(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    path = directory / "memberships.csv"
    path.write_bytes(path.read_bytes().replace(b"process_id,iso3,", b"iso3,process_id,", 1))
    assert messages(directory) == [
        "memberships.csv:1: (header): columns in the wrong order "
        "(found iso3,process_id,role,start_year,end_year,source_id,note,basis, "
        "expected process_id,iso3,role,start_year,end_year,source_id,note,basis)"
    ]


def test_a_future_date(tmp_path):
    found = corrupt(tmp_path, "sources", 0, accessed="2999-01-01")
    assert any(
        m.startswith("sources.csv:2: accessed: date is in the future (found 2999-01-01, expected <= ") for m in found
    )


def test_member_list_verified_before_the_founding_year(tmp_path):
    assert (
        "processes.csv:2: members_known_through: member list verified to a year before the founding "
        "(found 1985, expected >= 1990)"
    ) in corrupt(tmp_path, "processes", 0, members_known_through="1985")


def test_mandate_before_its_organisation_existed(tmp_path):
    assert "mandates.csv:2: since_year: before org1 was founded (found 1949, expected >= 1951)" in corrupt(
        tmp_path, "mandates", 0, since_year="1949"
    )


def test_overlapping_spells_in_one_organisation(tmp_path):
    tables = tiny_tables()
    first = dict(tables["org_memberships"][0], end_year="1980")
    tables["org_memberships"] = [first, dict(first, start_year="1975", end_year="")]
    found = messages(write_package(tmp_path, tables, geometry=False))
    assert found == [
        "org_memberships.csv:3: start_year: overlaps DEU's earlier spell in org1 (row 2, to 1980) "
        "(found 1975, expected >= 1980)"
    ]


def test_a_spell_may_start_the_year_the_last_one_ended(tmp_path):
    tables = tiny_tables()
    first = dict(tables["org_memberships"][0], end_year="1980")
    tables["org_memberships"] = [first, dict(first, start_year="1980", end_year="", role="observer")]
    assert messages(write_package(tmp_path, tables, geometry=False)) == []


# ---- rules a package cannot switch off ---------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "//example.org/x", "ftp://e.org/"])
def test_only_web_links_even_when_the_descriptor_drops_its_pattern(tmp_path, url):
    tables = tiny_tables()
    tables["sources"][0]["url"] = url
    directory = write_package(tmp_path / "d", tables, geometry=False)

    def drop_url_rules(descriptor):
        field = next(f for f in resource(descriptor, "sources")["schema"]["fields"] if f["name"] == "url")
        field.pop("format", None)
        field["constraints"].pop("pattern")

    with_descriptor(directory, drop_url_rules)
    assert messages(directory) == [
        "sources.csv:2: url: not a web address: links must start with http:// or https:// and name a host "
        f"(found {url!r}, expected an address such as 'https://example.org/page')"
    ]


@pytest.mark.parametrize("path", ["../outside.csv", "/etc/hostname", "sub/../../outside.csv", "C:/x.csv", "x.txt"])
def test_table_paths_stay_inside_the_package_and_nothing_outside_is_read(tmp_path, path):
    (tmp_path / "outside.csv").write_text("SECRET-FIRST-LINE\n", encoding="utf-8")
    directory = write_package(tmp_path / "d", geometry=False)
    with_descriptor(directory, lambda d: resource(d, "eras").update(path=path))
    found = messages(directory)
    assert found == [
        f"datapackage.json: resources.eras.path: a table path must be a .csv file inside the data package "
        f"(found {path!r}, expected a relative path such as 'memberships.csv' (no '..', not absolute))"
    ]
    assert "SECRET" not in "".join(found)


def test_a_symlink_out_of_the_package_is_refused(tmp_path):
    (tmp_path / "outside.csv").write_text("SECRET-FIRST-LINE\n", encoding="utf-8")
    directory = write_package(tmp_path / "d", geometry=False)
    (directory / "eras.csv").unlink()
    (directory / "eras.csv").symlink_to(tmp_path / "outside.csv")
    assert messages(directory)[0].startswith("datapackage.json: resources.eras.path: a table path must be")


def test_table_size_limit_names_the_file_and_the_setting(tmp_path, monkeypatch):
    directory = write_package(tmp_path / "d", geometry=False)
    size = (directory / "memberships.csv").stat().st_size
    monkeypatch.setenv("ATLAS_MAX_TABLE_BYTES", str(size - 1))
    found = messages(directory)
    assert (
        f"memberships.csv: (file): the file is too large to read (found {size:,} bytes, "
        f"expected at most {size - 1:,} bytes; set ATLAS_MAX_TABLE_BYTES to allow more)"
    ) in found


def test_problem_listing_is_capped_with_a_count():
    problems = [Problem("m.csv", n, "iso3", "bad") for n in range(2, 130)]
    lines = problem_lines(problems, limit=50)
    assert len(lines) == 51 and lines[0] == "m.csv:2: iso3: bad" and lines[49] == "m.csv:51: iso3: bad"
    assert lines[-1] == "… and 78 more problem(s)"
    assert problem_lines(problems[:3], limit=50) == ["m.csv:2: iso3: bad", "m.csv:3: iso3: bad", "m.csv:4: iso3: bad"]


def test_cli_validate_prints_the_first_problems_and_a_count(tmp_path):
    directory = copy_real_package(tmp_path / "d")
    path = directory / "memberships.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    path.write_text("\n".join([lines[0]] + [line.replace(",member,", ",guest,") for line in lines[1:]]), "utf-8")
    env = {**os.environ, "ATLAS_MAX_PROBLEMS": "5"}
    run = subprocess.run(
        [sys.executable, "-m", "dashboard", "validate", "--data", str(directory)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    err = run.stderr.strip().split("\n")
    assert run.returncode == 1
    assert len(err) == 7, err  # the heading, five problems, the count
    assert err[-1].startswith("… and ") and err[-1].endswith(" more problem(s)")
    assert all(": role: not an allowed value (found 'guest'" in line for line in err[1:6])


# ---- the Frictionless standard ----------------------------------------------------------------------------------


def test_the_bundled_package_passes_the_reference_validator(tmp_path):
    frictionless = shutil.which("frictionless") or str(Path(sys.executable).with_name("frictionless"))
    run = subprocess.run(
        [frictionless, "validate", "--json", "datapackage.json"],
        cwd=ROOT / "data",
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(run.stdout)
    assert report["valid"] is True, run.stdout[-3000:]
    assert run.returncode == 0
    names = {task["name"] for task in report["tasks"]}
    assert names == {r["name"] for r in DESCRIPTOR["resources"]}


def test_the_reference_validator_would_catch_what_we_report(tmp_path):
    """The descriptor's own rules are live for Frictionless users too: a bad enum fails `frictionless validate`."""
    tables = tiny_tables()
    tables["processes"][0]["kind"] = "local"
    directory = write_package(tmp_path / "d", tables, geometry=False)
    from frictionless import validate

    report = validate(str(directory / "datapackage.json"))
    flat = report.flatten(["type", "fieldName", "cell"])
    assert ["constraint-error", "kind", "local"] in flat


def test_descriptor_against_the_standard(tmp_path):
    directory = write_package(tmp_path / "d", geometry=False)
    with_descriptor(directory, lambda d: d.update(created="yesterday"))
    assert messages(directory) == [
        "datapackage.json: created: the descriptor does not follow the Frictionless Data Package standard "
        '(found property "created" is not valid "datetime", expected a valid Data Package descriptor (datapackage.org))'
    ]


def test_an_unknown_field_type_is_the_standards_problem(tmp_path):
    directory = write_package(tmp_path / "d", geometry=False)

    def bad_type(descriptor):
        resource(descriptor, "eras")["schema"]["fields"][2]["type"] = "yearish"

    with_descriptor(directory, bad_type)
    found = messages(directory)
    assert len(found) == 1 and found[0].startswith("datapackage.json: (descriptor): the descriptor does not follow")
    assert 'field type "yearish" is not supported' in found[0]


def test_a_passed_package_is_remembered_so_startup_skips_frictionless(tmp_path):
    directory = write_package(tmp_path / "d", geometry=False)
    env = {**os.environ, "ATLAS_CACHE_DIR": str(tmp_path / "cache")}
    code = (
        "import sys; from dashboard.data.validate import validate_package; "
        f"print(len(validate_package({str(directory)!r})), 'frictionless' in sys.modules)"
    )

    def run():
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env)
        return out.stdout.strip()

    assert run() == "0 True"  # checked by frictionless-py, then remembered
    assert run() == "0 False"  # the same bytes: not imported at all
    tables = tiny_tables()
    tables["eras"][0]["label"] = "Era one, changed"
    write_package(directory, tables, geometry=False)
    assert run() == "0 True"  # one byte changed: checked again
