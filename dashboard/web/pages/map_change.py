"""The change map's parts of the map page: the compare-year control by the slider, its panel and its table."""

from __future__ import annotations

from dash import Input, Output, dcc, html

from dashboard.strings import t
from dashboard.views.changes import CHANGES
from dashboard.views.figures.change_map import make_change_view, summary_text
from dashboard.views.map import agreements_alone, change_table_rows
from dashboard.viewstate import MATCHES, ViewState
from dashboard.web import ids
from dashboard.web.controls import choice_group
from dashboard.web.pages.map_agreements import agreements_panel, agreements_table
from dashboard.web.pages.map_panels import country_button, data_table, paged, paged_table, process_panel


def default_compare(atlas, year: int) -> int:
    """The year the compare control offers when switched on: ten years before the one shown."""
    first, _ = atlas.year_range
    return max(first, year - 10)


def compare_control(atlas, state: ViewState, year: int):
    """'☐ Compare with [1995]' beside the year slider."""
    first, last = atlas.year_range
    on = state.compare is not None
    return html.Div(
        [
            html.Div(
                dcc.Checklist(
                    id=ids.MAP_COMPARE_ON,
                    options=[{"label": t("map.compare"), "value": "on"}],
                    value=["on"] if on else [],
                    inputClassName="me-1",
                    className="text-nowrap",
                ),
                className="atlas-choices",  # assets/a11y.js: a plain checkbox in its label
            ),
            html.Label(t("map.compare_year"), htmlFor=ids.MAP_COMPARE_YEAR, className="visually-hidden"),
            dcc.Input(
                id=ids.MAP_COMPARE_YEAR,
                type="number",
                min=first,
                max=last,
                step=1,
                value=state.compare if on else default_compare(atlas, year),
                disabled=not on,
                debounce=True,
                className="form-control form-control-sm atlas-compare-year",
            ),
        ],
        className="d-flex align-items-center gap-1 atlas-compare",
    )


def match_control(state: ViewState):
    return [
        choice_group(
            ids.MAP_MATCH, t("map.match"), [{"label": t(f"map.match.{m}"), "value": m} for m in MATCHES], state.match
        )
    ]


def change_panel(atlas, state: ViewState, view) -> html.Div:
    """The change in words: '17 states joined, 1 left, …', then who, by kind of change."""
    changes = view.changes
    items = []
    for kind in CHANGES:
        names = [atlas.country_name(c) for c in changes.states(kind)]
        items += [
            html.Dt(f"{t('change.' + kind)} ({len(names)})"),
            html.Dd(", ".join(sorted(names)) or t("change.none_listed"), id=f"change-{kind}"),
        ]
    return html.Div(
        [
            html.H2(t("change.heading", early=changes.early, late=changes.late), className="h5"),
            html.P(summary_text(changes), className="atlas-change-summary", id="change-summary"),
            html.Dl(items, className="atlas-dl"),
            html.Ul([html.Li(n) for n in view.notices], className="small text-muted") if view.notices else None,
        ],
        className="atlas-panel",
        id="change-panel",
        **{"aria-live": "polite"},
    )


def change_table(atlas, view, page: int = 0) -> html.Div | html.P:
    """One line per state, in pages: its change, and per process its role in each year (the CSV has every fact)."""
    rows = change_table_rows(atlas, view)
    if not rows:
        return html.P(t("map.no_rows", year=view.changes.late))
    early, late = view.changes.early, view.changes.late
    by_state: dict[str, list[dict]] = {}
    for r in rows:
        by_state.setdefault(r["iso3"], []).append(r)

    def roles(r) -> str:
        before = t("role." + r["role_before"]) if r["role_before"] else "—"
        after = t("role." + r["role"]) if r["role"] else "—"
        return t("change.table.roles", process=r["process"], early=early, before=before, late=late, after=after)

    states = sorted(by_state.values(), key=lambda rs: (CHANGES.index(rs[0]["change"]), rs[0]["country"]))
    shown, page, pages = paged(states, page)
    head = [t("map.table.country"), t("change.column"), t("change.column.roles")]
    caption = t("change.table_caption", n=len(states), rows=len(rows))
    body = [
        [
            country_button(rs[0]["country"], rs[0]["iso3"], n),
            t("change." + rs[0]["change"]),
            html.Ul([html.Li(roles(r)) for r in rs], className="list-unstyled mb-0"),
        ]
        for n, rs in enumerate(shown)
    ]
    return paged_table(caption, head, body, page, pages)


def map_panel(atlas, state: ViewState, view):
    """The process panel; with `compare`, the change in words and counts; with only agreements, the agreements."""
    if agreements_alone(state, view):
        return agreements_panel(atlas, view.year)
    return (
        change_panel(atlas, state, make_change_view(atlas, state))
        if state.compare is not None
        else process_panel(atlas, state, view)
    )


def map_table(atlas, state: ViewState, view, page: int = 0):
    if agreements_alone(state, view):
        return agreements_table(atlas, view.year, page)
    return (
        change_table(atlas, make_change_view(atlas, state), page)
        if state.compare is not None
        else data_table(atlas, view, page)
    )


def year_text(value) -> str:
    """A control's year as the URL writes it (a number input may send 1995.0)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value) if isinstance(value, (int, float, str)) and not isinstance(value, bool) else ""


def register(app) -> None:
    app.clientside_callback(
        """function(on) { return !(on && on.length); }""",
        Output(ids.MAP_COMPARE_YEAR, "disabled"),
        Input(ids.MAP_COMPARE_ON, "value"),
        prevent_initial_call=True,
    )
