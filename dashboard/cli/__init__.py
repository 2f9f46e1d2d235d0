"""The command line: `python -m dashboard [serve|validate|export|bench]`, one module per subcommand."""

from __future__ import annotations

import argparse
import sys

from dashboard import __version__
from dashboard.cli import bench, coverage, export, serve, validate

COMMANDS = (serve, validate, export, bench, coverage)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Migration Governance Atlas: an interactive, sourced map of international migration governance.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        p = sub.add_parser(command.NAME, help=command.HELP, description=command.HELP)
        command.add_arguments(p)
        p.set_defaults(run=command.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["serve", *argv]
    args = parser.parse_args(argv)
    return int(args.run(args) or 0)
