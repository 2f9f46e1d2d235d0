"""The /mandates page: who holds which migration mandate, since when; organisations compared side by side."""

from __future__ import annotations

from dataclasses import dataclass

from dash import Input, Output, State, ctx, dcc, html, no_update

from dashboard import ids, queries
from dashboard.figures.mandates import (Matrix, build_mandate_matrix, build_process_matrix, cell_symbol,
                                        limit_compare, make_matrix_figure, matrix_height, year_of)
from dashboard.pages.export_controls import export_controls, graph_config
from dashboard.pages.mandates_compare import comparison, since_text
from dashboard.strings import t
from dashboard.viewstate import THEMES, Catalog, ViewState, parse_view, to_query, listed


@dataclass(frozen=True)
class MandatesView:
    """Everything the page shows for a state, computed once: the state as shown, both matrices, notes."""

    state: ViewState
    orgs: Matrix
    processes: Matrix
    notes: tuple[str, ...]

    @property
    def comparing(self) -> bool:
        return len(self.state.orgs) >= 2


def make_view(atlas, state: ViewState) -> MandatesView:
    """Nearest valid view: more than four organisations named -> the first four, with a note saying so."""
    kept, dropped = limit_compare(state.orgs)
    state = state.with_(orgs=kept)
    tables = (atlas.mandates, atlas.organisations, atlas.issue_areas)
    landscape = build_mandate_matrix(*tables, year=state.year, issues=state.issues)
    orgs = build_mandate_matrix(*tables, year=state.year, orgs=state.orgs, issues=state.issues,
                                columns=landscape.issues) if state.orgs else landscape
    process_ids = tuple(queries.selected_processes(atlas, state))
    processes = build_process_matrix(atlas.processes, atlas.process_issues, atlas.issue_areas, year=state.year,
                                     process_ids=process_ids, issues=state.issues, columns=landscape.issues)
    return MandatesView(state, orgs, processes, tuple(_notes(atlas, state, orgs, processes, dropped)))


def _short(atlas, org_id: str) -> str:
    return atlas.org_by_id[org_id]["short_name"]


def _notes(atlas, state, orgs: Matrix, processes: Matrix, dropped) -> list[str]:
    notes = []
    if dropped:
        notes.append(t("mandates.notice.too_many", shown=", ".join(_short(atlas, o) for o in state.orgs),
                       ignored=", ".join(_short(atlas, o) for o in dropped)))
    if len(state.orgs) == 1:
        notes.append(t("mandates.notice.one_org", name=_short(atlas, state.orgs[0])))
    if orgs.left_out:
        notes.append(t("mandates.notice.not_founded", year=state.year,
                       names=", ".join(f"{_short(atlas, o)} ({y})" for o, y in orgs.left_out)))
    for o in orgs.unverified_rows:
        notes.append(t("mandates.notice.org_unverified", name=_short(atlas, o)))
    unverified = sum(1 for (r, _), c in orgs.cells.items() if c.date_unverified and r not in orgs.unverified_rows)
    if unverified:
        notes.append(t("mandates.notice.cells_unverified", n=unverified, year=state.year))
    if processes.left_out:
        notes.append(t("mandates.notice.processes_left_out", n=len(processes.left_out), year=state.year))
    return notes


def _when(state: ViewState) -> str:
    return t("mandates.as_of", year=state.year) if state.year is not None else t("mandates.today")


def make_title(atlas, state: ViewState) -> str:
    return title_for(atlas, make_view(atlas, state))


def title_for(atlas, view: MandatesView) -> str:
    if view.comparing:
        names = ", ".join(_short(atlas, o) for o in view.state.orgs)
        return t("mandates.title.compare", names=names, when=_when(view.state))
    return t("mandates.title.all", n=len(view.orgs.rows), total=len(atlas.org_by_id), when=_when(view.state))


def make_figure(atlas, state: ViewState) -> dict:
    return figure_for(atlas, make_view(atlas, state))


def figure_for(atlas, view: MandatesView) -> dict:
    return make_matrix_figure(view.orgs, theme=view.state.theme, title=title_for(atlas, view))


def make_process_figure(atlas, view: MandatesView) -> dict:
    title = t("mandates.title.processes", n=len(view.processes.rows), total=len(atlas.process_by_id),
              when=_when(view.state))
    return make_matrix_figure(view.processes, theme=view.state.theme, title=title)


