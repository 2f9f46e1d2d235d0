"""The /timeline page: lanes of processes, agreements, organisations and milestones over time, linked to the map."""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard import ids
from dashboard.pages.export_controls import export_controls, graph_config
from dashboard.pages.patching import figure_diff
from dashboard.figures.timeline import REFERENCE_WIDTH, dates_text, make_timeline_figure, title_text
from dashboard.strings import t
from dashboard.timeline_items import PROCESS_KINDS, Item, alive_in, item_by_key, select_items
from dashboard.viewstate import KINDS, LANE_KINDS, THEMES, Catalog, ViewState, parse_view, to_path, to_query, listed

TABLE_PAGE = 15


# ---- the page interface ------------------------------------------------------------------
def make_figure(atlas, state: ViewState) -> dict:
    return make_timeline_figure(atlas, state)


def make_title(atlas, state: ViewState) -> str:
    return title_text(atlas, state)


def make_rows(atlas, state: ViewState) -> list[dict]:
    """Exactly the items the timeline shows, one row per item, with its source."""
    rows = []
    for item in select_items(atlas, state):
        src = atlas.source_for(item.source_id)
        rows.append({"lane": item.lane, "kind": item.kind, "type": item.subkind, "id": item.id, "name": item.name,
                     "start_year": "" if item.start is None else item.start,
                     "end_year": "" if item.end is None else item.end,
                     "issue_ids": ";".join(item.issues), "parties": ";".join(item.parties),
                     "source_title": src["title"], "source_url": src["url"]})
    return rows


# ---- linking to the map ------------------------------------------------------------------
def year_for(atlas, item: Item, current: int | None) -> int:
    """The year the map shows for an item: the timeline's year if the item runs then, else the item's own year."""
    first, last = atlas.year_range
    if current is not None and alive_in(item, current, last):
        return current
    return min(max(item.start if item.start is not None else atlas.default_year, first), last)


def map_state_for(atlas, state: ViewState, selection: str | None) -> ViewState:
    """The map view for a clicked item (or the timeline's year when nothing is selected): same filters, that year."""
    base = ViewState(view="map", issues=state.issues, regions=state.regions, theme=state.theme,
                     kinds=tuple(k for k in state.kinds if k in PROCESS_KINDS))
    item = item_by_key(atlas).get(selection or "")
    year = state.year if state.year is not None else atlas.default_year
    if item is None:
        bilateral = not state.kinds or "bilateral" in state.kinds
        in_force = any(alive_in(i, year, atlas.year_range[1]) for i in select_items(atlas, state) if i.lane == "bilateral")
        return base.with_(year=year, layers=("processes", "agreements") if bilateral and in_force else ("processes",))
    year = year_for(atlas, item, state.year)
    if item.lane in ("regional", "interregional"):
        return base.with_(year=year, processes=(item.id,))
    if item.lane == "bilateral":
        return base.with_(year=year, layers=("processes", "agreements"), country=item.parties[0])
    if item.lane == "organisation":
        roles = atlas.org_roles[atlas.org_roles["org_id"] == item.id]
        return base.with_(year=year, orgs=(item.id,), processes=tuple(dict.fromkeys(roles["process_id"])))
    return base.with_(year=year, issues=state.issues or item.issues)


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
def _source_link(atlas, source_id: str):
    src = atlas.source_for(source_id)
    return html.A(src["title"], href=src["url"], target="_blank", rel="noopener noreferrer",
                  title=f"{src['publisher']}, accessed {src.get('accessed', '')}")


def _record(atlas, item: Item) -> dict:
    table = {"process": atlas.processes, "agreement": atlas.agreements, "org": atlas.organisations,
             "milestone": atlas.milestones}[item.key.split(":", 1)[0]]
    found = table[table["id"] == item.id]
    return found.iloc[0].to_dict() if len(found) else {}


