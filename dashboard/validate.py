"""Checks a data package against its datapackage.json and the atlas's own rules; reports every problem at once."""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pycountry

from dashboard.config import current_year

# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code the EU, IOM and the World Bank use.
EXTRA_ISO3 = {"XKX": "Kosovo"}
EARLIEST_YEAR = 1800
_INT = re.compile(r"-?[0-9]+")          # ASCII digits only: int() would also take other scripts' digits
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A line break inside a quoted value is fine in free text; anywhere else it is damage (often an unclosed quote).
FREE_TEXT = frozenset({"note", "description", "summary"})


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one cell (or row, or file), said so a person can find and fix it."""

    file: str
    row: int  # line number in the file; the header is line 1, 0 for the file as a whole
    column: str
    message: str
    found: str | None = None
    expected: str | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.row}" if self.row else self.file
        detail = ""
        if self.found is not None or self.expected is not None:
            parts = []
            if self.found is not None:
                parts.append(f"found {self.found}")
            if self.expected is not None:
                parts.append(f"expected {self.expected}")
            detail = f" ({', '.join(parts)})"
        return f"{where}: {self.column}: {self.message}{detail}"


@dataclass
class RawTable:
    """A CSV table as strings, with the file line number of each row."""

    name: str
    file: str
    fields: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


class DataPackageError(Exception):
    """The data package is invalid; `problems` lists every reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def load_descriptor(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    path = Path(data_dir) / "datapackage.json"
    if not path.is_file():
        return None, [Problem("datapackage.json", 0, "(file)", "the data package descriptor is missing",
                              found=f"no file at {path}", expected="datapackage.json in the data directory")]
    try:
        return json.loads(path.read_text(encoding="utf-8")), []
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [Problem("datapackage.json", getattr(exc, "lineno", 0), "(file)",
                              "the data package descriptor is not valid UTF-8 JSON", found=str(exc))]


def _decode(file: str, data: bytes, expected_fields: list[str]) -> tuple[str | None, list[Problem]]:
    """The file's text, or None with the reason it cannot be read as UTF-8 CSV."""
    problems: list[Problem] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Problem(file, 1, "(file)", "saved as UTF-16 ('Unicode text'), not UTF-8",
                              found="UTF-16 byte-order mark", expected="UTF-8 text (save as 'CSV UTF-8')")]
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(Problem(file, 1, "(file)", "stray byte-order mark at the start of the file",
                                found="UTF-8 BOM", expected="plain UTF-8 without BOM"))
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, problems + [Problem(file, line, "(file)", "not valid UTF-8",
                                         found=f"byte 0x{data[exc.start]:02x}", expected="UTF-8 text")]
    if not text.strip():
        return None, problems + [Problem(file, 0, "(file)", "the file is empty",
                                         expected=f"a header row {','.join(expected_fields)}")]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, problems + [Problem(file, line, "(file)", "contains a NUL byte (a binary or truncated file?)",
                                         found="0x00", expected="CSV text")]
    return text, problems


def _header_problems(file: str, header: list[str], expected_fields: list[str]) -> list[Problem]:
    """Why a header differs from the schema's, one problem per cause, most specific first."""
    problems: list[Problem] = []
    if len(header) == 1 and len(expected_fields) > 1:
        for delim in (";", "\t", "|"):
            if delim in header[0]:
                return [Problem(file, 1, "(header)", "wrong delimiter", found=repr(delim), expected="','")]
    if len(header) > 1 and header[-1] == "" and header[:-1] == expected_fields:
        return [Problem(file, 1, "(header)", "trailing delimiter: an empty extra column at the end of the header",
                        found=repr(",".join(header)), expected=",".join(expected_fields))]
    for col in header:
        if col != col.strip():
            problems.append(Problem(file, 1, col.strip() or "(header)", "stray whitespace around the column name",
                                    found=repr(col), expected=repr(col.strip())))
    header = [c.strip() for c in header]
    missing = [f for f in expected_fields if f not in header]
    unknown = [f for f in header if f not in expected_fields]
    twice = [f for f in dict.fromkeys(header) if header.count(f) > 1]
    for col in missing:
        problems.append(Problem(file, 1, col, "column missing from the header",
                                found=",".join(header), expected=",".join(expected_fields)))
    for col in unknown:
        problems.append(Problem(file, 1, col or "(header)", "column not in the schema (renamed or extra?)",
                                found=repr(col), expected="one of " + ",".join(expected_fields)))
    for col in twice:
        problems.append(Problem(file, 1, col or "(header)", "column appears more than once", found=str(header.count(col)),
                                expected="1"))
    if not problems and header != expected_fields:
        problems.append(Problem(file, 1, "(header)", "columns in the wrong order",
                                found=",".join(header), expected=",".join(expected_fields)))
    return problems


