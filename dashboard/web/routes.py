"""Flask routes beside the Dash app: /embed/<view> (the chart alone, for iframes) and /export/<view>.<format>."""

from __future__ import annotations

import json

from flask import Response, request

from dashboard.config import PLOTLY_BUNDLE
from dashboard.export.cache import export_key, get_cache
from dashboard.export.caption import export_filename
from dashboard.export.embed import OLD_PLOTLY_JS_PATH, PLOTLY_JS_PATH, embed_page
from dashboard.export.film import export_film, plan_film
from dashboard.export.formats import export_view
from dashboard.export.gate import Busy, get_gate
from dashboard.export.params import (
    FILM_FORMATS,
    IMAGE_FORMATS,
    MIME,
    ExportError,
    check_single,
    check_size,
    check_view,
    split_export_name,
)
from dashboard.export.renderer import RendererUnavailable
from dashboard.viewstate import parse_view, to_path
from dashboard.web.hosts import permalink_root

EXPORT_MAX_AGE = 3600  # seconds a browser or nginx may keep an export: the same address gives the same bytes
RENDERER_RETRY_AFTER = 30


def _text_response(message: str, status: int, **headers) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain", headers=headers)


def _notices_header(notices: list[str]) -> dict:
    return {"X-Atlas-Notices": json.dumps(notices)} if notices else {}


def register(app, page_names=()) -> None:
    """Add the embed and export routes to the Dash app's Flask server; paths other than the pages answer 404."""
    server = app.server

    def context():
        return server.config["ATLAS"], server.config["CATALOG"], request.query_string.decode("utf-8", "replace")

    bundle = PLOTLY_BUNDLE.read_bytes()  # the atlas's partial plotly.js, never the full one
    pages = {"/", *(f"/{name}" for name in page_names)}

    @server.after_request
    def unknown_paths_are_404(response: Response) -> Response:
        """Dash answers every path with its page; one that is no page of the atlas says so with a 404.

        The body stays the app, which tells the reader there is no such page and offers the map.
        """
        rule = request.url_rule.rule if request.url_rule is not None else ""
        if rule == "/<path:path>" and request.path.rstrip("/") not in pages and response.status_code == 200:
            response.status_code = 404
        return response

    @server.route(PLOTLY_JS_PATH)
    @server.route(OLD_PLOTLY_JS_PATH)
    def plotly_js():
        return Response(bundle, mimetype="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    @server.route("/favicon.ico")
    def favicon():
        # Browsers ask for it on every page; "no content" keeps that out of the 404s (and out of consoles).
        return Response(status=204, headers={"Cache-Control": "public, max-age=86400"})

    @server.route("/embed/<view>")
    def embed(view: str):
        atlas, catalog, query = context()
        try:
            check_view(view)
        except ExportError as exc:
            return _text_response(str(exc), 400)
        state, notices = parse_view(query, catalog, view=view)
        root = permalink_root(request.host, request.host_url)
        return Response(embed_page(atlas, state, notices, root), mimetype="text/html", headers=_notices_header(notices))

    @server.route("/export/<name>")
    def export(name: str):
        atlas, catalog, query = context()
        try:
            view, fmt = split_export_name(name)
            check_single(query)
            width, height, scale = check_size(
                request.args.get("width"), request.args.get("height"), request.args.get("scale")
            )
        except ExportError as exc:
            return _text_response(str(exc), 400, **{"X-Atlas-Parameter": exc.parameter})
        state, notices = parse_view(query, catalog, view=view)
        root = permalink_root(request.host, request.host_url)
        w, h, s = (width, height, scale) if fmt in IMAGE_FORMATS else (0, 0, 1)  # CSV and HTML have no pixel size
        path, plan = to_path(state), None
        if fmt in FILM_FORMATS:  # the map's films: one frame per year, from..to
            args = request.args
            try:
                plan = plan_film(
                    atlas, state, args.get("from"), args.get("to"), args.get("width"), args.get("height"), scale
                )
            except ExportError as exc:
                return _text_response(str(exc), 400, **{"X-Atlas-Parameter": exc.parameter})
            w, h, s = plan.width, plan.height, plan.scale
            path += ("&" if "?" in path else "?") + f"from={plan.years[0]}&to={plan.years[-1]}"
        key = export_key(atlas.fingerprint, path, fmt, w, h, s, root)
        etag = key.rsplit(":", 1)[-1][:32]
        headers = {
            "Content-Disposition": f'inline; filename="{export_filename(view, fmt, state=state)}"',
            "Cache-Control": f"public, max-age={EXPORT_MAX_AGE}",
            **_notices_header(notices),
            **({"X-Atlas-Frames": str(len(plan.years))} if plan else {}),
        }
        if request.if_none_match.contains(etag):
            return Response(status=304, headers={**headers, "ETag": f'"{etag}"'})
        cache = get_cache()
        data = cache.get(key)
        headers["X-Atlas-Cache"] = "hit" if data is not None else "miss"
        if data is None:
            try:
                data = _render(atlas, state, fmt, width, height, scale, root, plan)
            except Busy as exc:
                return _text_response(str(exc), exc.status, **{"Retry-After": str(exc.retry_after)})
            except ExportError as exc:  # e.g. too small to be legible: says which size or filter will do
                return _text_response(str(exc), 400, **{"X-Atlas-Parameter": exc.parameter})
            except RendererUnavailable as exc:
                return _text_response(str(exc), 503, **{"Retry-After": str(RENDERER_RETRY_AFTER)})
            cache.set(key, data)
        response = Response(data, mimetype=MIME[fmt], headers=headers)
        response.set_etag(etag)
        return response


def _render(atlas, state, fmt: str, width: int, height: int, scale: float, root: str | None, plan=None) -> bytes:
    """Images and films take one of the worker's few render slots (or are refused at once); CSV and HTML need none."""
    if plan is not None:
        with get_gate().slot():
            return export_film(atlas, state, fmt, plan, root=root)
    if fmt not in IMAGE_FORMATS:
        return export_view(atlas, state, fmt, width=width, height=height, scale=scale, root=root)
    with get_gate().slot():
        return export_view(atlas, state, fmt, width=width, height=height, scale=scale, root=root)
