"""The /mandates page: who holds which migration mandate, since when; organisations compared side by side."""

from __future__ import annotations

from html import escape

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard.strings import t
from dashboard.views.figures.mandates import matrix_height
from dashboard.views.mandates import (
    MandatesView,
    figure_for,
    make_process_figure,
    make_view,
    when_text,
)
from dashboard.viewstate import THEMES, Catalog, ViewState, listed, parse_view, to_query
from dashboard.web import ids
from dashboard.web.charts import chart_figure
from dashboard.web.charts import register as register_texts
from dashboard.web.controls import choice_group, labelled
from dashboard.web.ids import leaving
from dashboard.web.pages.export_controls import export_controls, graph_config, register_camera
from dashboard.web.pages.mandates_a11y import PROCESS_CHART, chart_texts, texts_of, toggle
from dashboard.web.pages.mandates_a11y import register as register_tables
from dashboard.web.pages.mandates_compare import comparison
from dashboard.web.pages.mandates_panels import notes_block, org_detail, process_detail, process_pager


# ---- page parts -------------------------------------------------------------------------------------------------
def _graph(graph_id, figure, matrix, theme, name):
    return dcc.Graph(
        id=graph_id,
        figure=figure,
        style={"height": f"{matrix_height(matrix, theme=theme)}px"},
        config=graph_config(name),
    )


def _year_marks(first: int, last: int) -> dict:
    # Every 20 years: the slider has a quarter of a 1280-px row, where marks 10 years apart ran into each other;
    # room at the right end for "aujourd’hui", "hoy".
    marks = {y: str(y) for y in range(1950, last - 19, 20)}
    marks[last] = t("mandates.today")
    return marks


def layout(atlas, state: ViewState, notices: list[str]):
    view = make_view(atlas, state)
    state = view.state
    figure, process_figure = figure_for(atlas, view), make_process_figure(atlas, view)
    texts = texts_of(atlas, view, figure, process_figure)
    first, last = atlas.year_range
    orgs = sorted(atlas.org_by_id.values(), key=lambda o: o["short_name"].lower())
    controls = html.Div(
        [
            html.Div(
                [
                    html.Label(t("mandates.orgs"), htmlFor=ids.MANDATES_ORGS, id=f"{ids.MANDATES_ORGS}-label"),
                    dcc.Dropdown(
                        id=ids.MANDATES_ORGS,
                        multi=True,
                        value=list(state.orgs),
                        placeholder=t("mandates.orgs_placeholder"),
                        options=[{"label": f"{o['short_name']} — {o['name']}", "value": o["id"]} for o in orgs],
                    ),
                ],
                className="col-12 col-lg-4",
            ),
            html.Div(
                [
                    html.Label(t("map.issues"), htmlFor=ids.MANDATES_ISSUES, id=f"{ids.MANDATES_ISSUES}-label"),
                    dcc.Dropdown(
                        id=ids.MANDATES_ISSUES,
                        multi=True,
                        value=list(state.issues),
                        placeholder=t("map.issues_placeholder"),
                        options=[{"label": i["label"], "value": i["id"]} for i in atlas.issue_by_id.values()],
                    ),
                ],
                className="col-12 col-lg-3",
            ),
            html.Div(
                [
                    html.Label(t("mandates.year"), id=f"{ids.MANDATES_YEAR}-label"),
                    labelled(
                        f"{ids.MANDATES_YEAR}-label",
                        dcc.Slider(
                            id=ids.MANDATES_YEAR,
                            min=first,
                            max=last,
                            step=1,
                            updatemode="mouseup",
                            value=state.year if state.year is not None else last,
                            marks=_year_marks(first, last),
                            tooltip={"placement": "bottom", "always_visible": False},
                        ),
                    ),
                ],
                className="col-12 col-lg-3",
            ),
            html.Div(
                choice_group(
                    ids.MANDATES_THEME,
                    t("map.theme"),
                    [{"label": t(f"map.theme.{x}"), "value": x} for x in THEMES],
                    state.theme,
                    inputClassName="me-1",
                ),
                className="col-12 col-lg-2",
            ),
        ],
        className="row g-3 atlas-controls",
    )
    return html.Div(
        [
            dcc.Store(id=ids.MANDATES_STATE, data=to_query(state)),
            dcc.Store(id=ids.MANDATES_PROCESS_KEY, data=process_key(state)),
            html.H1(t("mandates.heading"), className="h4"),
            html.P(t("mandates.intro")),
            controls,
            html.Div(notes_block(view), id=ids.MANDATES_NOTES, className="mt-2"),
            html.Div(
                [
                    html.Div(
                        [
                            chart_figure(
                                texts["mandates"],
                                _graph(ids.MANDATES_GRAPH, figure, view.orgs, state.theme, "mandates"),
                                table=ids.MANDATES_TABLE_BOX,
                            ),
                            toggle(view, "orgs"),
                            export_controls("mandates", state),
                        ],
                        className="col-12 col-xl-8",
                    ),
                    html.Aside(
                        html.Div(
                            html.P(t("mandates.detail.hint"), className="text-muted"),
                            id=ids.MANDATES_DETAIL,
                        ),
                        className="col-12 col-xl-4",
                    ),
                ],
                className="row g-3 mt-1",
            ),
            html.Section(
                [
                    html.H2(t("mandates.compare.heading"), className="h5"),
                    html.Div(
                        comparison(atlas, view, when_text(state)), id=ids.MANDATES_COMPARE, className="table-responsive"
                    ),
                ],
                className="mt-3",
            ),
            html.Section(
                [
                    html.H2(t("mandates.processes.heading"), className="h5"),
                    html.P(t("mandates.processes.intro"), className="text-muted"),
                    html.Div(
                        [
                            html.Div(
                                [
                                    chart_figure(
                                        texts[PROCESS_CHART],
                                        _graph(
                                            ids.MANDATES_PROCESS_GRAPH,
                                            process_figure,
                                            view.processes,
                                            state.theme,
                                            PROCESS_CHART,
                                        ),
                                        table=ids.MANDATES_PROCESS_TABLE_BOX,
                                    ),
                                    html.Nav(
                                        process_pager(view),
                                        id=ids.MANDATES_PROCESS_PAGER,
                                        **{"aria-label": t("mandates.processes.pager")},
                                    ),
                                    dcc.Store(id=ids.MANDATES_PROCESS_PAGE, data=0),
                                    toggle(view, "processes"),
                                ],
                                className="col-12 col-xl-8",
                            ),
                            html.Aside(
                                html.Div(
                                    html.P(t("mandates.detail.process_hint"), className="text-muted"),
                                    id=ids.MANDATES_PROCESS_DETAIL,
                                ),
                                className="col-12 col-xl-4",
                            ),
                        ],
                        className="row g-3",
                    ),
                ],
                className="mt-3",
            ),
        ],
        className=f"atlas-mandates-page theme-{state.theme}",
        id=ids.MANDATES_PAGE,
    )


