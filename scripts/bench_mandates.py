"""Server time and bytes per interaction on /mandates, through the Flask test client (no browser, no network).

    python scripts/bench_mandates.py [--runs 30]

Each interaction is one callback request as the browser sends it; prints median and max server time, the raw
response size and the gzipped size (what goes over the wire: the app runs with compress=True).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard.app import create_app  # noqa: E402

BUDGET = 20 * 1024


def request_body(deps, output_start, inputs, state=(), changed=None):
    dep = next(d for d in deps if d["output"].strip(".").startswith(output_start)
               and [i["id"] for i in d["inputs"]] == [i[0] for i in inputs])
    outs = [dict(zip(("id", "property"), o.rsplit(".", 1))) for o in dep["output"].strip(".").split("...")]
    changed = changed or inputs[0][0]
    prop = next(p for i, p, _ in inputs if i == changed)
    return {"output": dep["output"], "outputs": outs if dep["output"].startswith("..") else outs[0],
            "inputs": [{"id": i, "property": p, "value": v} for i, p, v in inputs],
            "state": [{"id": i, "property": p, "value": v} for i, p, v in state], "changedPropIds": [f"{changed}.{prop}"]}


def sync(current, orgs=(), issues=(), year=2026, theme="light", search="", changed="mandates-year"):
    inputs = [("mandates-orgs", "value", list(orgs)), ("mandates-issues", "value", list(issues)),
              ("mandates-year", "value", year), ("mandates-theme", "value", theme), ("url", "search", search)]
    return ("url.search", inputs, [("mandates-state", "data", current)], changed)


INTERACTIONS = {
    "open /mandates (page layout)": ("page.children", [("url", "pathname", "/mandates")], [("url", "search", "")], None),
    "open /mandates?org=ilo,unhcr,iom": ("page.children", [("url", "pathname", "/mandates")],
                                         [("url", "search", "?org=ilo,unhcr,iom")], None),
    "year slider -> 1990": sync("", year=1990),
    "year slider -> 2005, 4 orgs compared": sync("org=ilo,unhcr,iom,oecd&year=1990", orgs=("ilo", "unhcr", "iom", "oecd"),
                                                 year=2005),
    "pick a 3rd organisation": sync("org=ilo,unhcr", orgs=("ilo", "unhcr", "iom"), changed="mandates-orgs"),
    "pick 5 organisations (first 4 kept)": sync("", orgs=("ilo", "unhcr", "iom", "oecd", "eu"), changed="mandates-orgs"),
    "issue filter: return": sync("", issues=("return-readmission",), changed="mandates-issues"),
    "theme -> slide": sync("", theme="slide", changed="mandates-theme"),
    "back button (URL change)": sync("year=1990", search="?org=iom,icmpd", changed="url"),
    "comparison of 4 (follows the store)": ("mandates-compare.children",
                                            [("mandates-state", "data", "org=iom,icmpd,eu,unhcr")], (), None),
    "process matrix (follows its key)": ("mandates-process-graph.figure",
                                         [("mandates-process-key", "data", "year=2005")], (), None),
    "click a mandate cell": ("mandates-detail.children",
                             [("mandates-graph", "clickData", {"points": [{"x": "Asylum and refugee protection",
                                                                          "y": "UNHCR"}]})],
                             [("mandates-state", "data", "org=ilo,unhcr,iom")], None),
    "click a process cell": ("mandates-process-detail.children",
                             [("mandates-process-graph", "clickData", {"points": [{"x": "Return and readmission",
                                                                                  "y": "Budapest Process"}]})],
                             [("mandates-state", "data", "")], None),
}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    client = create_app().server.test_client()
    deps = client.get("/_dash-dependencies").get_json()
    print(f"{'interaction':44} {'median ms':>9} {'max ms':>7} {'bytes':>7} {'gzip':>6}")
    over = 0
    for name, (out, inputs, state, changed) in INTERACTIONS.items():
        body = request_body(deps, out, inputs, state, changed)
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            r = client.post("/_dash-update-component", json=body)
            times.append((time.perf_counter() - start) * 1000)
            assert r.status_code == 200, (name, r.status_code, r.get_data(as_text=True)[:300])
        size = len(r.data)
        gz = len(client.post("/_dash-update-component", json=body, headers={"Accept-Encoding": "gzip"}).data)
        flag = "" if size < BUDGET or name.startswith("open") else "  OVER BUDGET"
        over += bool(flag)
        print(f"{name:44} {statistics.median(times):9.1f} {max(times):7.1f} {size:7d} {gz:6d}{flag}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
