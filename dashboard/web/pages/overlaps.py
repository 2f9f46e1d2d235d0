"""The /overlaps page: the process x process matrix of shared states in a year; a cell opens the map of both."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from dash import Input, Output, State, ctx, dcc, html, no_update

from dashboard.strings import t
from dashboard.views.figures.overlaps import axis_labels
from dashboard.views.overlaps import make_figure, make_overlaps, map_link
from dashboard.viewstate import KINDS, ROLES, THEMES, Catalog, ViewState, listed, parse_view, to_query
from dashboard.web import ids
from dashboard.web.abbr import abbr, t_parts
from dashboard.web.charts import chart_figure, view_text
from dashboard.web.charts import register as register_texts
from dashboard.web.controls import choice_group, labelled
from dashboard.web.ids import leaving
from dashboard.web.pages.export_controls import export_controls, graph_config, register_camera
from dashboard.web.pages.map_change import year_text
from dashboard.web.patching import figure_diff

TOP_PAIRS = 15


def _dropdown(ident: str, label: str, options: list, value, placeholder: str, width: str = "col-md-3"):
    return html.Div(
        [
            html.Label(label, htmlFor=ident),
            dcc.Dropdown(id=ident, options=options, value=value, multi=True, placeholder=placeholder),
        ],
        className=f"col-12 {width}",
    )


def _radio(ident: str, label: str, options: list, value, width: str = "col-md-3"):
    return html.Div(choice_group(ident, label, options, value), className=f"col-12 {width}")


def graph_style(figure: dict) -> dict:
    return {"height": f"{figure['layout']['height']}px", "minWidth": f"{figure['layout']['height'] - 80}px"}


def pairs_panel(atlas, state: ViewState):
    """The pairs that share the most states, each with a link to their map: the matrix in words."""
    o = make_overlaps(atlas, state)
    pairs = [
        (int(o.shared[i, j]), a, b)
        for i, a in enumerate(o.process_ids)
        for j, b in enumerate(o.process_ids)
        if i < j and o.shared[i, j] > 0
    ]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    items = [
        html.Li(
            [
                *t_parts("overlaps.pair" if n != 1 else "overlaps.pair_one", a=abbr(atlas, a), b=abbr(atlas, b), n=n),
                " · ",
                html.A(t("overlaps.pair_link"), href=map_link(o, state, a, b)),
            ]
        )
        for n, a, b in pairs[:TOP_PAIRS]
    ]
    return html.Div(
        [
            html.H2(t("overlaps.pairs", year=o.year), className="h6"),
            html.Ol(items) if items else html.P(t("overlaps.no_pairs", year=o.year)),
            html.Ul([html.Li(n) for n in o.notices], className="small text-muted") if o.notices else None,
        ],
        className="atlas-panel",
        id="overlaps-pairs-panel",
    )


def layout(atlas, state: ViewState, notices: list[str]):
    first, last = atlas.year_range
    year = make_overlaps(atlas, state).year
    figure = make_figure(atlas, state)
    procs = atlas.processes.sort_values(["kind", "region", "founded_year"])
    controls = html.Div(
        [
            _dropdown(
                ids.OVERLAPS_PROCESSES,
                t("overlaps.processes"),
                [{"label": f"{p.short_name} — {p.name}", "value": p.id} for p in procs.itertuples()],
                list(state.processes),
                t("overlaps.processes_placeholder"),
                "col-md-4",
            ),
            _dropdown(
                ids.OVERLAPS_ISSUES,
                t("map.issues"),
                [{"label": i["label"], "value": i["id"]} for i in atlas.issue_by_id.values()],
                list(state.issues),
                t("map.issues_placeholder"),
                "col-md-3",
            ),
            _dropdown(
                ids.OVERLAPS_REGIONS,
                t("timeline.regions"),
                [{"label": r, "value": r} for r in sorted(set(atlas.processes["region"]))],
                list(state.regions),
                t("timeline.regions_placeholder"),
                "col-md-3",
            ),
            _dropdown(
                ids.OVERLAPS_KINDS,
                t("timeline.kinds"),
                [{"label": t(f"timeline.kind.{k}"), "value": k} for k in KINDS],
                list(state.kinds),
                t("timeline.kinds_placeholder"),
                "col-md-2",
            ),
            _radio(
                ids.OVERLAPS_ROLE, t("map.role"), [{"label": t(f"map.role.{r}"), "value": r} for r in ROLES], state.role
            ),
            _radio(
                ids.OVERLAPS_THEME,
                t("map.theme"),
                [{"label": t(f"map.theme.{x}"), "value": x} for x in THEMES],
                state.theme,
            ),
            html.Div(
                [
                    html.Label(t("overlaps.year"), id=f"{ids.OVERLAPS_YEAR}-label"),
                    labelled(
                        f"{ids.OVERLAPS_YEAR}-label",
                        dcc.Slider(
                            id=ids.OVERLAPS_YEAR,
                            min=first,
                            max=last,
                            step=1,
                            value=year,
                            marks={y: str(y) for y in range(first + 5, last - 7, 10)} | {last: str(last)},
                            tooltip={"placement": "top", "always_visible": True},
                            updatemode="mouseup",
                        ),
                    ),
                ],
                className="col-12 col-md-6 atlas-year-block",
            ),
        ],
        className="row g-2 atlas-controls",
    )
    return html.Div(
        [
            dcc.Store(id=ids.OVERLAPS_STATE, data=to_query(state)),
            html.H1(t("overlaps.heading"), className="h4 mt-2"),
            html.P(t("overlaps.intro"), className="text-muted small"),
            controls,
            html.Div(
                [
                    html.Div(
                        [
                            chart_figure(
                                view_text(atlas, state, figure=figure),
                                html.Div(
                                    dcc.Graph(
                                        id=ids.OVERLAPS_GRAPH,
                                        figure=figure,
                                        style=graph_style(figure),
                                        config=graph_config("overlaps", state),
                                    ),
                                    style={"overflowX": "auto"},
                                ),
                                table="overlaps-pairs-panel",
                                table_label=t("a11y.overlaps.table"),
                            ),
                            export_controls("overlaps", state),
                        ],
                        className="col-12 col-xl-8",
                    ),
                    html.Aside(
                        html.Div(pairs_panel(atlas, state), id=ids.OVERLAPS_PAIRS, **{"aria-live": "polite"}),
                        className="col-12 col-xl-4",
                    ),
                ],
                className="row g-3 mt-1",
            ),
        ],
        className=f"atlas-overlaps-page theme-{state.theme}",
        id=ids.OVERLAPS_PAGE,
    )


def state_from_controls(catalog, processes, issues, regions, kinds, role, year, theme) -> ViewState:
    """Controls -> the query grammar, parsed by the one parser (garbage is dropped there)."""
    query = urlencode(
        {
            "process": ",".join(listed(processes)),
            "issue": ",".join(listed(issues)),
            "region": ",".join(listed(regions)),
            "kind": ",".join(listed(kinds)),
            "role": role if isinstance(role, str) else "",
            "year": year_text(year),
            "theme": theme if isinstance(theme, str) else "",
        }
    )
    return parse_view(query, catalog, view="overlaps")[0]


def clicked_pair(click, process_by_label: dict[str, str]) -> tuple[str, str] | None:
    """The (row, column) processes of a clicked cell: plotly.js sends a heatmap cell's axis labels, not its
    customdata."""
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if points and isinstance(points[0], dict) else {}
    a, b = process_by_label.get(point.get("y")), process_by_label.get(point.get("x"))
    return (a, b) if a and b else None


def sync_overlaps(atlas, catalog, trigger, values: tuple, click, search, current):
    """Controls, URL and figure in step; a click on a cell navigates to the map of the pair.
    Returns (href, search, state query, figure, style, pairs panel, *control values)."""
    keep: list[Any] = [no_update] * 7
    base, _ = parse_view(current or "", catalog, view="overlaps")
    if trigger == ids.OVERLAPS_GRAPH:
        shown = make_overlaps(atlas, base)
        pair = clicked_pair(click, dict(zip(axis_labels(atlas, shown.process_ids), shown.process_ids)))
        if pair:
            return (map_link(shown, base, *pair), *[no_update] * 5, *keep)
        return (no_update,) * 6 + tuple(keep)
    if trigger == ids.OVERLAPS_LOCATION:
        state, _ = parse_view(search or "", catalog, view="overlaps")
        keep = [
            list(state.processes),
            list(state.issues),
            list(state.regions),
            list(state.kinds),
            state.role,
            make_overlaps(atlas, state).year,
            state.theme,
        ]
        search_out: Any = no_update
    else:
        state = state_from_controls(catalog, *values)
        if state.year == atlas.default_year and base.year is None:
            state = state.with_(year=None)
        search_out = f"?{to_query(state)}" if to_query(state) else ""
    if to_query(state) == (current or ""):
        return (no_update,) * 6 + tuple(keep)
    figure = make_figure(atlas, state)
    patch = figure_diff(make_figure(atlas, base), figure)
    return (no_update, search_out, to_query(state), patch, graph_style(figure), pairs_panel(atlas, state), *keep)


def chart_texts(atlas, state: ViewState) -> dict:
    """The matrix's title, description, legend and notes (see dashboard.web.charts)."""
    return {"overlaps": view_text(atlas, state)}