def make_rows(atlas, state: ViewState) -> list[dict]:
    """Exactly the mandates the matrix shows, one row per cell that claims one, each with its source."""
    view = make_view(atlas, state)
    rows = []
    for org in view.orgs.rows:
        for issue in view.orgs.issues:
            cell = view.orgs.cell(org, issue)
            if cell is None:
                continue
            src = atlas.source_for(cell.source_id)
            rows.append({"year": view.state.year if view.state.year is not None else "", "org_id": org,
                         "organisation": atlas.org_by_id[org]["name"], "issue_id": issue,
                         "issue": atlas.issue_by_id[issue]["label"], "level": cell.level,
                         "since": "" if cell.since is None else cell.since,
                         "date_verified": "no" if cell.since is None or cell.date_unverified else "yes",
                         "summary": cell.summary, "source_title": src["title"], "source_url": src["url"]})
    return rows


# ---- page parts -------------------------------------------------------------------------------------------------

def source_link(atlas, source_id: str, label: str | None = None):
    src = atlas.source_for(source_id)
    return html.A(label or src["title"], href=src["url"], target="_blank", rel="noopener noreferrer",
                  title=f"{src['title']} — {src['publisher']}, accessed {src.get('accessed', '')}",
                  className="atlas-source")


def notes_block(view: MandatesView):
    if not view.notes:
        return None
    return html.Div(html.Ul([html.Li(n) for n in view.notes]), className="alert alert-info atlas-notices", role="status")


def org_detail(atlas, view: MandatesView, org_id: str, issue_id: str):
    """What a click on an organisation's cell shows: the mandate in words, since when, and its source."""
    org, issue = atlas.org_by_id[org_id], atlas.issue_by_id[issue_id]
    cell = view.orgs.cell(org_id, issue_id)
    head = html.H2(f"{org['short_name']} — {issue['label']}", className="h6")
    if cell is None:
        later = atlas.mandates[(atlas.mandates["org_id"] == org_id) & (atlas.mandates["issue_id"] == issue_id)]
        text = t("mandates.detail.none", org=org["short_name"], issue=issue["label"], when=_when(view.state))
        since = year_of(later.iloc[0]["since_year"]) if len(later) else None
        if since is not None:
            text += " " + t("mandates.detail.later", year=since)
        return html.Div([head, html.P(text)], className="atlas-detail")
    others = [f"{atlas.org_by_id[o]['short_name']} ({t('mandates.level.' + c.level)})"
              for (o, i), c in view.orgs.cells.items() if i == issue_id and o != org_id]
    forums = [atlas.process_by_id[p]["short_name"] for (p, i) in view.processes.cells if i == issue_id]
    return html.Div([
        head,
        html.P(html.Strong(f"{cell_symbol(cell)} {t('mandates.level.' + cell.level)}")),
        html.P(since_text(cell), className="atlas-since"),
        html.P(cell.summary),
        html.P([t("mandates.detail.source") + ": ", source_link(atlas, cell.source_id)], className="atlas-detail-source"),
        html.P(t("mandates.detail.others", names=", ".join(others) or t("panel.none"))),
        html.P(t("mandates.detail.forums", names=", ".join(sorted(forums)) or t("panel.none"))),
    ], className="atlas-detail", id="mandates-cell")


def process_detail(atlas, view: MandatesView, process_id: str, issue_id: str):
    """A click on a process's cell: the source that says it discusses the issue, and who holds that mandate."""
    proc, issue = atlas.process_by_id[process_id], atlas.issue_by_id[issue_id]
    cell = view.processes.cell(process_id, issue_id)
    holders = [f"{atlas.org_by_id[o]['short_name']} ({t('mandates.level.' + c.level)})"
               for (o, i), c in view.orgs.cells.items() if i == issue_id]
    roles = atlas.org_roles[atlas.org_roles["process_id"] == process_id]
    in_process = [f"{atlas.org_by_id[r.org_id]['short_name']} ({t('mandates.role.' + r.role).lower()})"
                  for r in roles.itertuples()]
    status = ([t("mandates.detail.discussed", process=proc["short_name"], issue=issue["label"]), " ",
               source_link(atlas, cell.source_id, t("mandates.source"))] if cell else
              [t("mandates.detail.not_discussed", process=proc["short_name"], issue=issue["label"])])
    return html.Div([
        html.H2(f"{proc['name']} — {issue['label']}", className="h6"),
        html.P(status),
        html.P(t("mandates.detail.holders", issue=issue["label"], names=", ".join(holders) or t("mandates.gap"))),
        html.P(t("mandates.detail.in_process", names=", ".join(in_process) or t("panel.none"))),
    ], className="atlas-detail", id="mandates-process-cell")


def _graph(graph_id, figure, matrix, theme, name):
    return dcc.Graph(id=graph_id, figure=figure, style={"height": f"{matrix_height(matrix, theme=theme)}px"},
                     config=graph_config(name))


