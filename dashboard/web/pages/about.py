"""The /about page: method, licence, how to cite, and every source, from the data package's metadata."""

from __future__ import annotations

import datetime as _dt

from dash import html

from dashboard import __version__, config
from dashboard.strings import long_date, t


def _source_columns() -> list[str]:
    return [t(f"about.column.{c}") for c in ("title", "publisher", "accessed", "note")]


def _day(created) -> str:
    """The package's date in words of the page's language (its `created` is a datetime: the day is enough)."""
    text = str(created or config.today().isoformat())[:10]
    try:
        return long_date(_dt.date.fromisoformat(text))
    except ValueError:
        return text


def layout(atlas, state, notices):
    licence = atlas.descriptor.get("licenses", [{}])[0]
    sources = atlas.sources.sort_values(["publisher", "title"])
    return html.Div(
        [
            html.H1(t("about.title"), className="h3"),
            html.P(t("app.tagline")),
            html.H2(t("about.method"), className="h5"),
            html.P(t("about.method_text")),
            html.H2(t("about.cite"), className="h5"),
            html.P(
                t(
                    "about.cite_text",
                    version=__version__,
                    date=_day(atlas.descriptor.get("created")),
                    url="/about",
                ),
                id="cite",
            ),
            html.P(t("about.licence", licence=licence.get("title", licence.get("name", "")))),
            html.H2(t("about.sources", n=len(sources)), className="h5"),
            html.Table(
                [
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in _source_columns()])),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Td(html.A(r.title, href=r.url, target="_blank", rel="noopener noreferrer")),
                                    html.Td(r.publisher),
                                    html.Td(r.accessed),
                                    html.Td(r.note),
                                ]
                            )
                            for r in sources.itertuples()
                        ]
                    ),
                ],
                className="table table-sm atlas-table",
                id="sources-table",
            ),
        ],
        className="atlas-about",
    )


def register(app, atlas, catalog) -> None:
    """No callbacks: the page is static for a given data package."""
