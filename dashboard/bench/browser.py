"""Headless Chromium, the same for the atlas and the reference: first load on the wire, first map, redraws.

A redraw is timed to the first frame whose country fills are those the map settles on: whatever draws them (the
browser from the year series, or plotly.js from the server's figure), it is what the user sees change.
"""

from __future__ import annotations

import os
import time
from contextlib import contextmanager

from dashboard.bench.harness import summary, summary_of_runs

# Before any page script: when the first country shape appears, and (while `watch` is on) every change of the
# fills, each with the time of the frame that shows it.
PROBE = """
window.__probe = {first: null, watch: false, marks: [], key: null};
window.__probe.sig = () => Array.from(document.querySelectorAll('.choroplethlocation'))
    .map(e => (e.__data__ && e.__data__.loc) + ':' + getComputedStyle(e).fill).join('|');
document.addEventListener('keydown', () => { window.__probe.key = performance.now(); }, true);
new MutationObserver(() => {
    const p = window.__probe;
    if (p.first === null && document.querySelector('.choroplethlocation')) {
        p.first = -1;
        requestAnimationFrame(() => { p.first = performance.now(); });
    }
    if (p.watch) { const sig = p.sig(); requestAnimationFrame(() => p.marks.push({t: performance.now(), sig})); }
}).observe(document, {subtree: true, childList: true, attributes: true, attributeFilter: ['fill', 'd']});
"""
WIRE_BYTES = """() => performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))
    .reduce((n, e) => n + (e.transferSize || 0), 0)"""
TIMEOUT_MS = 20000


@contextmanager
def chromium():
    from playwright.sync_api import sync_playwright

    path = os.environ.get("BROWSER_PATH") or "/usr/bin/chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=path, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser, url: str):
    """A fresh context (nothing cached), the probe installed, the page loaded until its first map is drawn."""
    context = browser.new_context(viewport={"width": 1600, "height": 1000})
    context.add_init_script(PROBE)
    page = context.new_page()
    page.goto(url)
    page.wait_for_function("() => window.__probe.first > 0", timeout=60000)
    return context, page


def settle(page, quiet_ms: int = 400) -> None:
    """Until nothing more is loading and the fills have not changed for `quiet_ms`."""
    page.wait_for_load_state("networkidle")
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        count = page.evaluate("() => window.__probe.marks.length")
        page.wait_for_timeout(quiet_ms)
        if page.evaluate("() => window.__probe.marks.length") == count:
            page.wait_for_load_state("networkidle")
            return


def redraw_ms(page, action, since: str = "start") -> float | None:
    """Run `action`; the ms from its start (or from the key press, since='key') to the first frame that shows the
    fills the map settles on. None: the fills did not change."""
    before = page.evaluate("() => window.__probe.sig()")
    start = page.evaluate("() => { const p = window.__probe; p.marks = []; p.watch = true; return performance.now(); }")
    action()
    settle(page)
    final, marks, key = page.evaluate(
        "() => { const p = window.__probe; p.watch = false; return [p.sig(), p.marks, p.key]; }"
    )
    if final == before:
        return None
    origin = key if since == "key" and key is not None and key >= start else start
    shown = next((m["t"] for m in marks if m["sig"] == final), None)
    return None if shown is None else shown - origin


def go_to_year(page, search: str):
    """What back/forward or a pasted link does to the address: a new history entry, then popstate."""
    return lambda: page.evaluate(
        "s => { history.pushState({}, '', location.pathname + s); window.dispatchEvent(new PopStateEvent('popstate')); }",
        search,
    )