def read_raw_table(data_dir: Path, resource: dict) -> tuple[RawTable | None, list[Problem]]:
    """Read one CSV strictly: UTF-8, no BOM, comma-delimited, the schema's header, a field count per row.

    Fine: Windows line endings, blank lines, quoted fields (with commas, quotes, or a line break in free text).
    Damage: everything else a hand edit can do to the file, each with its own message.
    """
    file = resource["path"]
    path = Path(data_dir) / file
    expected_fields = [f["name"] for f in resource["schema"]["fields"]]
    if not path.is_file():
        return None, [Problem(file, 0, "(file)", "the table is missing", found="no such file", expected=f"a CSV with columns {','.join(expected_fields)}")]
    text, problems = _decode(file, path.read_bytes(), expected_fields)
    if text is None:
        return None, problems
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, lines = [], []
    try:
        header = next(reader)
        header_problems = _header_problems(file, header, expected_fields)
        if header_problems:
            return None, problems + header_problems
        start = reader.line_num + 1
        for record in reader:
            line, end, start = start, reader.line_num, reader.line_num + 1
            if not record or (len(record) == 1 and not record[0].strip()):
                continue
            if len(record) == len(expected_fields) + 1 and record[-1] == "":
                problems.append(Problem(file, line, "(row)", "trailing delimiter: an empty extra field at the end of the row",
                                        found=str(len(record)), expected=str(len(expected_fields))))
                continue
            if len(record) != len(expected_fields):
                spans = f" (the row runs to line {end}: an unclosed quote?)" if end > line else ""
                problems.append(Problem(file, line, "(row)", "wrong number of fields" + spans,
                                        found=str(len(record)), expected=str(len(expected_fields))))
                continue
            rows.append(dict(zip(expected_fields, record)))
            lines.append(line)
    except csv.Error as exc:
        return None, problems + [Problem(file, reader.line_num, "(file)", "not readable as CSV", found=str(exc),
                                         expected="comma-separated values with balanced double quotes")]
    if not rows and not problems:
        problems.append(Problem(file, 0, "(file)", "the table has a header but no rows",
                                expected="at least one row (was the rest of the file deleted?)"))
    return RawTable(resource["name"], file, expected_fields, rows, lines), problems


def _check_fields(table: RawTable, schema: dict) -> list[Problem]:
    problems = []
    this_year = current_year()
    for field in schema["fields"]:
        name, ftype = field["name"], field.get("type", "string")
        cons = field.get("constraints", {})
        pattern = re.compile(cons["pattern"]) if "pattern" in cons else None
        for row, line in zip(table.rows, table.lines):
            value = row[name]
            if value != value.strip():
                problems.append(Problem(table.file, line, name, "stray whitespace around the value", found=repr(value)))
                continue
            if ("\n" in value or "\r" in value) and name not in FREE_TEXT:
                problems.append(Problem(table.file, line, name, "line break inside the value (an unclosed quote?)",
                                        found=repr(value[:60]), expected="one line"))
                continue
            if value == "":
                if cons.get("required"):
                    problems.append(Problem(table.file, line, name, "required value is blank", found="''", expected="a value"))
                continue
            if ftype == "integer":
                if not _INT.fullmatch(value):
                    problems.append(Problem(table.file, line, name, "not a whole number", found=repr(value), expected="an integer"))
                    continue
                if name.endswith("year") or name == "members_known_through":
                    year = int(value)
                    if year > this_year:
                        problems.append(Problem(table.file, line, name, "year is in the future", found=value, expected=f"<= {this_year}"))
                    elif year < EARLIEST_YEAR:
                        problems.append(Problem(table.file, line, name, "year is implausibly early", found=value, expected=f">= {EARLIEST_YEAR}"))
            elif ftype == "date":
                if not _DATE.fullmatch(value):
                    problems.append(Problem(table.file, line, name, "not a date", found=repr(value), expected="YYYY-MM-DD"))
                elif not _real_date(value):
                    problems.append(Problem(table.file, line, name, "no such day in the calendar", found=repr(value), expected="a real date"))
                elif value > f"{this_year}-12-31":
                    problems.append(Problem(table.file, line, name, "date is in the future", found=value, expected=f"<= {this_year}"))
            if "enum" in cons and value not in cons["enum"]:
                problems.append(Problem(table.file, line, name, "not an allowed value", found=repr(value), expected=" | ".join(cons["enum"])))
            if pattern and not pattern.match(value):
                problems.append(Problem(table.file, line, name, "does not match the expected form", found=repr(value), expected=f"pattern {cons['pattern']}"))
    return problems


