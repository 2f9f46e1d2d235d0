"""The Export control every view includes: download links at slide sizes, the view's link, and its embed code.

A page adds `export_controls(view, state)` to its layout and `graph_config(view)` to its dcc.Graph; the one
callback here follows the address bar, so it works for whichever view is showing.
"""

from __future__ import annotations

import math
from urllib.parse import urlencode

from dash import Input, Output, State, dcc, html
from flask import has_request_context, request

from dashboard.export.caption import base_url, export_filename
from dashboard.export.embed import embed_snippet
from dashboard.export.params import (
    DEFAULT_SIZE,
    FILM_FORMATS,
    FILM_VIEWS,
    FORMATS,
    IMAGE_FORMATS,
    MAX_SCALE,
    MAX_SIZE,
    MIN_SCALE,
    MIN_SIZE,
    PRESETS,
    max_pixels,
)
from dashboard.strings import t
from dashboard.viewstate import Catalog, ViewState, parse_view, to_path, view_from_path
from dashboard.web import ids
from dashboard.web.controls import choice_group
from dashboard.web.hosts import permalink_root

CUSTOM = "custom"


def graph_config(view: str, state: ViewState | None = None, **extra) -> dict:
    """dcc.Graph config whose modebar camera saves the same 16:9 size and file name as the Export control (for
    `state`; register_camera keeps the name in step as the view changes)."""
    return {
        "displaylogo": False,
        "responsive": True,
        "topojsonURL": "/assets/topojson/",
        "toImageButtonOptions": {
            "format": "png",
            "width": DEFAULT_SIZE[0],
            "height": DEFAULT_SIZE[1],
            "filename": export_filename(view, state=state),
        },
        **extra,
    }


def _clamp(value, low, high, default):
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return default
    return min(max(number, low), high) if math.isfinite(number) else default


def _film_year(value) -> int | None:
    number = _clamp(value, 1000, 9999, None)
    return int(number) if number is not None else None


def export_links(
    state: ViewState, fmt: str, preset: str, width, height, scale, slide, origin: str, span=(None, None)
) -> dict:
    """What the control offers for a state: download href and file name, the view's link, the embed snippet.

    `span`: a film's (from, to) years, for the map's .gif and .mp4 (the server checks them and says what is wrong).
    """
    allowed = FORMATS + (FILM_FORMATS if state.view in FILM_VIEWS else ())
    fmt = fmt if isinstance(fmt, str) and fmt in allowed else "png"
    preset = preset if isinstance(preset, str) else ""
    if preset == CUSTOM:
        w = int(_clamp(width, MIN_SIZE, MAX_SIZE, DEFAULT_SIZE[0]))
        h = int(_clamp(height, MIN_SIZE, MAX_SIZE, DEFAULT_SIZE[1]))
    else:
        w, h = next(((pw, ph) for pw, ph in PRESETS if f"{pw}x{ph}" == preset), DEFAULT_SIZE)
    s = _clamp(scale, MIN_SCALE, MAX_SCALE, 1)
    s = min(s, max(MIN_SCALE, int((max_pixels() / (w * h)) ** 0.5)))  # within the pixel budget (params.py)
    s = int(s) if float(s).is_integer() else s
    exported = state.with_(theme="slide") if slide else state
    path = to_path(exported, prefix="/export")
    href = path.replace(f"/export/{state.view}", f"/export/{state.view}.{fmt}", 1)
    if fmt in IMAGE_FORMATS or fmt in FILM_FORMATS:
        film = {} if fmt in IMAGE_FORMATS else {"from": _film_year(span[0]), "to": _film_year(span[1])}
        extra = {k: v for k, v in {**film, "width": w, "height": h, "scale": s}.items() if v is not None}
        href += ("&" if "?" in href else "?") + urlencode(extra)
    root = base_url(origin)
    return {
        "href": href,
        "filename": export_filename(state.view, fmt, state=state),
        "link": root + to_path(state),
        "embed": embed_snippet(root + to_path(state, prefix="/embed"), t("app.title")),
    }


