"""Decks from the app: /export/deck.pptx and /export/deck.html (the offline slide show) and /present, each
`?view=<address>&view=<address>...`, one slide per view, in order."""

from __future__ import annotations

import json

from flask import Response, request

from dashboard.export.cache import export_key, get_cache
from dashboard.export.caption import export_filename
from dashboard.export.deck_request import plan_deck
from dashboard.export.gate import Busy, get_gate
from dashboard.export.params import MIME, ExportError
from dashboard.export.present import present_page, present_slides
from dashboard.export.renderer import RendererUnavailable
from dashboard.web.hosts import permalink_root
from dashboard.web.pages.map import GEOMETRY_URL

EXPORT_MAX_AGE = 3600
RENDERER_RETRY_AFTER = 30
PRESENT_THEME = "slide"  # present mode and its file: the slide theme unless a view names its own


def _text(message: str, status: int, **headers) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain", headers=headers)


def _notices(notices: list[str]) -> dict:
    return {"X-Atlas-Notices": json.dumps(notices[:20])} if notices else {}


def register(app) -> None:
    server = app.server

    def planned(default_theme: str | None):
        """(atlas, plan, root), or a 400 Response naming the parameter."""
        atlas, catalog = server.config["ATLAS"], server.config["CATALOG"]
        query = request.query_string.decode("utf-8", "replace")
        try:
            plan = plan_deck(query, catalog, default_theme=default_theme)
        except ExportError as exc:
            return _text(str(exc), 400, **{"X-Atlas-Parameter": exc.parameter})
        return atlas, plan, permalink_root(request.host, request.host_url)

    def cached(fmt: str, make, atlas, plan, root) -> Response:
        """The deck's bytes from the export cache, or made by `make()`; with an ETag, like every export."""
        key = export_key(atlas.fingerprint, plan.address(), f"deck.{fmt}", 0, 0, 1, root)
        etag = key.rsplit(":", 1)[-1][:32]
        headers = {
            "Content-Disposition": f'inline; filename="{export_filename("deck", fmt)}"',
            "Cache-Control": f"public, max-age={EXPORT_MAX_AGE}",
            "X-Atlas-Slides": str(len(plan.jobs)),
            **_notices(plan.notices),
        }
        if request.if_none_match.contains(etag):
            return Response(status=304, headers={**headers, "ETag": f'"{etag}"'})
        cache = get_cache()
        data = cache.get(key)
        headers["X-Atlas-Cache"] = "hit" if data is not None else "miss"
        if data is None:
            try:
                data = make()
            except Busy as exc:
                return _text(str(exc), exc.status, **{"Retry-After": str(exc.retry_after)})
            except RendererUnavailable as exc:
                return _text(str(exc), 503, **{"Retry-After": str(RENDERER_RETRY_AFTER)})
            cache.set(key, data)
        response = Response(data, mimetype=MIME[fmt], headers=headers)
        response.set_etag(etag)
        return response

    @server.route("/export/deck.pptx")
    def deck_pptx():
        found = planned(None)
        if isinstance(found, Response):
            return found
        atlas, plan, root = found

        def make() -> bytes:
            from dashboard.export.deck import write_deck

            with get_gate().slot():  # one slot for the whole deck: its slides render one after another
                return write_deck(atlas, plan.jobs, root=root)

        return cached("pptx", make, atlas, plan, root)

    @server.route("/export/deck.html")
    def deck_html():
        found = planned(PRESENT_THEME)
        if isinstance(found, Response):
            return found
        atlas, plan, root = found

        def make() -> bytes:
            return present_page(present_slides(atlas, plan.states, root), offline=True).encode("utf-8")

        return cached("html", make, atlas, plan, root)

    @server.route("/present")
    def present():
        found = planned(PRESENT_THEME)
        if isinstance(found, Response):
            return found
        atlas, plan, root = found
        page = present_page(present_slides(atlas, plan.states, root, geojson=GEOMETRY_URL), offline=False)
        return Response(page, mimetype="text/html", headers={"Cache-Control": "no-cache", **_notices(plan.notices)})
