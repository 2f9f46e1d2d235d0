"""Safe defaults: security headers and CSP, frame policy, request limits, /healthz, error pages, refusing bad data."""

from __future__ import annotations

import base64
import hashlib
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard.cli import build_parser
from dashboard.export import embed
from dashboard.web import security
from tests.helpers import tiny_tables, write_package

ROOT = Path(__file__).resolve().parents[1]


def directives(response) -> dict[str, str]:
    policy = response.headers["Content-Security-Policy"]
    return {d.split(" ", 1)[0]: d.split(" ", 1)[1] for d in policy.split("; ")}


def inline_script_hashes(page: str) -> set[str]:
    """Hashes of the scripts a browser would run from the page itself (not files, not JSON data blocks)."""
    scripts = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", page, re.S)
    page_without_comments = re.sub(r"<!--.*?-->", "", page, flags=re.S)
    return {
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in scripts
        if s in page_without_comments
    }


# ---- headers ---------------------------------------------------------------------------------------------------


def test_app_pages_allow_only_own_scripts_and_no_framing(client):
    response = client.get("/map?process=puebla")
    policy = directives(response)
    assert policy["default-src"] == "'self'" and policy["connect-src"] == "'self'" and policy["object-src"] == "'none'"
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert inline_script_hashes(response.get_data(as_text=True)) <= set(policy["script-src"].split())
    assert policy["frame-ancestors"] == "'none'" and response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_embeds_may_be_framed_anywhere_and_run_only_their_own_script(client):
    response = client.get("/embed/map?process=puebla&year=2000")
    policy = directives(response)
    assert policy["frame-ancestors"] == "*" and "X-Frame-Options" not in response.headers
    assert policy["script-src"] == f"'self' {security.script_hash(embed.EMBED_SCRIPT)}"
    assert inline_script_hashes(response.get_data(as_text=True)) == {security.script_hash(embed.EMBED_SCRIPT)}


def test_html_exports_run_sandboxed_and_fetch_nothing(client):
    policy = directives(client.get("/export/map.csv?process=puebla"))
    assert policy["default-src"] == "'none'" and policy["sandbox"].startswith("allow-scripts")
    assert "allow-same-origin" not in policy["sandbox"]


