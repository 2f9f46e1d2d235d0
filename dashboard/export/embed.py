"""The embed page: one view's chart alone, for iframes, with title, filters, source line and a link back."""

from __future__ import annotations

import html

from dashboard.export.caption import bare_figure, base_url, export_filename, make_caption
from dashboard.export.described import HIDE_DRAWING, VISUALLY_HIDDEN, rows_table, text_alternative
from dashboard.export.formats import _script_json, view_figure
from dashboard.strings import language, t
from dashboard.views.figures.theme import get_theme
from dashboard.views.legend import legend_of
from dashboard.views.registry import get_view
from dashboard.viewstate import to_path

PLOTLY_JS_PATH = "/_atlas/plotly-atlas.min.js"  # the atlas's partial plotly.js (routes.py serves it)
OLD_PLOTLY_JS_PATH = "/_atlas/plotly.min.js"  # what embed pages linked before; the same bytes, for cached pages
EMBED_SIZE = (960, 600)  # the iframe snippet's default size
# The page's one inline script: constant, so the Content-Security-Policy can allow exactly it by hash (security.py).
EMBED_SCRIPT = (
    "var f = JSON.parse(document.getElementById('figure').textContent);\n"
    "Plotly.newPlot('chart', f.data, f.layout, JSON.parse(document.getElementById('config').textContent))"
    f".then({HIDE_DRAWING});"
)


def embed_snippet(embed_url: str, title: str, size: tuple[int, int] = EMBED_SIZE) -> str:
    """The <iframe> users paste into a page or slide tool."""
    w, h = size
    return (
        f'<iframe src="{html.escape(embed_url)}" title="{html.escape(title)}" width="{w}" height="{h}" '
        f'style="border:0;max-width:100%" loading="lazy"></iframe>'
    )


def _embed_page(atlas, state, notices: list[str], root: str | None) -> str:
    """The chart alone, filling its frame, under its title and filters, over the source line and a link back."""
    state, figure = view_figure(atlas, state)
    view = get_view(state.view)
    rows = view.make_rows(atlas, state)
    caption = make_caption(atlas, state, rows=rows, root=root)
    csv_href = base_url(root) + to_path(state, prefix="/export").replace(
        f"/export/{state.view}", f"/export/{state.view}.csv", 1
    )
    described = text_alternative(caption.description, legend_of(figure), view.notes(atlas, state))
    theme = get_theme(state.theme)
    figure = bare_figure(figure)
    figure["layout"]["autosize"] = True
    config = {
        "displaylogo": False,
        "responsive": True,
        "topojsonURL": "/assets/topojson/",
        "toImageButtonOptions": {
            "format": "png",
            "width": 1920,
            "height": 1080,
            "filename": export_filename(state.view, state=state),
        },
    }
    esc = html.escape
    notes = "".join(f"<li>{esc(n)}</li>" for n in notices)
    return f"""<!DOCTYPE html>
<html lang="{state.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(caption.title)}</title><link rel="icon" href="data:,">
<style>
html,body{{margin:0;height:100%;background:{theme.paper};color:{theme.font_color};font-family:"DejaVu Sans",Arial,sans-serif}}
.embed{{display:flex;flex-direction:column;height:100%;box-sizing:border-box;padding:8px 10px}}
h1{{font-size:{theme.title_size}px;margin:0}} .filters{{font-size:{theme.font_size}px;margin:2px 0 0}}
#chart{{flex:1;min-height:0}} ul{{margin:2px 0;font-size:{theme.font_size - 2}px}}
footer{{display:flex;flex-wrap:wrap;justify-content:space-between;gap:8px;font-size:{theme.font_size - 2}px}}
a{{color:inherit}} footer a{{display:inline-block;min-height:24px;line-height:24px}} summary{{min-height:24px;line-height:24px;cursor:pointer}} figure{{margin:0;flex:1;min-height:0;display:flex;flex-direction:column}}
details.data{{font-size:{theme.font_size - 2}px;max-height:45%;overflow:auto}} .data table{{border-collapse:collapse}}
.data th,.data td{{text-align:left;padding:1px 6px;border-bottom:1px solid {theme.border if theme.name == "dark" else "#bbb"}}}
:focus-visible{{outline:3px solid {"#ffd24d" if theme.name == "dark" else "#0b57a4"};outline-offset:2px}} {VISUALLY_HIDDEN}
</style></head><body><div class="embed">
<header><h1 id="title">{esc(caption.title)}</h1><p class="filters">{esc(caption.filters)}</p>{f"<ul class='notices'>{notes}</ul>" if notes else ""}</header>
<figure aria-labelledby="title" aria-describedby="description"><div id="chart"></div>
<figcaption>{described}</figcaption></figure>
{rows_table(rows, csv_href)}
<footer><span class="source">{esc(caption.source)}</span>
<a class="permalink" href="{esc(caption.permalink)}" target="_blank" rel="noopener">{esc(t("embed.open"))}</a></footer>
</div>
<script src="{PLOTLY_JS_PATH}"></script>
<script type="application/json" id="figure">{_script_json(figure)}</script>
<script type="application/json" id="config">{_script_json(config)}</script>
<script>{EMBED_SCRIPT}</script>
</body></html>"""


def embed_page(atlas, state, notices: list[str], root: str | None) -> str:
    """The embed page in the address's language (lang=)."""
    with language(state.lang):
        return _embed_page(atlas, state, notices, root)
