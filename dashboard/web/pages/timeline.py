"""The /timeline page: lanes of processes, agreements, organisations and milestones over time, linked to the map."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard.strings import t
from dashboard.views.figures.timeline import (
    REFERENCE_WIDTH,
    make_timeline_figure,
)
from dashboard.views.timeline_items import (
    item_by_key,
    select_items,
)
from dashboard.viewstate import (
    KINDS,
    LANE_KINDS,
    THEMES,
    Catalog,
    ViewState,
    listed,
    parse_view,
    to_query,
)
from dashboard.web import ids
from dashboard.web.charts import chart_figure, view_text
from dashboard.web.charts import register as register_texts
from dashboard.web.controls import choice_group, pressed
from dashboard.web.ids import leaving
from dashboard.web.pages.export_controls import export_controls, graph_config, register_camera
from dashboard.web.pages.timeline_panels import (
    TIMELINE_ITEM,
    details_panel,
    items_table,
    year_for,
)
from dashboard.web.patching import figure_diff


def clicked(click) -> str | int | None:
    """An item key ('process:bali') or a year (int) from the graph's clickData."""
    if not click or not click.get("points"):
        return None
    data = click["points"][0].get("customdata")
    if isinstance(data, list):
        data = data[0] if data else None
    if isinstance(data, (int, float)) and not isinstance(data, bool):
        return int(data)
    return data if isinstance(data, str) else None


# ---- pieces of the page ------------------------------------------------------------------
def graph_style(figure: dict, theme: str) -> dict:
    return {"height": f"{figure['layout']['height']}px", "minWidth": f"{REFERENCE_WIDTH.get(theme, 900)}px"}


def _options(atlas) -> tuple[list, list, list]:
    issues = [{"label": i["label"], "value": i["id"]} for i in atlas.issue_by_id.values()]
    regions = [{"label": r, "value": r} for r in sorted(set(atlas.processes["region"]))]
    kinds = [{"label": t(f"timeline.kind.{k}"), "value": k} for k in ("bilateral",) + KINDS + LANE_KINDS[1:]]
    return issues, regions, kinds


def chart_texts(atlas, state: ViewState) -> dict:
    """The timeline's title, description, legend and notes (see dashboard.web.charts)."""
    return {"timeline": view_text(atlas, state, figure=make_timeline_figure(atlas, state))}