def _year_marks(first: int, last: int) -> dict:
    marks = {y: str(y) for y in range(1950, last - 9, 10)}
    marks[last] = t("mandates.today")
    return marks


def layout(atlas, state: ViewState, notices: list[str]):
    view = make_view(atlas, state)
    state = view.state
    first, last = atlas.year_range
    orgs = sorted(atlas.org_by_id.values(), key=lambda o: o["short_name"].lower())
    controls = html.Div([
        html.Div([html.Label(t("mandates.orgs"), htmlFor=ids.MANDATES_ORGS),
                  dcc.Dropdown(id=ids.MANDATES_ORGS, multi=True, value=list(state.orgs),
                               placeholder=t("mandates.orgs_placeholder"),
                               options=[{"label": f"{o['short_name']} — {o['name']}", "value": o["id"]} for o in orgs])],
                 className="col-12 col-lg-4"),
        html.Div([html.Label(t("map.issues"), htmlFor=ids.MANDATES_ISSUES),
                  dcc.Dropdown(id=ids.MANDATES_ISSUES, multi=True, value=list(state.issues),
                               placeholder=t("map.issues_placeholder"),
                               options=[{"label": i["label"], "value": i["id"]} for i in atlas.issue_by_id.values()])],
                 className="col-12 col-lg-3"),
        html.Div([html.Label(t("mandates.year"), htmlFor=ids.MANDATES_YEAR),
                  dcc.Slider(id=ids.MANDATES_YEAR, min=first, max=last, step=1, updatemode="mouseup",
                             value=state.year if state.year is not None else last, marks=_year_marks(first, last),
                             tooltip={"placement": "bottom", "always_visible": False})],
                 className="col-12 col-lg-3"),
        html.Div([html.Label(t("map.theme")),
                  dcc.RadioItems(id=ids.MANDATES_THEME, value=state.theme, inline=True, inputClassName="me-1",
                                 labelClassName="me-3",
                                 options=[{"label": t(f"map.theme.{x}"), "value": x} for x in THEMES])],
                 className="col-12 col-lg-2"),
    ], className="row g-3 atlas-controls")
    return html.Div([
        dcc.Store(id=ids.MANDATES_STATE, data=to_query(state)),
        dcc.Store(id=ids.MANDATES_PROCESS_KEY, data=process_key(state)),
        html.H1(t("mandates.heading"), className="h4"),
        html.P(t("mandates.intro")),
        controls,
        html.Div(notes_block(view), id=ids.MANDATES_NOTES, className="mt-2"),
        html.Div([
            html.Div([_graph(ids.MANDATES_GRAPH, figure_for(atlas, view), view.orgs, state.theme, "mandates"),
                      export_controls("mandates", state)], className="col-12 col-xl-8"),
            html.Aside(html.Div(html.P(t("mandates.detail.hint"), className="text-muted"), id=ids.MANDATES_DETAIL,
                                **{"aria-live": "polite"}), className="col-12 col-xl-4"),
        ], className="row g-3 mt-1"),
        html.Section([html.H2(t("mandates.compare.heading"), className="h5"),
                      html.Div(comparison(atlas, view, _when(state)), id=ids.MANDATES_COMPARE, className="table-responsive")],
                     className="mt-3"),
        html.Section([
            html.H2(t("mandates.processes.heading"), className="h5"),
            html.P(t("mandates.processes.intro"), className="text-muted"),
            html.Div([
                html.Div(_graph(ids.MANDATES_PROCESS_GRAPH, make_process_figure(atlas, view), view.processes,
                                state.theme, "processes-by-issue"), className="col-12 col-xl-8"),
                html.Aside(html.Div(html.P(t("mandates.detail.process_hint"), className="text-muted"),
                                    id=ids.MANDATES_PROCESS_DETAIL, **{"aria-live": "polite"}), className="col-12 col-xl-4"),
            ], className="row g-3"),
        ], className="mt-3"),
    ], className="atlas-mandates-page")


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
    if trigger == ids.URL:
        state, _ = parse_view(search, catalog, view="mandates")
    else:
        base, _ = parse_view(current or "", catalog, view="mandates")
        year = None if not isinstance(year, (int, float)) or int(year) >= last else int(year)   # text: not a year
        state = base.with_(orgs=listed(orgs), issues=listed(issues), year=year,
                           theme=theme if isinstance(theme, str) and theme in THEMES else "light")
        state, _ = parse_view(to_query(state), catalog, view="mandates")
    view = make_view(atlas, state)
    query = to_query(view.state)
    if query == (current or ""):
        return (no_update,) * 11
    before, _ = parse_view(current or "", catalog, view="mandates")
    s = view.state
    controls = [list(s.orgs), list(s.issues), s.year if s.year is not None else last, s.theme]
    if trigger != ids.URL and s.orgs == listed(orgs):
        controls[0] = no_update
    key = process_key(s)
    return (f"?{query}" if query else "", query,
            figure_for(atlas, view), {"height": f"{matrix_height(view.orgs, theme=s.theme)}px"},
            *controls, notes_block(view), html.P(t("mandates.detail.hint"), className="text-muted"),
            no_update if key == process_key(before) else key)


