"""A bounded load test on loopback: N simulated users for S seconds, mixing page loads, callbacks and exports.

    python scripts/loadtest.py --users 50 --seconds 20

Starts gunicorn (several workers) on a free 127.0.0.1 port, runs the users, stops gunicorn, and prints requests per
second, p50/p95/p99 latency and errors per kind of request. `--url http://127.0.0.1:PORT` tests a running server
instead; only loopback addresses are accepted. Every user is a thread with its own seeded random choices and a pause
(`--think`) between actions, like a person clicking; the run stops by itself after `--seconds`.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dashboard.dashcall import callback_payload, find_callback  # noqa: E402

LOOPBACK = ("127.0.0.1", "localhost", "::1")
SETTLE_SECONDS = 10
PROCESSES = ["puebla", "budapest", "sacm", "bali", "colombo", "igc", "rabat", "mtm", "apc", "midsa"]
ISSUES = ["asylum", "trafficking-smuggling", "return-readmission", "migrant-rights"]
ORGS = ["iom", "unhcr", "ilo", "icmpd"]
# kind -> weight: what a user does next. Images are rare and slow; they show whether the rest stays responsive.
MIX = {"page": 25, "callback": 50, "export": 20, "image": 5}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_gunicorn(workers: int, threads: int) -> tuple[subprocess.Popen, str, object]:
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="atlas-loadtest-", suffix=".log", delete=False)
    cmd = [sys.executable, "-m", "gunicorn", "dashboard.wsgi:server", "-w", str(workers), "-k", "gthread",
           "--threads", str(threads), "-b", f"127.0.0.1:{port}", "--timeout", "120"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                # Each worker warms its image renderer in the background at boot (dashboard/wsgi.py): let it finish.
                time.sleep(SETTLE_SECONDS)
                return proc, base, log
        except OSError:
            time.sleep(0.3)
    proc.kill()
    log.seek(0)
    raise SystemExit(f"gunicorn did not start:\n{log.read().decode(errors='replace')[-2000:]}")


class User:
    """One simulated person: a keep-alive connection and seeded choices among the MIX."""

    def __init__(self, base: str, deps: list[dict], seed: int, think: float, results: list, lock: threading.Lock):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port
        self.deps, self.rng, self.think = deps, random.Random(seed), think
        self.results, self.lock = results, lock
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def request(self, kind: str, method: str, path: str, body: bytes | None = None) -> None:
        headers = {"Accept-Encoding": "gzip"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        status, error = 0, None
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            response.read()
            status = response.status
            if status >= 400:
                error = f"{status} {method} {path[:80]}"
        except (OSError, http.client.HTTPException) as exc:
            error = f"{type(exc).__name__}: {exc} ({method} {path[:80]})"
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        elapsed = time.perf_counter() - started
        with self.lock:
            self.results.append((kind, elapsed, status, error))

    def query(self) -> str:
        rng = self.rng
        return f"process={','.join(rng.sample(PROCESSES, rng.randint(1, 3)))}&year={rng.randint(1990, 2015)}"

    def act(self) -> None:
        rng = self.rng
        kind = rng.choices(list(MIX), weights=list(MIX.values()))[0]
        if kind == "page":
            view = rng.choice(["map", "timeline", "mandates"])
            self.request("page", "GET", f"/{view}?{self.query()}")
            self.request("page", "GET", "/_dash-layout")
            self.request("page", "GET", "/_dash-dependencies")
        elif kind == "callback":
            self.callback()
        elif kind == "export":
            path = rng.choice([f"/export/map.csv?{self.query()}", f"/embed/map?{self.query()}",
                               f"/export/timeline.csv?issue={rng.choice(ISSUES)}", f"/embed/mandates?org={rng.choice(ORGS)}"])
            self.request("export", "GET", path)
        else:
            self.request("image", "GET", f"/export/map.png?{self.query()}&width=960&height=540")

    def callback(self) -> None:
        rng = self.rng
        view = rng.choice(["map", "map", "timeline", "mandates"])
        search = "?" + (self.query() if view != "mandates" else f"org={','.join(rng.sample(ORGS, 2))}")
        if view == "map" and rng.random() < 0.5:       # a year change on the map: the commonest interaction
            dep = find_callback(self.deps, "map-graph.figure", "map-year.value")
            query = self.query()
            year = int(query.rsplit("=", 1)[1])
            values = {"map-processes.value": query.split("&")[0][8:].split(","), "map-issues.value": [],
                      "map-role.value": "all", "map-year.value": year + 1, "map-layers.value": ["processes"],
                      "map-theme.value": "light", "url.search": "?" + query, "url.pathname": "/map", "map-state.data": query}
            payload = callback_payload(dep, values, "map-year.value")
        else:                                           # navigating: the router renders a whole page
            dep = find_callback(self.deps, "page.children", "url.pathname")
            payload = callback_payload(dep, {"url.pathname": f"/{view}", "url.search": search}, "url.pathname")
        self.request("callback", "POST", "/_dash-update-component", json.dumps(payload).encode())

    def run(self, deadline: float) -> None:
        time.sleep(self.rng.uniform(0, self.think))    # users arrive spread out, not all in the same millisecond
        while time.monotonic() < deadline:
            self.act()
            time.sleep(self.think * self.rng.uniform(0.5, 1.5))
        self.conn.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def summarise(results: list, seconds: float) -> dict:
    kinds = [*MIX, "all"]
    out = {}
    for kind in kinds:
        rows = [r for r in results if kind == "all" or r[0] == kind]
        times = [r[1] * 1000 for r in rows]
        out[kind] = {"requests": len(rows), "rps": round(len(rows) / seconds, 1),
                     "p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
                     "p99_ms": round(percentile(times, 99), 1), "errors": sum(1 for r in rows if r[3])}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10, help="simulated users at once (default 10)")
    parser.add_argument("--seconds", type=float, default=20, help="how long the load lasts (default 20)")
    parser.add_argument("--think", type=float, default=0.5, help="mean pause between a user's actions, s (default 0.5)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2, as in the README)")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--url", help="test this running server instead (loopback only), e.g. http://127.0.0.1:8050")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 500 or not 0 < args.seconds <= 600:
        parser.error("--users must be 1..500 and --seconds 0..600")
    if args.url and urlsplit(args.url).hostname not in LOOPBACK:
        parser.error(f"--url must be a loopback address ({', '.join(LOOPBACK)}); found {args.url}")

    proc = log = None
    if args.url:
        base, server = args.url.rstrip("/"), args.url
    else:
        proc, base, log = start_gunicorn(args.workers, args.threads)
        server = f"gunicorn -w {args.workers} -k gthread --threads {args.threads}"
    try:
        parts = urlsplit(base)
        conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        conn.request("GET", "/_dash-dependencies")
        deps = json.loads(conn.getresponse().read())
        conn.close()
        results: list = []
        lock = threading.Lock()
        users = [User(base, deps, args.seed * 1000 + i, args.think, results, lock) for i in range(args.users)]
        started = time.monotonic()
        deadline = started + args.seconds
        threads = [threading.Thread(target=u.run, args=(deadline,), daemon=True) for u in users]
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=args.seconds + 90)
        elapsed = time.monotonic() - started
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
    with lock:
        done = list(results)
    summary = summarise(done, elapsed)
    if args.json:
        print(json.dumps({"users": args.users, "seconds": round(elapsed, 1), "server": server, "summary": summary}, indent=2))
    else:
        print(f"{args.users} users, {elapsed:.1f} s, think {args.think} s, {server} on {base} ({os.cpu_count()} CPUs)")
        print(f"{'kind':<9}{'requests':>9}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'errors':>8}")
        for kind, s in summary.items():
            print(f"{kind:<9}{s['requests']:>9}{s['rps']:>8}{s['p50_ms']:>9}{s['p95_ms']:>9}{s['p99_ms']:>9}{s['errors']:>8}")
        errors = [r[3] for r in done if r[3]]
        for message in dict.fromkeys(errors[:20]):
            print("error:", message)
        if errors and log is not None:
            print(f"server log (error ids and tracebacks): {log.name}")
    if log is not None and not summary["all"]["errors"]:
        os.unlink(log.name)
    return 1 if summary["all"]["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
