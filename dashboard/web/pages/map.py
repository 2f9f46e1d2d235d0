"""The /map page: controls, the map, the process panel, the country profile and the data table."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update
from flask import Response

import dashboard.web.pages.map_a11y as map_a11y
import dashboard.web.pages.map_years as map_years
from dashboard.export.film import default_span
from dashboard.strings import t
from dashboard.views.figures.map_view import make_map_view
from dashboard.views.map import make_figure
from dashboard.viewstate import (
    Catalog,
    ViewState,
    parse_view,
    to_query,
)
from dashboard.web import ids
from dashboard.web.charts import chart_figure, view_text
from dashboard.web.controls import labelled
from dashboard.web.first_paint import painted
from dashboard.web.ids import leaving
from dashboard.web.pages.export_controls import export_controls, graph_config, register_camera
from dashboard.web.pages.map_change import compare_control, map_panel, map_table, year_text
from dashboard.web.pages.map_change import register as register_change
from dashboard.web.pages.map_controls import _year_marks, controls_panel, process_options
from dashboard.web.pages.map_panels import (
    country_profile,
)
from dashboard.web.patching import figure_diff

FIGURE_CACHE_SIZE = 64
GEOMETRY_URL = "/geometry/countries.geojson"  # served by register(); plotly.js fetches it once per page


def build_figure(atlas, state: ViewState) -> dict:
    """The map figure for a state (remembered, so that the previous state's figure is at hand for a patch)."""

    def compute() -> dict:
        return make_figure(atlas, state, geojson=GEOMETRY_URL)

    return atlas.remember("map_figures", state, compute, size=FIGURE_CACHE_SIZE)


def figure_patch(atlas, figure: dict, old: ViewState):
    """What differs from the figure of `old` (what the browser shows): a year step redraws the country fills,
    not the outlines, arcs and markers that stayed the same. The geometry is a URL, so it never travels.

    When this worker has not built `old`'s figure (the other worker did, or it left the cache), the whole figure
    goes instead (a few KiB gzipped), rather than building a second figure only to compare it."""
    shown = atlas.recall("map_figures", old)
    return figure if shown is None else figure_diff(shown, figure)


def layout(atlas, state: ViewState, notices: list[str]):
    first, last = atlas.year_range
    year = state.year if state.year is not None else atlas.default_year
    figure = build_figure(atlas, state)
    controls = controls_panel(atlas, state)
    slider = html.Div(
        [
            map_years.play_button(),
            html.Span(t("map.year"), id=f"{ids.MAP_YEAR}-label", className="visually-hidden"),
            labelled(
                f"{ids.MAP_YEAR}-label",
                dcc.Slider(
                    id=ids.MAP_YEAR,
                    min=first,
                    max=last,
                    step=1,
                    value=year,
                    marks=_year_marks(first, last),
                    tooltip={"placement": "top", "always_visible": True},
                    updatemode="mouseup",
                ),
                className="flex-grow-1",
            ),
            compare_control(atlas, state, year),
            map_a11y.year_live(),
        ],
        className="d-flex align-items-center atlas-year",
    )
    year_error = map_a11y.year_error(first, last)
    return html.Div(
        [
            html.H1(t("a11y.map.heading"), className="h5 mb-2"),
            dcc.Store(id=ids.MAP_STATE, data=to_query(state)),
            dcc.Store(id=ids.MAP_PAINTED),  # the first map is on screen: panels, table and options follow
            *map_years.stores(state),
            html.Div(
                [
                    html.Aside(controls, className="col-12 col-lg-3"),
                    html.Div(
                        [
                            slider,
                            year_error,
                            chart_figure(
                                view_text(atlas, state, figure=figure),
                                dcc.Graph(
                                    id=ids.MAP_GRAPH,
                                    figure=figure,
                                    className="atlas-map",
                                    style={"height": "62vh", "minHeight": "420px"},
                                    config=graph_config("map", state),
                                ),
                                table=ids.MAP_TABLE_SECTION,
                            ),
                            export_controls("map", state, span=default_span(atlas, state)),
                        ],
                        className="col-12 col-lg-6",
                    ),
                    html.Aside(
                        [html.Div(loading(), id=ids.MAP_PANEL), html.Div(id=ids.MAP_PROFILE)],
                        className="col-12 col-lg-3",
                    ),
                ],
                className="row g-3",
            ),
            map_a11y.table_section(loading()),
        ],
        className=f"atlas-map-page theme-{state.theme}",
        id=ids.MAP_PAGE,
    )


def loading() -> html.P:
    """Where a part of the page comes once the first map is drawn (the panels callback fills it)."""
    return html.P(t("map.loading"), className="text-muted atlas-loading")


def _state_from_controls(
    catalog,
    base: ViewState,
    processes,
    issues,
    role,
    year,
    layers,
    theme,
    compare_on=None,
    compare=None,
    match=None,
    zoom=None,
) -> ViewState:
    """Controls -> the same query grammar the URL uses, parsed by the one parser: garbage is dropped there."""

    def listed(value) -> str:
        return ",".join(str(v) for v in value if isinstance(v, (str, int))) if isinstance(value, list) else ""

    query = urlencode(
        {
            "process": listed(processes),
            "issue": listed(issues),
            "role": role if isinstance(role, str) else "",
            "year": year_text(year),
            "layer": listed(layers) or "processes",
            "theme": theme if isinstance(theme, str) else "",
            "zoom": zoom if isinstance(zoom, str) else base.zoom,
            "country": base.country or "",
            "compare": year_text(compare) if compare_on else "",
            "match": match if isinstance(match, str) else "",
            "org": ",".join(base.orgs),
        }
    )
    return parse_view(query, catalog, view="map")[0]


def clicked_country(click) -> str | None:
    """The ISO-3 code of a clicked shape (choropleth location) or dot (customdata)."""
    if not click or not click.get("points"):
        return None
    point = click["points"][0]
    if point.get("location"):
        return point["location"]
    data = point.get("customdata")
    return data if isinstance(data, str) else (data[0] if data else None)


def register(app, atlas, catalog: Catalog) -> None:
    register_camera(app, ids.MAP_GRAPH)
    map_a11y.register(app, atlas, catalog, build_figure)
    shapes = json.dumps(
        atlas.geometry.shapes if atlas.geometry else {"type": "FeatureCollection", "features": []},
        separators=(",", ":"),
    ).encode()

    @app.server.route(GEOMETRY_URL)
    def country_shapes():
        response = Response(shapes, mimetype="application/json")
        response.headers["Cache-Control"] = "public, max-age=3600"
        return response

    @app.callback(
        Output(ids.MAP_LOCATION, "search", allow_duplicate=True),
        Output(ids.MAP_STATE, "data"),
        Output(ids.MAP_GRAPH, "figure"),
        Output(ids.MAP_PROCESSES, "value"),
        Output(ids.MAP_ISSUES, "value"),
        Output(ids.MAP_ROLE, "value"),
        Output(ids.MAP_YEAR, "value"),
        Output(ids.MAP_LAYERS, "value"),
        Output(ids.MAP_THEME, "value"),
        Output(ids.MAP_GROUP, "value"),
        Output(ids.MAP_COMPARE_ON, "value"),
        Output(ids.MAP_COMPARE_YEAR, "value"),
        Output(ids.MAP_MATCH, "value"),
        Output(ids.MAP_ZOOM, "value"),
        Output(ids.MAP_SELECTION, "data"),
        Input(ids.MAP_PROCESSES, "value"),
        Input(ids.MAP_ISSUES, "value"),
        Input(ids.MAP_ROLE, "value"),
        Input(ids.MAP_SETTLED, "data"),  # the year, once it rests (the browser paints each step: map_years)
        Input(ids.MAP_LAYERS, "value"),
        Input(ids.MAP_THEME, "value"),
        Input(ids.MAP_GROUP, "value"),
        Input(ids.MAP_ZOOM, "value"),
        Input(ids.MAP_GRAPH, "clickData"),
        Input(ids.MAP_URL, "data"),  # an address change that is not only another year (map_years)
        Input(ids.MAP_COMPARE_ON, "value"),
        Input(ids.MAP_COMPARE_YEAR, "value"),
        Input(ids.MAP_MATCH, "value"),
        State(ids.MAP_LOCATION, "pathname"),
        State(ids.MAP_STATE, "data"),
        State(ids.MAP_YEAR, "value"),
        State(ids.MAP_LOCATION, "search"),
        prevent_initial_call=True,
    )
    def sync(
        processes,
        issues,
        role,
        _settled,
        layers,
        theme,
        group,
        zoom,
        click,
        search,
        compare_on,
        compare,
        match,
        pathname,
        current,
        year,
        address,
    ):
        if ctx.triggered_id == ids.MAP_URL and leaving(pathname, "map"):
            return (no_update,) * 16
        outputs = sync_map(
            atlas,
            catalog,
            ctx.triggered_id,
            processes,
            issues,
            role,
            year,
            layers,
            theme,
            group,
            click,
            search,
            current,
            compare=(compare_on, compare, match),
            zoom=zoom,
        )
        # The browser writes the address of the years it steps (map_years): the server never writes it for them
        # (a back or forward meanwhile would be undone), nor any address the browser already shows.
        url = no_update if ctx.triggered_id == ids.MAP_SETTLED or outputs[0] == (address or "") else outputs[0]
        return (url, *outputs[1:], map_years.new_selection(catalog, current, outputs[1]))

    painted(app, ids.MAP_PAINTED, ids.MAP_GRAPH)

    @app.callback(
        Output(ids.MAP_PANEL, "children"),
        Output(ids.MAP_PROFILE, "children"),
        Output(ids.MAP_TABLE, "children"),
        Input(ids.MAP_STATE, "data"),
        Input(ids.MAP_PAINTED, "data"),  # first after the first map is drawn, then with each state
        prevent_initial_call=True,
    )
    def panels(query, _painted=None):
        state, _ = parse_view(query or "", catalog, view="map")
        view = make_map_view(atlas, state)
        return map_panel(atlas, state, view), country_profile(atlas, state), map_table(atlas, state, view)

    @app.callback(Output(ids.MAP_PROCESSES, "options"), Input(ids.MAP_PAINTED, "data"), prevent_initial_call=True)
    def all_processes(_painted):
        """Every process to choose from, once the first map is drawn (the page came with those chosen)."""
        return process_options(atlas)

    @app.callback(
        Output(ids.MAP_TABLE, "children", allow_duplicate=True),
        Input({"type": "map-page", "step": ALL}, "n_clicks"),
        State("map-table-page", "data"),
        State(ids.MAP_STATE, "data"),
        prevent_initial_call=True,
    )
    def page_table(_clicks, page, query):
        step = ctx.triggered_id.get("step") if isinstance(ctx.triggered_id, dict) else None
        if step not in (-1, 1) or not isinstance(page, int | None) or not any(_clicks or ()):
            return no_update  # only the table's own Previous / Next buttons page it
        state, _ = parse_view(query or "", catalog, view="map")
        return map_table(atlas, state, make_map_view(atlas, state), (page or 0) + step)

    @app.callback(
        Output(ids.MAP_LOCATION, "search", allow_duplicate=True),
        Output(ids.MAP_STATE, "data", allow_duplicate=True),
        Input(ids.MAP_CLOSE_PROFILE, "n_clicks"),
        State(ids.MAP_STATE, "data"),
        prevent_initial_call=True,
    )
    def close_profile(n, query):
        if not n:
            return no_update, no_update
        state, _ = parse_view(query or "", catalog, view="map")
        q = to_query(state.with_(country=None))
        return (f"?{q}" if q else ""), q

    register_change(app)
    app.clientside_callback(
        """function(theme) { return 'atlas-map-page theme-' + (theme || 'light'); }""",
        Output(ids.MAP_PAGE, "className"),
        Input(ids.MAP_THEME, "value"),
        prevent_initial_call=True,
    )
    map_years.register(app, atlas, catalog)


def sync_map(
    atlas,
    catalog,
    trigger,
    processes,
    issues,
    role,
    year,
    layers,
    theme,
    group,
    click,
    search,
    current,
    compare=(),
    zoom=None,
):
    """Keep controls, URL and figure in step. Thin: parse, decide, build. Returned as the callback's outputs.

    `compare`: (compare switched on, compare year, match) from the controls beside the slider and the match radio.
    """
    compare_on, compare_year, match = (tuple(compare) + (None, None, None))[:3]
    keep = [no_update] * 11
    if trigger == ids.MAP_URL:
        state, _ = parse_view(search or "", catalog, view="map")
        if to_query(state) == (current or ""):
            return (no_update, no_update, no_update, *keep)
        controls = [
            list(state.processes),
            list(state.issues),
            state.role,
            state.year if state.year is not None else atlas.default_year,
            list(state.layers),
            state.theme,
            None,
            ["on"] if state.compare is not None else [],
            state.compare if state.compare is not None else no_update,
            state.match,
            state.zoom,
        ]
        old, _ = parse_view(current or "", catalog, view="map")
        return (no_update, to_query(state), figure_patch(atlas, build_figure(atlas, state), old), *controls)
    base, _ = parse_view(current or "", catalog, view="map")
    state = _state_from_controls(
        catalog, base, processes, issues, role, year, layers, theme, compare_on, compare_year, match, zoom
    )
    if trigger == ids.MAP_GROUP and isinstance(group, str) and group:
        field, _, value = group.partition(":")
        members = [p["id"] for p in atlas.process_by_id.values() if p.get(field) == value]
        state = state.with_(processes=tuple(dict.fromkeys(state.processes + tuple(members))))
        keep[0] = list(state.processes)
        keep[6] = None
    if trigger == ids.MAP_GRAPH:
        code = clicked_country(click)
        if code:
            state = state.with_(country=code)
    if state.year == atlas.default_year and base.year is None:
        state = state.with_(year=None)
    query = to_query(state)
    if query == (current or ""):
        return (no_update, no_update, no_update, *keep)
    return (f"?{query}" if query else "", query, figure_patch(atlas, build_figure(atlas, state), base), *keep)
