"""`python -m dashboard serve`: the development server (production runs gunicorn on dashboard.wsgi)."""

from __future__ import annotations

import argparse
import os
import sys

from dashboard import __version__
from dashboard.cli.common import data_arg, print_problems

NAME = "serve"
HELP = "serve the atlas on http://HOST:PORT (the default command)"


def _port(value: str) -> int:
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"--port must be a whole number from 1 to 65535 (found {value!r})") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"--port must be from 1 to 65535 (found {port})")
    return port


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--host",
        default=os.environ.get("ATLAS_HOST", "127.0.0.1"),
        help="address to bind (default 127.0.0.1: this machine only; 0.0.0.0 exposes it to the network)",
    )
    p.add_argument("--port", type=_port, default=int(os.environ.get("ATLAS_PORT", "8050")), help="port (default 8050)")
    data_arg(p)
    p.add_argument(
        "--debug", action="store_true", help="Dash debug mode with hot reload (off by default; never in production)"
    )


def is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run(args) -> int:
    from dashboard.data.validate import DataPackageError
    from dashboard.web.app import create_app

    if args.debug and not is_loopback(args.host):
        print(
            f"error: --debug runs code sent by the browser's debugger; it only binds to this machine "
            f"(127.0.0.1, ::1 or localhost), not {args.host!r}",
            file=sys.stderr,
        )
        return 2
    try:
        app = create_app(data_dir=args.data)
    except DataPackageError as exc:
        print_problems(exc.problems, args.data)
        return 1
    except ValueError as exc:  # a setting from the environment (ATLAS_BASE_URL, frame ancestors) that cannot work
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"Migration Governance Atlas {__version__} on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    app.run(host=args.host, port=args.port, debug=args.debug)
    return 0
