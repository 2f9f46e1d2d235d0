"""Which language a request speaks: its own `lang=`, or (for Dash's layout and callback requests) the page's."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit

from dash import dcc, html
from flask import g, has_request_context, request

from dashboard.strings import DEFAULT_LANG, LANGS, current_lang, reset_language, set_language, t
from dashboard.web import ids

# Each language's own name, as its speakers write it (the menu shows every choice in its language).
ENDONYMS = {"en": "English", "fr": "Français", "es": "Español"}

# Dash fetches the layout and every callback from the page; the page's address, with its lang=, is the Referer
# (the app sends Referrer-Policy: same-origin, so the browser gives it in full to this host and to no other).
PAGE_REQUESTS = ("/_dash-layout", "/_dash-update-component")


def lang_of_query(query: str) -> str:
    """'process=budapest&lang=fr' -> 'fr'; no lang, or one the atlas does not speak: English."""
    found = [v.strip().lower() for k, v in parse_qsl(query, keep_blank_values=True) if k == "lang"]
    return found[-1] if found and found[-1] in LANGS else DEFAULT_LANG


def request_lang() -> str:
    if "lang" in request.args:
        return lang_of_query(request.query_string.decode("utf-8", "replace"))
    if request.path in PAGE_REQUESTS:
        page = urlsplit(request.headers.get("Referer", ""))
        if page.netloc == request.host:
            return lang_of_query(page.query)
    return DEFAULT_LANG


def with_lang(query: str, lang: str) -> str:
    """`query` (without '?') with its lang= set to `lang` (English: none), as '?...' or ''; the rest kept as is.

    lang= goes last, where the one serialiser (viewstate.to_query) writes it.
    """
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k != "lang"]
    if lang != DEFAULT_LANG:
        pairs.append(("lang", lang))
    text = urlencode(pairs, safe=",")
    return f"?{text}" if text else ""


def page_address() -> tuple[str, str, str]:
    """(language, path, query) of the page being built: Dash builds the layout from /_dash-layout, so the page's
    address is the Referer."""
    lang = current_lang()
    if not has_request_context():
        return lang, "/", ""
    if request.path in PAGE_REQUESTS:
        page = urlsplit(request.headers.get("Referer", ""))
        if page.netloc == request.host:
            return lang, page.path or "/", page.query
        return lang, "/", ""
    return lang, request.path, request.query_string.decode("utf-8", "replace")


def menu(lang: str, path: str, query: str) -> html.Nav:
    """The language menu: the same view in each language (assets/language.js keeps the links on the address shown,
    as the page's filters change it). A link, not a control: the whole page is rebuilt in the new language."""
    items = []
    for code in LANGS:
        current = {"aria-current": "true"} if code == lang else {}
        link = html.A(
            ENDONYMS[code],
            href=(path or "/") + with_lang(query, code),
            lang=code,
            hrefLang=code,
            className="nav-link atlas-lang-link" + (" active fw-semibold" if code == lang else ""),
            id=f"{ids.LANG_MENU}-{code}",
            **{"data-lang": code},
            **current,
        )
        items.append(html.Li(link))
    return html.Nav(
        html.Ul(items, className="navbar-nav flex-row gap-2"),
        className="atlas-lang ms-3",
        id=ids.LANG_MENU,
        **{"aria-label": t("lang.menu")},
    )


DROPDOWN_LABELS = (
    "select_all",
    "deselect_all",
    "selected_count",
    "search",
    "clear_search",
    "clear_selection",
    "no_options_found",
)


def localise_controls(layout) -> None:
    """Dash's own words inside the page's dropdowns ("3 selected", "Search") in the language spoken.

    Done once here for every page, so a page (or a new control) needs nothing of its own.
    """
    if current_lang() == DEFAULT_LANG:
        return  # Dash's defaults are the English words
    labels = {name: t(f"dropdown.{name}") for name in DROPDOWN_LABELS}
    for component in layout._traverse():
        if isinstance(component, dcc.Dropdown) and getattr(component, "labels", None) is None:
            component.labels = labels  # type: ignore[attr-defined]


def register(server) -> None:
    @server.before_request
    def speak():
        g.atlas_lang_token = set_language(request_lang())

    @server.teardown_request
    def done(_exc=None):
        token = g.pop("atlas_lang_token", None)
        if token is not None:
            try:
                reset_language(token)
            except ValueError:  # set in another context (a test client reusing the thread): the next request sets it
                pass
