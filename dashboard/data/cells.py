"""The atlas's rules for single cells and files: safe table paths, clean cells, strict forms, web links, ISO codes.

These live in code, not in the package's descriptor, so a package cannot switch them off by editing its rules.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

import pycountry

from dashboard.config import current_year
from dashboard.data.problems import Problem, RawTable

# Kosovo has no ISO 3166-1 code; XKX is the user-assigned code the EU, IOM and the World Bank use.
EXTRA_ISO3 = {"XKX": "Kosovo"}
EARLIEST_YEAR = 1800
_INT = re.compile(r"-?[0-9]+")  # ASCII digits only: int() would also take other scripts' digits
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A line break inside a quoted value is fine in free text; anywhere else it is damage (often an unclosed quote).
FREE_TEXT = frozenset({"note", "description", "summary"})
# Columns the atlas shows as links: http(s) only, whatever the descriptor says.
URL_COLUMNS = {"sources": ("url",)}
URL_SCHEMES = ("http", "https")
URI_WORDS = (
    "not a web address: links must start with http:// or https:// and name a host",
    "an address such as 'https://example.org/page'",
)


def rows_of(table: RawTable | None):
    return zip(table.rows, table.lines) if table is not None else ()


def whole(value: str) -> int | None:
    return int(value) if value and _INT.fullmatch(value) else None


# ---- the package's files ---------------------------------------------------------------------------------------


def path_problems(data_dir: Path, descriptor: dict) -> list[Problem]:
    """Each table path is relative, plain and inside the package: nothing outside it is ever read."""
    root = Path(data_dir).resolve()
    problems = []
    for resource in descriptor["resources"]:
        path = resource["path"]
        pure = PurePosixPath(path)
        bad = (
            not path
            or "\\" in path
            or "\x00" in path
            or pure.is_absolute()
            or re.match(r"^[A-Za-z]:", path)
            or ".." in pure.parts
            or not path.endswith(".csv")
        )
        if not bad:
            try:
                bad = not (root / path).resolve().is_relative_to(root)
            except (OSError, ValueError):
                bad = True
        if bad:
            problems.append(
                Problem(
                    "datapackage.json",
                    0,
                    f"resources.{resource['name']}.path",
                    "a table path must be a .csv file inside the data package",
                    found=repr(path[:80]),
                    expected="a relative path such as 'memberships.csv' (no '..', not absolute)",
                )
            )
    return problems


# ---- one cell at a time ----------------------------------------------------------------------------------------


def hygiene_problems(table: RawTable, schema: dict) -> list[Problem]:
    """What a hand edit leaves in a cell: stray whitespace, a line break outside free text."""
    problems = []
    for field in schema["fields"]:
        name = field["name"]
        for row, line in rows_of(table):
            value = row[name]
            if value != value.strip():
                problems.append(Problem(table.file, line, name, "stray whitespace around the value", found=repr(value)))
            elif ("\n" in value or "\r" in value) and name not in FREE_TEXT:
                problems.append(
                    Problem(
                        table.file,
                        line,
                        name,
                        "line break inside the value (an unclosed quote?)",
                        found=repr(value[:60]),
                        expected="one line",
                    )
                )
    return problems


def _is_year_column(name: str) -> bool:
    return name.endswith("year") or name == "members_known_through"


def form_problems(table: RawTable, schema: dict) -> list[Problem]:
    """Stricter than the standard: ASCII whole numbers, dates as YYYY-MM-DD, years and dates not in the future."""
    problems = []
    this_year = current_year()
    for field in schema["fields"]:
        name, ftype = field["name"], field.get("type", "string")
        for row, line in rows_of(table):
            value = row[name]
            if value == "" or value != value.strip():
                continue
            if ftype == "integer":
                problems += _year_problem(table.file, line, name, value, this_year)
            elif ftype == "date":
                problems += _date_problem(table.file, line, name, value, this_year)
    return problems


def _year_problem(file: str, line: int, name: str, value: str, this_year: int) -> list[Problem]:
    if not _INT.fullmatch(value):
        return [Problem(file, line, name, "not a whole number", found=repr(value), expected="an integer")]
    if not _is_year_column(name):
        return []
    if int(value) > this_year:
        return [Problem(file, line, name, "year is in the future", found=value, expected=f"<= {this_year}")]
    if int(value) < EARLIEST_YEAR:
        return [Problem(file, line, name, "year is implausibly early", found=value, expected=f">= {EARLIEST_YEAR}")]
    return []


def _date_problem(file: str, line: int, name: str, value: str, this_year: int) -> list[Problem]:
    if not _DATE.fullmatch(value):
        return [Problem(file, line, name, "not a date", found=repr(value), expected="YYYY-MM-DD")]
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return [Problem(file, line, name, "no such day in the calendar", found=repr(value), expected="a real date")]
    if value > f"{this_year}-12-31":
        return [Problem(file, line, name, "date is in the future", found=value, expected=f"<= {this_year}")]
    return []


def url_problems(table: RawTable) -> list[Problem]:
    """Links are http(s) addresses with a host: never javascript:, data: or a relative path."""
    problems = []
    for name in URL_COLUMNS.get(table.name, ()):
        for row, line in rows_of(table):
            value = row.get(name, "")
            if not value:
                continue
            try:
                parts = urlsplit(value)
                ok = parts.scheme.lower() in URL_SCHEMES and bool(parts.hostname) and not re.search(r"\s", value)
            except ValueError:
                ok = False
            if not ok:
                problems.append(
                    Problem(
                        table.file,
                        line,
                        name,
                        URI_WORDS[0],
                        found=repr(value[:80]),
                        expected=URI_WORDS[1],
                    )
                )
    return problems


def known_codes(states: RawTable | None) -> set[str]:
    codes = {c.alpha_3 for c in pycountry.countries} | set(EXTRA_ISO3)
    if states is not None:
        codes |= {r["iso3"] for r in states.rows}
    return codes


def iso3_problems(table: RawTable, schema: dict, codes: set[str]) -> list[Problem]:
    problems = []
    for field in schema["fields"]:
        if not field.get("x-iso3"):
            continue
        sep = field.get("x-list-separator")
        for row, line in rows_of(table):
            raw = row[field["name"]]
            for value in raw.split(sep) if sep else [raw]:
                if value and value not in codes:
                    problems.append(
                        Problem(
                            table.file,
                            line,
                            field["name"],
                            "not an ISO 3166-1 alpha-3 code or a former state in states.csv",
                            found=repr(value),
                            expected="a code such as 'DEU'",
                        )
                    )
    return problems


def list_reference_problems(table: RawTable, schema: dict, tables: dict[str, RawTable]) -> list[Problem]:
    """Lists of ids in one cell ("asylum;integration"): each id exists (foreign keys cannot say this)."""
    problems = []
    for field in schema["fields"]:
        ref_name = field.get("x-references")
        if not ref_name or ref_name not in tables:
            continue
        valid = {r["id"] for r in tables[ref_name].rows}
        sep = field.get("x-list-separator", ";")
        for row, line in rows_of(table):
            for item in filter(None, row[field["name"]].split(sep)):
                if item not in valid:
                    problems.append(
                        Problem(
                            table.file,
                            line,
                            field["name"],
                            f"refers to a {ref_name} id that does not exist",
                            found=repr(item),
                            expected=f"an id in {tables[ref_name].file}",
                        )
                    )
    return problems
