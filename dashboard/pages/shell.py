"""The frame around every page: navigation, notices, and the router from path to page layout."""

from __future__ import annotations

from dash import Input, Output, State, dcc, html

from dashboard import ids
from dashboard.pages import PAGES
from dashboard.strings import t
from dashboard.viewstate import Catalog, parse_view, view_from_path

NAV_ITEMS = (("map", "nav.map"), ("timeline", "nav.timeline"), ("mandates", "nav.mandates"), ("about", "nav.about"))


def notices_block(notices: list[str]):
    if not notices:
        return None
    return html.Div([html.Strong(t("notice.title") + ": "), html.Ul([html.Li(n) for n in notices])],
                    className="alert alert-warning atlas-notices", role="status")


def layout():
    return html.Div([
        dcc.Location(id=ids.URL, refresh="callback-nav"),
        html.Header(html.Nav([
            html.A(t("app.title"), href="/map", className="navbar-brand"),
            html.Div([html.A(t(key), href=f"/{view}", className="nav-link", id=f"nav-{view}")
                      for view, key in NAV_ITEMS if view in PAGES or view == "map"], className="navbar-nav flex-row gap-3"),
        ], className="navbar navbar-expand px-3 atlas-nav", id=ids.NAV, **{"aria-label": "Main"})),
        html.Main([html.Div(id=ids.NOTICES), html.Div(id=ids.PAGE, className="atlas-page")], className="container-fluid"),
    ])


def render(atlas, catalog: Catalog, pathname: str | None, search: str | None):
    """The page for a path and query: (page children, notices block)."""
    view, known = view_from_path(pathname or "/")
    if view not in PAGES:
        view, known = "map", False
    state, notices = parse_view(search or "", catalog, view=view)
    if not known and (pathname or "/") not in ("/", ""):
        notices.insert(0, t("page.not_found", path=pathname))
    page = PAGES[view]
    return page.layout(atlas, state, notices), notices_block(notices)


def register(app, atlas, catalog: Catalog) -> None:
    @app.callback(Output(ids.PAGE, "children"), Output(ids.NOTICES, "children"),
                  Input(ids.URL, "pathname"), State(ids.URL, "search"))
    def route(pathname, search):
        return render(atlas, catalog, pathname, search)
