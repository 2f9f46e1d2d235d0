"""The benchmark's yardstick: a bare, well-configured Dash choropleth of the same data on the same base map.

One callback (the address in, the figure out), gzip, plotly.js as Dash ships it, the base map from the atlas's own
assets (offline, as the atlas). `python -m dashboard bench` serves it with gunicorn beside the atlas, in the same run,
and prints every figure of the atlas with its ratio to this. gunicorn entry: dashboard.bench.reference:server.
"""

from __future__ import annotations

import os
import re

from dash import Dash, Input, Output, dcc, html

from dashboard.config import ASSETS_DIR
from dashboard.data.atlas import load_atlas
from dashboard.views import queries

APP = "dashboard.bench.reference:server"
DEFAULT = ("puebla", 2000)
COLOURS = [[0, "#dcdcdc"], [0.5, "#E69F00"], [1, "#0072B2"]]  # neither, observer, member


def reference_figure(atlas, process: str, year: int) -> dict:
    """Members (2) and observers (1) of one process in a year, every state of that year's map (0 the rest)."""
    rows = queries.memberships_in_year(atlas, [process], year) if process in atlas.process_by_id else None
    values = {}
    if rows is not None and len(rows):
        values = rows.assign(v=(rows["role"] == "member") + 1).groupby("iso3")["v"].max().to_dict()
    codes = queries.shapes_in_year(atlas, year)
    return {
        "data": [
            {
                "type": "choropleth",
                "locationmode": "ISO-3",
                "locations": codes,
                "z": [int(values.get(c, 0)) for c in codes],
                "zmin": 0,
                "zmax": 2,
                "colorscale": COLOURS,
                "showscale": False,
                "marker": {"line": {"color": "#ffffff", "width": 0.5}},
            }
        ],
        "layout": {
            "title": {"text": f"{process}: members and observers, {year}"},
            "geo": {
                "projection": {"type": "natural earth"},
                "fitbounds": False,
                "resolution": 110,
                "showcountries": True,
                "lataxis": {"range": [-58, 85]},
            },
            "margin": {"l": 0, "r": 0, "t": 40, "b": 0},
        },
    }


def parse(search: str | None) -> tuple[str, int]:
    process = re.search(r"(?:^|[?&])process=([\w-]+)", search or "")
    year = re.search(r"(?:^|[?&])year=(\d{4})", search or "")
    return (process.group(1) if process else DEFAULT[0]), (int(year.group(1)) if year else DEFAULT[1])


def create_reference(atlas) -> Dash:
    app = Dash(
        __name__,
        assets_folder=str(ASSETS_DIR),
        assets_ignore=r".*",  # the base map is served from assets/topojson/; none of the atlas's own files is linked
        serve_locally=True,
        compress=True,
        update_title=None,
    )
    app.layout = html.Div(
        [
            dcc.Location(id="url"),
            dcc.Graph(id="map", config={"topojsonURL": "/assets/topojson/"}, style={"height": "62vh"}),
        ]
    )

    @app.callback(Output("map", "figure"), Input("url", "search"))
    def draw(search):
        return reference_figure(atlas, *parse(search))

    return app


def __getattr__(name: str):
    """`server` for gunicorn, built on first access only: a plain Dash registers the full plotly.js for the whole
    process, which must not happen wherever the atlas itself runs (the benchmark, the tests)."""
    if name == "server":
        return create_reference(load_atlas(os.environ.get("ATLAS_DATA") or None)).server
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
