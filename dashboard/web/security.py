"""Safe defaults for every response: security headers and CSP, request limits, /healthz, errors without tracebacks."""

from __future__ import annotations

import base64
import hashlib
import html
import logging
import os
import sys
import uuid

from dash.exceptions import DependencyException
from flask import Response, jsonify, request
from werkzeug.exceptions import HTTPException

from dashboard import __version__
from dashboard.strings import t
from dashboard.web.callback_guard import callback_request_problem, clean_callback_inputs, read_callback_body

log = logging.getLogger("dashboard.errors")

MAX_REQUEST_BYTES = 1024 * 1024  # callback bodies are a few KiB; nothing legitimate comes near this
MAX_URL_CHARS = 8192  # path + query; the view parser already cuts queries past 4000 with a notice
EMBED_PREFIX = "/embed/"
EXPORT_PREFIX = "/export/"
CALLBACK_PATH = "/_dash-update-component"
# Who may put pages in a frame (CSP frame-ancestors sources, space-separated). Embeds are meant to be framed anywhere.
EMBED_FRAME_ENV, APP_FRAME_ENV = "ATLAS_FRAME_ANCESTORS", "ATLAS_APP_FRAME_ANCESTORS"
EMBED_FRAME_DEFAULT, APP_FRAME_DEFAULT = "*", "'none'"

# Plotly.js styles its charts with <style> elements it creates at run time, and Dash components set style
# attributes; neither carries data, so inline styles are allowed while scripts are limited to files and hashes.
_BASE = {
    "default-src": "'self'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data: blob:",
    "font-src": "'self' data:",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}
# An HTML export is a standalone file (plotly.js and the figure inline) that is also viewable from the server:
# it runs sandboxed, in an origin of its own, and may fetch nothing.
EXPORT_POLICY = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
    "font-src data:; sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads; "
    "frame-ancestors 'none'"
)


def frame_ancestors(env_name: str, default: str) -> str:
    """The frame-ancestors sources from the environment; refuse anything that could break out of the header."""
    raw = os.environ.get(env_name) or default
    value = " ".join(raw.split())
    if any(c in raw for c in ";,\r\n") or not value.isprintable():
        raise ValueError(
            f"{env_name} must be CSP sources separated by spaces, e.g. \"'self' https://example.org\" (found {value!r})"
        )
    return value


def script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def make_policy(script_hashes: list[str], ancestors: str) -> str:
    directives = dict(_BASE, **{"script-src": " ".join(["'self'", *script_hashes]), "frame-ancestors": ancestors})
    return "; ".join(f"{k} {v}" for k, v in directives.items())


def frame_options(ancestors: str) -> str | None:
    """X-Frame-Options for browsers that ignore frame-ancestors, where it can say the same thing."""
    return {"'none'": "DENY", "'self'": "SAMEORIGIN"}.get(ancestors)


def error_page(error_id: str) -> str:
    esc = html.escape
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(t("error.title"))}</title>'
        f"</head><body><main><h1>{esc(t('error.title'))}</h1><p>{esc(t('error.server', error_id=error_id))}</p>"
        f'<p><a href="/map">{esc(t("error.back"))}</a></p></main></body></html>'
    )


def health(atlas) -> dict:
    """What /healthz answers: the app's and the data package's versions and the size of every table."""
    descriptor = atlas.descriptor or {}
    return {
        "status": "ok",
        "version": __version__,
        "data": {
            "name": descriptor.get("name"),
            "version": descriptor.get("version"),
            "created": descriptor.get("created"),
        },
        "counts": {name: int(len(frame)) for name, frame in atlas.tables.items()},
    }


def _ensure_log_handler() -> None:
    """Errors must reach stderr (gunicorn's error log) even when nobody configured logging."""
    package_log = logging.getLogger("dashboard")
    if not logging.getLogger().handlers and not package_log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s [pid %(process)d]: %(message)s"))
        package_log.addHandler(handler)
        package_log.setLevel(logging.INFO)


