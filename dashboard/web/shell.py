"""The frame around every page: skip link, navigation, notices, and the router from path to page layout."""

from __future__ import annotations

import html as _html

from dash import ClientsideFunction, Input, Output, State, dcc, html
from flask import has_request_context, request

from dashboard.strings import t
from dashboard.viewstate import Catalog, ViewState, parse_view, view_from_path
from dashboard.web import deck_basket, ids, language
from dashboard.web.charts import document_title
from dashboard.web.first_paint import preload_links
from dashboard.web.pages import PAGES
from dashboard.web.pages.map import GEOMETRY_URL

NAV_ITEMS = (
    ("map", "nav.map"),
    ("timeline", "nav.timeline"),
    ("mandates", "nav.mandates"),
    ("overlaps", "nav.overlaps"),
    ("about", "nav.about"),
)

# Dash's own index page, with a language on <html> (filled in per request) and no empty <footer> landmark.
INDEX_STRING = """<!DOCTYPE html>
<html lang="en">
    <head>
        {%metas%}
        <title>{%title%}</title>
        {%favicon%}
        {%css%}
    </head>
    <body>
        {%app_entry%}
        {%config%}
        {%scripts%}
        {%renderer%}
    </body>
</html>"""


def notices_block(notices: list[str]):
    if not notices:
        return None
    return html.Div(
        [html.Strong(t("notice.title") + ": "), html.Ul([html.Li(n) for n in notices])],
        className="alert alert-warning atlas-notices",
        role="status",
    )


def layout():
    lang, path, query = language.page_address()
    here = language.with_lang("", lang)
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh="callback-nav"),
            dcc.Store(id=ids.TITLE),
            dcc.Store(id=ids.FOCUS),
            dcc.Store(id=ids.TITLE_SET),
            html.A(t("a11y.skip"), href="#" + ids.MAIN, className="visually-hidden-focusable atlas-skip"),
            html.Header(
                html.Nav(
                    [
                        html.A(t("app.title"), href="/map" + here, className="navbar-brand"),
                        html.Ul(
                            [
                                html.Li(html.A(t(key), href=f"/{view}{here}", className="nav-link", id=f"nav-{view}"))
                                for view, key in NAV_ITEMS
                                if view in PAGES or view == "map"
                            ],
                            className="navbar-nav flex-row gap-3 me-auto",
                        ),
                        deck_basket.basket(),
                        language.menu(lang, path, query),
                    ],
                    className="navbar navbar-expand px-3 atlas-nav",
                    id=ids.NAV,
                    **{"aria-label": t("a11y.nav")},
                )
            ),
            html.Div(id=ids.LIVE, className="visually-hidden", **{"aria-live": "polite"}),
            html.Main(
                [html.Div(id=ids.NOTICES), html.Div(id=ids.PAGE, className="atlas-page")],
                className="container-fluid",
                id=ids.MAIN,
                tabIndex="-1",
            ),
        ]
    )


def render(atlas, catalog: Catalog, pathname: str | None, search: str | None):
    """The page for a path and query: (page children, notices block)."""
    view, known = view_from_path(pathname or "/")
    if view not in PAGES:
        view, known = "map", False
    state, notices = parse_view(search or "", catalog, view=view)
    if not known and (pathname or "/") not in ("/", ""):
        notices.insert(0, t("page.not_found", path=pathname))
    page = PAGES[view]
    children = page.layout(atlas, state, notices)
    language.localise_controls(children)
    if view in ids.PAGE_LOCATION:
        # The page's own Location starts at the address shown, so that mounting it changes nothing.
        here = dcc.Location(
            id=ids.PAGE_LOCATION[view], pathname=pathname or "/", search=search or "", refresh="callback-nav"
        )
        children = html.Div([here, children])
    return children, notices_block(notices)


def page_state(catalog: Catalog, pathname: str | None, search: str | None) -> ViewState:
    view, _ = view_from_path(pathname if isinstance(pathname, str) else "/")
    view = view if view in PAGES else "map"
    return parse_view(search if isinstance(search, str) else "", catalog, view=view)[0]


def register(app, atlas, catalog: Catalog) -> None:
    app.index_string = INDEX_STRING
    interpolate = app.interpolate_index

    def interpolate_index(**parts):
        """The first HTML already carries the view's title and language (before any script runs), and asks at once
        for what its first chart will fetch (first_paint.py)."""
        lang = "en"
        if has_request_context():
            state = page_state(catalog, request.path, request.query_string.decode("utf-8", "replace"))
            title = document_title(atlas, state)
            parts["title"], lang = _html.escape(title["title"]), title["lang"]
            parts["metas"] = parts.get("metas", "") + "\n" + preload_links(request.path, GEOMETRY_URL)
        return interpolate(**parts).replace('<html lang="en">', f'<html lang="{lang}">', 1)

    app.interpolate_index = interpolate_index

    @app.callback(
        Output(ids.PAGE, "children"),
        Output(ids.NOTICES, "children"),
        Input(ids.URL, "pathname"),
        State(ids.URL, "search"),
    )
    def route(pathname, search):
        return render(atlas, catalog, pathname, search)

    @app.callback(Output(ids.TITLE, "data"), Input(ids.URL, "pathname"), State(ids.URL, "search"))
    def title(pathname, search):
        """The document's title and language follow the page (assets/a11y.js sets them); within a page, its chart
        texts' callback keeps them in step with its state (dashboard/web/charts.py)."""
        return document_title(atlas, page_state(catalog, pathname, search))

    app.clientside_callback(
        ClientsideFunction("atlas", "setTitle"), Output(ids.TITLE_SET, "data"), Input(ids.TITLE, "data")
    )
    # After a change of page without a reload (links inside the app, back and forward), focus goes to its <h1>.
    app.clientside_callback(
        ClientsideFunction("atlas", "focusHeading"), Output(ids.FOCUS, "data"), Input(ids.PAGE, "children")
    )
