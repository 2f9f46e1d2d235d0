"""Pages: each module has `layout(atlas, state, notices)` and `register(app, atlas)`; the registry routes paths to them.

Why not dash.register_page: Dash's page router re-renders the whole page whenever the query string changes,
and every filter change here writes the query string. Our router listens to the path only; each page keeps its
own controls and the URL in step, so a filter change redraws the chart alone.
"""

from __future__ import annotations

PAGES: dict[str, object] = {}


def register_page(view: str, module) -> None:
    PAGES[view] = module
