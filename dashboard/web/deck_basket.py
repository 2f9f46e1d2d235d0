"""The deck basket in the navigation bar: "Add to deck" on every view, the list of what is in it (remove, move up),
Download deck (.pptx), the offline slide show (.html) and Present. The addresses stay in the browser (localStorage).
"""

from __future__ import annotations

from urllib.parse import quote

from dash import ALL, Input, Output, State, ctx, dcc, html, no_update

from dashboard.export.caption import export_filename
from dashboard.export.deck_request import max_web_deck
from dashboard.export.params import ExportError, split_address
from dashboard.strings import t
from dashboard.views.registry import chart_views, get_view
from dashboard.viewstate import Catalog, parse_view, to_path, view_from_path
from dashboard.web import ids

MAX_ADDRESS = 2000  # characters of one stored address; a longer one (edited storage) is dropped


def deck_query(addresses: list[str]) -> str:
    """'view=%2Fmap%3Fyear%3D1995&view=...': the one query string of the deck routes and /present."""
    return "&".join("view=" + quote(a, safe="") for a in addresses)


def clean(catalog: Catalog, stored) -> list[str]:
    """The stored addresses (one a line: the app's stores hold text, callback_guard.py) as canonical view paths,
    each a chart view; anything else (storage edited by hand, an entry of a view that went away) is dropped.
    At most max_web_deck()."""
    out: list[str] = []
    for raw in stored.split("\n") if isinstance(stored, str) else []:
        if not isinstance(raw, str) or not raw or len(raw) > MAX_ADDRESS:
            continue
        try:
            view, query = split_address(raw)
        except ExportError:
            continue
        path = to_path(parse_view(query, catalog, view=view)[0])
        if path not in out:
            out.append(path)
    return out[: max_web_deck()]


def edit(catalog: Catalog, stored, trigger, pathname, search, title_of=to_path) -> tuple[list[str], str]:
    """The basket after one action (`trigger`: 'add', 'clear', ('remove', i) or ('up', i)) and what to say;
    `title_of(state)` names the view added."""
    addresses = clean(catalog, stored)
    if trigger == "clear":
        return [], ""
    if isinstance(trigger, tuple):
        action, i = trigger
        if not 0 <= i < len(addresses):
            return addresses, ""
        if action == "remove":
            return addresses[:i] + addresses[i + 1 :], ""
        if i > 0:
            addresses[i - 1], addresses[i] = addresses[i], addresses[i - 1]
        return addresses, ""
    view, _ = view_from_path(pathname if isinstance(pathname, str) else "/")
    if view not in chart_views():
        return addresses, ""
    state, _ = parse_view(search if isinstance(search, str) else "", catalog, view=view)
    path, title = to_path(state), title_of(state)
    if path in addresses:
        return addresses, t("deck.already", title=title)
    if len(addresses) >= max_web_deck():
        return addresses, t("deck.full", limit=max_web_deck())
    return [*addresses, path], t("deck.added", title=title)


def item(atlas, catalog: Catalog, i: int, address: str):
    view, query = split_address(address)
    state, _ = parse_view(query, catalog, view=view)
    title = get_view(view).make_title(atlas, state)
    button = "btn btn-sm btn-outline-secondary py-0"
    return html.Li(
        [
            html.Span([html.Strong(f"{i + 1}. "), title], className="atlas-deck-title"),
            html.Code(address, className="atlas-deck-address small"),
            html.Span(
                [
                    html.Button(
                        t("deck.up"),
                        id={"type": ids.DECK_UP, "index": i},
                        type="button",
                        className=button,
                        disabled=i == 0,
                        **{"aria-label": t("deck.up_label", i=i + 1)},
                    ),
                    html.Button(
                        t("deck.remove"),
                        id={"type": ids.DECK_REMOVE, "index": i},
                        type="button",
                        className=button,
                        **{"aria-label": t("deck.remove_label", i=i + 1)},
                    ),
                ],
                className="d-flex gap-1",
            ),
        ],
        className="atlas-deck-item",
    )