def register(app, atlas, catalog: Catalog) -> None:
    register_camera(app, ids.OVERLAPS_GRAPH)
    register_texts(app, atlas, catalog, "overlaps", ids.OVERLAPS_STATE, ("overlaps",), chart_texts)
    controls = (
        ids.OVERLAPS_PROCESSES,
        ids.OVERLAPS_ISSUES,
        ids.OVERLAPS_REGIONS,
        ids.OVERLAPS_KINDS,
        ids.OVERLAPS_ROLE,
        ids.OVERLAPS_YEAR,
        ids.OVERLAPS_THEME,
    )

    @app.callback(
        Output(ids.OVERLAPS_LOCATION, "href", allow_duplicate=True),
        Output(ids.OVERLAPS_LOCATION, "search", allow_duplicate=True),
        Output(ids.OVERLAPS_STATE, "data"),
        Output(ids.OVERLAPS_GRAPH, "figure"),
        Output(ids.OVERLAPS_GRAPH, "style"),
        Output(ids.OVERLAPS_PAIRS, "children"),
        *[Output(c, "value") for c in controls],
        *[Input(c, "value") for c in controls],
        Input(ids.OVERLAPS_GRAPH, "clickData"),
        Input(ids.OVERLAPS_LOCATION, "search"),
        State(ids.OVERLAPS_STATE, "data"),
        State(ids.OVERLAPS_LOCATION, "pathname"),
        prevent_initial_call=True,
    )
    def sync(processes, issues, regions, kinds, role, year, theme, click, search, current, pathname=None):
        if ctx.triggered_id == ids.OVERLAPS_LOCATION and leaving(pathname, "overlaps"):
            return (no_update,) * 13
        values = (processes, issues, regions, kinds, role, year, theme)
        return sync_overlaps(atlas, catalog, ctx.triggered_id, values, click, search, current)

    app.clientside_callback(
        """function(theme) { return 'atlas-overlaps-page theme-' + (theme || 'light'); }""",
        Output(ids.OVERLAPS_PAGE, "className"),
        Input(ids.OVERLAPS_THEME, "value"),
        prevent_initial_call=True,
    )
