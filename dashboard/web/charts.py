"""Charts a screen reader can read: each dcc.Graph in a <figure> named by its title and described in words.

The SVG plotly.js draws is hidden from assistive technology (assets/a11y.js), so the figure carries what the eye
reads off the drawing: the title, a description generated from the view's rows, the legend and the notices, and
a link to the same facts as a table. Each page keeps them in step with the address (register).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dash import Input, Output, html

from dashboard.strings import t
from dashboard.views.figures.map import notes_undrawn
from dashboard.views.legend import Legend, legend_of
from dashboard.views.registry import VIEWS, get_view
from dashboard.viewstate import ViewState, parse_view
from dashboard.web import ids


def chart_id(key: str) -> str:
    """The <figure>'s id (its aria-label follows the title)."""
    return f"{key}-chart"


def text_id(key: str) -> str:
    """The id of the text under the chart: description, legend, notes."""
    return f"{key}-chart-text"


@dataclass(frozen=True)
class ChartText:
    key: str  # unique on the page: 'map', 'timeline', 'mandates', 'processes-by-issue'
    title: str
    description: str
    legend: Legend = field(default_factory=Legend)
    notes: tuple[str, ...] = ()
    notes_shown: bool = False  # the chart does not draw its notes: they are shown under it (else read out only)


def view_text(atlas, state: ViewState, *, figure: dict | None = None, key: str | None = None) -> ChartText:
    """The texts of a registered view's chart (its figure is built unless given)."""
    view = get_view(state.view)
    figure = figure if figure is not None else view.make_figure(atlas, state)
    return ChartText(
        key or state.view,
        view.make_title(atlas, state),
        view.describe(atlas, state, None),
        legend_of(figure),
        tuple(view.notes(atlas, state)),
        notes_shown=notes_undrawn(figure),
    )


def description_id(key: str) -> str:
    return f"{key}-description"


def text_children(text: ChartText) -> list:
    """Description (shown), then legend and notes (for screen readers: the drawing shows them to the eye)."""
    children: list = [html.P(text.description, id=description_id(text.key), className="atlas-description")]
    legend = [e.label for e in text.legend.entries]
    if text.legend.scale:
        legend.append(f"{text.legend.scale_title}: {text.legend.scale[0].label}–{text.legend.scale[-1].label}")
    if legend:
        children.append(
            html.Div(
                [html.Span(t("a11y.legend") + ": "), html.Ul([html.Li(x) for x in legend])], className="visually-hidden"
            )
        )
    if text.notes and text.notes_shown:
        children.append(
            html.Ul([html.Li(n) for n in text.notes], className="atlas-notes", **{"aria-label": t("a11y.notes")})
        )
    elif text.notes:
        children.append(
            html.Div(
                [html.Span(t("a11y.notes") + ": "), html.Ul([html.Li(n) for n in text.notes])],
                className="visually-hidden",
            )
        )
    return children


def chart_figure(text: ChartText, graph, *, table: str | None = None, table_label: str | None = None, className=""):
    """The chart in a <figure>: named by its title, described by the text under it; `table`: the id of its table
    (or of what else gives its facts in words: `table_label` says what)."""
    caption = [html.Div(text_children(text), id=text_id(text.key))]
    if table:
        caption.append(html.A(table_label or t("a11y.show_table"), href=f"#{table}", className="atlas-jump small"))
    return html.Figure(
        [graph, html.Figcaption(caption, className="atlas-figcaption")],
        id=chart_id(text.key),
        className=f"atlas-figure {className}".strip(),
        **{"aria-label": t("a11y.chart", title=text.title), "aria-describedby": description_id(text.key)},
    )


TEXTS_CACHE_SIZE = 128


LANGS = ("en", "fr", "es")


def document_title(atlas, state: ViewState) -> dict:
    """The document's title (it names what the page shows: the chart's title, or the page's own) and language."""
    view = VIEWS.get(state.view)
    what = view.make_title(atlas, state) if view else t(f"{state.view}.title")
    lang = getattr(state, "lang", "en")
    return {"title": t("a11y.page_title", what=what, app=t("app.title")), "lang": lang if lang in LANGS else "en"}


def register(app, atlas, catalog, view: str, store: str, keys: tuple[str, ...], texts_for) -> None:
    """Keep the texts of a page's charts and the document's title in step with the page's state: `store` holds its
    query (it changes once the server has drawn the new view, not at each step the browser takes by itself);
    `texts_for(atlas, state)` -> {key: ChartText}, for each of the page's charts (`keys`).

    A page registers this for its own charts, so it runs only while that page is shown; the texts of a query are
    remembered (back and forward, and the same view in many browsers, cost nothing).
    """
    outputs = [Output(chart_id(k), "aria-label") for k in keys] + [Output(text_id(k), "children") for k in keys]

    def compute(query: str):
        state = parse_view(query, catalog, view=view)[0]
        return document_title(atlas, state), texts_for(atlas, state)

    @app.callback(
        Output(ids.TITLE, "data", allow_duplicate=True), *outputs, Input(store, "data"), prevent_initial_call=True
    )
    def follow(query):
        query = query if isinstance(query, str) else ""
        title, texts = atlas.remember("chart_texts", (view, query), lambda: compute(query), size=TEXTS_CACHE_SIZE)
        return [title] + [t("a11y.chart", title=texts[k].title) for k in keys] + [text_children(texts[k]) for k in keys]
