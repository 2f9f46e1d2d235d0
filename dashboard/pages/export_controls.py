"""The Export control every view includes: download links at slide sizes, the view's link, and its embed code.

A page adds `export_controls(view, state)` to its layout and `graph_config(view)` to its dcc.Graph; the one
callback here follows the address bar, so it works for whichever view is showing.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

from dash import Input, Output, dcc, html
from flask import has_request_context, request

from dashboard import ids
from dashboard.embed import embed_snippet
from dashboard.export import (DEFAULT_SIZE, FORMATS, IMAGE_FORMATS, MAX_SCALE, MAX_SIZE, MIN_SCALE, MIN_SIZE,
                              PRESETS, base_url, export_filename)
from dashboard.strings import t
from dashboard.viewstate import Catalog, ViewState, parse_view, to_path, view_from_path

CUSTOM = "custom"


def graph_config(view: str, **extra) -> dict:
    """dcc.Graph config whose modebar camera saves the same 16:9 size and file name as the Export control."""
    return {"displaylogo": False, "responsive": True, "topojsonURL": "/assets/topojson/",
            "toImageButtonOptions": {"format": "png", "width": DEFAULT_SIZE[0], "height": DEFAULT_SIZE[1],
                                     "filename": export_filename(view)}, **extra}


def _clamp(value, low, high, default):
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return min(max(number, low), high) if math.isfinite(number) else default


def export_links(state: ViewState, fmt: str, preset: str, width, height, scale, slide, origin: str) -> dict:
    """What the control offers for a state: download href and file name, the view's link, the embed snippet."""
    fmt = fmt if isinstance(fmt, str) and fmt in FORMATS else "png"
    preset = preset if isinstance(preset, str) else ""
    if preset == CUSTOM:
        w = int(_clamp(width, MIN_SIZE, MAX_SIZE, DEFAULT_SIZE[0]))
        h = int(_clamp(height, MIN_SIZE, MAX_SIZE, DEFAULT_SIZE[1]))
    else:
        w, h = next(((pw, ph) for pw, ph in PRESETS if f"{pw}x{ph}" == preset), DEFAULT_SIZE)
    s = _clamp(scale, MIN_SCALE, MAX_SCALE, 1)
    s = int(s) if float(s).is_integer() else s
    exported = state.with_(theme="slide") if slide else state
    path = to_path(exported, prefix="/export")
    href = path.replace(f"/export/{state.view}", f"/export/{state.view}.{fmt}", 1)
    if fmt in IMAGE_FORMATS:
        href += ("&" if "?" in href else "?") + urlencode({"width": w, "height": h, "scale": s})
    root = base_url(origin)
    return {"href": href, "filename": export_filename(state.view, fmt), "link": root + to_path(state),
            "embed": embed_snippet(root + to_path(state, prefix="/embed"), t("app.title"))}


def export_controls(view: str, state: ViewState):
    """The collapsible Export panel (a <details>, so it opens without a server round trip)."""
    links = export_links(state, "png", f"{DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]}", None, None, 1, False, "")
    presets = [{"label": t(f"export.preset.{w}x{h}"), "value": f"{w}x{h}"} for w, h in PRESETS]
    number = {"type": "number", "debounce": True, "className": "form-control form-control-sm atlas-export-number"}
    return html.Details([
        html.Summary(t("export.button"), className="btn btn-sm btn-outline-primary"),
        html.Div([
            html.Label(t("export.format")),
            dcc.RadioItems(id=ids.EXPORT_FORMAT, options=[{"label": t(f"export.format.{f}"), "value": f} for f in FORMATS],
                           value="png", inline=True, inputClassName="me-1", labelClassName="me-3"),
            html.Label(t("export.size")),
            dcc.RadioItems(id=ids.EXPORT_PRESET, options=presets + [{"label": t("export.preset.custom"), "value": CUSTOM}],
                           value=presets[0]["value"], inline=True, inputClassName="me-1", labelClassName="me-3"),
            html.Div([
                html.Label([t("export.width"), dcc.Input(id=ids.EXPORT_WIDTH, value=DEFAULT_SIZE[0], min=MIN_SIZE,
                                                          max=MAX_SIZE, step=1, disabled=True, **number)]),
                html.Label([t("export.height"), dcc.Input(id=ids.EXPORT_HEIGHT, value=DEFAULT_SIZE[1], min=MIN_SIZE,
                                                           max=MAX_SIZE, step=1, disabled=True, **number)]),
                html.Label([t("export.scale"), dcc.Input(id=ids.EXPORT_SCALE, value=1, min=MIN_SCALE, max=MAX_SCALE,
                                                          step=0.5, **number)]),
            ], className="d-flex gap-2"),
            dcc.Checklist(id=ids.EXPORT_SLIDE, options=[{"label": t("export.slide_theme"), "value": "slide"}],
                          value=["slide"] if state.theme == "slide" else [], inputClassName="me-1"),
            html.A(t("export.download"), id=ids.EXPORT_DOWNLOAD, href=links["href"], download=links["filename"],
                   className="btn btn-sm btn-primary my-2"),
            html.Label(t("export.link"), htmlFor=ids.EXPORT_LINK),
            html.Div([dcc.Input(id=ids.EXPORT_LINK, value=links["link"], readOnly=True, className="form-control form-control-sm"),
                      dcc.Clipboard(target_id=ids.EXPORT_LINK, title=t("export.copy_link"), className="btn btn-sm btn-outline-secondary",
                                    children=t("export.copy_link"))], className="d-flex gap-2"),
            html.Label(t("export.embed"), htmlFor=ids.EXPORT_EMBED),
            html.Div([dcc.Textarea(id=ids.EXPORT_EMBED, value=links["embed"], readOnly=True, rows=3,
                                   className="form-control form-control-sm"),
                      dcc.Clipboard(target_id=ids.EXPORT_EMBED, title=t("export.copy_embed"),
                                    className="btn btn-sm btn-outline-secondary", children=t("export.copy_embed"))],
                     className="d-flex gap-2"),
        ], className="atlas-export-body"),
    ], id=ids.EXPORT_PANEL, className="atlas-export")


def register(app, catalog: Catalog) -> None:
    @app.callback(Output(ids.EXPORT_DOWNLOAD, "href"), Output(ids.EXPORT_DOWNLOAD, "download"),
                  Output(ids.EXPORT_LINK, "value"), Output(ids.EXPORT_EMBED, "value"),
                  Output(ids.EXPORT_WIDTH, "disabled"), Output(ids.EXPORT_HEIGHT, "disabled"),
                  Input(ids.URL, "search"), Input(ids.EXPORT_FORMAT, "value"), Input(ids.EXPORT_PRESET, "value"),
                  Input(ids.EXPORT_WIDTH, "value"), Input(ids.EXPORT_HEIGHT, "value"), Input(ids.EXPORT_SCALE, "value"),
                  Input(ids.EXPORT_SLIDE, "value"), Input(ids.URL, "pathname"))
    def update(search, fmt, preset, width, height, scale, slide, pathname):
        view, _ = view_from_path(pathname if isinstance(pathname, str) else "/")
        state, _ = parse_view(search if isinstance(search, str) else "", catalog, view=view)
        origin = request.host_url if has_request_context() else ""
        links = export_links(state, fmt, preset, width, height, scale, bool(slide), origin)
        custom = preset == CUSTOM
        return links["href"], links["filename"], links["link"], links["embed"], not custom, not custom
