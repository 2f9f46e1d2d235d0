"""What the subcommands share: the --data option and printing a data package's problems."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dashboard.config import DATA_DIR


def data_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        metavar="DIR",
        help=f"data package directory (default: the bundled package, {DATA_DIR})",
    )


def print_problems(problems, data_dir) -> None:
    """The count, then the first problems ($ATLAS_MAX_PROBLEMS, default 50) and how many more there are."""
    from dashboard.data.problems import problem_lines

    print(f"The data package in {data_dir or DATA_DIR} is invalid: {len(problems)} problem(s).", file=sys.stderr)
    for line in problem_lines(problems):
        print(line, file=sys.stderr)