def first_loads(browser, urls: dict[str, str], runs: int) -> dict:
    """For each app, `runs` cold first loads, interleaved: ms to the first map drawn, bytes on the wire."""
    out: dict[str, dict[str, list[float]]] = {name: {"first_map_ms": [], "wire_bytes": []} for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            context, page = open_page(browser, url)
            out[name]["first_map_ms"].append(page.evaluate("() => window.__probe.first"))
            settle(page)
            out[name]["wire_bytes"].append(page.evaluate(WIRE_BYTES))
            context.close()
    return {
        name: {"first_map_ms": summary(m["first_map_ms"]), "wire_bytes": summary(m["wire_bytes"])}
        for name, m in out.items()
    }


def url_redraws(browser, base: str, path: str, years: tuple[int, int], runs: int) -> dict:
    """Back and forth between two years of one view, by address: ms to the redrawn map."""
    context, page = open_page(browser, f"{base}{path}?process=puebla&year={years[0]}")
    settle(page)
    times = [redraw_ms(page, go_to_year(page, f"?process=puebla&year={years[(i + 1) % 2]}")) for i in range(runs)]
    context.close()
    return summary_of_runs(times)


def slider_steps(page, runs: int) -> dict:
    page.focus("#map-year [role=slider]")
    keys = ("ArrowLeft", "ArrowRight")
    times = [redraw_ms(page, lambda i=i: page.keyboard.press(keys[i % 2]), since="key") for i in range(runs)]
    return summary_of_runs(times)


def process_choices(page, runs: int) -> dict:
    times = []
    for _ in range(runs):
        # Choosing an option that is already selected unselects it: each run adds or removes SACM. The clock
        # starts at the choice (Enter), not while the user types the search.
        page.click("#map-processes")
        page.keyboard.type("Lima Process")
        times.append(redraw_ms(page, lambda: page.keyboard.press("Enter"), since="key"))
        page.keyboard.press("Escape")
    return summary_of_runs(times)


def play(browser, base: str) -> dict:
    """Play from 1995 to the last year: frames a second, and how many years it skipped (none should)."""
    context, page = open_page(browser, f"{base}/map?process=budapest&year=1995")
    page.wait_for_function("() => window.atlasMapYears && window.atlasMapYears.series", timeout=TIMEOUT_MS)
    settle(page)
    start = page.evaluate("() => performance.now()")
    page.click("#map-play")
    page.wait_for_function("() => window.atlasMapYears.playing", timeout=TIMEOUT_MS)
    page.wait_for_function("() => !window.atlasMapYears.playing", timeout=120000)
    frames = page.evaluate("t => window.atlasMapYears.painted.filter(p => p.t >= t && p.frame)", start)
    last = int(page.get_attribute("#map-year [role=slider]", "aria-valuemax"))
    context.close()
    years = [f["year"] for f in frames]
    times = [f["frame"] for f in frames]
    span = (times[-1] - times[0]) / 1000 if len(times) > 1 else 0
    return {
        "years": len(years),
        "frames_per_s": round((len(times) - 1) / span, 1) if span else None,
        "skipped": len(set(range(1996, last + 1)) - set(years)),
        "frame_gap_ms": summary([b - a for a, b in zip(times, times[1:])]) if len(times) > 1 else None,
    }


def measure(atlas_base: str, reference_base: str | None, repeat: int) -> dict:
    """Everything in the browser, the atlas and (if given) the reference measured alike in one browser."""
    urls = {"atlas": f"{atlas_base}/map?process=puebla&year=2000"}
    if reference_base:
        urls["reference"] = f"{reference_base}/?process=puebla&year=2000"
    out: dict = {}
    with chromium() as browser:
        out["first_load"] = first_loads(browser, urls, max(3, repeat // 5))
        out["url_redraw_ms"] = {"atlas": url_redraws(browser, atlas_base, "/map", (2000, 1999), repeat)}
        if reference_base:
            out["url_redraw_ms"]["reference"] = url_redraws(browser, reference_base, "/", (2000, 1999), repeat)
        context, page = open_page(browser, urls["atlas"])
        page.wait_for_function("() => window.atlasMapYears && window.atlasMapYears.series", timeout=TIMEOUT_MS)
        settle(page)
        out["slider_step_ms"] = slider_steps(page, repeat)
        out["process_choice_ms"] = process_choices(page, max(3, repeat // 2))
        context.close()
        out["play"] = play(browser, atlas_base)
    return out
