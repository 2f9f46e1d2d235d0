"""The Dash application factory: one validated data package in, a ready app out."""

from __future__ import annotations

import logging

from dash import Dash

from dashboard.config import ASSETS_DIR, PLOTLY_BUNDLE_ASSET
from dashboard.data.atlas import Atlas, load_atlas
from dashboard.strings import t
from dashboard.views.warm import warm
from dashboard.viewstate import Catalog
from dashboard.web import compression, deck_basket, deck_routes, hosts, language, routes, security, shell, timing
from dashboard.web.pages import PAGES, export_controls

log = logging.getLogger("dashboard")


class AtlasDash(Dash):
    """Dash that never registers the full plotly.min.js (4.7 MB) for dcc.Graph to load.

    The atlas's partial bundle is an asset (linked into every page before the renderer starts), so window.Plotly
    exists when a graph first renders and dcc.Graph uses it instead of loading its own. This overrides a private
    method of Dash 4 (dash.py, Dash._setup_plotlyjs); tests/test_plotly_bundle.py fails if Dash stops calling it.
    """

    def _setup_plotlyjs(self):
        self._plotlyjs_url = f"/assets/{PLOTLY_BUNDLE_ASSET}"  # Dash reads it only when not serving locally


def create_app(atlas: Atlas | None = None, *, data_dir=None) -> Dash:
    """Build the app. Raises DataPackageError (listing every problem) when the data is invalid."""
    hosts.check_settings()  # a bad ATLAS_BASE_URL stops here, before any permalink is made
    atlas = atlas if atlas is not None else load_atlas(data_dir)
    catalog = Catalog.from_atlas(atlas)
    warm(atlas)
    app = AtlasDash(
        __name__,
        title=t("app.title"),
        assets_folder=str(ASSETS_DIR),
        # The base maps are served as files on demand, not linked into every page (Dash matches file names only).
        assets_ignore=r"topojson/.*",
        assets_path_ignore=["^present$"],  # present mode's script (assets/present/) only on its own page
        serve_locally=True,
        compress=True,
        suppress_callback_exceptions=True,
        update_title=None,
    )
    app.layout = shell.layout
    shell.register(app, atlas, catalog)
    deck_basket.register(app, atlas, catalog)
    for page in dict.fromkeys(PAGES.values()):
        page.register(app, atlas, catalog)
    app.server.config["ATLAS"] = atlas
    app.server.config["CATALOG"] = catalog
    timing.register(app.server)
    language.register(app.server)  # before the routes: every request speaks its page's language
    compression.register(app.server)  # gzip for /assets/ (plotly.js, CSS, base map)
    routes.register(app, PAGES)  # /embed/<view> and /export/<view>.<format>; 404 for paths that are no page
    deck_routes.register(app)  # /export/deck.pptx, /export/deck.html, /present
    export_controls.register(app, catalog)
    security.register(app)  # headers and CSP, request limits, /healthz, error pages
    return app
