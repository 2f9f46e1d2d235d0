"""`python -m dashboard bench`: measure the real app, served by gunicorn on loopback, and print the numbers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dashboard.bench import browser
from dashboard.bench.dashcall import callback_payload, find_callback
from dashboard.bench.harness import (
    Http,
    free_port,
    make_scaled_package,
    peak_memory_mib,
    start_server,
    summary,
)
from dashboard.bench.reference import APP as REFERENCE_APP
from dashboard.config import DATA_DIR

BUDGETS: dict[str, Any] = {  # issues 7 and 13; checked and printed, never asserted on timings in tests
    "server_p95_ms": {1: 20, 100: 50},  # every server interaction
    "bytes_per_interaction": 20 * 1024,
    "first_load_wire_bytes": 1024 * 1024,  # the map's first load, everything the browser fetched
    "first_load_ratio": 0.6,  # ... against the reference's
    "first_map_ratio": 1.0,
    "first_map_ms": {100: 1500},
    "slider_step_p95_ms": 50,  # key press to the redrawn map
    "url_redraw_ratio": 1.0,  # p95, against the reference's
    "play_frames_per_s": 10,
    "export_warm_s": 1.0,
    "deck_10_s": 15.0,
}


def server_budget_ms(scale: int) -> int:
    return BUDGETS["server_p95_ms"][1 if scale < 100 else 100]


# ---- synthetic scale ----------------------------------------------------------------------------------------------
MAP_VALUES = {
    "map-processes.value": ["puebla"],
    "map-issues.value": [],
    "map-role.value": "all",
    "map-year.value": 2000,
    "map-layers.value": ["processes"],
    "map-theme.value": "light",
    "map-group.value": None,
    "map-graph.clickData": None,
    "map-location.search": "?process=puebla&year=2000",
    "map-location.pathname": "/map",
    "map-state.data": "process=puebla&year=2000",
    "map-settled.data": None,
    "map-url.data": None,
}


ISSUES = [
    "asylum",
    "trafficking-smuggling",
    "irregular-migration",
    "return-readmission",
    "migrant-rights",
    "migration-development",
    "temporary-permanent",
    "integration",
    "data-research",
    "sovereignty-security",
]
COUNTRIES = ["MEX", "DEU", "TUR", "MAR", "PHL", "AUS", "BRA", "RUS", "NGA", "IND"]


def interactions(process_ids: list[str]) -> list[tuple[str, str, Callable[[int], dict], str]]:
    """(name, callback output, run -> input values, trigger): what a user does, as the browser sends it.

    Each run asks for something different (another year, process, issue or country), as a user would, so the
    app's caches of computed views are not what is being measured.
    """

    def base(i: int, **changes) -> dict:
        prev = 1990 + i % 30
        v = dict(
            MAP_VALUES,
            **{
                "map-year.value": prev,
                "map-state.data": f"process=puebla&year={prev}",
                "map-location.search": f"?process=puebla&year={prev}",
            },
        )
        return dict(v, **changes)

    return [
        (
            "map: choose process",
            "map-graph.figure",
            lambda i: base(i, **{"map-processes.value": ["puebla", process_ids[i % len(process_ids)]]}),
            "map-processes.value",
        ),
        (
            "map: choose issue",
            "map-graph.figure",
            lambda i: base(i, **{"map-processes.value": [], "map-issues.value": [ISSUES[i % len(ISSUES)]]}),
            "map-issues.value",
        ),
        (
            # The browser repaints each step from the year series; once the year rests, this completes the map.
            "map: year at rest",
            "map-graph.figure",
            lambda i: base(i, **{"map-year.value": 1991 + i % 30, "map-settled.data": i + 1}),
            "map-settled.data",
        ),
        (
            "map: click country",
            "map-graph.figure",
            lambda i: base(i, **{"map-graph.clickData": {"points": [{"location": COUNTRIES[i % len(COUNTRIES)]}]}}),
            "map-graph.clickData",
        ),
        (
            "map: panels and table",
            "map-panel.children",
            lambda i: {"map-state.data": f"process={process_ids[i % len(process_ids)]}&year={1990 + i % 30}"},
            "map-state.data",
        ),
        (
            "map: all processes, year",
            "map-graph.figure",
            lambda i: base(i, **{"map-processes.value": [], "map-year.value": 1991 + i % 30}),
            "map-processes.value",
        ),
        (
            "timeline: filter by issue",
            "timeline-graph.figure",
            lambda i: {
                "timeline-issues.value": [ISSUES[i % len(ISSUES)]],
                "timeline-regions.value": [],
                "timeline-kinds.value": [],
                "timeline-theme.value": "light",
                "timeline-location.search": "",
                "timeline-state.data": f"issue={ISSUES[(i + 1) % len(ISSUES)]}",
            },
            "timeline-issues.value",
        ),
        (
            "mandates: move year",
            "mandates-graph.figure",
            lambda i: {
                "mandates-orgs.value": ["ilo", "unhcr", "iom"],
                "mandates-issues.value": [],
                "mandates-year.value": 1960 + i % 60,
                "mandates-theme.value": "light",
                "mandates-location.search": "",
                "mandates-state.data": f"org=ilo,unhcr,iom&year={1961 + i % 60}",
            },
            "mandates-year.value",
        ),
        (
            "open timeline",
            "page.children",
            lambda i: {"url.pathname": "/timeline", "url.search": f"?issue={ISSUES[i % len(ISSUES)]}"},
            "url.pathname",
        ),
        (
            "compare mandates",
            "page.children",
            lambda i: {"url.pathname": "/mandates", "url.search": f"?org=ilo,unhcr,iom&year={1990 + i % 30}"},
            "url.pathname",
        ),
    ]


EXPORTS = [
    ("png", "/export/map.png?process=budapest&year=1995"),
    ("svg", "/export/map.svg?process=budapest&year=1995"),
    ("pdf", "/export/map.pdf?process=budapest&year=1995"),
    ("html", "/export/map.html?process=budapest&year=1995"),
    ("csv", "/export/map.csv?process=budapest&year=1995"),
]
# Films (one frame per year, 1280x720): timed once on each worker, since a repeat is served from its film cache.
FILMS = [
    ("gif film, 14 frames", "/export/map.gif?process=budapest&from=1993&to=2006"),
    ("mp4 film, 14 frames", "/export/map.mp4?process=budapest&from=1993&to=2006"),
]


def measure_page_weight(client: Http, view: str, deps: list[dict]) -> dict:
    """Bytes of a first load of a view: HTML, scripts, CSS, layout, dependencies, the page itself, the base map."""
    result = {}
    for label, gzip_ok in (("gzip", True), ("identity", False)):
        html = client.get(f"/{view}", gzip_ok=gzip_ok)
        total = html["wire"]
        text = html["body"].decode("utf-8", "replace")
        for url in re.findall(r'<script src="([^"]+)"', text) + re.findall(
            r'<link rel="stylesheet" href="([^"]+)"', text
        ):
            total += client.get(url, gzip_ok=gzip_ok)["wire"]
        total += (
            client.get("/_dash-layout", gzip_ok=gzip_ok)["wire"]
            + client.get("/_dash-dependencies", gzip_ok=gzip_ok)["wire"]
        )
        payload = callback_payload(
            find_callback(deps, "page.children", "url.pathname"),
            {"url.pathname": f"/{view}", "url.search": ""},
            "url.pathname",
        )
        total += client.request("POST", "/_dash-update-component", json.dumps(payload).encode(), gzip_ok=gzip_ok)[
            "wire"
        ]
        if view == "map":  # the base map and the country shapes plotly.js loads for the map
            total += client.get("/assets/topojson/world_110m.json", gzip_ok=gzip_ok)["wire"]
            total += client.get("/geometry/countries.geojson", gzip_ok=gzip_ok)["wire"]
        result[label] = total
    return result


def run(args) -> dict:
    scale = args.scale
    repeat = 5 if args.quick else args.repeat
    results: dict = {"scale": scale, "repeat": repeat, "machine": {"cpus": os.cpu_count()}}
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = make_scaled_package(args.data or DATA_DIR, Path(tmp) / "data", scale)

        from dashboard.data.atlas import load_atlas
        from dashboard.data.validate import validate_package

        start = time.perf_counter()
        problems = validate_package(data_dir)
        results["validate_s"] = round(time.perf_counter() - start, 3)
        if problems:
            raise SystemExit(f"scaled data package is invalid: {problems[:3]}")
        start = time.perf_counter()
        atlas = load_atlas(data_dir)
        results["load_and_validate_s"] = round(time.perf_counter() - start, 3)
        results["rows"] = {"processes": len(atlas.processes), "memberships": len(atlas.memberships)}

        port = free_port()
        proc, cold = start_server(data_dir, port, args.workers)
        results["cold_start_s"] = round(cold, 3)
        # The yardstick, in the same run on the same machine: a bare Dash choropleth of the same data (reference.py).
        reference, reference_port = None, None
        if not args.no_reference and not args.no_browser:
            reference_port = free_port()
            reference, _ = start_server(data_dir, reference_port, args.workers, app=REFERENCE_APP)
        # Each worker starts its image renderer in the background at boot (dashboard/wsgi.py); let that finish,
        # so that the interactions are measured on a settled server, as users meet it.
        time.sleep(args.settle)
        try:
            client = Http("127.0.0.1", port)
            deps = json.loads(client.get("/_dash-dependencies")["body"])
            results["page_weight_bytes"] = {
                v: measure_page_weight(client, v, deps) for v in ("map", "timeline", "mandates")
            }
            results["interactions"] = {}
            process_ids = sorted(atlas.process_by_id)
            for name, output, values, trigger in interactions(process_ids):
                runs = [client.callback(deps, output, values(i), trigger) for i in range(repeat)]
                bad = [r["status"] for r in runs if r["status"] != 200]
                results["interactions"][name] = {
                    "server_ms": summary([r["server_ms"] for r in runs]),
                    "round_trip_ms": summary([r["ms"] for r in runs]),
                    "bytes": max(r["wire"] for r in runs),
                    "errors": len(bad),
                }
            results["exports"] = {}
            for fmt, path in EXPORTS:
                first = client.get(path)
                later = [client.get(path) for _ in range(max(2, repeat // 3))]
                results["exports"][fmt] = {
                    "status": first["status"],
                    "first_s": round(first["ms"] / 1000, 3),
                    "warm_s": summary([r["ms"] / 1000 for r in later]),
                    "bytes": first["wire"],
                }
            for name, path in FILMS:
                runs = [client.get(path) for _ in range(args.workers)]
                results["exports"][name] = {
                    "status": runs[0]["status"],
                    "first_s": round(runs[0]["ms"] / 1000, 3),
                    "warm_s": summary([r["ms"] / 1000 for r in runs[1:] or runs]),
                    "bytes": runs[0]["wire"],
                }
            if not args.no_browser:
                reference_base = f"http://127.0.0.1:{reference_port}" if reference_port else None
                results["browser"] = browser.measure(f"http://127.0.0.1:{port}", reference_base, repeat)
            results["peak_memory_mib"] = round(peak_memory_mib(proc.pid), 1)
        finally:
            for server in (proc, reference):
                if server is not None:
                    server.terminate()
                    try:
                        server.wait(60)
                    except subprocess.TimeoutExpired:  # a busy machine: the numbers are measured, keep them
                        server.kill()
                        server.wait(20)
        if not args.no_deck:
            results["deck"] = measure_deck(data_dir, Path(tmp))
    return results


# A user's ten-view deck. The whole timeline is no slide (the export refuses it as too small to read at 1920 px and
# says which filter will do), so the deck shows the regional processes' lanes, as a user would after that refusal.
DECK_VIEWS = (
    "map?process=budapest&year=1995",
    "map?process=puebla&year=2000",
    "map?year=1990",
    "map?issue=asylum&year=2005",
    "map?process=bali,colombo&year=2006",
    "timeline?kind=regional",
    "timeline?issue=trafficking-smuggling",
    "mandates",
    "mandates?org=ilo,unhcr,iom",
    "map?layer=processes,agreements&year=1970",
)


def measure_deck(data_dir: Path, tmp: Path) -> dict:
    """A ten-view deck through the CLI, as a user would build it."""
    views = list(DECK_VIEWS)
    out = tmp / "deck.pptx"
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "export", *views, "-o", str(out), "--data", str(data_dir)],
        capture_output=True,
        text=True,
    )
    return {
        "views": len(views),
        "seconds": round(time.perf_counter() - start, 2),
        "exit": done.returncode,
        "bytes": out.stat().st_size if out.exists() else 0,
        "error": done.stderr[-500:] if done.returncode else "",
    }
