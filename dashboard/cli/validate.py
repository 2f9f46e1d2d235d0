"""`python -m dashboard validate`: check a data package and print every problem."""

from __future__ import annotations

import sys

from dashboard.cli.common import data_arg, print_problems
from dashboard.config import DATA_DIR

NAME = "validate"
HELP = "check the data package and print every problem as file:row: column: what (found, expected)"
add_arguments = data_arg


def run(args) -> int:
    from dashboard.data.names import name_gaps
    from dashboard.data.validate import read_and_validate

    data_dir = args.data or DATA_DIR
    _, tables, problems = read_and_validate(data_dir)
    if problems:
        print_problems(problems, data_dir)
        return 1
    # Not problems: a name no source gives in French or Spanish is shown in English, never translated by us.
    for gap in name_gaps(tables):
        print(f"warning: {gap}", file=sys.stderr)
    print(f"{data_dir}: valid")
    return 0