def _sources_of(atlas, item: Item) -> list[str]:
    cited = [item.source_id]
    if item.key.startswith("process:"):
        cited += list(atlas.process_issues.loc[atlas.process_issues["process_id"] == item.id, "source_id"])
    elif item.key.startswith("org:"):
        cited += list(atlas.mandates.loc[atlas.mandates["org_id"] == item.id, "source_id"])
    return list(dict.fromkeys(cited))


def _map_link(atlas, state: ViewState, selection: str | None):
    target = map_state_for(atlas, state, selection)
    return dcc.Link(t("timeline.map_link", year=target.year), href=to_path(target), id="timeline-map-link",
                    className="btn btn-sm btn-primary mt-2")


def details_panel(atlas, state: ViewState, selection: str | None):
    """Details and sources of the clicked item; with none, the year's summary (when a year is chosen)."""
    item = item_by_key(atlas).get(selection or "")
    if item is None:
        if state.year is None:
            return html.P(t("timeline.details.none"), className="text-muted")
        last = atlas.year_range[1]
        running = [i for i in select_items(atlas, state) if alive_in(i, state.year, last)]
        counts = {lane: sum(1 for i in running if i.lane in lanes) for lane, lanes in
                  (("processes", ("regional", "interregional")), ("agreements", ("bilateral",)),
                   ("milestones", ("milestone",)))}
        return html.Div([html.H2(t("timeline.details.year", year=state.year), className="h5"),
                         html.P(t("timeline.details.year_counts", **counts)), _map_link(atlas, state, None)])
    record = _record(atlas, item)
    issues = ", ".join(atlas.issue_by_id[i]["label"] for i in item.issues if i in atlas.issue_by_id) or "—"
    if item.lane == "bilateral":
        issues += " " + t("timeline.hover.by_kind")
    rows = [(t("timeline.details.kind"), t(f"timeline.kind.{item.kind}") + (f" ({item.subkind})"
                                                                            if item.subkind != item.kind else "")),
            (t("timeline.details.dates"), dates_text(item))]
    if item.parties:
        rows.append((t("timeline.details.parties"), " – ".join(atlas.country_name(c) for c in item.parties)))
    if item.detail:
        rows.append((t("timeline.details.members"), item.detail))
    rows.append((t("timeline.details.issues"), issues))
    note = record.get("note")
    if isinstance(note, str) and note:
        rows.append((t("timeline.details.note"), note))
    return html.Div([
        html.H2(item.name, className="h5"),
        html.Dl([part for k, v in rows for part in (html.Dt(k), html.Dd(v))], className="atlas-dl"),
        html.H3(t("timeline.details.sources"), className="h6"),
        html.Ul([html.Li(_source_link(atlas, s)) for s in _sources_of(atlas, item)]),
        _map_link(atlas, state, item.key),
    ], id="timeline-item", **{"data-item": item.key})


