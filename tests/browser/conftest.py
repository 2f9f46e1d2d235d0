"""Browser fixtures: a real server (the CLI, in a subprocess) on a free port, and real headless Chromium.

Every request the page makes is recorded; `offline_page` fails the test if any goes to another host.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

SERVER_START_S = float(os.environ.get("ATLAS_TEST_SERVER_START_S", "300"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not answer within {timeout} s")


@pytest.fixture(scope="session")
def server():
    """The atlas as a user runs it: `python -m dashboard --port N`."""
    proc, base = start_server()
    try:
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def start_server(*args: str) -> tuple[subprocess.Popen, str]:
    """`python -m dashboard serve --port N *args` in a subprocess; returns it and its base URL once it answers."""
    port = free_port()
    # A file, not a pipe: a pipe nobody reads fills up and stalls the server. Kept after the run for a failure's story.
    log = tempfile.NamedTemporaryFile(prefix="atlas-serve-", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "serve", "--port", str(port), *args], stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    # Loading and validating the package takes a few seconds alone, over a minute on a machine at load 15: wait for
    # the server to answer (or to exit), up to SERVER_START_S.
    deadline = time.monotonic() + SERVER_START_S
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            wait_for(base + "/healthz", timeout=1)
            return proc, base
        except RuntimeError:
            pass
    if proc.poll() is None:
        proc.kill()
    log.seek(0)
    raise RuntimeError(
        f"`serve {' '.join(args)}` did not answer within {SERVER_START_S:.0f} s:\n{log.read().decode(errors='replace')[-3000:]}"
    )


@pytest.fixture(scope="session")
def serve_data():
    """A factory: serve_data(directory) serves that data package (`serve --data DIR`) and returns its base URL.

    One server per directory for the whole session; all are stopped at the end.
    """
    running: dict[str, tuple[subprocess.Popen, str]] = {}

    def serve(directory) -> str:
        key = str(directory)
        if key not in running:
            running[key] = start_server("--data", key)
        return running[key][1]

    yield serve
    for proc, _ in running.values():
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


class RecordedPage:
    """A page plus the list of every URL it requested, and every console error and uncaught page error."""

    def __init__(self, page, requests: list[str]):
        self.page = page
        self.requests = requests
        self.errors: list[str] = []
        self.missing_ok: set[str] = set()  # addresses a test expects to answer 404 (an unknown page)
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

    def _console(self, message) -> None:
        if message.type == "error" and (message.location or {}).get("url") not in self.missing_ok:
            self.errors.append(f"console.{message.type}: {message.text} ({(message.location or {}).get('url')})")

    def full_plotly_requests(self) -> list[str]:
        """Requests for the full plotly.js (dcc.Graph loads it when window.Plotly is missing): there must be none."""
        return [u for u in self.requests if urlsplit(u).path.rsplit("/", 1)[-1].startswith("plotly.min")]

    def outside_requests(self, allowed_host: str) -> list[str]:
        return [
            u
            for u in self.requests
            if urlsplit(u).scheme in ("http", "https", "ws", "wss") and urlsplit(u).netloc != allowed_host
        ]


@contextlib.contextmanager
def recorded_page(chromium_browser, server: str, viewport: dict | None = None, **options):
    """A page in a fresh browser context; on leaving, no request may have left `server`, the full plotly.js may not
    have been asked for, and the page may not have logged a console error or thrown (the zero-console rule).

    Every browser test opens its pages through this (or the `offline_page` fixture, which uses it); `options` go to
    the browser context (bypass_csp, offline, ...)."""
    context = chromium_browser.new_context(viewport=viewport or {"width": 1600, "height": 1000}, **options)
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    recorded = RecordedPage(context.new_page(), requests)
    try:
        yield recorded
    finally:
        outside = recorded.outside_requests(urlsplit(server).netloc)
        full_plotly = recorded.full_plotly_requests()
        errors = list(recorded.errors)
        context.close()
    assert not outside, f"requests left the app's server: {outside}"
    assert not full_plotly, f"the full plotly.js was requested (the atlas serves its own bundle): {full_plotly}"
    assert not errors, f"the page logged errors: {errors}"


@pytest.fixture()
def offline_page(chromium_browser, server):
    """A fresh page on the atlas's server, held to the offline and zero-console rules (recorded_page)."""
    with recorded_page(chromium_browser, server) as recorded:
        yield recorded


def map_drawn(page, root: str = "#map-graph") -> None:
    """Wait until plotly has drawn the geo map with country shapes (a framed map leaves most shapes outside)."""
    page.wait_for_function(
        f"""() => Array.from(document.querySelectorAll('{root} .geo .choroplethlocation'))
                      .some(e => {{ const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0; }})""",
        timeout=30000,
    )
