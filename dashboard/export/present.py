"""Present mode: several views as one full-screen, live slide show (hover, and on the map a year slider and Play).

The same page serves two ways: `/present?view=...` from the server (plotly.js, the base map and the script are
files of the app) and `/export/deck.html?view=...`, one self-contained file that plays from disk with no request
(plotly.js, the base map, the shapes and the script inline). assets/present/present.js steps the slides.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json

from dashboard.config import ASSETS_DIR, TOPOJSON_DIR
from dashboard.export.caption import bare_figure, base_url, describe_filters, footer_text, make_caption
from dashboard.export.described import VISUALLY_HIDDEN
from dashboard.export.embed import PLOTLY_JS_PATH
from dashboard.export.formats import _script_json, plotly_bundle_js
from dashboard.strings import t
from dashboard.views.figures.theme import get_theme
from dashboard.views.map_years import year_series
from dashboard.views.registry import get_view
from dashboard.viewstate import ViewState, to_path

PRESENT_JS = ASSETS_DIR / "present" / "present.js"
PRESENT_JS_PATH = "/assets/present/present.js"
SHARED_GEOJSON = "atlas:shared-geojson"  # a map slide's shapes, written once per file for all its map slides
# The figures are laid out as for an export of the smallest slide size (the map's notes wrapped to fit), then drawn
# to fill the window.
PRESENT_CANVAS = (1280, 720)


@functools.cache
def present_js() -> str:
    return PRESENT_JS.read_text(encoding="utf-8")


def _hover_labels(figure: dict) -> list[str]:
    """What a country's hover says for each z of the map's fill, once the slider has left the slide's year."""
    trace = figure["data"][0]
    if (trace.get("colorbar") or {}).get("ticktext"):  # several processes: every count of the fixed scale
        top = int(trace["zmax"] - 0.5)
        steps = [t("legend.step.one" if n == 1 else "legend.step.many", n=n) for n in range(1, top + 1)]
        return [t("legend.step.none"), *steps]
    return [t("legend.none"), t("legend.observer"), t("legend.member")]


def year_steps(atlas, state: ViewState, figure: dict, root: str) -> dict | None:
    """For a map slide the browser can step: every year's fills, title, filters and permalink (None otherwise)."""
    if state.view != "map" or state.compare is not None:
        return None
    series = year_series(atlas, state)
    if series is None:
        return None
    view = get_view("map")
    years = range(series["first"], series["last"] + 1)
    return {
        **{k: series[k] for k in ("first", "last", "width", "epochs", "epoch", "z")},
        "titles": [" ".join(lines) for lines in series["titles"]],  # a slide's title is HTML: it wraps by itself
        "year": state.year if state.year is not None else series["default"],
        "filters": [describe_filters(atlas, state.with_(year=y), view.caption_params) for y in years],
        "links": [root + to_path(state.with_(year=y)) for y in years],
        "hover": _hover_labels(figure),
    }


def make_slide(atlas, state: ViewState, root: str, *, geojson=None) -> dict:
    """One slide: the view's title, filters, source line, permalink, description and live figure (embed layout)."""
    view = get_view(state.view)
    kwargs = {"geojson": geojson} if state.view == "map" and geojson is not None else {}
    figure = bare_figure(view.make_figure(atlas, state, canvas=PRESENT_CANVAS, **kwargs))
    layout = figure["layout"]
    for key in ("width", "height"):
        layout.pop(key, None)
    layout["autosize"] = True
    rows = view.make_rows(atlas, state)
    caption = make_caption(atlas, state, rows=rows, root=root)
    theme = get_theme(state.theme)
    return {
        "view": state.view,
        "title": caption.title,
        "filters": caption.filters,
        "source": footer_text(caption),
        "permalink": caption.permalink,
        "description": caption.description,
        "theme": {"paper": theme.paper, "font": theme.font_color, "title": theme.title_size, "size": theme.font_size},
        "figure": figure,
        "years": year_steps(atlas, state, figure, base_url(root)),
    }


def share_geojson(slides: list[dict]) -> dict | None:
    """The shapes the map slides carry, kept once: each slide's copy becomes a reference the script resolves."""
    shared = None
    for slide in slides:
        for trace in slide["figure"]["data"]:
            if isinstance(trace.get("geojson"), dict):
                shared = shared or trace["geojson"]
                if trace["geojson"] == shared:
                    trace["geojson"] = SHARED_GEOJSON
    return shared