# ---- callbacks ------------------------------------------------------------------------------------------------------


def process_key(state: ViewState) -> str:
    """What the process matrix depends on (not the organisations): it is redrawn only when this changes."""
    return to_query(state.with_(orgs=()))


def sync_mandates(atlas, catalog, trigger, orgs, issues, year, theme, search, current):
    """Controls, URL and the organisation matrix in step. Returns the callback's outputs (see register).

    The comparison and the process matrix follow in their own small responses (they listen to the stores).
    """
    last = atlas.year_range[1]
    search, current = _text(search), _text(current)
    if trigger == ids.MANDATES_LOCATION:
        state, _ = parse_view(search, catalog, view="mandates")
    else:
        base, _ = parse_view(current or "", catalog, view="mandates")
        year = None if not isinstance(year, (int, float)) or int(year) >= last else int(year)  # text: not a year
        state = base.with_(
            orgs=listed(orgs),
            issues=listed(issues),
            year=year,
            theme=theme if isinstance(theme, str) and theme in THEMES else "light",
        )
        state, _ = parse_view(to_query(state), catalog, view="mandates")
    view = make_view(atlas, state)
    query = to_query(view.state)
    if query == (current or ""):
        return (no_update,) * 11
    before, _ = parse_view(current or "", catalog, view="mandates")
    s = view.state
    controls = [list(s.orgs), list(s.issues), s.year if s.year is not None else last, s.theme]
    if trigger != ids.MANDATES_LOCATION and s.orgs == listed(orgs):
        controls[0] = no_update
    key = process_key(s)
    return (
        f"?{query}" if query else "",
        query,
        figure_for(atlas, view),
        {"height": f"{matrix_height(view.orgs, theme=s.theme)}px"},
        *controls,
        notes_block(view),
        html.P(t("mandates.detail.hint"), className="text-muted"),
        no_update if key == process_key(before) else key,
    )


def clicked_cell(view: MandatesView, click, kind: str) -> tuple[str, str] | None:
    """(row id, issue id) of a clicked heatmap cell, read from its labels in the current view."""
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
    matrix = view.orgs if kind == "orgs" else view.processes
    # the figure's categories are the escaped labels (figures/mandates.py)
    rows = dict(zip(map(escape, matrix.row_labels), matrix.rows))
    issues = dict(zip(map(escape, matrix.issue_labels), matrix.issues))
    row, issue = _text(point.get("y")), _text(point.get("x"))
    return (rows[row], issues[issue]) if row in rows and issue in issues else None


def _text(value) -> str:
    """A callback value that must be text; anything else (only a forged request sends it) counts as empty."""
    return value if isinstance(value, str) else ""


def _view_of(atlas, catalog, query, process_page=0) -> MandatesView:
    page = process_page if isinstance(process_page, int) and not isinstance(process_page, bool) else 0
    return make_view(atlas, parse_view(_text(query), catalog, view="mandates")[0], page)


