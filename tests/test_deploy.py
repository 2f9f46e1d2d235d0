"""The production stack, started for real: Debian's nginx (deploy/nginx.conf.template) in front of two gunicorn
instances (scripts/prod.py), on free loopback ports. Needs nginx installed: `make deps` installs it."""

from __future__ import annotations

import gzip
import http.client
import importlib.util
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CLIENT_TIMEOUT = 4  # --client-timeout: the same directives as the default 10 s, shorter so the test stays short

pytestmark = pytest.mark.prod


def _load_prod():
    spec = importlib.util.spec_from_file_location("atlas_prod_script", ROOT / "scripts" / "prod.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


prod = _load_prod()


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def free_ports(n: int) -> int:
    """A port such that it and the n-1 after it are free."""
    for _ in range(200):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            base = s.getsockname()[1]
        if base + n < 65536 and all(_free(base + i) for i in range(n)):
            return base
    raise RuntimeError("no run of free ports")


def request(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict | None = None,
    source: str | None = None,
    timeout: float = 30,
):
    conn = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=timeout, source_address=(source, 0) if source else None
    )
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


def callback_body(dep: dict, values: dict, trigger: str) -> dict:
    """The body a browser POSTs to /_dash-update-component for the callback dep (from /_dash-dependencies)."""

    def target(spec: str) -> dict:
        ident, prop = spec.rsplit(".", 1)
        return {"id": ident, "property": prop.split("@")[0]}

    def fill(items):
        return [
            {"id": i["id"], "property": i["property"], "value": values.get(f"{i['id']}.{i['property']}")} for i in items
        ]

    multi = dep["output"].startswith("..")
    outputs = [target(o) for o in dep["output"].strip(".").split("...")] if multi else target(dep["output"])
    return {
        "output": dep["output"],
        "outputs": outputs,
        "inputs": fill(dep["inputs"]),
        "state": fill(dep["state"]),
        "changedPropIds": [trigger],
    }


@pytest.fixture(scope="module")
def stack():
    try:
        prod.find_nginx()
    except prod.StackError as exc:
        pytest.fail(str(exc), pytrace=False)
    base = free_ports(3)
    prefix = Path(tempfile.mkdtemp(prefix="atlas-prod-test-"))
    env = dict(os.environ, ATLAS_WARM_RENDERER="0", PYTHONUNBUFFERED="1")  # no Chromium: nothing here renders
    cmd = [
        sys.executable,
        str(ROOT / "scripts" / "prod.py"),
        "--port",
        str(base),
        "--instances",
        "2",
        "--workers",
        "1",
        "--prefix",
        str(prefix),
        "--client-timeout",
        str(CLIENT_TIMEOUT),
        "--start-timeout",
        "90",
    ]
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    ready = threading.Event()

    def read():
        for line in proc.stdout:
            lines.append(line)
            if "ready:" in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + 100
    while not ready.is_set() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.2)
    if not ready.is_set():
        proc.kill()
        logs = "".join(p.read_text(errors="replace")[-1500:] for p in (prefix / "logs").glob("*.log"))
        pytest.fail(f"the stack did not start:\n{''.join(lines)}\n{logs}", pytrace=False)
    yield {"port": base, "backends": [base + 1, base + 2], "prefix": prefix, "lines": lines}
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(40)
    except subprocess.TimeoutExpired:
        proc.kill()
    shutil.rmtree(prefix, ignore_errors=True)


