"""A bounded load test on loopback with locust: N users for S seconds, mixing page loads, callbacks and exports.

    python scripts/loadtest.py --users 50 --seconds 20                          (starts gunicorn itself)
    python scripts/loadtest.py --users 200 --seconds 20 --host http://127.0.0.1:8080     (a running `make prod`)

Runs `locust --headless -u N -r R -t Ss --host URL -f scripts/locustfile.py --csv ...` (the users and their mix are in
scripts/locustfile.py) and prints requests per second, p50/p95/p99 latency and errors per kind of request, and how many
of the errors were 429s (refused with Retry-After, by nginx's limits or the app). Without --host it starts gunicorn
(the README's command) on a free 127.0.0.1 port first and stops it afterwards. Only loopback hosts are accepted; the
run stops by itself after --seconds. Exit status 1 if any request failed.
"""

from __future__ import annotations

import argparse
import csv
import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
LOCUSTFILE = ROOT / "scripts" / "locustfile.py"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
SETTLE_SECONDS = 10
KINDS = ("page", "callback", "export", "image")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workers: int, threads: int) -> tuple[subprocess.Popen, str, object]:
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="atlas-loadtest-", suffix=".log", delete=False)
    cmd = [
        sys.executable,
        "-m",
        "gunicorn",
        "dashboard.wsgi:server",
        "-w",
        str(workers),
        "-k",
        "gthread",
        "--threads",
        str(threads),
        "-b",
        f"127.0.0.1:{port}",
        "--timeout",
        "120",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                # Each worker warms its image renderer in the background at boot (dashboard/wsgi.py): let it finish.
                time.sleep(SETTLE_SECONDS)
                return proc, f"http://127.0.0.1:{port}", log
        except OSError:
            time.sleep(0.3)
    proc.kill()
    log.seek(0)
    raise SystemExit(f"gunicorn did not start:\n{log.read().decode(errors='replace')[-2000:]}")


def locust_command(args, host: str, csv_prefix: str) -> list[str]:
    seconds = max(1, round(args.seconds))
    cmd = [
        sys.executable,
        "-m",
        "locust",
        "--headless",
        "-u",
        str(args.users),
        "-r",
        str(args.spawn_rate or args.users),
        "-t",
        f"{seconds}s",
        "--host",
        host,
        "-f",
        str(LOCUSTFILE),
        "--csv",
        csv_prefix,
        "--only-summary",
        "--stop-timeout",
        "30",
        "--exit-code-on-error",
        "0",
        "--seed",
        str(args.seed),
        "--think",
        str(args.think),
    ]
    if args.one_address:
        cmd.append("--one-address")
    return cmd


def read_stats(csv_prefix: str) -> dict:
    """Locust's {prefix}_stats.csv as {kind: numbers}, 'all' for its Aggregated row."""
    out = {}
    with open(f"{csv_prefix}_stats.csv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            name = "all" if row["Name"] == "Aggregated" else row["Name"]
            if name not in (*KINDS, "all"):
                continue
            if name in out:  # one kind may come with two methods (never in this mix): add them up
                continue
            number = lambda key, row=row: float(row[key]) if row[key] not in ("", "N/A") else float("nan")  # noqa: E731
            out[name] = {
                "requests": int(row["Request Count"]),
                "rps": round(number("Requests/s"), 1),
                "p50_ms": number("50%"),
                "p95_ms": number("95%"),
                "p99_ms": number("99%"),
                "errors": int(row["Failure Count"]),
            }
    return out


def read_failures(csv_prefix: str, summary: dict) -> list[str]:
    """Locust's {prefix}_failures.csv as lines; counts each kind's 429s (refused, to retry later) into summary."""
    path = f"{csv_prefix}_failures.csv"
    for s in summary.values():
        s["429"] = 0
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        if "429" in r["Error"] and r["Name"] in summary:
            summary[r["Name"]]["429"] += int(r["Occurrences"])
            summary["all"]["429"] += int(r["Occurrences"])
    return [f"{r['Occurrences']} x {r['Method']} {r['Name']}: {r['Error'][:200]}" for r in rows]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10, help="simulated users at once (default 10)")
    parser.add_argument("--seconds", type=float, default=20, help="how long the load lasts (default 20)")
    parser.add_argument("--think", type=float, default=0.5, help="mean pause between a user's actions, s (default 0.5)")
    parser.add_argument(
        "--workers", type=int, default=2, help="gunicorn worker processes (default 2, as in the README)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument(
        "--host",
        "--url",
        dest="host",
        help="test this running server instead (loopback only), e.g. http://127.0.0.1:8080",
    )
    parser.add_argument("--spawn-rate", type=float, help="users started per second (default: all in the first second)")
    parser.add_argument(
        "--one-address",
        action="store_true",
        help="every user connects from 127.0.0.1 (default: one loopback address per user)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 500 or not 0 < args.seconds <= 600:
        parser.error("--users must be 1..500 and --seconds 0..600")
    if args.host and urlsplit(args.host).hostname not in LOOPBACK:
        parser.error(f"--host must be a loopback address ({', '.join(LOOPBACK)}); found {args.host}")

    proc = log = None
    if args.host:
        host, server = args.host.rstrip("/"), args.host
    else:
        proc, host, log = start_gunicorn(args.workers, args.threads)
        server = f"gunicorn -w {args.workers} -k gthread --threads {args.threads}"
    with tempfile.TemporaryDirectory(prefix="atlas-locust-") as tmp:
        prefix = os.path.join(tmp, "run")
        cmd = locust_command(args, host, prefix)
        try:
            started = time.monotonic()
            done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=args.seconds + 150)
            elapsed = time.monotonic() - started
        finally:
            if proc is not None:
                proc.terminate()
                try:
                    proc.wait(15)
                except subprocess.TimeoutExpired:
                    proc.kill()
        if done.returncode != 0 or not os.path.exists(f"{prefix}_stats.csv"):
            print(f"locust failed (exit {done.returncode}): {' '.join(cmd)}\n{done.stderr[-3000:]}", file=sys.stderr)
            return 2
        summary = read_stats(prefix)
        failures = read_failures(prefix, summary)
    total = summary.get("all", {"errors": 0})
    if args.json:
        print(
            json.dumps(
                {
                    "users": args.users,
                    "seconds": args.seconds,
                    "server": server,
                    "host": host,
                    "summary": summary,
                    "failures": failures,
                },
                indent=2,
            )
        )
    else:
        print(
            f"{args.users} users, {args.seconds:g} s (locust ran {elapsed:.1f} s), think {args.think} s, "
            f"{server} on {host} ({os.cpu_count()} CPUs)"
        )
        print(
            f"{'kind':<9}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}{'of them 429':>13}"
        )
        for kind in (*KINDS, "all"):
            s = summary.get(kind)
            if s:
                print(
                    f"{kind:<9}{s['requests']:>9}{s['rps']:>8}{s['p50_ms']:>9.0f}{s['p95_ms']:>9.0f}"
                    f"{s['p99_ms']:>9.0f}{s['errors']:>8}{s['429']:>13}"
                )
        for line in failures[:20]:
            print("error:", line)
        if failures and log is not None:
            print(f"server log (error ids and tracebacks): {log.name}")
    if not total.get("requests"):
        print("no request completed in the run: nothing was measured", file=sys.stderr)
    if log is not None and not total["errors"]:
        os.unlink(log.name)
    return 1 if total["errors"] or not total.get("requests") else 0


if __name__ == "__main__":
    sys.exit(main())
