"""The map page for screen readers and the keyboard: its chart's texts, the table's way to a profile, Play's voice."""

from __future__ import annotations

import json

from dash import ALL, Input, Output, State, ctx, html, no_update

from dashboard.strings import t
from dashboard.viewstate import Catalog, ViewState
from dashboard.web import ids
from dashboard.web.charts import register as register_texts
from dashboard.web.charts import view_text
from dashboard.web.controls import pressed


def year_live():
    """Where Play's years are announced (politely: after what the reader is saying). Play writes each year here
    itself (assets/map_years.js), from the words it carries."""
    return html.Div(
        id=ids.MAP_YEAR_LIVE,
        className="visually-hidden",
        **{"aria-live": "polite", "data-year-now": t("a11y.year_now", year="{year}")},
    )


def year_error(first: int, last: int):
    """Where a year typed in the slider's box that the map cannot show is refused, in words (assets/map_years.js
    fills it from the words it carries; the box is marked invalid and keeps what was typed, to be corrected)."""
    return html.P(
        id=ids.MAP_YEAR_ERROR,
        className="alert alert-warning atlas-year-error small py-1 px-2 mb-1",
        role="alert",
        hidden=True,
        **{
            "data-rejected": t("map.year_rejected", value="{value}", first=first, last=last),
            "data-missing": t("map.year_missing", first=first, last=last),
        },
    )


def table_section(table):
    """The map's table under its heading: where the chart's "Show the data as a table" leads (and focus with it)."""
    return html.Section(
        [
            html.H2(t("map.table_heading"), className="h6", id=f"{ids.MAP_TABLE}-heading"),
            html.Div(table, id=ids.MAP_TABLE),
        ],
        id=ids.MAP_TABLE_SECTION,
        className="mt-3",
        tabIndex="-1",
        **{"aria-labelledby": f"{ids.MAP_TABLE}-heading"},
    )


def register(app, atlas, catalog: Catalog, build_figure) -> None:
    """`build_figure(atlas, state)`: the figure the page shows (its legend is read from it)."""

    def chart_texts(atlas, state: ViewState) -> dict:
        return {"map": view_text(atlas, state, figure=build_figure(atlas, state))}

    register_texts(app, atlas, catalog, "map", ids.MAP_STATE, ("map",), chart_texts)

    @app.callback(
        Output(ids.MAP_GRAPH, "clickData"),
        Input({"type": ids.MAP_COUNTRY, "iso3": ALL, "row": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )
    def open_profile(clicks):
        """A country's name in the table opens its profile as a click on its shape does (so, from the keyboard)."""
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not pressed(clicks) or trigger.get("iso3") not in catalog.countries:
            return no_update
        return {"points": [{"location": trigger["iso3"]}]}

    app.clientside_callback(  # while Play runs (its button says Pause), the year is announced
        "function(year, button) { return button !== "
        + json.dumps(t("map.pause"))
        + " ? window.dash_clientside.no_update : "
        + json.dumps(t("a11y.year_now", year="{year}"))
        + ".replace('{year}', year); }",
        Output(ids.MAP_YEAR_LIVE, "children"),
        Input(ids.MAP_YEAR, "value"),
        State(ids.MAP_PLAY, "children"),
        prevent_initial_call=True,
    )