def test_the_page_answers_through_nginx(stack):
    status, headers, body = request(stack["port"], "GET", "/", headers={"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["server"] == "nginx"
    assert b"_dash-component-suites" in (gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body)
    status, _, body = request(stack["port"], "GET", "/healthz")
    assert status == 200 and json.loads(body)["status"] == "ok"


def _page_links(port: int) -> list[str]:
    _, _, body = request(port, "GET", "/map")
    return re.findall(r'(?:src|href)="(/[^"]+)"', body.decode())


def test_assets_are_served_by_nginx_with_long_cache(stack):
    link = next(u for u in _page_links(stack["port"]) if u.startswith("/assets/atlas.css?m="))
    status, headers, body = request(stack["port"], "GET", link)
    assert status == 200
    assert headers["x-served-by"] == "nginx-static"
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert body == (ROOT / "assets" / "atlas.css").read_bytes()
    # the base map, which plotly.js asks for without a version: cached briefly and revalidated
    status, headers, body = request(stack["port"], "GET", "/assets/topojson/world_110m.json")
    assert status == 200 and headers["x-served-by"] == "nginx-static" and "immutable" not in headers["cache-control"]
    assert body == (ROOT / "assets" / "topojson" / "world_110m.json").read_bytes()


def test_component_suites_are_the_installed_files_without_their_fingerprint(stack):
    import dash

    _, _, page = request(stack["port"], "GET", "/map")
    # dcc's lazily loaded chunks go by their plain names (webpack asks for them so); the page preloads one
    preloaded = re.findall(r'<link rel="preload" href="(/_dash-component-suites/[^"]+)"', page.decode())
    for link in preloaded:
        assert request(stack["port"], "GET", link)[0] == 200, link
    links = [u for u in _page_links(stack["port"]) if u.startswith("/_dash-component-suites/dash/")]
    links = [u for u in links if u not in preloaded]
    assert len(links) >= 5 and preloaded
    for link in links:
        assert re.search(r"\.v[\w-]+m[0-9a-fA-F]+\.", link), link  # Dash fingerprinted it
        status, headers, body = request(stack["port"], "GET", link, headers={"Accept-Encoding": "gzip"})
        assert status == 200, link
        assert headers["x-served-by"] == "nginx-static", link
        assert headers["cache-control"] == "public, max-age=31536000, immutable"
        assert headers.get("content-encoding") == "gzip"
        # the same bytes as the file in site-packages, found here with Dash's own rule
        path_in_package, fingerprinted = dash.fingerprint.check_fingerprint(
            link.split("/_dash-component-suites/dash/")[1]
        )
        assert fingerprinted
        assert gzip.decompress(body) == (Path(dash.__file__).parent / path_in_package).read_bytes(), link


def test_package_source_is_never_served_as_a_static_file(stack):
    status, headers, _ = request(stack["port"], "GET", "/_dash-component-suites/dash/__init__.v4_4_1m1.py")
    assert status == 404 and "x-served-by" not in headers  # not collected: the app answers, and refuses


def test_export_bursts_get_429_with_retry_after(stack):
    statuses, retry_after = [], None
    started = time.monotonic()
    for _ in range(40):  # one client (its own address here), faster than 2 per second: the burst of 20 runs out
        status, headers, _ = request(stack["port"], "GET", "/export/timeline.csv?issue=asylum", source="127.0.0.9")
        statuses.append(status)
        if status == 429:
            retry_after = headers.get("retry-after")
    assert statuses[0] == 200
    assert set(statuses) == {200, 429}
    elapsed = time.monotonic() - started
    assert 20 <= statuses.count(200) <= 21 + 2 * elapsed + 1  # the burst, plus 2 per second that passed
    assert retry_after is not None and int(retry_after) >= 1
    # another client is not affected
    assert request(stack["port"], "GET", "/export/timeline.csv?issue=asylum", source="127.0.0.10")[0] == 200


def test_slow_clients_are_cut_off_while_healthz_answers(stack):
    port = stack["port"]
    slow = []
    for _i in range(30):  # each sends half a request header, then nothing
        s = socket.create_connection(("127.0.0.1", port), timeout=CLIENT_TIMEOUT + 10)
        s.sendall(b"GET /map HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        slow.append(s)
    opened = time.monotonic()
    for _ in range(10):
        started = time.monotonic()
        status, _, _ = request(port, "GET", "/healthz", timeout=5)
        assert status == 200
        assert time.monotonic() - started < 1.0
    closed_after = []
    for s in slow:
        try:
            while s.recv(4096):
                pass
        except ConnectionResetError:
            pass
        closed_after.append(time.monotonic() - opened)
        s.close()
    assert max(closed_after) < CLIENT_TIMEOUT + 3, closed_after


def test_killing_one_instance_mid_run_still_answers_200(stack):
    port = stack["port"]
    _, _, body = request(port, "GET", "/_dash-dependencies")
    deps = json.loads(body)
    router = next(
        d
        for d in deps
        if "page.children" in d["output"] and any(i["id"] == "url" and i["property"] == "pathname" for i in d["inputs"])
    )
    payload = json.dumps(
        callback_body(router, {"url.pathname": "/map", "url.search": "?process=puebla&year=2000"}, "url.pathname")
    ).encode()
    assert request(port, "POST", "/_dash-update-component", payload, {"Content-Type": "application/json"})[0] == 200

    results: list[tuple[float, object]] = []
    stop = time.monotonic() + 6

    def user(i: int):
        source = f"127.0.1.{i + 1}"
        while time.monotonic() < stop:
            try:
                if i % 2:
                    status = request(
                        port,
                        "POST",
                        "/_dash-update-component",
                        payload,
                        {"Content-Type": "application/json"},
                        source=source,
                    )[0]
                else:
                    status = request(port, "GET", f"/map?process=budapest&year={1995 + i}", source=source)[0]
            except OSError as exc:
                status = repr(exc)
            results.append((time.monotonic(), status))

    users = [threading.Thread(target=user, args=(i,)) for i in range(6)]
    for u in users:
        u.start()
    time.sleep(2)
    victim = stack["backends"][0]
    pid = int((stack["prefix"] / f"gunicorn-{victim}.pid").read_text())
    killed_at = time.monotonic()
    os.killpg(pid, signal.SIGKILL)  # the instance and its workers, mid-request: no goodbye
    for u in users:
        u.join(30)
    with pytest.raises(OSError):  # it is really gone
        socket.create_connection(("127.0.0.1", victim), timeout=2).close()
    after = [s for t, s in results if t > killed_at]
    assert len(after) >= 20, f"too few requests after the kill to tell: {len(after)}"
    assert [s for _, s in results if s != 200] == []