def layout(atlas, state: ViewState, notices: list[str]):
    figure = make_timeline_figure(atlas, state, keep_hidden=True)
    issues, regions, kinds = _options(atlas)
    controls = html.Div(
        [
            html.Div(
                [
                    html.Label(t("timeline.issues"), htmlFor=ids.TIMELINE_ISSUES, id=f"{ids.TIMELINE_ISSUES}-label"),
                    dcc.Dropdown(
                        id=ids.TIMELINE_ISSUES,
                        options=issues,
                        value=list(state.issues),
                        multi=True,
                        placeholder=t("timeline.issues_placeholder"),
                    ),
                ],
                className="col-12 col-md-3",
            ),
            html.Div(
                [
                    html.Label(t("timeline.regions"), htmlFor=ids.TIMELINE_REGIONS, id=f"{ids.TIMELINE_REGIONS}-label"),
                    dcc.Dropdown(
                        id=ids.TIMELINE_REGIONS,
                        options=regions,
                        value=list(state.regions),
                        multi=True,
                        placeholder=t("timeline.regions_placeholder"),
                    ),
                ],
                className="col-12 col-md-3",
            ),
            html.Div(
                [
                    html.Label(t("timeline.kinds"), htmlFor=ids.TIMELINE_KINDS, id=f"{ids.TIMELINE_KINDS}-label"),
                    dcc.Dropdown(
                        id=ids.TIMELINE_KINDS,
                        options=kinds,
                        value=list(state.kinds),
                        multi=True,
                        placeholder=t("timeline.kinds_placeholder"),
                    ),
                ],
                className="col-12 col-md-3",
            ),
            html.Div(
                choice_group(
                    ids.TIMELINE_THEME,
                    t("timeline.theme"),
                    [{"label": t(f"map.theme.{x}"), "value": x} for x in THEMES],
                    state.theme,
                    inputClassName="me-1",
                ),
                className="col-12 col-md-3",
            ),
        ],
        className="row g-2 atlas-controls",
    )
    return html.Div(
        [
            html.H1(t("a11y.timeline.heading"), className="h5 mb-2"),
            dcc.Store(id=ids.TIMELINE_STATE, data=to_query(state)),
            dcc.Store(id=ids.TIMELINE_SELECTED, data=state.item),
            controls,
            html.P(t("timeline.help"), className="text-muted small mt-2 mb-1"),
            html.Div(
                [
                    html.Div(
                        [
                            chart_figure(
                                view_text(atlas, state, figure=figure),
                                html.Div(
                                    dcc.Graph(
                                        id=ids.TIMELINE_GRAPH,
                                        figure=figure,
                                        style=graph_style(figure, state.theme),
                                        config=graph_config("timeline", state),
                                    ),
                                    className="atlas-timeline-scroll",
                                    style={"overflowX": "auto"},
                                ),
                                table=ids.TIMELINE_TABLE_BOX,
                            ),
                            export_controls("timeline", state),
                        ],
                        className="col-12 col-xl-9",
                    ),
                    html.Aside(
                        html.Div(
                            details_panel(atlas, state, state.item),
                            id=ids.TIMELINE_DETAILS,
                            className="atlas-panel",
                            **{"aria-live": "polite"},
                        ),
                        className="col-12 col-xl-3",
                    ),
                ],
                className="row g-3",
            ),
            html.Section(
                [
                    html.Button(
                        t("timeline.table_summary", n=len(select_items(atlas, state))),
                        id=ids.TIMELINE_TABLE_BOX,
                        n_clicks=0,
                        className="btn btn-sm btn-outline-secondary",
                        **{"aria-controls": ids.TIMELINE_TABLE, "aria-expanded": "false"},
                    ),
                    html.Div(id=ids.TIMELINE_TABLE),
                    dcc.Store(id=ids.TIMELINE_TABLE_PAGE, data=0),
                ],
                className="mt-3",
            ),
        ],
        className=f"atlas-timeline-page theme-{state.theme}",
        id=ids.TIMELINE_PAGE,
    )


# ---- callbacks ---------------------------------------------------------------------------
def sync_timeline(atlas, catalog, trigger, issues, regions, kinds, theme, click, search, current):
    """Keep controls, URL, figure and selection in step. Returned as the callback's outputs:
    (search, state query, figure patch, graph style, issues, regions, kinds, theme, selection).

    The selection is the state's `item` (the address carries it, so that a permalink reopens the clicked item)."""
    keep = [no_update] * 4
    base, _ = parse_view(current or "", catalog, view="timeline")

    def redraw(state: ViewState) -> tuple:
        old = make_timeline_figure(atlas, base, keep_hidden=True)
        new = make_timeline_figure(atlas, state, keep_hidden=True)
        return figure_diff(old, new), graph_style(new, state.theme)

    if trigger == ids.TIMELINE_LOCATION:
        state, _ = parse_view(search or "", catalog, view="timeline")
        if to_query(state) == (current or ""):
            return (no_update,) * 4 + tuple(keep) + (no_update,)
        controls = [list(state.issues), list(state.regions), list(state.kinds), state.theme]
        return (no_update, to_query(state), *redraw(state), *controls, state.item)
    state = base.with_(issues=listed(issues), regions=listed(regions), kinds=listed(kinds), theme=theme or "light")
    state, _ = parse_view(to_query(state), catalog, view="timeline")  # drops anything unknown
    selection = no_update
    if trigger == ids.TIMELINE_GRAPH:
        hit = clicked(click)
        if isinstance(hit, int):
            state = state.with_(year=min(max(hit, catalog.first_year), catalog.last_year), item=None)
            selection = None
        elif hit in item_by_key(atlas):
            state = state.with_(year=year_for(atlas, item_by_key(atlas)[hit], state.year), item=hit)
            selection = hit
    query = to_query(state)
    if query == (current or ""):
        return (no_update,) * 4 + tuple(keep) + (selection,)
    return (f"?{query}" if query else "", query, *redraw(state), *keep, selection)