def basket():
    """The basket's controls (in the navigation bar): Add to deck, and a <details> with the list and the outputs."""
    link = "btn btn-sm my-1"
    return html.Div(
        [
            dcc.Store(id=ids.DECK_STORE, storage_type="local"),
            html.Button(
                t("deck.add"), id=ids.DECK_ADD, type="button", className="btn btn-sm btn-outline-primary text-nowrap"
            ),
            html.Details(
                [
                    html.Summary(
                        t("deck.basket_count", n=0), id=ids.DECK_SUMMARY, className="btn btn-sm btn-primary text-nowrap"
                    ),
                    html.Div(
                        [
                            html.P(id=ids.DECK_SAID, className="small mb-1 atlas-deck-said"),
                            html.P(t("deck.list"), className="fw-semibold mb-1"),
                            html.Ol(id=ids.DECK_LIST, className="atlas-deck-list"),
                            html.Div(
                                [
                                    html.A(
                                        t("deck.download"),
                                        id=ids.DECK_DOWNLOAD,
                                        className=f"{link} btn-primary",
                                        **{"data-progress": ids.DECK_PROGRESS},
                                    ),
                                    html.A(
                                        t("deck.present"),
                                        id=ids.DECK_PRESENT,
                                        className=f"{link} btn-success",
                                        target="_blank",
                                        rel="noopener",
                                    ),
                                    html.A(
                                        t("deck.download_html"),
                                        id=ids.DECK_HTML,
                                        className=f"{link} btn-outline-secondary",
                                    ),
                                    html.Button(
                                        t("deck.clear"),
                                        id=ids.DECK_CLEAR,
                                        type="button",
                                        className=f"{link} btn-outline-danger",
                                    ),
                                ],
                                className="d-flex flex-wrap gap-2",
                            ),
                            html.Span(
                                id=ids.DECK_PROGRESS,
                                className="atlas-export-progress small",
                                role="status",
                                **{"data-waiting": t("film.waiting_js"), "data-done": t("film.done_js")},
                            ),
                            html.P(t("deck.hint"), className="small text-muted mb-0"),
                        ],
                        className="atlas-deck-body",
                    ),
                ],
                id=ids.DECK_PANEL,
                className="atlas-deck",
            ),
            # Said to screen readers at once; shown at the top of the open basket (the count on its button changes).
            html.Span(id=ids.DECK_STATUS, className="visually-hidden", role="status"),
        ],
        className="atlas-deck-bar ms-auto d-flex align-items-center gap-2",
    )


def register(app, atlas, catalog: Catalog) -> None:
    @app.callback(
        Output(ids.DECK_STORE, "data"),
        Output(ids.DECK_STATUS, "children"),
        Output(ids.DECK_SAID, "children"),
        Input(ids.DECK_ADD, "n_clicks"),
        Input(ids.DECK_CLEAR, "n_clicks"),
        Input({"type": ids.DECK_REMOVE, "index": ALL}, "n_clicks"),
        Input({"type": ids.DECK_UP, "index": ALL}, "n_clicks"),
        State(ids.DECK_STORE, "data"),
        State(ids.URL, "pathname"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    def change(_add, _clear, _removes, _ups, stored, pathname, search):
        trigger = ctx.triggered_id
        if not ctx.triggered or not ctx.triggered[0].get("value"):  # a list redrawn: its new buttons, not a click
            return no_update, no_update, no_update
        if isinstance(trigger, dict):
            trigger = ("remove" if trigger.get("type") == ids.DECK_REMOVE else "up", int(trigger.get("index", -1)))
        elif trigger == ids.DECK_CLEAR:
            trigger = "clear"
        else:
            trigger = "add"
        addresses, said = edit(
            catalog, stored, trigger, pathname, search, lambda s: get_view(s.view).make_title(atlas, s)
        )
        return "\n".join(addresses), said, said

    @app.callback(
        Output(ids.DECK_LIST, "children"),
        Output(ids.DECK_SUMMARY, "children"),
        Output(ids.DECK_DOWNLOAD, "href"),
        Output(ids.DECK_DOWNLOAD, "download"),
        Output(ids.DECK_HTML, "href"),
        Output(ids.DECK_HTML, "download"),
        Output(ids.DECK_PRESENT, "href"),
        Output(ids.DECK_PANEL, "className"),
        Input(ids.DECK_STORE, "data"),
    )
    def show(stored):
        addresses = clean(catalog, stored)
        items = [item(atlas, catalog, i, a) for i, a in enumerate(addresses)] or [
            html.Li(t("deck.empty"), className="atlas-deck-empty")
        ]
        query = deck_query(addresses)
        empty = "" if addresses else " atlas-deck-is-empty"

        def href(path: str) -> str | None:  # an empty deck has no links (a link without href takes no focus)
            return f"{path}?{query}" if addresses else None

        return (
            items,
            t("deck.basket_count", n=len(addresses)),
            href("/export/deck.pptx"),
            export_filename("deck", "pptx"),
            href("/export/deck.html"),
            export_filename("deck", "html"),
            href("/present"),
            "atlas-deck" + empty,
        )

    @app.callback(Output(ids.DECK_ADD, "disabled"), Input(ids.URL, "pathname"))
    def addable(pathname):
        view, known = view_from_path(pathname if isinstance(pathname, str) else "/")
        return not known and (pathname or "/") not in ("/", "") or view not in chart_views()