def items_table(atlas, state: ViewState, page: int = 0):
    """The items shown, as a table a page at a time (so that no response grows with the data)."""
    items = select_items(atlas, state)
    pages = max(1, -(-len(items) // TABLE_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = items[page * TABLE_PAGE:(page + 1) * TABLE_PAGE]
    head = [t("timeline.table.kind"), t("timeline.table.name"), t("timeline.table.dates"), t("timeline.table.source")]
    return html.Div([
        html.Table([
            html.Caption(t("timeline.table_page", first=page * TABLE_PAGE + 1 if items else 0,
                           last=page * TABLE_PAGE + len(shown), n=len(items))),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
            html.Tbody([html.Tr([html.Td(t(f"timeline.kind.{i.kind}")), html.Td(i.name), html.Td(dates_text(i)),
                                 html.Td(_source_link(atlas, i.source_id))]) for i in shown]),
        ], className="table table-sm atlas-table"),
        html.Div([html.Button(t("timeline.table_previous"), id={"type": "timeline-page", "step": -1},
                              className="btn btn-sm btn-outline-secondary", disabled=page == 0),
                  html.Button(t("timeline.table_next"), id={"type": "timeline-page", "step": 1},
                              className="btn btn-sm btn-outline-secondary", disabled=page >= pages - 1)],
                 className="d-flex gap-2") if pages > 1 else None,
    ]), page


def graph_style(figure: dict, theme: str) -> dict:
    return {"height": f"{figure['layout']['height']}px", "minWidth": f"{REFERENCE_WIDTH.get(theme, 1150)}px"}


def _options(atlas) -> tuple[list, list, list]:
    issues = [{"label": i["label"], "value": i["id"]} for i in atlas.issue_by_id.values()]
    regions = [{"label": r, "value": r} for r in sorted(set(atlas.processes["region"]))]
    kinds = [{"label": t(f"timeline.kind.{k}"), "value": k} for k in ("bilateral",) + KINDS + LANE_KINDS[1:]]
    return issues, regions, kinds


def layout(atlas, state: ViewState, notices: list[str]):
    figure = make_timeline_figure(atlas, state, keep_hidden=True)
    issues, regions, kinds = _options(atlas)
    controls = html.Div([
        html.Div([html.Label(t("timeline.issues"), htmlFor=ids.TIMELINE_ISSUES),
                  dcc.Dropdown(id=ids.TIMELINE_ISSUES, options=issues, value=list(state.issues), multi=True,
                               placeholder=t("timeline.issues_placeholder"))], className="col-12 col-md-3"),
        html.Div([html.Label(t("timeline.regions"), htmlFor=ids.TIMELINE_REGIONS),
                  dcc.Dropdown(id=ids.TIMELINE_REGIONS, options=regions, value=list(state.regions), multi=True,
                               placeholder=t("timeline.regions_placeholder"))], className="col-12 col-md-3"),
        html.Div([html.Label(t("timeline.kinds"), htmlFor=ids.TIMELINE_KINDS),
                  dcc.Dropdown(id=ids.TIMELINE_KINDS, options=kinds, value=list(state.kinds), multi=True,
                               placeholder=t("timeline.kinds_placeholder"))],
                 className="col-12 col-md-3"),
        html.Div([html.Label(t("timeline.theme")),
                  dcc.RadioItems(id=ids.TIMELINE_THEME, options=[{"label": t(f"map.theme.{x}"), "value": x}
                                                                   for x in THEMES],
                                 value=state.theme, inline=True, inputClassName="me-1", labelClassName="me-3")],
                 className="col-12 col-md-3"),
    ], className="row g-2 atlas-controls")
    return html.Div([
        dcc.Store(id=ids.TIMELINE_STATE, data=to_query(state)),
        dcc.Store(id=ids.TIMELINE_SELECTED, data=None),
        controls,
        html.P(t("timeline.help"), className="text-muted small mt-2 mb-1"),
        html.Div([
            html.Div([html.Div(dcc.Graph(id=ids.TIMELINE_GRAPH, figure=figure, style=graph_style(figure, state.theme),
                                        config=graph_config("timeline")),
                              className="atlas-timeline-scroll", style={"overflowX": "auto"}),
                      export_controls("timeline", state)], className="col-12 col-xl-9"),
            html.Aside(html.Div(details_panel(atlas, state, None), id=ids.TIMELINE_DETAILS, className="atlas-panel",
                                **{"aria-live": "polite"}), className="col-12 col-xl-3"),
        ], className="row g-3"),
        html.Section([html.Button(t("timeline.table_summary", n=len(select_items(atlas, state))),
                                  id=ids.TIMELINE_TABLE_BOX, n_clicks=0, className="btn btn-sm btn-outline-secondary",
                                  **{"aria-controls": ids.TIMELINE_TABLE}),
                      html.Div(id=ids.TIMELINE_TABLE), dcc.Store(id=ids.TIMELINE_TABLE_PAGE, data=0)],
                     className="mt-3"),
    ], className="atlas-timeline-page")


# ---- callbacks ---------------------------------------------------------------------------
def sync_timeline(atlas, catalog, trigger, issues, regions, kinds, theme, click, search, current):
    """Keep controls, URL, figure and selection in step. Returned as the callback's outputs:
    (search, state query, figure patch, graph style, issues, regions, kinds, theme, selection)."""
    keep = [no_update] * 4
    base, _ = parse_view(current or "", catalog, view="timeline")

    def redraw(state: ViewState) -> tuple:
        old = make_timeline_figure(atlas, base, keep_hidden=True)
        new = make_timeline_figure(atlas, state, keep_hidden=True)
        return figure_diff(old, new), graph_style(new, state.theme)

    if trigger == ids.URL:
        state, _ = parse_view(search or "", catalog, view="timeline")
        if to_query(state) == (current or ""):
            return (no_update,) * 4 + tuple(keep) + (no_update,)
        controls = [list(state.issues), list(state.regions), list(state.kinds), state.theme]
        return (no_update, to_query(state), *redraw(state), *controls, None)
    state = base.with_(issues=listed(issues), regions=listed(regions), kinds=listed(kinds), theme=theme or "light")
    state, _ = parse_view(to_query(state), catalog, view="timeline")  # drops anything unknown
    selection = no_update
    if trigger == ids.TIMELINE_GRAPH:
        hit = clicked(click)
        if isinstance(hit, int):
            state, selection = state.with_(year=min(max(hit, catalog.first_year), catalog.last_year)), None
        elif hit in item_by_key(atlas):
            state, selection = state.with_(year=year_for(atlas, item_by_key(atlas)[hit], state.year)), hit
    query = to_query(state)
    if query == (current or ""):
        return (no_update,) * 4 + tuple(keep) + (selection,)
    return (f"?{query}" if query else "", query, *redraw(state), *keep, selection)


def register(app, atlas, catalog: Catalog) -> None:
    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True), Output(ids.TIMELINE_STATE, "data"),
        Output(ids.TIMELINE_GRAPH, "figure"), Output(ids.TIMELINE_GRAPH, "style"),
        Output(ids.TIMELINE_ISSUES, "value"), Output(ids.TIMELINE_REGIONS, "value"),
        Output(ids.TIMELINE_KINDS, "value"), Output(ids.TIMELINE_THEME, "value"),
        Output(ids.TIMELINE_SELECTED, "data"),
        Input(ids.TIMELINE_ISSUES, "value"), Input(ids.TIMELINE_REGIONS, "value"), Input(ids.TIMELINE_KINDS, "value"),
        Input(ids.TIMELINE_THEME, "value"), Input(ids.TIMELINE_GRAPH, "clickData"), Input(ids.URL, "search"),
        State(ids.TIMELINE_STATE, "data"),
        prevent_initial_call=True,
    )
    def sync(issues, regions, kinds, theme, click, search, current):
        return sync_timeline(atlas, catalog, ctx.triggered_id, issues, regions, kinds, theme, click, search, current)

    @app.callback(Output(ids.TIMELINE_DETAILS, "children"), Input(ids.TIMELINE_STATE, "data"),
                  Input(ids.TIMELINE_SELECTED, "data"), prevent_initial_call=True)
    def details(query, selection):
        state, _ = parse_view(query or "", catalog, view="timeline")
        return details_panel(atlas, state, selection)

    @app.callback(Output(ids.TIMELINE_TABLE, "children"), Output(ids.TIMELINE_TABLE_BOX, "children"),
                  Output(ids.TIMELINE_TABLE_PAGE, "data"),
                  Input(ids.TIMELINE_STATE, "data"), Input(ids.TIMELINE_TABLE_BOX, "n_clicks"),
                  Input({"type": "timeline-page", "step": ALL}, "n_clicks"), State(ids.TIMELINE_TABLE_PAGE, "data"),
                  prevent_initial_call=True)
    def table(query, clicks, _steps, page):
        state, _ = parse_view(query or "", catalog, view="timeline")
        summary = t("timeline.table_summary", n=len(select_items(atlas, state)))
        if not (clicks or 0) % 2:
            return None, summary, 0
        trigger = ctx.triggered_id
        paging = isinstance(trigger, dict) and any(_steps or ())
        children, page = items_table(atlas, state, (page or 0) + trigger["step"] if paging else 0)
        return children, summary, page