@pytest.mark.parametrize(
    "value, expected",
    [
        (None, "*"),
        ("https://a.example https://b.example", "https://a.example https://b.example"),
        ("'self'", "'self'"),
    ],
)
def test_frame_ancestors_come_from_the_environment(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(security.EMBED_FRAME_ENV, raising=False)
    else:
        monkeypatch.setenv(security.EMBED_FRAME_ENV, value)
    assert security.frame_ancestors(security.EMBED_FRAME_ENV, security.EMBED_FRAME_DEFAULT) == expected


@pytest.mark.parametrize("value", ["*; script-src *", "https://a.example,https://b.example", "x\r\nSet-Cookie: a=b"])
def test_frame_ancestors_that_could_break_the_header_are_refused(monkeypatch, value):
    monkeypatch.setenv(security.APP_FRAME_ENV, value)
    with pytest.raises(ValueError, match="ATLAS_APP_FRAME_ANCESTORS must be CSP sources"):
        security.frame_ancestors(security.APP_FRAME_ENV, security.APP_FRAME_DEFAULT)


# ---- a second app on the tiny package: configured frame policy, /healthz counts, the error page ----------------


@pytest.fixture(scope="module")
def tiny_app(tiny_atlas):
    from dashboard.web.app import create_app

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(security.EMBED_FRAME_ENV, "https://slides.example")
        mp.setenv(security.APP_FRAME_ENV, "'self'")
        app = create_app(tiny_atlas)

    @app.server.route("/boom")
    def boom():
        raise RuntimeError("secret internals: /etc/atlas/password")

    return app


def test_configured_frame_policy(tiny_app):
    client = tiny_app.server.test_client()
    assert directives(client.get("/embed/map"))["frame-ancestors"] == "https://slides.example"
    response = client.get("/map")
    assert directives(response)["frame-ancestors"] == "'self'" and response.headers["X-Frame-Options"] == "SAMEORIGIN"


def test_healthz_reports_versions_and_counts(tiny_app):
    response = tiny_app.server.test_client().get("/healthz")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    body = response.get_json()
    assert body["status"] == "ok" and body["version"] == "0.1.0"
    assert body["data"] == {"name": "migration-governance-atlas", "version": "0.1.0", "created": "2026-11-29T00:00:00Z"}
    assert body["counts"] == {name: len(rows) for name, rows in tiny_tables().items()}


def test_unexpected_error_shows_an_id_and_logs_the_traceback(tiny_app, caplog):
    with caplog.at_level(logging.ERROR, logger="dashboard.errors"):
        response = tiny_app.server.test_client().get("/boom?year=2000", headers={"User-Agent": "pytest-agent"})
    page = response.get_data(as_text=True)
    error_id = response.headers["X-Atlas-Error-Id"]
    assert response.status_code == 500 and re.fullmatch(r"[0-9a-f]{12}", error_id)
    assert f"error id {error_id}" in page and "Traceback" not in page and "secret internals" not in page
    record = next(r for r in caplog.records if error_id in r.getMessage())
    assert "GET /boom?year=2000" in record.getMessage() and "pytest-agent" in record.getMessage()
    assert record.exc_info and "secret internals" in str(record.exc_info[1])


# ---- request limits ----------------------------------------------------------------------------------------------


def test_too_large_request_gets_413_that_says_why(client):
    response = client.post(
        "/_dash-update-component", data=b"x" * (security.MAX_REQUEST_BYTES + 1), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.get_data(as_text=True) == (
        f"The request is too large: at most {security.MAX_REQUEST_BYTES} bytes "
        f"are accepted (found {security.MAX_REQUEST_BYTES + 1}).\n"
    )


def test_too_long_address_gets_414_that_says_why(client):
    response = client.get("/map?process=" + "puebla," * 1300)
    assert response.status_code == 414
    assert response.get_data(as_text=True).startswith("The address is too long: at most 8192 characters are accepted")
    assert (
        client.get("/map?process=" + "puebla," * 700).status_code == 200
    )  # long, but the parser cuts it with a notice


@pytest.mark.parametrize(
    "body, reason",
    [
        ("{}", "'output' does not name a callback of this app"),
        ("[1, 2]", "the body must be a JSON object"),
        ("not json", "the body must be a JSON object"),
        ('{"output": "..page.children...notices.children..", "inputs": []}', "'inputs' must be a list of 1 item(s)"),
        (
            '{"output": "..page.children...notices.children..", "inputs": [5], "state": [{"id": "url", "property": "search"}]}',
            "every item of 'inputs' needs an 'id' and a 'property'",
        ),
    ],
)
def test_malformed_callback_request_gets_400_naming_the_problem(client, body, reason):
    response = client.post("/_dash-update-component", data=body, content_type="application/json")
    assert response.status_code == 400
    assert response.get_data(as_text=True) == f"Malformed update request: {reason}.\n"


def test_unknown_script_path_is_404_not_500(client):
    assert client.get("/_dash-component-suites/dash/nope.js").status_code == 404


# ---- safe defaults and refusing invalid data ------------------------------------------------------------------------


def test_serve_binds_loopback_without_debug_by_default(monkeypatch):
    monkeypatch.delenv("ATLAS_HOST", raising=False)
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.debug) == ("127.0.0.1", False)


@pytest.fixture(scope="module")
def broken_package(tmp_path_factory):
    tables = tiny_tables()
    tables["memberships"][0]["iso3"] = "XYZ"
    return write_package(tmp_path_factory.mktemp("broken"), tables, geometry=False)


def _run(args, data_dir, timeout=60):
    env = {**os.environ, "ATLAS_DATA": str(data_dir), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)


def test_wsgi_entry_refuses_invalid_data_loudly(broken_package):
    result = _run([sys.executable, "-c", "import dashboard.wsgi"], broken_package)
    assert result.returncode != 0
    assert f"The data package in {broken_package} is invalid: 1 problem(s). The atlas will not start." in result.stderr
    assert "memberships.csv:2: iso3: not an ISO 3166-1 alpha-3 code" in result.stderr


def test_gunicorn_with_invalid_data_exits_instead_of_serving(broken_package):
    from tests.browser.conftest import free_port

    result = _run(
        [sys.executable, "-m", "gunicorn", "dashboard.wsgi:server", "-w", "2", "-b", f"127.0.0.1:{free_port()}"],
        broken_package,
        timeout=90,
    )
    assert result.returncode != 0  # gunicorn: "Worker failed to boot", exit 3
    assert "memberships.csv:2: iso3: not an ISO 3166-1 alpha-3 code" in result.stderr


def test_missing_data_directory_is_refused(tmp_path):
    result = _run([sys.executable, "-c", "import dashboard.wsgi"], tmp_path / "nowhere")
    assert (
        result.returncode != 0 and "datapackage.json: (file): the data package descriptor is missing" in result.stderr
    )


def test_cli_serve_refuses_invalid_data(broken_package):
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "serve", "--data", str(broken_package), "--port", "1"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "memberships.csv:2: iso3:" in result.stderr