def register(app, atlas, catalog: Catalog) -> None:
    register_camera(app, ids.TIMELINE_GRAPH)
    register_texts(app, atlas, catalog, "timeline", ids.TIMELINE_STATE, ("timeline",), chart_texts)
    app.clientside_callback(  # the whole page takes the theme at once (the chart follows from the server)
        "function(theme) { return 'atlas-timeline-page theme-' + (theme || 'light'); }",
        Output(ids.TIMELINE_PAGE, "className"),
        Input(ids.TIMELINE_THEME, "value"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ids.TIMELINE_LOCATION, "search", allow_duplicate=True),
        Output(ids.TIMELINE_STATE, "data"),
        Output(ids.TIMELINE_GRAPH, "figure"),
        Output(ids.TIMELINE_GRAPH, "style"),
        Output(ids.TIMELINE_ISSUES, "value"),
        Output(ids.TIMELINE_REGIONS, "value"),
        Output(ids.TIMELINE_KINDS, "value"),
        Output(ids.TIMELINE_THEME, "value"),
        Output(ids.TIMELINE_SELECTED, "data"),
        Input(ids.TIMELINE_ISSUES, "value"),
        Input(ids.TIMELINE_REGIONS, "value"),
        Input(ids.TIMELINE_KINDS, "value"),
        Input(ids.TIMELINE_THEME, "value"),
        Input(ids.TIMELINE_GRAPH, "clickData"),
        Input(ids.TIMELINE_LOCATION, "search"),
        State(ids.TIMELINE_STATE, "data"),
        State(ids.TIMELINE_LOCATION, "pathname"),
        prevent_initial_call=True,
    )
    def sync(issues, regions, kinds, theme, click, search, current, pathname=None):
        if ctx.triggered_id == ids.TIMELINE_LOCATION and leaving(pathname, "timeline"):
            return (no_update,) * 9
        return sync_timeline(atlas, catalog, ctx.triggered_id, issues, regions, kinds, theme, click, search, current)

    @app.callback(
        Output(ids.TIMELINE_DETAILS, "children"),
        Input(ids.TIMELINE_STATE, "data"),
        Input(ids.TIMELINE_SELECTED, "data"),
        prevent_initial_call=True,
    )
    def details(query, selection):
        state, _ = parse_view(query or "", catalog, view="timeline")
        return details_panel(atlas, state, selection if isinstance(selection, str) else state.item)

    @app.callback(
        Output(ids.TIMELINE_TABLE, "children"),
        Output(ids.TIMELINE_TABLE_BOX, "children"),
        Output(ids.TIMELINE_TABLE_PAGE, "data"),
        Output(ids.TIMELINE_TABLE_BOX, "aria-expanded"),
        Input(ids.TIMELINE_STATE, "data"),
        Input(ids.TIMELINE_TABLE_BOX, "n_clicks"),
        Input({"type": "timeline-page", "step": ALL}, "n_clicks"),
        State(ids.TIMELINE_TABLE_PAGE, "data"),
        prevent_initial_call=True,
    )
    def table(query, clicks, _steps, page):
        state, _ = parse_view(query or "", catalog, view="timeline")
        summary = t("timeline.table_summary", n=len(select_items(atlas, state)))
        if not (clicks or 0) % 2:
            return None, summary, 0, "false"
        trigger = ctx.triggered_id
        step = trigger.get("step") if isinstance(trigger, dict) else None
        paging = step in (-1, 1) and any(s for s in (_steps or ()) if isinstance(s, int))  # the -1/+1 buttons
        page = page if isinstance(page, int) and not isinstance(page, bool) else 0
        children, page = items_table(atlas, state, page + step if paging else 0)
        return children, summary, page, "true"

    @app.callback(
        Output(ids.TIMELINE_GRAPH, "clickData"),
        Input({"type": TIMELINE_ITEM, "key": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    def open_item(clicks):
        """An item's name in the table opens its details as a click on the chart does (so, from the keyboard)."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not pressed(clicks) or trigger.get("key") not in item_by_key(atlas):
            return no_update
        return {"points": [{"customdata": trigger["key"]}]}
