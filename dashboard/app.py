"""The Dash application factory: one validated data package in, a ready app out."""

from __future__ import annotations

import logging

from dash import Dash

from dashboard.config import ASSETS_DIR
from dashboard.datapkg import Atlas, load_atlas
from dashboard.pages import PAGES, register_page
from dashboard.pages import about_page, map_page, shell
from dashboard import embed, security, timing
from dashboard.pages import export_controls
from dashboard.pages import mandates_page
from dashboard.pages import timeline_page
from dashboard.strings import t
from dashboard.viewstate import Catalog

log = logging.getLogger("dashboard")


def create_app(atlas: Atlas | None = None, *, data_dir=None) -> Dash:
    """Build the app. Raises DataPackageError (listing every problem) when the data is invalid."""
    atlas = atlas if atlas is not None else load_atlas(data_dir)
    catalog = Catalog.from_atlas(atlas)
    register_page("map", map_page)
    register_page("about", about_page)
    register_page("timeline", timeline_page)
    register_page("mandates", mandates_page)
    app = Dash(
        __name__,
        title=t("app.title"),
        assets_folder=str(ASSETS_DIR),
        assets_ignore=r"topojson/.*",      # served as files on demand, not linked into every page
        serve_locally=True,
        compress=True,
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.layout = shell.layout
    shell.register(app, atlas, catalog)
    for page in dict.fromkeys(PAGES.values()):
        page.register(app, atlas, catalog)
    app.server.config["ATLAS"] = atlas
    app.server.config["CATALOG"] = catalog
    timing.register(app.server)
    embed.register(app)                       # /embed/<view> and /export/<view>.<format>
    export_controls.register(app, catalog)
    security.register(app)                    # headers and CSP, request limits, /healthz, error pages
    return app
