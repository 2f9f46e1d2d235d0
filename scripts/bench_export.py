"""Measure exports: first and later image exports, a ten-slide deck, and file sizes. `python scripts/bench_export.py`"""

from __future__ import annotations

import statistics
import time

from dashboard.app import create_app
from dashboard.datapkg import load_atlas
from dashboard.deck import write_deck
from dashboard.export import check_size, export_view
from dashboard.pages import PAGES
from dashboard.renderer import get_renderer
from dashboard.viewstate import Catalog, parse_view

VIEWS = ["map?process=puebla&year=2000", "map?process=budapest&year=1995", "map?issue=asylum&year=2010",
         "map?issue=trafficking-smuggling&year=2005&layer=processes,agreements", "map?year=1990&theme=slide",
         "map?process=bali,colombo&year=2015", "timeline?issue=asylum", "mandates?org=ilo,unhcr,iom",
         "map?role=member&year=2020", "map?process=rabat&year=2010&theme=slide"]


def main() -> None:
    # Load inputs.
    atlas = load_atlas()
    create_app(atlas)                  # registers the pages
    catalog = Catalog.from_atlas(atlas)
    known = [v for v in VIEWS if v.split("?")[0] in PAGES]    # views not written yet are left out
    states = [parse_view(q, catalog, view=v)[0] for v, _, q in (a.partition("?") for a in known)]

    # Measure.
    renderer = get_renderer()
    timings: dict[str, list[float]] = {}
    sizes: dict[str, int] = {}
    for i, fmt in enumerate(["png", "png", "png", "svg", "pdf", "html", "csv"]):
        t0 = time.perf_counter()
        data = export_view(atlas, states[i % len(states)], fmt, renderer=renderer)
        timings.setdefault(fmt if i else "png (first, starts the browser)", []).append(time.perf_counter() - t0)
        sizes[fmt] = max(sizes.get(fmt, 0), len(data))
    t0 = time.perf_counter()
    deck = write_deck(atlas, [(s, check_size(), False) for s in states], renderer=renderer)
    deck_time = time.perf_counter() - t0

    # Report.
    for name, values in timings.items():
        print(f"{name:34s} {statistics.median(values):6.2f} s (n={len(values)})")
    print(f"{'deck of ' + str(len(states)) + ' views':34s} {deck_time:6.2f} s, {len(deck) / 1024:.0f} KiB")
    for fmt, size in sizes.items():
        print(f"size {fmt:29s} {size / 1024:8.0f} KiB (1920x1080)")
    renderer.close()


if __name__ == "__main__":
    main()
