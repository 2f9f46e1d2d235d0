"""The benchmark's printout: every number beside its budget, and the atlas beside the reference with the ratio."""

from __future__ import annotations

from dashboard.bench.runner import BUDGETS, server_budget_ms

KIB = 1024


def ratio(a, b) -> str:
    return f"{a / b:5.2f}" if a is not None and b else "    –"


def mark(ok: bool | None) -> str:
    return "" if ok is None else ("  ok" if ok else "  OVER")


def print_comparison(r: dict) -> None:
    """The atlas against the bare Dash choropleth served beside it (dashboard/bench/reference.py)."""
    b = r["browser"]
    first = b["first_load"]
    atlas, ref = first["atlas"], first.get("reference")
    print(
        f"\n  headless Chromium, /map?process=puebla&year=2000, {first['atlas']['first_map_ms']['n']} cold loads each"
    )
    print(f"  {'':<40}{'atlas':>12}{'reference':>12}{'ratio':>8}   target")
    wire_a, wire_r = atlas["wire_bytes"]["median"], ref["wire_bytes"]["median"] if ref else None
    ok = wire_a <= BUDGETS["first_load_wire_bytes"] and (not wire_r or wire_a / wire_r <= BUDGETS["first_load_ratio"])
    print(
        f"  {'first load on the wire':<40}{wire_a / KIB:>8.0f} KiB{(wire_r or 0) / KIB:>8.0f} KiB{ratio(wire_a, wire_r):>8}"
        f"   <= 1.0 MiB, <= {BUDGETS['first_load_ratio']}x{mark(ok)}"
    )
    map_a, map_r = atlas["first_map_ms"]["median"], ref["first_map_ms"]["median"] if ref else None
    ok = (not map_r or map_a / map_r <= BUDGETS["first_map_ratio"]) and (
        r["scale"] < 100 or map_a <= BUDGETS["first_map_ms"][100]
    )
    target = f"<= {BUDGETS['first_map_ratio']}x" + (" and <= 1.5 s" if r["scale"] >= 100 else "")
    print(
        f"  {'first map drawn (median)':<40}{map_a:>9.0f} ms{(map_r or 0):>9.0f} ms{ratio(map_a, map_r):>8}"
        f"   {target}{mark(ok)}"
    )
    url = b["url_redraw_ms"]
    url_a, url_r = url["atlas"]["p95"], url["reference"]["p95"] if "reference" in url else None
    ok = None if url_a is None or not url_r else url_a / url_r <= BUDGETS["url_redraw_ratio"]
    print(
        f"  {'address changes the year: redraw p95':<40}{(url_a or 0):>9.0f} ms{(url_r or 0):>9.0f} ms"
        f"{ratio(url_a, url_r):>8}   <= {BUDGETS['url_redraw_ratio']}x{mark(ok)}"
    )
    if url["atlas"]["median"] is not None and url_r:
        print(
            f"  {'  (median)':<40}{url['atlas']['median']:>9.0f} ms{url['reference']['median']:>9.0f} ms"
            f"{ratio(url['atlas']['median'], url['reference']['median']):>8}"
        )
    step = b["slider_step_ms"]
    ok = None if step["p95"] is None else step["p95"] <= BUDGETS["slider_step_p95_ms"]
    print(
        f"  {'slider step, key to redrawn map p95':<40}{(step['p95'] or 0):>9.0f} ms{'':>12}{'':>8}"
        f"   <= {BUDGETS['slider_step_p95_ms']} ms{mark(ok)}   (median {step['median'] or 0:.0f} ms)"
    )
    play = b["play"]
    ok = play["frames_per_s"] is not None and play["frames_per_s"] >= BUDGETS["play_frames_per_s"]
    print(
        f"  {'Play, frames a second':<40}{(play['frames_per_s'] or 0):>12.1f}{'':>12}{'':>8}"
        f"   >= {BUDGETS['play_frames_per_s']}{mark(ok)}   ({play['years']} years, {play['skipped']} skipped)"
    )
    choice = b["process_choice_ms"]
    print(
        f"  {'choose a process, key to redrawn map':<40}{(choice['p95'] or 0):>9.0f} ms   (p95; median {choice['median'] or 0:.0f} ms)"
    )
    if not ref:
        print("  (no reference in this run: --no-reference)")


def print_table(r: dict) -> None:
    print(
        f"\nMigration Governance Atlas benchmark — scale {r['scale']} ({r['rows']['processes']} processes, "
        f"{r['rows']['memberships']} memberships), {r['repeat']} runs each, gunicorn on loopback"
    )
    print(f"  cold start (process start to first response)   {r['cold_start_s']:.2f} s")
    print(
        f"  data validation / load+validation              {r['validate_s']:.2f} s / {r['load_and_validate_s']:.2f} s"
    )
    for view, w in r["page_weight_bytes"].items():
        print(f"  first load /{view:<9} gzip {w['gzip'] / KIB:8.0f} KiB   uncompressed {w['identity'] / KIB:8.0f} KiB")
    budget = server_budget_ms(r["scale"])
    print(f"\n  {'interaction':<28}{'server med':>11}{'server p95':>11}{'round p95':>10}{'bytes':>9}{'err':>5}")
    for name, m in r["interactions"].items():
        fine = m["bytes"] <= BUDGETS["bytes_per_interaction"] and m["server_ms"]["p95"] <= budget
        print(
            f"  {name:<28}{m['server_ms']['median']:>9.1f}ms{m['server_ms']['p95']:>9.1f}ms"
            f"{m['round_trip_ms']['p95']:>8.1f}ms{m['bytes']:>9}{m['errors']:>5}{'' if fine else '  over budget'}"
        )
    print(f"  (budget: server p95 <= {budget} ms, <= {BUDGETS['bytes_per_interaction'] // KIB} KiB on the wire)")
    print(f"\n  {'export':<20}{'status':>7}{'first':>9}{'warm med':>10}{'warm p95':>10}{'bytes':>10}")
    for fmt, e in r["exports"].items():
        print(
            f"  {fmt:<20}{e['status']:>7}{e['first_s']:>8.2f}s{e['warm_s']['median']:>9.2f}s{e['warm_s']['p95']:>9.2f}s{e['bytes']:>10}"
        )
    if "deck" in r:
        d = r["deck"]
        print(f"  ten-view deck: {d['seconds']:.1f} s, {d['bytes'] / KIB:.0f} KiB, exit {d['exit']} {d['error']}")
    if "browser" in r:
        print_comparison(r)
    print(f"\n  peak memory of the server (all workers): {r['peak_memory_mib']:.0f} MiB")