def _check_keys(table: RawTable, schema: dict) -> list[Problem]:
    key = schema.get("primaryKey")
    if not key:
        return []
    key = [key] if isinstance(key, str) else key
    seen: dict[tuple, int] = {}
    problems = []
    for row, line in zip(table.rows, table.lines):
        value = tuple(row[k] for k in key)
        if value in seen:
            problems.append(Problem(table.file, line, ",".join(key), "duplicate key",
                                    found=repr(value if len(value) > 1 else value[0]), expected=f"unique; first at row {seen[value]}"))
        else:
            seen[value] = line
    return problems


def _check_foreign_keys(table: RawTable, schema: dict, tables: dict[str, RawTable]) -> list[Problem]:
    problems = []
    for fk in schema.get("foreignKeys", []):
        col = fk["fields"]
        ref = fk["reference"]
        target = table if ref["resource"] in ("", table.name) else tables.get(ref["resource"])
        if target is None:
            continue
        valid = {r[ref["fields"]] for r in target.rows}
        for row, line in zip(table.rows, table.lines):
            value = row[col]
            if value and value not in valid:
                problems.append(Problem(table.file, line, col, f"refers to a {ref['resource']} {ref['fields']} that does not exist",
                                        found=repr(value), expected=f"an id in {target.file}"))
    for field in schema["fields"]:
        ref_name = field.get("x-references")
        if not ref_name or ref_name not in tables:
            continue
        valid = {r["id"] for r in tables[ref_name].rows}
        sep = field.get("x-list-separator", ";")
        for row, line in zip(table.rows, table.lines):
            for item in filter(None, row[field["name"]].split(sep)):
                if item not in valid:
                    problems.append(Problem(table.file, line, field["name"], f"refers to a {ref_name} id that does not exist",
                                            found=repr(item), expected=f"an id in {tables[ref_name].file}"))
    return problems


def known_codes(states: RawTable | None) -> set[str]:
    codes = {c.alpha_3 for c in pycountry.countries} | set(EXTRA_ISO3)
    if states is not None:
        codes |= {r["iso3"] for r in states.rows}
    return codes


def _check_iso3(table: RawTable, schema: dict, codes: set[str]) -> list[Problem]:
    problems = []
    for field in schema["fields"]:
        if not field.get("x-iso3"):
            continue
        sep = field.get("x-list-separator")
        for row, line in zip(table.rows, table.lines):
            raw = row[field["name"]]
            for value in (raw.split(sep) if sep else [raw]):
                if value and value not in codes:
                    problems.append(Problem(table.file, line, field["name"], "not an ISO 3166-1 alpha-3 code or a former state in states.csv",
                                            found=repr(value), expected="a code such as 'DEU'"))
    return problems


def _int(value: str) -> int | None:
    return int(value) if value and _INT.fullmatch(value) else None


def _real_date(value: str) -> bool:
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_ranges(tables: dict[str, RawTable]) -> list[Problem]:
    """Year order within a row, and rows inside the lifetime of what they refer to."""
    problems: list[Problem] = []
    pairs = {"processes": ("founded_year", "ended_year"), "memberships": ("start_year", "end_year"),
             "org_roles": ("start_year", "end_year"), "agreements": ("year", "end_year"),
             "milestones": ("year", "in_force_year"), "states": ("start_year", "end_year"),
             "eras": ("start_year", "end_year")}
    for name, (lo, hi) in pairs.items():
        table = tables.get(name)
        for row, line in zip(table.rows if table else [], table.lines if table else []):
            a, b = _int(row[lo]), _int(row[hi])
            if a is not None and b is not None and a > b:
                problems.append(Problem(table.file, line, hi, f"{hi} is before {lo}", found=f"{lo} {a}, {hi} {b}", expected=f"{hi} >= {a}"))

    processes = {r["id"]: r for r in tables["processes"].rows} if "processes" in tables else {}
    if "processes" in tables:
        t = tables["processes"]
        for row, line in zip(t.rows, t.lines):
            known, founded = _int(row["members_known_through"]), _int(row["founded_year"])
            if known is not None and founded is not None and known < founded:
                problems.append(Problem(t.file, line, "members_known_through", "member list verified to a year before the founding",
                                        found=str(known), expected=f">= {founded}"))
    for name, start_col, end_col in (("memberships", "start_year", "end_year"), ("org_roles", "start_year", "end_year")):
        t = tables.get(name)
        for row, line in zip(t.rows if t else [], t.lines if t else []):
            proc = processes.get(row["process_id"])
            if not proc:
                continue
            founded, ended = _int(proc["founded_year"]), _int(proc["ended_year"])
            start, end = _int(row[start_col]), _int(row[end_col])
            if start is not None and founded is not None and start < founded:
                problems.append(Problem(t.file, line, start_col, f"starts before the process {row['process_id']} was founded",
                                        found=str(start), expected=f">= {founded}"))
            if ended is not None:
                for col, val in ((start_col, start), (end_col, end)):
                    if val is not None and val > ended:
                        problems.append(Problem(t.file, line, col, f"after the process {row['process_id']} ended",
                                                found=str(val), expected=f"<= {ended}"))
    states = {r["iso3"]: r for r in tables["states"].rows} if "states" in tables else {}
    t = tables.get("memberships")
    for row, line in zip(t.rows if t else [], t.lines if t else []):
        state = states.get(row["iso3"])
        start = _int(row["start_year"])
        if state and start is not None and _int(state["end_year"]) is not None and start > _int(state["end_year"]):
            problems.append(Problem(t.file, line, "start_year", f"after the former state {row['iso3']} ceased to exist",
                                    found=str(start), expected=f"<= {state['end_year']}"))
    orgs = {r["id"]: r for r in tables["organisations"].rows} if "organisations" in tables else {}
    t = tables.get("mandates")
    for row, line in zip(t.rows if t else [], t.lines if t else []):
        org = orgs.get(row["org_id"])
        since, founded = _int(row["since_year"]), _int(org["founded_year"]) if org else None
        if since is not None and founded is not None and since < founded:
            problems.append(Problem(t.file, line, "since_year", f"before {row['org_id']} was founded", found=str(since), expected=f">= {founded}"))
    t = tables.get("agreements")
    for row, line in zip(t.rows if t else [], t.lines if t else []):
        if row["iso3_a"] and row["iso3_a"] == row["iso3_b"]:
            problems.append(Problem(t.file, line, "iso3_b", "an agreement needs two different states", found=repr(row["iso3_b"]), expected=f"not {row['iso3_a']!r}"))
    return problems


