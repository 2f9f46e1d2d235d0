"""What the validator reports: one Problem per thing wrong, the raw tables it read, and a capped listing."""

from __future__ import annotations

import os
from dataclasses import dataclass

# A damaged file can have a problem on every row: people read the first ones, and a count of the rest.
DEFAULT_PROBLEM_LIMIT = 50


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

    @property
    def cell(self) -> tuple[str, int, str]:
        return self.file, self.row, self.column


@dataclass
class RawTable:
    """A CSV table as strings, with the file line number of each row."""

    name: str
    file: str
    fields: list[str]
    rows: list[dict[str, str]]
    lines: list[int]


def problem_limit() -> int:
    """How many problems a listing shows ($ATLAS_MAX_PROBLEMS, default 50; 0 shows them all)."""
    try:
        return max(0, int(os.environ.get("ATLAS_MAX_PROBLEMS", DEFAULT_PROBLEM_LIMIT)))
    except ValueError:
        return DEFAULT_PROBLEM_LIMIT


def problem_lines(problems: list[Problem], limit: int | None = None) -> list[str]:
    """The first `limit` problems, one a line, and a last line counting the rest."""
    limit = problem_limit() if limit is None else limit
    shown = problems if not limit else problems[:limit]
    lines = [str(p) for p in shown]
    if len(problems) > len(shown):
        lines.append(f"… and {len(problems) - len(shown)} more problem(s)")
    return lines


class DataPackageError(Exception):
    """The data package is invalid; `problems` lists every reason (the message shows the first ones)."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(problem_lines(problems)))
