"""The command line: `python -m dashboard [serve|validate|...]`. Subcommands register themselves in COMMANDS."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable

from dashboard import __version__
from dashboard.config import DATA_DIR

# name -> (help, add_arguments(parser), run(args) -> exit code). Later commands (export, bench) add themselves here.
COMMANDS: dict[str, tuple[str, Callable, Callable]] = {}


def command(name: str, help: str):
    def wrap(add_arguments):
        def decorator(run):
            COMMANDS[name] = (help, add_arguments, run)
            return run
        return decorator
    return wrap


def _data_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data", type=Path, default=None, metavar="DIR",
                        help=f"data package directory (default: the bundled package, {DATA_DIR})")


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--port must be a whole number from 1 to 65535 (found {value!r})")
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"--port must be from 1 to 65535 (found {port})")
    return port


def _serve_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default=os.environ.get("ATLAS_HOST", "127.0.0.1"),
                   help="address to bind (default 127.0.0.1: this machine only; 0.0.0.0 exposes it to the network)")
    p.add_argument("--port", type=_port, default=int(os.environ.get("ATLAS_PORT", "8050")), help="port (default 8050)")
    _data_arg(p)
    p.add_argument("--debug", action="store_true", help="Dash debug mode with hot reload (off by default; never in production)")


@command("serve", "serve the atlas on http://HOST:PORT (the default command)")(_serve_args)
def run_serve(args) -> int:
    from dashboard.app import create_app
    from dashboard.validate import DataPackageError

    try:
        app = create_app(data_dir=args.data)
    except DataPackageError as exc:
        _print_problems(exc.problems, args.data)
        return 1
    print(f"Migration Governance Atlas {__version__} on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0


def _print_problems(problems, data_dir) -> None:
    print(f"The data package in {data_dir or DATA_DIR} is invalid: {len(problems)} problem(s).", file=sys.stderr)
    for problem in problems:
        print(str(problem), file=sys.stderr)


@command("validate", "check the data package and print every problem as file:row: column: what (found, expected)")(_data_arg)
def run_validate(args) -> int:
    from dashboard.validate import validate_package

    data_dir = args.data or DATA_DIR
    problems = validate_package(data_dir)
    if problems:
        _print_problems(problems, data_dir)
        return 1
    print(f"{data_dir}: valid")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Migration Governance Atlas: an interactive, sourced map of international migration governance.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, add_arguments, run) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        add_arguments(p)
        p.set_defaults(run=run)
    return parser


def main(argv: list[str] | None = None) -> int:
    _load_plugins()
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["serve", *argv]
    args = parser.parse_args(argv)
    return int(args.run(args) or 0)


def _load_plugins() -> None:
    """Import the modules whose subcommands register themselves (they may be absent in a partial install)."""
    import importlib

    for module in ("dashboard.export", "dashboard.bench"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name != module:
                raise
