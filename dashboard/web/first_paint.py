"""What a page's first paint needs comes first: early downloads for its first chart, the rest after it is drawn.

The HTML of a page with a chart asks at once (rel=preload) for what dcc.Graph and plotly.js would otherwise fetch
one after another once the page has rendered: the graph's code and, for the map, the base map and the country
shapes. And a page defers what its first chart does not need (tables, panels, long option lists) until the browser
says the chart is on screen (assets/first_paint.js): `painted(app, store, graph)` is that signal.
"""

from __future__ import annotations

import html

from dash import ClientsideFunction, Input, Output

from dashboard.viewstate import view_from_path

DCC_CHUNKS = "/_dash-component-suites/dash/dcc/"  # dcc's lazily loaded parts (webpack chunks), under these names
TOPOJSON_URL = "/assets/topojson/"  # the graphs' topojsonURL: plotly.js fetches world_110m.json from here
CHART_VIEWS = ("map", "timeline", "mandates", "overlaps")


def preloads(view: str, geometry_url: str) -> list[tuple[str, str]]:
    """(address, kind) of what the first chart of `view` fetches once the page has rendered, in that order."""
    if view not in CHART_VIEWS:
        return []
    items = [(f"{DCC_CHUNKS}async-graph.js", "script")]
    if view == "map":
        items += [(f"{TOPOJSON_URL}world_110m.json", "fetch"), (geometry_url, "fetch")]
    return items


def preload_links(path: str, geometry_url: str) -> str:
    """<link rel=preload> tags for the page at `path`. plotly.js fetches its JSON in CORS mode: crossorigin."""
    view, known = view_from_path(path or "/")
    return "\n".join(
        f'<link rel="preload" href="{html.escape(url)}" as="{kind}"' + (" crossorigin>" if kind == "fetch" else ">")
        for url, kind in (preloads(view, geometry_url) if known else [])
    )


def painted(app, store: str, graph: str) -> None:
    """`store`'s data is set (a time) once `graph` first shows its figure: what listens to it follows the paint."""
    app.clientside_callback(
        ClientsideFunction(namespace="atlas_first", function_name="painted"),
        Output(store, "data"),
        Input(graph, "id"),
    )