def register(app, atlas, catalog: Catalog) -> None:
    register_camera(app, ids.MANDATES_GRAPH)
    register_texts(app, atlas, catalog, "mandates", ids.MANDATES_STATE, ("mandates", PROCESS_CHART), chart_texts)
    app.clientside_callback(  # the whole page takes the theme at once (the chart follows from the server)
        "function(theme) { return 'atlas-mandates-page theme-' + (theme || 'light'); }",
        Output(ids.MANDATES_PAGE, "className"),
        Input(ids.MANDATES_THEME, "value"),
        prevent_initial_call=True,
    )
    register_tables(app, lambda query, page=0: _view_of(atlas, catalog, query, page))

    @app.callback(
        Output(ids.MANDATES_LOCATION, "search", allow_duplicate=True),
        Output(ids.MANDATES_STATE, "data"),
        Output(ids.MANDATES_GRAPH, "figure"),
        Output(ids.MANDATES_GRAPH, "style"),
        Output(ids.MANDATES_ORGS, "value"),
        Output(ids.MANDATES_ISSUES, "value"),
        Output(ids.MANDATES_YEAR, "value"),
        Output(ids.MANDATES_THEME, "value"),
        Output(ids.MANDATES_NOTES, "children"),
        Output(ids.MANDATES_DETAIL, "children", allow_duplicate=True),
        Output(ids.MANDATES_PROCESS_KEY, "data"),
        Input(ids.MANDATES_ORGS, "value"),
        Input(ids.MANDATES_ISSUES, "value"),
        Input(ids.MANDATES_YEAR, "value"),
        Input(ids.MANDATES_THEME, "value"),
        Input(ids.MANDATES_LOCATION, "search"),
        State(ids.MANDATES_STATE, "data"),
        State(ids.MANDATES_LOCATION, "pathname"),
        prevent_initial_call=True,
    )
    def sync(orgs, issues, year, theme, search, current, pathname=None):
        if ctx.triggered_id == ids.MANDATES_LOCATION and leaving(pathname, "mandates"):
            return (no_update,) * 11
        return sync_mandates(atlas, catalog, ctx.triggered_id, orgs, issues, year, theme, search, current)

    @app.callback(
        Output(ids.MANDATES_COMPARE, "children"), Input(ids.MANDATES_STATE, "data"), prevent_initial_call=True
    )
    def compare(query):
        view = _view_of(atlas, catalog, query)
        return comparison(atlas, view, when_text(view.state))

    @app.callback(
        Output(ids.MANDATES_PROCESS_GRAPH, "figure"),
        Output(ids.MANDATES_PROCESS_GRAPH, "style"),
        Output(ids.MANDATES_PROCESS_DETAIL, "children", allow_duplicate=True),
        Output(ids.MANDATES_PROCESS_PAGER, "children"),
        Output(ids.MANDATES_PROCESS_PAGE, "data"),
        Input(ids.MANDATES_PROCESS_KEY, "data"),
        Input({"type": ids.MANDATES_PROCESS_STEP, "step": ALL}, "n_clicks"),
        State(ids.MANDATES_PROCESS_PAGE, "data"),
        prevent_initial_call=True,
    )
    def process_matrix(key, clicks, page):
        """A new selection draws its first page; Previous / Next the page before or after the one shown."""
        trigger = ctx.triggered_id
        if isinstance(trigger, dict):
            step = trigger.get("step")
            if step not in (-1, 1) or not any(c for c in clicks or () if isinstance(c, int)):
                return (no_update,) * 5
            page = (page if isinstance(page, int) and not isinstance(page, bool) else 0) + step
        else:
            page = 0
        view = _view_of(atlas, catalog, key, max(0, page))
        return (
            make_process_figure(atlas, view),
            {"height": f"{matrix_height(view.processes, theme=view.state.theme)}px"},
            html.P(t("mandates.detail.process_hint"), className="text-muted"),
            process_pager(view),
            view.process_page,
        )

    @app.callback(
        Output(ids.MANDATES_DETAIL, "children", allow_duplicate=True),
        Input(ids.MANDATES_GRAPH, "clickData"),
        State(ids.MANDATES_STATE, "data"),
        prevent_initial_call=True,
    )
    def org_click(click, query):
        view = _view_of(atlas, catalog, query)
        cell = clicked_cell(view, click, "orgs")
        return org_detail(atlas, view, *cell) if cell else no_update

    @app.callback(
        Output(ids.MANDATES_PROCESS_DETAIL, "children", allow_duplicate=True),
        Input(ids.MANDATES_PROCESS_GRAPH, "clickData"),
        State(ids.MANDATES_STATE, "data"),
        State(ids.MANDATES_PROCESS_PAGE, "data"),
        prevent_initial_call=True,
    )
    def process_click(click, query, page):
        view = _view_of(atlas, catalog, query, page)
        cell = clicked_cell(view, click, "processes")
        return process_detail(atlas, view, *cell) if cell else no_update
