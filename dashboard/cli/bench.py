"""`python -m dashboard bench`: measure every interaction against the real app on loopback, and print the numbers."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from dashboard.bench import report, runner

NAME = "bench"
HELP = "measure every interaction against the real app on loopback (gunicorn), and print the numbers"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scale", type=int, default=1, metavar="N", help="multiply processes and memberships N times (default 1)"
    )
    p.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the numbers as JSON, for comparison between commits"
    )
    p.add_argument("--quick", action="store_true", help="5 runs each (CI uses this so that the benchmark cannot rot)")
    p.add_argument("--repeat", type=int, default=30, help="runs per measurement (default 30)")
    p.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    p.add_argument("--data", type=Path, metavar="DIR", help="data package to scale (default: the bundled one)")
    p.add_argument("--no-browser", action="store_true", help="skip the headless Chromium measurements")
    p.add_argument(
        "--no-reference",
        action="store_true",
        help="skip the bare Dash choropleth the browser figures are compared with (dashboard/bench/reference.py)",
    )
    p.add_argument("--no-deck", action="store_true", help="skip the ten-view deck")
    p.add_argument(
        "--settle",
        type=float,
        default=10,
        metavar="S",
        help="seconds to let the workers warm their renderers before measuring (default 10)",
    )


def run(args) -> int:
    if not 1 <= args.scale <= 1000:
        print(f"--scale must be from 1 to 1000 (found {args.scale})", file=sys.stderr)
        return 2
    if not 1 <= args.repeat <= 1000:
        print(f"--repeat must be from 1 to 1000 (found {args.repeat})", file=sys.stderr)
        return 2
    results = runner.run(args)
    report.print_table(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"\n  numbers written to {args.json}")
    return 0
