"""Timeline callbacks through the Flask test client: server time (median of 20) and response bytes, raw and gzipped.

Run: python scripts/measure_timeline.py   (from the project root; loopback-free, no server needed)
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import gzip, json, statistics, time
from dashboard.app import create_app
from dashboard.dashcall import callback_payload, find_callback

app = create_app()
client = app.server.test_client()
deps = client.get("/_dash-dependencies").get_json()
BASE = {"timeline-issues.value": [], "timeline-regions.value": [], "timeline-kinds.value": [],
        "timeline-theme.value": "light", "timeline-graph.clickData": None, "url.search": "", "timeline-state.data": ""}
cases = [
    ("issue=trafficking-smuggling", {"timeline-issues.value": ["trafficking-smuggling"]}, "timeline-issues.value"),
    ("issue=asylum,migrant-rights", {"timeline-issues.value": ["asylum", "migrant-rights"]}, "timeline-issues.value"),
    ("region=Africa", {"timeline-regions.value": ["Africa"]}, "timeline-regions.value"),
    ("kind=bilateral,milestone", {"timeline-kinds.value": ["bilateral", "milestone"]}, "timeline-kinds.value"),
    ("theme=slide (everything shown)", {"timeline-theme.value": "slide"}, "timeline-theme.value"),
    ("click process:bali", {"timeline-graph.clickData": {"points": [{"customdata": "process:bali"}]}}, "timeline-graph.clickData"),
    ("click year 1995", {"timeline-graph.clickData": {"points": [{"customdata": 1995}]}}, "timeline-graph.clickData"),
    ("back button to ?issue=asylum", {"url.search": "?issue=asylum"}, "url.search"),
]
dep = find_callback(deps, "timeline-graph.figure", "timeline-issues.value")
print(f"{'change':34} {'server ms (median of 20)':>24} {'bytes':>8} {'gzip':>7}")
for name, values, trigger in cases:
    payload = json.dumps(callback_payload(dep, {**BASE, **values}, trigger))
    times = []
    for _ in range(20):
        t0 = time.perf_counter()
        r = client.post("/_dash-update-component", data=payload, content_type="application/json")
        times.append((time.perf_counter() - t0) * 1000)
    assert r.status_code == 200, r.status_code
    print(f"{name:34} {statistics.median(times):24.1f} {len(r.data):8d} {len(gzip.compress(r.data)):7d}")
det = find_callback(deps, "timeline-details.children")
for name, values in [("details of process:bali", {"timeline-state.data": "year=2002", "timeline-selected.data": "process:bali"}),
                     ("details of year 1995", {"timeline-state.data": "year=1995", "timeline-selected.data": None})]:
    payload = json.dumps(callback_payload(det, values, "timeline-selected.data"))
    t0 = time.perf_counter(); r = client.post("/_dash-update-component", data=payload, content_type="application/json")
    print(f"{name:34} {(time.perf_counter()-t0)*1000:24.1f} {len(r.data):8d} {len(gzip.compress(r.data)):7d}")
tab = find_callback(deps, "timeline-table.children")
payload = json.dumps(callback_payload(tab, {"timeline-state.data": "", "timeline-table-box.n_clicks": 1, "timeline-table-page.data": 0}, "timeline-table-box.n_clicks"))
t0 = time.perf_counter(); r = client.post("/_dash-update-component", data=payload, content_type="application/json")
print(f"{'table opened (page 1 of 6)':34} {(time.perf_counter()-t0)*1000:24.1f} {len(r.data):8d} {len(gzip.compress(r.data)):7d}")
t0 = time.perf_counter(); page = client.post("/_dash-update-component", data=json.dumps(callback_payload(
    find_callback(deps, "page.children"), {"url.pathname": "/timeline", "url.search": ""}, "url.pathname")),
    content_type="application/json")
print(f"{'page render /timeline (router)':34} {(time.perf_counter()-t0)*1000:24.1f} {len(page.data):8d} {len(gzip.compress(page.data)):7d}")
