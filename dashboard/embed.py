"""Flask routes beside the Dash app: /embed/<view> (the chart alone, for iframes) and /export/<view>.<format>."""

from __future__ import annotations

import html
import json

from flask import Response, request
from plotly.offline import get_plotlyjs

from dashboard.export import (MIME, ExportError, _script_json, bare_figure, check_size, check_view, export_filename,
                              export_view, make_caption, split_export_name, view_figure)
from dashboard.figures.theme import get_theme
from dashboard.renderer import RendererUnavailable
from dashboard.strings import t
from dashboard.viewstate import parse_view

PLOTLY_JS_PATH = "/_atlas/plotly.min.js"
EMBED_SIZE = (960, 600)        # the iframe snippet's default size
# The page's one inline script: constant, so the Content-Security-Policy can allow exactly it by hash (security.py).
EMBED_SCRIPT = ("var f = JSON.parse(document.getElementById('figure').textContent);\n"
                "Plotly.newPlot('chart', f.data, f.layout, JSON.parse(document.getElementById('config').textContent));")


def embed_snippet(embed_url: str, title: str, size: tuple[int, int] = EMBED_SIZE) -> str:
    """The <iframe> users paste into a page or slide tool."""
    w, h = size
    return (f'<iframe src="{html.escape(embed_url)}" title="{html.escape(title)}" width="{w}" height="{h}" '
            f'style="border:0;max-width:100%" loading="lazy"></iframe>')


def _text_response(message: str, status: int, **headers) -> Response:
    return Response(message + "\n", status=status, mimetype="text/plain", headers=headers)


def _notices_header(notices: list[str]) -> dict:
    return {"X-Atlas-Notices": json.dumps(notices)} if notices else {}


def embed_page(atlas, state, notices: list[str], root: str) -> str:
    """The chart alone, filling its frame, under its title and filters, over the source line and a link back."""
    state, figure = view_figure(atlas, state)
    caption = make_caption(atlas, state, root=root)
    theme = get_theme(state.theme)
    figure = bare_figure(figure)
    figure["layout"]["autosize"] = True
    config = {"displaylogo": False, "responsive": True, "topojsonURL": "/assets/topojson/",
              "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080,
                                       "filename": export_filename(state.view)}}
    esc = html.escape
    notes = "".join(f"<li>{esc(n)}</li>" for n in notices)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(caption.title)}</title>
<style>
html,body{{margin:0;height:100%;background:{theme.paper};color:{theme.font_color};font-family:"DejaVu Sans",Arial,sans-serif}}
.embed{{display:flex;flex-direction:column;height:100%;box-sizing:border-box;padding:8px 10px}}
h1{{font-size:{theme.title_size}px;margin:0}} .filters{{font-size:{theme.font_size}px;margin:2px 0 0}}
#chart{{flex:1;min-height:0}} ul{{margin:2px 0;font-size:{theme.font_size - 2}px}}
footer{{display:flex;flex-wrap:wrap;justify-content:space-between;gap:8px;font-size:{theme.font_size - 2}px}}
a{{color:inherit}}
</style></head><body><div class="embed">
<header><h1>{esc(caption.title)}</h1><p class="filters">{esc(caption.filters)}</p>{f"<ul class='notices'>{notes}</ul>" if notes else ""}</header>
<div id="chart" role="img" aria-label="{esc(caption.title)}"></div>
<footer><span class="source">{esc(caption.source)}</span>
<a class="permalink" href="{esc(caption.permalink)}" target="_blank" rel="noopener">{esc(t("embed.open"))}</a></footer>
</div>
<script src="{PLOTLY_JS_PATH}"></script>
<script type="application/json" id="figure">{_script_json(figure)}</script>
<script type="application/json" id="config">{_script_json(config)}</script>
<script>{EMBED_SCRIPT}</script>
</body></html>"""


def register(app) -> None:
    """Add the embed and export routes to the Dash app's Flask server."""
    server = app.server

    def context():
        return server.config["ATLAS"], server.config["CATALOG"], request.query_string.decode("utf-8", "replace")

    @server.route(PLOTLY_JS_PATH)
    def plotly_js():
        return Response(get_plotlyjs(), mimetype="text/javascript", headers={"Cache-Control": "public, max-age=86400"})

    @server.route("/embed/<view>")
    def embed(view: str):
        atlas, catalog, query = context()
        try:
            check_view(view)
        except ExportError as exc:
            return _text_response(str(exc), 400)
        state, notices = parse_view(query, catalog, view=view)
        return Response(embed_page(atlas, state, notices, request.host_url), mimetype="text/html",
                        headers=_notices_header(notices))

    @server.route("/export/<name>")
    def export(name: str):
        atlas, catalog, query = context()
        try:
            view, fmt = split_export_name(name)
            width, height, scale = check_size(request.args.get("width"), request.args.get("height"),
                                              request.args.get("scale"))
        except ExportError as exc:
            return _text_response(str(exc), 400, **{"X-Atlas-Parameter": exc.parameter})
        state, notices = parse_view(query, catalog, view=view)
        try:
            data = export_view(atlas, state, fmt, width=width, height=height, scale=scale, root=request.host_url)
        except RendererUnavailable as exc:
            return _text_response(str(exc), 503, **{"Retry-After": "30"})
        disposition = f'inline; filename="{export_filename(view, fmt)}"'
        return Response(data, mimetype=MIME[fmt],
                        headers={"Content-Disposition": disposition, **_notices_header(notices)})

