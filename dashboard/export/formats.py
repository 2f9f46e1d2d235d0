"""The export formats of one view: CSV of exactly its rows, standalone offline HTML, and images via the renderer."""

from __future__ import annotations

import csv
import functools
import html
import io
import json
from pathlib import Path

from dashboard.config import PLOTLY_BUNDLE, TOPOJSON_DIR
from dashboard.export.caption import (
    Caption,
    captioned_figure,
    export_filename,
    make_caption,
)
from dashboard.export.described import HIDE_DRAWING, VISUALLY_HIDDEN, text_alternative
from dashboard.export.params import DEFAULT_SIZE, FILENAME_PREFIX, IMAGE_FORMATS
from dashboard.export.sized import image_figure, view_figure  # noqa: F401 - view_figure re-exported
from dashboard.strings import current_lang, language
from dashboard.views.figures.map import notes_undrawn
from dashboard.views.legend import legend_of
from dashboard.views.registry import get_view
from dashboard.viewstate import ViewState

# A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(...), +cmd|..., @SUM(...)).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A text cell a spreadsheet would run as a formula gets a leading ' (shown as text); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def rows_to_csv(rows: list[dict], columns: tuple[str, ...] | None = None) -> str:
    """The rows as CSV, columns in the order the view gives them; every row keeps source_title and source_url."""
    fieldnames = list(columns or (rows[0].keys() if rows else ("source_title", "source_url")))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fieldnames, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: neutralise(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element."""
    return (
        json.dumps(value, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    )


@functools.cache
def plotly_bundle_js() -> str:
    """The atlas's partial plotly.js (assets/vendor/plotly-atlas.min.js), as text to inline."""
    return PLOTLY_BUNDLE.read_text(encoding="utf-8")


def standalone_html(
    figure: dict,
    caption: Caption,
    *,
    topojson_dir: Path | None = None,
    filename: str = FILENAME_PREFIX,
    notes: list[str] | tuple[str, ...] = (),
    notes_shown: bool = False,
) -> str:
    """One self-contained file: plotly.js inline and the base map inline, so it draws from disk with no network.

    The drawing is hidden from screen readers, which hear the <figure>'s title, description, legend and `notes`.
    `notes_shown`: the figure does not draw its notes (the map's screen figure), so they are text under it.
    """
    shown = "".join(f"<li>{html.escape(n)}</li>" for n in notes) if notes_shown else ""
    topo = json.loads(((topojson_dir or TOPOJSON_DIR) / "world_110m.json").read_text(encoding="utf-8"))
    paper = figure.get("layout", {}).get("paper_bgcolor", "#ffffff")
    config = {
        "displaylogo": False,
        "responsive": True,
        "toImageButtonOptions": {
            "format": "png",
            "width": DEFAULT_SIZE[0],
            "height": DEFAULT_SIZE[1],
            "filename": filename,
        },
    }
    return "\n".join(
        [
            "<!DOCTYPE html>",
            f'<html lang="{current_lang()}"><head><meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            f"<title>{html.escape(caption.title)}</title>",
            f"<style>html,body{{margin:0;height:100%;background:{html.escape(paper)}}}#chart{{width:100vw;height:100vh}}"
            f"figure{{margin:0}}{VISUALLY_HIDDEN}"
            # notes under the chart: the page a column, the chart taking what the notes leave
            + (
                "body{display:flex;flex-direction:column}figure{flex:1;display:flex;flex-direction:column;min-height:0}"
                "#chart{flex:1;min-height:0;height:auto}.notes{font:14px 'DejaVu Sans',sans-serif;margin:.2em 1em .6em;"
                "padding-left:1.2em;color:#333}"
                if shown
                else ""
            )
            + "</style>",
            # plotly.js reads the base map from here instead of fetching it (see RECIPES.md).
            f'<script>window.PlotlyGeoAssets = {{topojson: {{"world_110m": {_script_json(topo)}}}}};</script>',
            f"<script>{plotly_bundle_js()}</script>",
            "</head><body>",
            f'<figure aria-label="{html.escape(caption.title)}" aria-describedby="description"><div id="chart"></div>'
            + (f'<ul class="notes" aria-hidden="true">{shown}</ul>' if shown else ""),
            f"<figcaption>{text_alternative(caption.description, legend_of(figure), list(notes))}</figcaption></figure>",
            f'<script type="application/json" id="figure">{_script_json(figure)}</script>',
            f'<script type="application/json" id="config">{_script_json(config)}</script>',
            "<script>var f = JSON.parse(document.getElementById('figure').textContent);"
            "Plotly.newPlot('chart', f.data, f.layout, JSON.parse(document.getElementById('config').textContent))"
            f".then({HIDE_DRAWING});</script>",
            "</body></html>",
        ]
    )


def _export_view(
    atlas,
    state: ViewState,
    fmt: str,
    *,
    width: int = DEFAULT_SIZE[0],
    height: int = DEFAULT_SIZE[1],
    scale: float = 1,
    theme: str | None = None,
    root: str | None = None,
    renderer=None,
) -> bytes:
    """The view as `fmt` bytes, exactly as the app shows it for the same address, plus the caption."""
    state = state.with_(theme=theme) if theme else state
    view = get_view(state.view)
    rows = view.make_rows(atlas, state)
    if fmt == "csv":
        return rows_to_csv(rows, view.csv_columns).encode("utf-8")
    caption = make_caption(atlas, state, rows=rows, root=root)
    if fmt in IMAGE_FORMATS:  # type sized for the output, or refused if it cannot be legible there
        figure = image_figure(atlas, state, caption, width, height, scale, fmt)
    else:
        state, figure = view_figure(atlas, state)
        figure = captioned_figure(figure, caption, state.theme, width=1280)
    if fmt == "html":
        notes = view.notes(atlas, state)
        filename = export_filename(state.view, state=state)
        shown = notes_undrawn(figure)
        return standalone_html(figure, caption, filename=filename, notes=notes, notes_shown=shown).encode("utf-8")
    if renderer is None:
        from dashboard.export.renderer import get_renderer

        renderer = get_renderer()
    return renderer.render(figure, fmt, width, height, scale)


def export_view(atlas, state: ViewState, fmt: str, **options) -> bytes:
    """The view as `fmt` bytes, exactly as the app shows it for the same address, plus the caption, in the
    address's language (lang=). Options as _export_view's: width, height, scale, theme, root, renderer."""
    with language(state.lang):
        return _export_view(atlas, state, fmt, **options)
