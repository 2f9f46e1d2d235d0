"""The mandates page for screen readers and the keyboard: its two matrices' texts, and the matrices as tables.

Every cell of a table that holds a fact is a button that opens it. A table is drawn only while it is open (a toggle,
as the timeline's), so that the page and its updates stay small. A cell's button sets its graph's clickData, so the
keyboard takes the same path as a click on the chart.
"""

from __future__ import annotations

from dash import ALL, Input, Output, State, ctx, html, no_update

from dashboard.strings import t
from dashboard.views.figures.mandates import Matrix, cell_symbol, cell_words
from dashboard.views.legend import legend_of
from dashboard.views.mandates import (
    MandatesView,
    describe_processes,
    figure_for,
    make_process_figure,
    make_view,
    process_title,
)
from dashboard.viewstate import ViewState
from dashboard.web import ids
from dashboard.web.charts import ChartText, view_text
from dashboard.web.controls import pressed

PROCESS_CHART = "processes-by-issue"


def texts_of(atlas, view: MandatesView, figure: dict, process_figure: dict) -> dict:
    orgs = view_text(atlas, view.state, figure=figure)
    processes = ChartText(
        PROCESS_CHART,
        process_title(atlas, view),
        describe_processes(atlas, view),
        legend_of(process_figure),
        (t("mandates.legend.processes_words"),),
    )
    return {"mandates": orgs, PROCESS_CHART: processes}


def chart_texts(atlas, state: ViewState) -> dict:
    """Both matrices' titles, descriptions and keys (see dashboard.web.charts)."""
    view = make_view(atlas, state)
    return texts_of(atlas, view, figure_for(atlas, view), make_process_figure(atlas, view))


CELL = "mandates-cell-button"  # pattern-matching type: {"type": CELL, "kind": "orgs"|"processes", "row", "issue"}
TABLES = {  # kind -> (toggle id, table id, graph id, caption key, row header key)
    "orgs": (
        ids.MANDATES_TABLE_BOX,
        ids.MANDATES_TABLE,
        ids.MANDATES_GRAPH,
        "mandates.table.orgs",
        "mandates.table.org",
    ),
    "processes": (
        ids.MANDATES_PROCESS_TABLE_BOX,
        ids.MANDATES_PROCESS_TABLE,
        ids.MANDATES_PROCESS_GRAPH,
        "mandates.table.processes",
        "mandates.table.process",
    ),
}
DETAIL = {"orgs": "#mandates-cell h2", "processes": "#mandates-process-cell h2"}


def matrix(view, kind: str) -> Matrix:
    return view.orgs if kind == "orgs" else view.processes


def toggle_label(view, kind: str) -> str:
    m = matrix(view, kind)
    return t(f"{TABLES[kind][3]}_toggle", rows=len(m.rows), issues=len(m.issues))


def toggle(view, kind: str):
    box, table = TABLES[kind][0], TABLES[kind][1]
    return html.Div(
        [
            html.Button(
                toggle_label(view, kind),
                id=box,
                n_clicks=0,
                className="btn btn-sm btn-outline-secondary",
                **{"aria-controls": table, "aria-expanded": "false"},
            ),
            html.Div(id=table, className="table-responsive mt-2"),
        ],
        className="mt-2",
    )


def _cell(kind: str, row: str, issue: str, cell):
    if cell is None:
        return html.Td(html.Span("—", title=t("mandates.gap")), className="text-center")
    return html.Td(
        html.Button(
            [html.Span(cell_symbol(cell), **{"aria-hidden": "true"}), " ", cell_words(cell)],
            id={"type": CELL, "kind": kind, "row": row, "issue": issue},
            className="btn btn-link p-0 text-start atlas-cell",
            **{"data-focus-after": DETAIL[kind]},
        )
    )


def matrix_table(view, kind: str):
    """The matrix as a table: a row per organisation (or process), a column per issue area."""
    m = matrix(view, kind)
    head = [html.Th(t(TABLES[kind][4]), scope="col")] + [html.Th(label, scope="col") for label in m.issue_labels]
    body = [
        html.Tr([html.Th(label, scope="row")] + [_cell(kind, row, issue, m.cell(row, issue)) for issue in m.issues])
        for row, label in zip(m.rows, m.row_labels)
    ]
    return html.Table(
        [
            html.Caption(t(TABLES[kind][3], rows=len(m.rows), issues=len(m.issues))),
            html.Thead(html.Tr(head)),
            html.Tbody(body),
        ],
        className="table table-sm atlas-table atlas-matrix-table",
    )


def register(app, view_of) -> None:
    """`view_of(query, page)`: the MandatesView of a state query (the page's store) and process-matrix page."""
    for kind, (box, table, graph, _, _) in TABLES.items():
        # the process table follows the page of the process matrix; the organisations' has one page
        page_input = [Input(ids.MANDATES_PROCESS_PAGE, "data")] if kind == "processes" else []

        @app.callback(
            Output(table, "children"),
            Output(box, "children"),
            Output(box, "aria-expanded"),
            Input(box, "n_clicks"),
            Input(ids.MANDATES_STATE, "data"),
            *page_input,
            prevent_initial_call=True,
        )
        def show(clicks, query, page=0, kind=kind):
            view = view_of(query, page)
            if not (clicks if isinstance(clicks, int) else 0) % 2:
                return None, toggle_label(view, kind), "false"
            return matrix_table(view, kind), toggle_label(view, kind), "true"

        @app.callback(
            Output(graph, "clickData"),
            Input({"type": CELL, "kind": kind, "row": ALL, "issue": ALL}, "n_clicks"),
            State(ids.MANDATES_STATE, "data"),
            *[State(i.component_id, i.component_property) for i in page_input],
            prevent_initial_call=True,
        )
        def open_cell(clicks, query, page=0, kind=kind):
            """A cell's button opens its detail as a click on the chart does (the chart's labels identify it)."""
            trigger = ctx.triggered_id
            if not isinstance(trigger, dict) or not pressed(clicks):
                return no_update
            m = matrix(view_of(query, page), kind)
            if trigger.get("row") not in m.rows or trigger.get("issue") not in m.issues:
                return no_update
            row = m.row_labels[m.rows.index(trigger["row"])]
            issue = m.issue_labels[m.issues.index(trigger["issue"])]
            return {"points": [{"x": issue, "y": row}]}
