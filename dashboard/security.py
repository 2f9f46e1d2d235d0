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

log = logging.getLogger("dashboard.errors")

MAX_REQUEST_BYTES = 1024 * 1024     # callback bodies are a few KiB; nothing legitimate comes near this
MAX_URL_CHARS = 8192                # path + query; the view parser already cuts queries past 4000 with a notice
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
EXPORT_POLICY = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:; "
                 "font-src data:; sandbox allow-scripts allow-popups allow-popups-to-escape-sandbox allow-downloads; "
                 "frame-ancestors 'none'")


def frame_ancestors(env_name: str, default: str) -> str:
    """The frame-ancestors sources from the environment; refuse anything that could break out of the header."""
    raw = os.environ.get(env_name) or default
    value = " ".join(raw.split())
    if any(c in raw for c in ";,\r\n") or not value.isprintable():
        raise ValueError(f"{env_name} must be CSP sources separated by spaces, e.g. \"'self' https://example.org\" "
                         f"(found {value!r})")
    return value


def script_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def make_policy(script_hashes: list[str], ancestors: str) -> str:
    directives = dict(_BASE, **{"script-src": " ".join(["'self'", *script_hashes]), "frame-ancestors": ancestors})
    return "; ".join(f"{k} {v}" for k, v in directives.items())


def frame_options(ancestors: str) -> str | None:
    """X-Frame-Options for browsers that ignore frame-ancestors, where it can say the same thing."""
    return {"'none'": "DENY", "'self'": "SAMEORIGIN"}.get(ancestors)


def callback_request_problem(body, callback_map: dict) -> str | None:
    """Why a POST to Dash's callback route is malformed (None if it has the shape Dash expects)."""
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    output = body.get("output")
    if not isinstance(output, str) or output not in callback_map:
        return "'output' does not name a callback of this app"
    callback = callback_map[output]
    for key, declared in (("inputs", callback.get("inputs", [])), ("state", callback.get("state", []))):
        items = body.get(key, [])
        if not isinstance(items, list) or len(items) != len(declared):
            return f"'{key}' must be a list of {len(declared)} item(s)"
        for item in items:
            group = item if isinstance(item, list) else [item]
            if not all(isinstance(i, dict) and isinstance(i.get("property"), str) and "id" in i for i in group):
                return f"every item of '{key}' needs an 'id' and a 'property'"
    if not isinstance(body.get("outputs", {}), (dict, list)):
        return "'outputs' must be an object or a list"
    changed = body.get("changedPropIds", [])
    if not isinstance(changed, list) or not all(isinstance(c, str) for c in changed):
        return "'changedPropIds' must be a list of strings"
    return None


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) < 1e15


def _scalar(value) -> bool:
    return value is None or isinstance(value, (str, bool)) or _finite(value)


def _clean_points(value):
    if not isinstance(value, dict) or not isinstance(value.get("points"), list):
        return None
    points = [{k: v for k, v in p.items() if _scalar(v) or (isinstance(v, list) and all(map(_scalar, v)))}
              for p in value["points"] if isinstance(p, dict)]
    return {**value, "points": points}


# What a browser can send for each property the atlas's components have. A value of another shape did not come
# from the page (it is forged or corrupt): it becomes None, as if the control were empty, before any callback sees it.
_CLEAN = {
    "pathname": lambda v: v if isinstance(v, str) else None,
    "search": lambda v: v if isinstance(v, str) else None,
    "n_clicks": lambda v: v if _finite(v) and isinstance(v, int) and v >= 0 else None,
    "n_intervals": lambda v: v if _finite(v) and isinstance(v, int) and v >= 0 else None,
    "clickData": _clean_points,
    "hoverData": _clean_points,
    # sliders and inputs send a number or text; dropdowns, checklists and radio items text or a list of text
    "value": lambda v: v if v is None or isinstance(v, str) or _finite(v) else
    [i for i in v if isinstance(i, str)] if isinstance(v, list) else None,
    "data": lambda v: v if v is None or isinstance(v, str) or _finite(v) else None,   # the stores hold strings and numbers
    "disabled": lambda v: v if isinstance(v, bool) else None,
}


def clean_callback_inputs(body: dict) -> None:
    """Replace, in place, every input and state value a browser could not have sent (see _CLEAN)."""
    for key in ("inputs", "state"):
        for item in body.get(key, []):
            for part in (item if isinstance(item, list) else [item]):
                clean = _CLEAN.get(part["property"])
                if clean is not None:
                    part["value"] = clean(part.get("value"))


def error_page(error_id: str) -> str:
    esc = html.escape
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{esc(t('error.title'))}</title>"
            f"</head><body><main><h1>{esc(t('error.title'))}</h1><p>{esc(t('error.server', error_id=error_id))}</p>"
            f"<p><a href=\"/map\">{esc(t('error.back'))}</a></p></main></body></html>")


def health(atlas) -> dict:
    """What /healthz answers: the app's and the data package's versions and the size of every table."""
    descriptor = atlas.descriptor or {}
    return {"status": "ok", "version": __version__,
            "data": {"name": descriptor.get("name"), "version": descriptor.get("version"),
                     "created": descriptor.get("created")},
            "counts": {name: int(len(frame)) for name, frame in atlas.tables.items()}}


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
        if not policies:   # Dash knows its inline scripts (clientside callbacks) only once every page registered
            from dashboard import embed

            embed_script = getattr(embed, "EMBED_SCRIPT", None)
            policies["app"] = make_policy(list(dict.fromkeys(app.csp_hashes())), app_ancestors)
            policies["embed"] = make_policy([script_hash(embed_script)] if embed_script else ["'unsafe-inline'"],
                                            embed_ancestors)
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
            body = request.get_json(silent=True)    # parsed once and cached: Dash reads this same object
            problem = callback_request_problem(body, app.callback_map)
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
    def unknown_component_file(_exc):   # Dash raises this for a script path it does not serve: a 404, not a 500
        return _text(t("error.not_found", path=request.path), 404)

    @server.errorhandler(Exception)
    def unexpected(exc):
        if isinstance(exc, HTTPException):
            return exc
        if server.debug:      # `--debug`: let the developer see the traceback
            raise exc
        error_id = uuid.uuid4().hex[:12]
        log.error("error %s on %s %s (from %s, user agent %r)", error_id, request.method, request.full_path,
                  request.remote_addr, request.headers.get("User-Agent", ""), exc_info=exc)
        return Response(error_page(error_id), status=500, mimetype="text/html", headers={"X-Atlas-Error-Id": error_id})