def _check_sources_used(tables: dict[str, RawTable]) -> list[Problem]:
    """Every source has a URL (checked by schema); every listed source is cited somewhere, so none is stale."""
    if "sources" not in tables:
        return []
    cited = {r.get("source_id") for t in tables.values() for r in t.rows}
    # A note may cite a second source for a disagreement ("IOM gives 2003 (src: iom-mtm)"): that counts too.
    words = {w for t in tables.values() if t.name != "sources" for r in t.rows
             for w in re.findall(r"[a-z0-9][a-z0-9-]*[a-z0-9]", r.get("note", "") or "")}
    cited |= words
    t = tables["sources"]
    return [Problem(t.file, line, "id", "source is not cited by any record", found=repr(row["id"]), expected="cited, or removed")
            for row, line in zip(t.rows, t.lines) if row["id"] not in cited]


def _descriptor_problems(descriptor) -> list[Problem]:
    """The descriptor has the shape the checks rely on: resources with a name, a path and a schema of named fields."""
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    ok = isinstance(resources, list) and all(
        isinstance(r, dict) and isinstance(r.get("name"), str) and isinstance(r.get("path"), str)
        and isinstance(r.get("schema"), dict) and isinstance(r["schema"].get("fields"), list)
        and all(isinstance(f, dict) and isinstance(f.get("name"), str) for f in r["schema"]["fields"])
        for r in resources)
    if ok:
        return []
    return [Problem("datapackage.json", 0, "resources", "the descriptor does not describe the tables",
                    expected="a list of resources, each with name, path and schema.fields")]


def read_and_validate(data_dir: Path) -> tuple[dict | None, dict[str, RawTable], list[Problem]]:
    """Read every table and run every check. Returns the descriptor, the raw tables and all problems."""
    data_dir = Path(data_dir)
    descriptor, problems = load_descriptor(data_dir)
    problems = problems or _descriptor_problems(descriptor)
    if problems:
        return None, {}, problems
    tables: dict[str, RawTable] = {}
    for resource in descriptor["resources"]:
        table, found = read_raw_table(data_dir, resource)
        problems += found
        if table is not None:
            tables[resource["name"]] = table
    codes = known_codes(tables.get("states"))
    for resource in descriptor["resources"]:
        table = tables.get(resource["name"])
        if table is None:
            continue
        schema = resource["schema"]
        problems += _check_fields(table, schema)
        problems += _check_keys(table, schema)
        problems += _check_foreign_keys(table, schema, tables)
        problems += _check_iso3(table, schema, codes)
    problems += _check_ranges(tables)
    if len(tables) == len(descriptor["resources"]):   # with a table unreadable, every source would look uncited
        problems += _check_sources_used(tables)
    return descriptor, tables, problems


def validate_package(data_dir: Path) -> list[Problem]:
    """All problems with the data package in `data_dir`; an empty list means valid."""
    return read_and_validate(data_dir)[2]
