"""Reads a data package strictly: the descriptor as JSON, each table as UTF-8 CSV with the schema's header."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

from dashboard.data.problems import Problem, RawTable

DEFAULT_MAX_TABLE_BYTES = 16 * 1024 * 1024  # the largest bundled table is under 100 KB
MAX_DESCRIPTOR_BYTES = 1024 * 1024


def max_table_bytes() -> int:
    """The largest table file read ($ATLAS_MAX_TABLE_BYTES, default 16 MiB): a bigger one is refused unread."""
    try:
        return max(1, int(os.environ.get("ATLAS_MAX_TABLE_BYTES", DEFAULT_MAX_TABLE_BYTES)))
    except ValueError:
        return DEFAULT_MAX_TABLE_BYTES


def _size(n: int) -> str:
    return f"{n:,} bytes"


def too_large(file: str, path: Path, limit: int, setting: str | None) -> Problem | None:
    """A problem if the file at `path` is bigger than `limit` bytes (checked before a byte is read)."""
    size = path.stat().st_size
    if size <= limit:
        return None
    how = f"; set {setting} to allow more" if setting else ""
    return Problem(
        file, 0, "(file)", "the file is too large to read", found=_size(size), expected=f"at most {_size(limit)}{how}"
    )


def load_descriptor(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    path = Path(data_dir) / "datapackage.json"
    if not path.is_file():
        return None, [
            Problem(
                "datapackage.json",
                0,
                "(file)",
                "the data package descriptor is missing",
                found=f"no file at {path}",
                expected="datapackage.json in the data directory",
            )
        ]
    big = too_large("datapackage.json", path, MAX_DESCRIPTOR_BYTES, None)
    if big:
        return None, [big]
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except RecursionError:
        return None, [
            Problem("datapackage.json", 0, "(file)", "the data package descriptor is nested too deeply to read")
        ]
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return None, [
            Problem(
                "datapackage.json",
                getattr(exc, "lineno", 0),
                "(file)",
                "the data package descriptor is not valid UTF-8 JSON",
                found=str(exc),
            )
        ]
    if not isinstance(descriptor, dict):
        return None, [
            Problem(
                "datapackage.json",
                0,
                "(file)",
                "the data package descriptor is not a JSON object",
                found=type(descriptor).__name__,
                expected="{...}",
            )
        ]
    return descriptor, []


def _decode(file: str, data: bytes, expected_fields: list[str]) -> tuple[str | None, list[Problem]]:
    """The file's text, or None with the reason it cannot be read as UTF-8 CSV."""
    problems: list[Problem] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [
            Problem(
                file,
                1,
                "(file)",
                "saved as UTF-16 ('Unicode text'), not UTF-8",
                found="UTF-16 byte-order mark",
                expected="UTF-8 text (save as 'CSV UTF-8')",
            )
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        problems.append(
            Problem(
                file,
                1,
                "(file)",
                "stray byte-order mark at the start of the file",
                found="UTF-8 BOM",
                expected="plain UTF-8 without BOM",
            )
        )
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, problems + [
            Problem(
                file, line, "(file)", "not valid UTF-8", found=f"byte 0x{data[exc.start]:02x}", expected="UTF-8 text"
            )
        ]
    if not text.strip():
        return None, problems + [
            Problem(file, 0, "(file)", "the file is empty", expected=f"a header row {','.join(expected_fields)}")
        ]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, problems + [
            Problem(
                file,
                line,
                "(file)",
                "contains a NUL byte (a binary or truncated file?)",
                found="0x00",
                expected="CSV text",
            )
        ]
    return text, problems


def _header_problems(file: str, header: list[str], expected_fields: list[str]) -> list[Problem]:
    """Why a header differs from the schema's, one problem per cause, most specific first."""
    problems: list[Problem] = []
    if len(header) == 1 and len(expected_fields) > 1:
        for delim in (";", "\t", "|"):
            if delim in header[0]:
                return [Problem(file, 1, "(header)", "wrong delimiter", found=repr(delim), expected="','")]
    if len(header) > 1 and header[-1] == "" and header[:-1] == expected_fields:
        return [
            Problem(
                file,
                1,
                "(header)",
                "trailing delimiter: an empty extra column at the end of the header",
                found=repr(",".join(header)),
                expected=",".join(expected_fields),
            )
        ]
    for col in header:
        if col != col.strip():
            problems.append(
                Problem(
                    file,
                    1,
                    col.strip() or "(header)",
                    "stray whitespace around the column name",
                    found=repr(col),
                    expected=repr(col.strip()),
                )
            )
    header = [c.strip() for c in header]
    missing = [f for f in expected_fields if f not in header]
    unknown = [f for f in header if f not in expected_fields]
    twice = [f for f in dict.fromkeys(header) if header.count(f) > 1]
    for col in missing:
        problems.append(
            Problem(
                file,
                1,
                col,
                "column missing from the header",
                found=",".join(header),
                expected=",".join(expected_fields),
            )
        )
    for col in unknown:
        problems.append(
            Problem(
                file,
                1,
                col or "(header)",
                "column not in the schema (renamed or extra?)",
                found=repr(col),
                expected="one of " + ",".join(expected_fields),
            )
        )
    for col in twice:
        problems.append(
            Problem(
                file, 1, col or "(header)", "column appears more than once", found=str(header.count(col)), expected="1"
            )
        )
    if not problems and header != expected_fields:
        problems.append(
            Problem(
                file,
                1,
                "(header)",
                "columns in the wrong order",
                found=",".join(header),
                expected=",".join(expected_fields),
            )
        )
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
        return None, [
            Problem(
                file,
                0,
                "(file)",
                "the table is missing",
                found="no such file",
                expected=f"a CSV with columns {','.join(expected_fields)}",
            )
        ]
    big = too_large(file, path, max_table_bytes(), "ATLAS_MAX_TABLE_BYTES")
    if big:
        return None, [big]
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
                problems.append(
                    Problem(
                        file,
                        line,
                        "(row)",
                        "trailing delimiter: an empty extra field at the end of the row",
                        found=str(len(record)),
                        expected=str(len(expected_fields)),
                    )
                )
                continue
            if len(record) != len(expected_fields):
                spans = f" (the row runs to line {end}: an unclosed quote?)" if end > line else ""
                problems.append(
                    Problem(
                        file,
                        line,
                        "(row)",
                        "wrong number of fields" + spans,
                        found=str(len(record)),
                        expected=str(len(expected_fields)),
                    )
                )
                continue
            rows.append(dict(zip(expected_fields, record)))
            lines.append(line)
    except csv.Error as exc:
        return None, problems + [
            Problem(
                file,
                reader.line_num,
                "(file)",
                "not readable as CSV",
                found=str(exc),
                expected="comma-separated values with balanced double quotes",
            )
        ]
    if not rows and not problems:
        problems.append(
            Problem(
                file,
                0,
                "(file)",
                "the table has a header but no rows",
                expected="at least one row (was the rest of the file deleted?)",
            )
        )
    return RawTable(resource["name"], file, expected_fields, rows, lines), problems
