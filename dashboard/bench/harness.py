"""Benchmark harness: a scaled data package, an HTTP client, a gunicorn server on a free port, summaries of runs."""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from dashboard.bench.dashcall import callback_payload, find_callback


def make_scaled_package(source: Path, target: Path, n: int) -> Path:
    """A copy of the data package with every process (and its memberships, issues, footprints) repeated n times.

    Copies are named '<id>-x<i>' and are valid under the same schema, so the whole app runs on them unchanged.
    """
    import csv
    import shutil

    shutil.copytree(source, target, dirs_exist_ok=True, ignore=shutil.ignore_patterns("staging"))
    if n <= 1:
        return target

    def read(name):
        with (source / f"{name}.csv").open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            return reader.fieldnames, list(reader)

    def write(name, fields, rows):
        with (target / f"{name}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)

    copies = range(1, n)
    fields, processes = read("processes")
    write(
        "processes",
        fields,
        processes
        + [
            dict(
                p,
                id=f"{p['id']}-x{i}",
                name=f"{p['name']} (synthetic copy {i})",
                short_name=f"{p['short_name']} ×{i}",
                successor_id=f"{p['successor_id']}-x{i}" if p["successor_id"] else "",
            )
            for i in copies
            for p in processes
        ],
    )
    for name in ("memberships", "process_issues", "constitutive", "joins"):
        fields, rows = read(name)
        write(name, fields, rows + [dict(r, process_id=f"{r['process_id']}-x{i}") for i in copies for r in rows])
    footprints_path = target / "geometry" / "footprints.geojson"
    footprints = json.loads(footprints_path.read_text(encoding="utf-8"))
    base = list(footprints["features"])
    for i in copies:
        for f in base:
            props = dict(f["properties"], process_id=f"{f['properties']['process_id']}-x{i}")
            footprints["features"].append(
                {**f, "id": f"{props['process_id']}:{props['start_year']}", "properties": props}
            )
    footprints_path.write_text(json.dumps(footprints, separators=(",", ":")), encoding="utf-8")
    return target


class Http:
    """Minimal loopback client that reports wire bytes and the app's own Server-Timing."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port

    def request(
        self,
        method: str,
        path: str,
        body: bytes | None = None,
        *,
        gzip_ok: bool = True,
        content_type: str = "application/json",
        timeout: float = 120,
    ) -> dict:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        headers = {"Accept-Encoding": "gzip" if gzip_ok else "identity"}
        if body is not None:
            headers["Content-Type"] = content_type
        start = time.perf_counter()
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        raw = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        conn.close()
        timing = re.search(r"dur=([\d.]+)", response.getheader("Server-Timing") or "")
        data = gzip.decompress(raw) if response.getheader("Content-Encoding") == "gzip" else raw
        return {
            "status": response.status,
            "wire": len(raw),
            "body": data,
            "ms": elapsed,
            "server_ms": float(timing.group(1)) if timing else elapsed,
        }

    def get(self, path: str, **kw) -> dict:
        return self.request("GET", path, **kw)

    def callback(self, deps: list[dict], output: str, values: dict, trigger: str) -> dict:
        payload = callback_payload(find_callback(deps, output, trigger), values, trigger)
        return self.request("POST", "/_dash-update-component", json.dumps(payload).encode())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


ATLAS_APP = "dashboard.wsgi:server"
# Each worker loads and validates the (scaled) package before it answers: at --scale 100 on a busy machine that
# took more than two minutes.
START_TIMEOUT_S = 600


def start_server(data_dir: Path, port: int, workers: int, app: str = ATLAS_APP) -> tuple[subprocess.Popen, float]:
    """gunicorn serving `app` (the atlas, or the reference) on loopback; returns the process and the seconds from
    start to the first 200."""
    env = dict(os.environ, ATLAS_DATA=str(data_dir))
    start = time.perf_counter()
    # The production command from the README: threaded workers, so a slow export does not block pages.
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            app,
            "-w",
            str(workers),
            "-k",
            "gthread",
            "--threads",
            "4",
            "-b",
            f"127.0.0.1:{port}",
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    client = Http("127.0.0.1", port)
    while True:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn exited: " + proc.stderr.read().decode(errors="replace")[-2000:])
        try:
            if client.get("/", timeout=5)["status"] == 200:
                return proc, time.perf_counter() - start
        except OSError:
            time.sleep(0.05)
        if time.perf_counter() - start > START_TIMEOUT_S:
            proc.kill()
            raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT_S} s")


def peak_memory_mib(pid: int) -> float:
    """Sum of the peak resident memory (VmHWM) of the server and its workers."""
    pids = [pid] + [
        int(p) for p in subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    ]
    total = 0
    for p in pids:
        try:
            status = Path(f"/proc/{p}/status").read_text()
        except OSError:
            continue
        match = re.search(r"VmHWM:\s+(\d+) kB", status)
        total += int(match.group(1)) if match else 0
    return total / 1024


def summary_of_runs(samples: list[float | None]) -> dict:
    """summary() of the runs that finished, with the count of those that did not."""
    done = [x for x in samples if x is not None]
    return {**(summary(done) if done else {"median": None, "p95": None, "n": 0}), "missed": len(samples) - len(done)}


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"median": round(statistics.median(ordered), 2), "p95": round(p95, 2), "n": len(ordered)}