def clicked_cell(view: MandatesView, click, kind: str) -> tuple[str, str] | None:
    """(row id, issue id) of a clicked heatmap cell, read from its labels in the current view."""
    points = click.get("points") if isinstance(click, dict) else None
    point = points[0] if isinstance(points, list) and points and isinstance(points[0], dict) else {}
    matrix = view.orgs if kind == "orgs" else view.processes
    rows = dict(zip(matrix.row_labels, matrix.rows))
    issues = dict(zip(matrix.issue_labels, matrix.issues))
    row, issue = _text(point.get("y")), _text(point.get("x"))
    return (rows[row], issues[issue]) if row in rows and issue in issues else None


def _text(value) -> str:
    """A callback value that must be text; anything else (only a forged request sends it) counts as empty."""
    return value if isinstance(value, str) else ""


def _view_of(atlas, catalog, query) -> MandatesView:
    return make_view(atlas, parse_view(_text(query), catalog, view="mandates")[0])


def register(app, atlas, catalog: Catalog) -> None:
    @app.callback(
        Output(ids.URL, "search", allow_duplicate=True), Output(ids.MANDATES_STATE, "data"),
        Output(ids.MANDATES_GRAPH, "figure"), Output(ids.MANDATES_GRAPH, "style"),
        Output(ids.MANDATES_ORGS, "value"), Output(ids.MANDATES_ISSUES, "value"),
        Output(ids.MANDATES_YEAR, "value"), Output(ids.MANDATES_THEME, "value"),
        Output(ids.MANDATES_NOTES, "children"), Output(ids.MANDATES_DETAIL, "children", allow_duplicate=True),
        Output(ids.MANDATES_PROCESS_KEY, "data"),
        Input(ids.MANDATES_ORGS, "value"), Input(ids.MANDATES_ISSUES, "value"), Input(ids.MANDATES_YEAR, "value"),
        Input(ids.MANDATES_THEME, "value"), Input(ids.URL, "search"), State(ids.MANDATES_STATE, "data"),
        prevent_initial_call=True,
    )
    def sync(orgs, issues, year, theme, search, current):
        return sync_mandates(atlas, catalog, ctx.triggered_id, orgs, issues, year, theme, search, current)

    @app.callback(Output(ids.MANDATES_COMPARE, "children"), Input(ids.MANDATES_STATE, "data"), prevent_initial_call=True)
    def compare(query):
        view = _view_of(atlas, catalog, query)
        return comparison(atlas, view, _when(view.state))

    @app.callback(Output(ids.MANDATES_PROCESS_GRAPH, "figure"), Output(ids.MANDATES_PROCESS_GRAPH, "style"),
                  Output(ids.MANDATES_PROCESS_DETAIL, "children", allow_duplicate=True),
                  Input(ids.MANDATES_PROCESS_KEY, "data"), prevent_initial_call=True)
    def process_matrix(key):
        view = _view_of(atlas, catalog, key)
        return (make_process_figure(atlas, view), {"height": f"{matrix_height(view.processes, theme=view.state.theme)}px"},
                html.P(t("mandates.detail.process_hint"), className="text-muted"))

    @app.callback(Output(ids.MANDATES_DETAIL, "children", allow_duplicate=True),
                  Input(ids.MANDATES_GRAPH, "clickData"), State(ids.MANDATES_STATE, "data"), prevent_initial_call=True)
    def org_click(click, query):
        view = _view_of(atlas, catalog, query)
        cell = clicked_cell(view, click, "orgs")
        return org_detail(atlas, view, *cell) if cell else no_update

    @app.callback(Output(ids.MANDATES_PROCESS_DETAIL, "children", allow_duplicate=True),
                  Input(ids.MANDATES_PROCESS_GRAPH, "clickData"), State(ids.MANDATES_STATE, "data"),
                  prevent_initial_call=True)
    def process_click(click, query):
        view = _view_of(atlas, catalog, query)
        cell = clicked_cell(view, click, "processes")
        return process_detail(atlas, view, *cell) if cell else no_update