def film_inputs(view: str, span: tuple[int, int] | None):
    """From / To years of a film; on every page (the one callback needs them), shown where films exist."""
    first, last = span or (None, None)
    number = {
        "type": "number",
        "debounce": True,
        "step": 1,
        "className": "form-control form-control-sm atlas-export-number",
    }
    return html.Div(
        [
            html.Div(
                [
                    html.Label([t("film.from"), dcc.Input(id=ids.EXPORT_FROM, value=first, **number)]),
                    html.Label([t("film.to"), dcc.Input(id=ids.EXPORT_TO, value=last, **number)]),
                ],
                className="d-flex gap-2",
            ),
            html.Div(t("film.hint"), className="small text-muted"),
        ],
        style={} if view in FILM_VIEWS else {"display": "none"},
    )


def copy_button(target: str, label: str):
    """A real button (Tab reaches it, Enter and Space press it) that copies its target's text: assets/a11y.js."""
    return html.Button(
        label,
        type="button",
        className="btn btn-sm btn-outline-secondary text-nowrap",
        **{"data-copy": target, "data-copied": t("export.copied")},
    )


def export_controls(view: str, state: ViewState, *, span: tuple[int, int] | None = None):
    """The collapsible Export panel (a <details>, so it opens without a server round trip).

    `span`: the (from, to) years a film of this view offers by default (the map's only).
    """
    links = export_links(state, "png", f"{DEFAULT_SIZE[0]}x{DEFAULT_SIZE[1]}", None, None, 1, False, "")
    formats = FORMATS + (FILM_FORMATS if view in FILM_VIEWS else ())
    presets = [{"label": t(f"export.preset.{w}x{h}"), "value": f"{w}x{h}"} for w, h in PRESETS]
    number = {"type": "number", "debounce": True, "className": "form-control form-control-sm atlas-export-number"}
    return html.Details(
        [
            html.Summary(t("export.button"), className="btn btn-sm btn-outline-primary"),
            html.Div(
                [
                    choice_group(
                        ids.EXPORT_FORMAT,
                        t("export.format"),
                        [{"label": t(f"export.format.{f}"), "value": f} for f in formats],
                        "png",
                        inputClassName="me-1",
                    ),
                    choice_group(
                        ids.EXPORT_PRESET,
                        t("export.size"),
                        presets + [{"label": t("export.preset.custom"), "value": CUSTOM}],
                        presets[0]["value"],
                        inputClassName="me-1",
                    ),
                    html.Div(
                        [
                            html.Label(
                                [
                                    t("export.width"),
                                    dcc.Input(
                                        id=ids.EXPORT_WIDTH,
                                        value=DEFAULT_SIZE[0],
                                        min=MIN_SIZE,
                                        max=MAX_SIZE,
                                        step=1,
                                        disabled=True,
                                        **number,
                                    ),
                                ]
                            ),
                            html.Label(
                                [
                                    t("export.height"),
                                    dcc.Input(
                                        id=ids.EXPORT_HEIGHT,
                                        value=DEFAULT_SIZE[1],
                                        min=MIN_SIZE,
                                        max=MAX_SIZE,
                                        step=1,
                                        disabled=True,
                                        **number,
                                    ),
                                ]
                            ),
                            html.Label(
                                [
                                    t("export.scale"),
                                    dcc.Input(
                                        id=ids.EXPORT_SCALE, value=1, min=MIN_SCALE, max=MAX_SCALE, step=0.5, **number
                                    ),
                                ]
                            ),
                        ],
                        className="d-flex gap-2",
                    ),
                    html.Div(
                        dcc.Checklist(
                            id=ids.EXPORT_SLIDE,
                            options=[{"label": t("export.slide_theme"), "value": "slide"}],
                            value=["slide"] if state.theme == "slide" else [],
                            inputClassName="me-1",
                        ),
                        className="atlas-choices",  # assets/a11y.js: a plain checkbox in its label
                    ),
                    film_inputs(view, span),
                    html.Div(
                        [
                            html.A(
                                t("export.download"),
                                id=ids.EXPORT_DOWNLOAD,
                                href=links["href"],
                                download=links["filename"],
                                className="btn btn-sm btn-primary my-2",
                            ),
                            # assets/export-progress.js fills this while an export takes more than two seconds
                            html.Span(
                                id=ids.EXPORT_PROGRESS,
                                className="atlas-export-progress small",
                                role="status",
                                **{
                                    "data-film": t("film.rendering_js"),
                                    "data-waiting": t("film.waiting_js"),
                                    "data-done": t("film.done_js"),
                                },
                            ),
                        ],
                        className="d-flex align-items-center gap-2",
                    ),
                    html.Label(t("export.link"), htmlFor=ids.EXPORT_LINK),
                    html.Div(
                        [
                            dcc.Input(
                                id=ids.EXPORT_LINK,
                                value=links["link"],
                                readOnly=True,
                                className="form-control form-control-sm",
                            ),
                            copy_button(ids.EXPORT_LINK, t("export.copy_link")),
                        ],
                        className="d-flex gap-2",
                    ),
                    html.Label(t("export.embed"), htmlFor=ids.EXPORT_EMBED),
                    html.Div(
                        [
                            dcc.Textarea(
                                id=ids.EXPORT_EMBED,
                                value=links["embed"],
                                readOnly=True,
                                rows=3,
                                className="form-control form-control-sm",
                            ),
                            copy_button(ids.EXPORT_EMBED, t("export.copy_embed")),
                        ],
                        className="d-flex gap-2",
                    ),
                ],
                className="atlas-export-body",
            ),
        ],
        id=ids.EXPORT_PANEL,
        className="atlas-export",
    )