def _preload_lazy_imports() -> None:
    """Import now what plotly imports lazily while serialising a response.

    Under gunicorn's threads, two requests importing PIL.Image at the same moment see a half-initialised module
    (AttributeError, a 500): found by scripts/loadtest.py.
    """
    from _plotly_utils.optional_imports import get_module

    for name in ("PIL.Image", "numpy", "pandas"):
        get_module(name)


def _text(message: str, status: int) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain")


def register(app) -> None:
    """Install the headers, limits, /healthz and error handlers on a Dash app's Flask server."""
    server = app.server
    server.config["MAX_CONTENT_LENGTH"] = MAX_REQUEST_BYTES
    embed_ancestors = frame_ancestors(EMBED_FRAME_ENV, EMBED_FRAME_DEFAULT)
    app_ancestors = frame_ancestors(APP_FRAME_ENV, APP_FRAME_DEFAULT)
    policies: dict[str, str] = {}
    _ensure_log_handler()
    _preload_lazy_imports()

    def policy_for(path: str) -> tuple[str, str]:
        if not policies:  # Dash knows its inline scripts (clientside callbacks) only once every page registered
            from dashboard.export import embed

            embed_script = getattr(embed, "EMBED_SCRIPT", None)
            policies["app"] = make_policy(list(dict.fromkeys(app.csp_hashes())), app_ancestors)
            policies["embed"] = make_policy(
                [script_hash(embed_script)] if embed_script else ["'unsafe-inline'"], embed_ancestors
            )
        if path.startswith(EMBED_PREFIX):
            return policies["embed"], embed_ancestors
        if path.startswith(EXPORT_PREFIX):
            return EXPORT_POLICY, "'none'"
        return policies["app"], app_ancestors

    @server.before_request
    def limit_request():
        url_chars = len(request.full_path)
        if url_chars > MAX_URL_CHARS:
            log.info("refused a %d-character address from %s", url_chars, request.remote_addr)
            return _text(t("error.url_too_long", limit=MAX_URL_CHARS, size=url_chars), 414)
        if request.content_length is not None and request.content_length > MAX_REQUEST_BYTES:
            return _text(t("error.too_large", limit=MAX_REQUEST_BYTES, size=request.content_length), 413)
        if request.path == CALLBACK_PATH and request.method == "POST":
            body, problem = read_callback_body(request)  # parsed once and cached: Dash reads this same object
            problem = problem or callback_request_problem(body, app.callback_map)
            if problem:
                return _text(t("error.bad_callback", reason=problem), 400)
            clean_callback_inputs(body)
        return None

    @server.after_request
    def add_headers(response: Response) -> Response:
        policy, ancestors = policy_for(request.path)
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        if frame_options(ancestors):
            response.headers["X-Frame-Options"] = frame_options(ancestors)
        return response

    @server.route("/healthz")
    def healthz():
        response = jsonify(health(server.config["ATLAS"]))
        response.headers["Cache-Control"] = "no-store"
        return response

    @server.errorhandler(413)
    def too_large(_exc):
        return _text(t("error.too_large", limit=MAX_REQUEST_BYTES, size=request.content_length), 413)

    @server.errorhandler(DependencyException)
    def unknown_component_file(_exc):  # Dash raises this for a script path it does not serve: a 404, not a 500
        return _text(t("error.not_found", path=request.path), 404)

    @server.errorhandler(Exception)
    def unexpected(exc):
        if isinstance(exc, HTTPException):
            return exc
        if server.debug:  # `--debug`: let the developer see the traceback
            raise exc
        error_id = uuid.uuid4().hex[:12]
        log.error(
            "error %s on %s %s (from %s, user agent %r)",
            error_id,
            request.method,
            request.full_path,
            request.remote_addr,
            request.headers.get("User-Agent", ""),
            exc_info=exc,
        )
        return Response(error_page(error_id), status=500, mimetype="text/html", headers={"X-Atlas-Error-Id": error_id})
