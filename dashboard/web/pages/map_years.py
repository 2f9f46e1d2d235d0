"""Year steps in the browser: the stores, the series callback, Play, and the clientside callbacks (assets/map_years.js).

The slider, Play, and back/forward between years repaint the country fills and the title from the series at once,
with no request; when the year rests (or Play stops) the address gets the year and one request completes what
depends on it (hover texts, markers, outlines, notices, panels, table). A change of selection goes to the server.
"""

from __future__ import annotations

import dataclasses
import functools
from urllib.parse import parse_qsl

from dash import ClientsideFunction, Input, Output, State, dcc, html, no_update

from dashboard.strings import t
from dashboard.views.map_years import selection_key, year_series
from dashboard.viewstate import Catalog, ViewState, parse_view, to_query
from dashboard.web import ids


def stores(state: ViewState) -> list:
    """The page's stores for year steps; the series itself comes after the first paint (register's callback)."""
    return [
        dcc.Store(id=ids.MAP_SERIES),
        dcc.Store(id=ids.MAP_SELECTION, data=selection_key(state)),
        dcc.Store(id=ids.MAP_SETTLED),
        dcc.Store(id=ids.MAP_URL),
    ]


@functools.cache
def after_year() -> tuple[str, ...]:
    """The parameters the one serialiser (viewstate.to_query) writes after `year`, in its order: the browser puts a
    year it steps before them, so that its addresses are the canonical ones. Found by asking to_query itself."""

    def probe(f: dataclasses.Field):
        default = getattr(ViewState(), f.name)
        if isinstance(default, tuple):
            return ("x",)
        return 1 if "int" in str(f.type) else "x"

    fields = [f for f in dataclasses.fields(ViewState) if f.compare and f.name != "view"]
    names = [name for name, _ in parse_qsl(to_query(ViewState(**{f.name: probe(f) for f in fields})))]
    return tuple(names[names.index("year") + 1 :])


def play_button() -> html.Button:
    """Play steps the years in the browser (assets/map_years.js), which reads from the button its labels and where
    the year goes in an address."""
    return html.Button(
        t("map.play"),
        id=ids.MAP_PLAY,
        className="btn btn-sm btn-primary me-2",
        n_clicks=0,
        **{"data-play": t("map.play"), "data-pause": t("map.pause"), "data-after-year": ",".join(after_year())},
    )


def new_selection(catalog: Catalog, before: str | None, after):
    """For the map's sync: the new selection when the state (a query) changed more than its year or country, so
    that the series is sent again; no_update otherwise (the series in the browser still holds)."""
    if after is no_update:
        return no_update
    old, new = (selection_key(parse_view(q or "", catalog, view="map")[0]) for q in (before, after))
    return new if new != old else no_update


def register(app, atlas, catalog: Catalog) -> None:
    @app.callback(
        Output(ids.MAP_SERIES, "data"),
        Input(ids.MAP_SELECTION, "data"),
        Input(ids.MAP_PAINTED, "data"),  # the first map is on screen (first_paint.py)
        State(ids.MAP_STATE, "data"),
        prevent_initial_call=True,
    )
    def series(_selection, _painted, query):
        """Every year's fills for the selection, sent once per selection (after the page's first map is drawn and
        after each change of selection, never per year)."""
        state, _ = parse_view(query or "", catalog, view="map")
        return year_series(atlas, state)

    # The browser keeps the series and the server's state at hand (its output is itself: it never changes it).
    app.clientside_callback(
        ClientsideFunction(namespace="atlas_map", function_name="track"),
        Output(ids.MAP_SERIES, "data", allow_duplicate=True),
        Input(ids.MAP_SERIES, "data"),
        Input(ids.MAP_STATE, "data"),
        prevent_initial_call="initial_duplicate",
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas_map", function_name="year"),
        Output(ids.MAP_YEAR, "value", allow_duplicate=True),
        Output(ids.MAP_URL, "data"),
        Input(ids.MAP_YEAR, "value"),
        Input(ids.MAP_LOCATION, "search"),  # the map page's own Location (see ids.PAGE_LOCATION)
        State(ids.MAP_SERIES, "data"),
        State(ids.MAP_STATE, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="atlas_map", function_name="play"),
        Output(ids.MAP_PLAY, "children"),
        Input(ids.MAP_PLAY, "n_clicks"),
        prevent_initial_call=True,
    )
