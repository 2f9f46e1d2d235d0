"""Pages: a registry from view name to page module; the shell routes paths to them.

Each page module provides:
- `layout(atlas, state, notices)`: the page for a parsed ViewState;
- `register(app, atlas, catalog)`: its callbacks (thin: parse, call figure/data functions, return);
- `make_figure(atlas, state) -> dict`: the chart for a state (exports and embeds use it);
- `make_rows(atlas, state) -> list[dict]`: exactly the facts the chart shows, each with source_title and source_url;
- `make_title(atlas, state) -> str`: the chart's title.
- optional `CAPTION_PARAMS`: the ViewState fields the view uses, for the filters in words on exports
  (default: every field that is set); optional `CSV_COLUMNS`: the CSV export's column order.
- the Export control: `export_controls(view, state)` in the layout and `config=graph_config(view)` on the
  dcc.Graph (both from dashboard.web.pages.export_controls).

Why not dash.register_page: Dash's page router re-renders the whole page whenever the query string changes,
and every filter change here writes the query string. Our router listens to the path only; each page keeps its
own controls and the URL in step, so a filter change redraws the chart alone.
"""

from __future__ import annotations

from types import ModuleType

from dashboard.web.pages import about, mandates, overlaps, timeline
from dashboard.web.pages import map as map_page

PAGES: dict[str, ModuleType] = {
    "map": map_page,
    "about": about,
    "timeline": timeline,
    "mandates": mandates,
    "overlaps": overlaps,
}
