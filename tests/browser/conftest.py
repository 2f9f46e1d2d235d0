"""Browser fixtures: a real server (the CLI, in a subprocess) on a free port, and real headless Chromium.

Every request the page makes is recorded; `offline_page` fails the test if any goes to another host.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from urllib.parse import urlsplit

import pytest

CHROMIUM = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


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
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz" if False else base + "/")
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
    log = tempfile.TemporaryFile()          # a file, not a pipe: a pipe nobody reads fills up and stalls the server
    proc = subprocess.Popen([sys.executable, "-m", "dashboard", "serve", "--port", str(port), *args],
                            stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            wait_for(base + "/healthz", timeout=1)
            return proc, base
        except RuntimeError:
            pass
    if proc.poll() is None:
        proc.kill()
    log.seek(0)
    raise RuntimeError(f"`serve {' '.join(args)}` did not start:\n{log.read().decode(errors='replace')[-3000:]}")


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


@pytest.fixture(scope="session")
def chromium_browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium (see .ci/run)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                    "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield b
        b.close()


class RecordedPage:
    """A page plus the list of every URL it requested."""

    def __init__(self, page, requests: list[str]):
        self.page = page
        self.requests = requests

    def outside_requests(self, allowed_host: str) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme in ("http", "https", "ws", "wss")
                and urlsplit(u).netloc != allowed_host]


@pytest.fixture()
def offline_page(chromium_browser, server):
    """A fresh browser context; after the test, no request may have left the app's server."""
    context = chromium_browser.new_context(viewport={"width": 1600, "height": 1000})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    recorded = RecordedPage(page, requests)
    yield recorded
    host = urlsplit(server).netloc
    outside = recorded.outside_requests(host)
    context.close()
    assert not outside, f"requests left the app's server: {outside}"


def map_drawn(page) -> None:
    """Wait until plotly has drawn the geo map with country shapes."""
    page.wait_for_selector("#map-graph .geo .choroplethlocation", timeout=30000)