def _slide_html(i: int, n: int, slide: dict) -> str:
    esc = html.escape
    theme = slide["theme"]
    style = f"background:{theme['paper']};color:{theme['font']};--title:{theme['title']}px;--size:{theme['size']}px"
    years = ""
    if slide["years"]:
        y = slide["years"]
        years = (
            f'<div class="years"><button type="button" class="play" data-play="{esc(t("present.play"))}" '
            f'data-pause="{esc(t("present.pause"))}">{esc(t("present.play"))}</button>'
            f'<label>{esc(t("present.year"))} <input type="range" class="year" min="{y["first"]}" max="{y["last"]}" '
            f'step="1" value="{y["year"]}"></label><output class="year-value">{y["year"]}</output></div>'
        )
    return (
        f'<section class="slide" id="slide-{i}" data-index="{i}" style="{style}" aria-roledescription="slide" '
        f'aria-label="{i} / {n}"{" hidden" if i > 1 else ""}>'
        f'<header><h1 class="title">{esc(slide["title"])}</h1><p class="filters">{esc(slide["filters"])}</p></header>'
        f'<figure aria-labelledby="slide-{i}-desc"><div class="chart" id="chart-{i}"></div>'
        f'<figcaption class="vh" id="slide-{i}-desc">{esc(slide["description"] or slide["title"])}</figcaption>'
        f"</figure>{years}"
        f'<footer><span class="source">{esc(slide["source"])}</span> '
        f'<a class="permalink" href="{esc(slide["permalink"])}" target="_blank" rel="noopener" '
        f'title="{esc(t("present.open"))}">{esc(slide["permalink"])}</a></footer></section>'
    )


STYLE = """html,body{margin:0;height:100%;overflow:hidden;font-family:"DejaVu Sans",Arial,sans-serif}
body{background:#fff}.deck{height:100%}
.slide{position:absolute;inset:0;display:flex;flex-direction:column;box-sizing:border-box;padding:14px 24px 46px}
.slide[hidden]{display:none}
h1{font-size:var(--title);margin:0;line-height:1.2}.filters{font-size:calc(var(--size) * .8);margin:4px 0 0}
figure{flex:1;min-height:0;margin:0;display:flex}.chart{flex:1;min-height:0}
.years{display:flex;align-items:center;gap:12px;font-size:calc(var(--size) * .8);padding:4px 0}
.years input{width:min(60vw,720px)}.years button,.controls button{font:inherit;min-height:32px;padding:2px 12px;cursor:pointer}
footer{display:flex;flex-wrap:wrap;justify-content:space-between;gap:4px 16px;font-size:calc(var(--size) * .7)}
footer a{color:inherit;word-break:break-all}
.controls{position:fixed;right:12px;bottom:8px;display:flex;align-items:center;gap:8px;font-size:15px;
background:rgba(255,255,255,.9);color:#1a1a1a;border-radius:6px;padding:2px 6px;z-index:10}
.counter{min-width:4.5em;text-align:center;font-variant-numeric:tabular-nums}.help{color:#555;font-size:13px}
:focus-visible{outline:3px solid #0b57a4;outline-offset:2px}
@media (max-width:900px){.help{display:none}}
"""


def present_page(slides: list[dict], *, offline: bool, lang: str = "en") -> str:
    """The slide show: `offline` inlines plotly.js, the base map and the script (the deck.html export)."""
    esc = html.escape
    n = len(slides)
    shared = share_geojson(slides) if offline else None
    config: dict = {"displaylogo": False, "responsive": True}
    if not offline:
        config["topojsonURL"] = "/assets/topojson/"
    data = {
        "slides": [{k: s[k] for k in ("view", "figure", "years")} for s in slides],
        "shared": shared,
        "config": config,
    }
    if offline:
        topo = json.loads((TOPOJSON_DIR / "world_110m.json").read_text(encoding="utf-8"))
        head = (
            f'<script>window.PlotlyGeoAssets = {{topojson: {{"world_110m": {_script_json(topo)}}}}};</script>'
            f"<script>{plotly_bundle_js()}</script>"
        )
        tail = f"<script>{present_js()}</script>"
    else:
        head = f'<script src="{PLOTLY_JS_PATH}"></script>'
        tail = f'<script src="{PRESENT_JS_PATH}"></script>'
    sections = "".join(_slide_html(i, n, s) for i, s in enumerate(slides, start=1))
    controls = (
        f'<nav class="controls" aria-label="{esc(t("present.slides"))}">'
        f'<span class="help">{esc(t("present.help"))}</span>'
        f'<button type="button" class="prev" aria-label="{esc(t("present.previous"))}">‹</button>'
        f'<span class="counter" aria-live="polite">1 / {n}</span>'
        f'<button type="button" class="next" aria-label="{esc(t("present.next"))}">›</button>'
        f'<button type="button" class="fullscreen">{esc(t("present.fullscreen"))}</button></nav>'
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{esc(t("present.title", n=n))}</title><link rel="icon" href="data:,">'
        f"<style>{STYLE}{VISUALLY_HIDDEN}</style>{head}</head>"
        f'<body><main class="deck" aria-roledescription="carousel" aria-label="{esc(t("present.title", n=n))}">'
        f"{sections}</main>{controls}"
        f'<script type="application/json" id="deck-data">{_script_json(data)}</script>{tail}</body></html>'
    )


def present_slides(atlas, states: list[ViewState], root: str, *, geojson=None) -> list[dict]:
    """The slides of these states (each a view address parsed: deck_request.plan_deck)."""
    return [make_slide(atlas, dataclasses.replace(s), root, geojson=geojson) for s in states]