CAMERA_NAME = r"""function(name, config) {
    if (!name) { return window.dash_clientside.no_update; }
    var stem = name.replace(/\.[a-z0-9]+$/, '');
    var options = Object.assign({}, (config || {}).toImageButtonOptions || {}, {filename: stem});
    if (config && config.toImageButtonOptions && config.toImageButtonOptions.filename === stem) {
        return window.dash_clientside.no_update;
    }
    return Object.assign({}, config || {}, {toImageButtonOptions: options});
}"""


def register_camera(app, graph_id: str) -> None:
    """The page's modebar camera saves under the Export control's file name ('budapest-1995-map'), kept in step in
    the browser as the view changes (a page calls this for its graph: both are on the page together)."""
    app.clientside_callback(
        CAMERA_NAME,
        Output(graph_id, "config"),
        Input(ids.EXPORT_DOWNLOAD, "download"),
        State(graph_id, "config"),
        prevent_initial_call=True,
    )


def register(app, catalog: Catalog) -> None:
    @app.callback(
        Output(ids.EXPORT_DOWNLOAD, "href"),
        Output(ids.EXPORT_DOWNLOAD, "download"),
        Output(ids.EXPORT_LINK, "value"),
        Output(ids.EXPORT_EMBED, "value"),
        Output(ids.EXPORT_WIDTH, "disabled"),
        Output(ids.EXPORT_HEIGHT, "disabled"),
        Input(ids.URL, "search"),
        Input(ids.EXPORT_FORMAT, "value"),
        Input(ids.EXPORT_PRESET, "value"),
        Input(ids.EXPORT_WIDTH, "value"),
        Input(ids.EXPORT_HEIGHT, "value"),
        Input(ids.EXPORT_SCALE, "value"),
        Input(ids.EXPORT_SLIDE, "value"),
        Input(ids.URL, "pathname"),
        Input(ids.EXPORT_FROM, "value"),
        Input(ids.EXPORT_TO, "value"),
    )
    def update(search, fmt, preset, width, height, scale, slide, pathname, first=None, last=None):
        view, _ = view_from_path(pathname if isinstance(pathname, str) else "/")
        state, _ = parse_view(search if isinstance(search, str) else "", catalog, view=view)
        origin = (permalink_root(request.host, request.host_url) or "") if has_request_context() else ""
        links = export_links(state, fmt, preset, width, height, scale, bool(slide), origin, (first, last))
        custom = preset == CUSTOM
        return links["href"], links["filename"], links["link"], links["embed"], not custom, not custom
