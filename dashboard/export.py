"""Exports of any view: captions, parameter checks, CSV, standalone HTML, images, and the `export` CLI command."""

from __future__ import annotations

import csv
import datetime as _dt
import html
import io
import json
import os
import re
import textwrap
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from dashboard.cli import command
from dashboard.figures.theme import get_theme
from dashboard.pages import PAGES
from dashboard.strings import t
from dashboard.viewstate import Catalog, ViewState, parse_view, to_path

FORMATS = ("png", "svg", "pdf", "html", "csv")
IMAGE_FORMATS = ("png", "svg", "pdf")
MIN_SIZE, MAX_SIZE = 200, 4000     # pixels, width and height
MIN_SCALE, MAX_SCALE = 1, 3
DEFAULT_SIZE = (1920, 1080)
PRESETS = ((1920, 1080), (1280, 720))
MAX_DECK = 30
MAX_PUBLISHERS = 4
FILENAME_PREFIX = "migration-atlas"
DEFAULT_BASE_URL = "http://127.0.0.1:8050"
MIME = {"png": "image/png", "svg": "image/svg+xml", "pdf": "application/pdf", "html": "text/html; charset=utf-8",
        "csv": "text/csv; charset=utf-8",
        "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}


class ExportError(ValueError):
    """A bad export request: `parameter` names what was wrong; the message says what is allowed (HTTP 400)."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter


# ---- parameters ------------------------------------------------------------------------------------------

def export_views() -> tuple[str, ...]:
    """The registered views that draw a chart (about has none)."""
    return tuple(v for v, page in PAGES.items() if hasattr(page, "make_figure"))


def check_view(view: str) -> str:
    views = export_views()
    if view not in views:
        raise ExportError("view", t("export.error.view", value=view, allowed=", ".join(views)))
    return view


def check_format(fmt: str, allowed=FORMATS) -> str:
    if fmt not in allowed:
        raise ExportError("format", t("export.error.format", value=fmt, allowed=", ".join(allowed)))
    return fmt


def _whole(name: str, raw, low: int, high: int) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ExportError(name, t("export.error.number", param=name, low=low, high=high, value=raw))
    return value


def check_size(width=None, height=None, scale=None) -> tuple[int, int, float]:
    """Validated (width, height, scale); missing values take the 1920x1080, scale 1 defaults."""
    w = DEFAULT_SIZE[0] if width in (None, "") else _whole("width", width, MIN_SIZE, MAX_SIZE)
    h = DEFAULT_SIZE[1] if height in (None, "") else _whole("height", height, MIN_SIZE, MAX_SIZE)
    if scale in (None, ""):
        return w, h, 1
    try:
        s = float(str(scale).strip())
    except ValueError:
        s = None
    if s is None or not MIN_SCALE <= s <= MAX_SCALE:
        raise ExportError("scale", t("export.error.scale", low=MIN_SCALE, high=MAX_SCALE, value=scale))
    return w, h, (int(s) if s.is_integer() else s)


def split_export_name(name: str) -> tuple[str, str]:
    """'map.png' -> ('map', 'png'), checked against the registered views and the formats."""
    view, dot, fmt = name.rpartition(".")
    if not dot:
        view, fmt = name, ""
    return check_view(view), check_format(fmt.lower())


def split_address(address: str) -> tuple[str, str]:
    """'map?year=2000', '/timeline?issue=asylum', 'http://host/embed/map?...' -> (view, query); view checked."""
    parts = urlsplit(address.strip())
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0] in ("embed", "export"):
        segments = segments[1:]
    view = segments[0].split(".")[0] if segments else "map"
    return check_view(view), parts.query


def size_from_query(query: str) -> dict[str, str]:
    """The export-only parameters (width, height, scale) given in a query string."""
    return {k: v for k, v in parse_qsl(query, keep_blank_values=True) if k in ("width", "height", "scale")}


# ---- captions ----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Caption:
    """What every image and HTML export carries: title, filters in words, source line, permalink, date."""

    title: str
    filters: str
    source: str
    permalink: str
    date: str


PLURAL = {"process": "processes", "issue": "issues", "org": "orgs", "region": "regions", "kind": "kinds"}


def _names(key: str, values: list[str], limit: int = 4) -> str:
    plural = f"export.filter.{PLURAL[key]}"
    if len(values) > limit:
        return t(plural, names=t("export.filter.many", n=len(values)))
    return t(plural if len(values) > 1 else f"export.filter.{key}", names=", ".join(values))


def describe_filters(atlas, state: ViewState, params: tuple[str, ...] | None = None) -> str:
    """The filters in words: 'Members and observers, 1995, issue: Asylum and refugee protection'.

    `params` are the state fields the view uses (a page may declare CAPTION_PARAMS); default: all of them.
    """
    params = params or ("role", "year", "processes", "issues", "orgs", "country", "regions", "kinds", "layers")
    parts: list[str] = []
    if "role" in params and (state.view == "map" or state.role != "all"):   # the map always says whom it counts
        parts.append(t(f"map.role.{state.role}"))
    if "year" in params:
        year = state.year if state.year is not None else (atlas.default_year if state.view == "map" else None)
        if year is not None:
            parts.append(str(year))
    if "processes" in params and state.processes:
        parts.append(_names("process", [atlas.process_by_id[p]["short_name"] for p in state.processes]))
    if "issues" in params and state.issues:
        parts.append(_names("issue", [atlas.issue_by_id[i]["label"] for i in state.issues]))
    if "orgs" in params and state.orgs:
        parts.append(_names("org", [atlas.org_by_id[o]["short_name"] for o in state.orgs]))
    if "country" in params and state.country:
        parts.append(t("export.filter.country", name=atlas.country_name(state.country)))
    if "regions" in params and state.regions:
        parts.append(_names("region", list(state.regions)))
    if "kinds" in params and state.kinds:
        parts.append(_names("kind", list(state.kinds)))
    if "layers" in params and "agreements" in state.layers:
        parts.append(t("export.filter.agreements"))
    text = ", ".join(parts) or t("export.filter.none")
    return text[:1].upper() + text[1:]


def short_publisher(publisher: str) -> str:
    """'International Organization for Migration (IOM)' -> 'IOM'; 'piglix (Wikipedia mirror)' -> 'piglix'."""
    match = re.fullmatch(r"\s*(.*?)\s*\(([^()]*)\)\s*", publisher or "")
    if not match:
        return (publisher or "").strip()
    name, inside = match.groups()
    return inside if re.fullmatch(r"[A-Z][A-Za-z&-]{1,11}", inside) else name


def source_line(atlas, rows: list[dict]) -> str:
    """'Source: Migration Governance Atlas; data from IOM, ICMPD, ...': the publishers behind the rows, most cited first."""
    by_url = {s["url"]: s for s in atlas.source_by_id.values()}
    by_title = {s["title"]: s for s in atlas.source_by_id.values()}
    counts: Counter[str] = Counter()
    for row in rows:
        src = by_url.get(row.get("source_url")) or by_title.get(row.get("source_title"))
        if src and src.get("publisher"):
            counts[short_publisher(src["publisher"])] += 1
    if not counts:   # nothing shown: credit the atlas's most cited publishers
        counts = Counter(short_publisher(s["publisher"]) for s in atlas.source_by_id.values() if s.get("publisher"))
    names = [name for name, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    if not names:
        publishers = t("export.source_atlas")
    elif len(names) > MAX_PUBLISHERS:
        publishers = t("export.source_more", names=", ".join(names[:MAX_PUBLISHERS]), n=len(names) - MAX_PUBLISHERS)
    else:
        publishers = ", ".join(names)
    return t("source.line", publishers=publishers)


def base_url(request_root: str | None = None) -> str:
    """Where permalinks point: $ATLAS_BASE_URL, else the serving host, else http://127.0.0.1:8050."""
    return (os.environ.get("ATLAS_BASE_URL") or request_root or DEFAULT_BASE_URL).rstrip("/")


def make_caption(atlas, state: ViewState, *, rows: list[dict] | None = None, root: str | None = None,
                 today: _dt.date | None = None) -> Caption:
    page = PAGES[state.view]
    rows = page.make_rows(atlas, state) if rows is None else rows
    return Caption(title=page.make_title(atlas, state),
                   filters=describe_filters(atlas, state, getattr(page, "CAPTION_PARAMS", None)),
                   source=source_line(atlas, rows),
                   permalink=base_url(root) + to_path(state),
                   date=(today or _dt.date.today()).isoformat())


def export_filename(view: str, fmt: str | None = None, *, today: _dt.date | None = None) -> str:
    """'migration-atlas-map-2026-11-30.png': the one file-name pattern of exports and the modebar button."""
    stem = f"{FILENAME_PREFIX}-{view}-{(today or _dt.date.today()).isoformat()}"
    return f"{stem}.{fmt}" if fmt else stem


# ---- figures -----------------------------------------------------------------------------------------------

def _esc(text: str) -> str:
    """Data text into plotly's pseudo-HTML as text."""
    return html.escape(text, quote=False)


def _wrap(text: str, chars: int) -> list[str]:
    """Lines of at most `chars` characters (URLs break anywhere): annotations do not wrap by themselves."""
    return textwrap.wrap(text, max(chars, 20), break_long_words=True, break_on_hyphens=False) or [""]


def captioned_figure(figure: dict, caption: Caption, theme_name: str, *, width: int = DEFAULT_SIZE[0]) -> dict:
    """The view's figure with the caption drawn in: title and filters on top; source, permalink, date below.

    `width` (pixels) decides where the footer lines wrap.
    """
    theme = get_theme(theme_name)
    layout = json.loads(json.dumps(figure.get("layout", {})))   # a copy; the traces are shared, not copied
    size = max(theme.font_size - 2, 10)
    line = round(size * 1.45)
    chars = int((width - 24) / (size * 0.62))
    title = layout.setdefault("title", {})
    if not title.get("text"):
        title["text"] = _esc(caption.title)
    title["subtitle"] = {"text": "<br>".join(_esc(x) for x in _wrap(caption.filters, int(chars * size / theme.font_size))),
                         "font": {"size": theme.font_size}}
    source = _wrap(t("export.footer", source=caption.source, date=t("export.date", date=caption.date)), chars)
    link = _wrap(caption.permalink, chars)
    margin = layout.setdefault("margin", {})
    subtitle_lines = title["subtitle"]["text"].count("<br>") + 1
    # The caption goes around what the figure already has in its margins (the map's legend on top, its notices
    # below): the subtitle pushes the plot down, the footer starts under the figure's own bottom margin.
    subtitle_height = round(theme.font_size * 1.5) * subtitle_lines + 8
    margin["t"] = max(margin.get("t", 0) + subtitle_height, theme.title_size + subtitle_height + 30)
    below = margin.get("b", 0)
    margin["b"] = below + (len(source) + len(link)) * line + 14
    footer = {"showarrow": False, "xref": "paper", "yref": "paper", "y": 0, "yanchor": "top", "x": 0, "xanchor": "left",
              "xshift": 10, "align": "left", "font": {"size": size, "color": theme.font_color}}
    href = html.escape(caption.permalink)
    layout["annotations"] = list(layout.get("annotations", [])) + [
        {**footer, "text": "<br>".join(_esc(x) for x in source), "yshift": -6 - below, "name": "export-source"},
        {**footer, "text": "<br>".join(f'<a href="{href}">{_esc(x)}</a>' for x in link),
         "yshift": -6 - below - len(source) * line, "name": "export-permalink"},
    ]
    return {"data": figure.get("data", []), "layout": layout}


def bare_figure(figure: dict) -> dict:
    """The chart without its title, for a slide whose title is a text box."""
    layout = dict(figure.get("layout", {}))
    layout["title"] = {"text": ""}
    margin = layout.get("margin", {})
    layout["margin"] = {**margin, "t": min(margin.get("t", 36), 36)}   # room for a top axis, none for a title
    return {"data": figure.get("data", []), "layout": layout}


def view_figure(atlas, state: ViewState, theme: str | None = None) -> tuple[ViewState, dict]:
    """The state (with `theme` applied, if given) and the chart the app shows for it."""
    state = state.with_(theme=theme) if theme else state
    return state, PAGES[state.view].make_figure(atlas, state)


# ---- formats -----------------------------------------------------------------------------------------------

def rows_to_csv(rows: list[dict], columns: tuple[str, ...] | None = None) -> str:
    """The rows as CSV, columns in the order the view gives them; every row keeps source_title and source_url."""
    columns = list(columns or (rows[0].keys() if rows else ("source_title", "source_url")))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _script_json(value) -> str:
    """JSON that is safe inside a <script> element."""
    return json.dumps(value, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def standalone_html(figure: dict, caption: Caption, *, topojson_dir: Path | None = None,
                    filename: str = FILENAME_PREFIX) -> str:
    """One self-contained file: plotly.js inline and the base map inline, so it draws from disk with no network."""
    from plotly.offline import get_plotlyjs

    from dashboard.config import TOPOJSON_DIR

    topo = json.loads(((topojson_dir or TOPOJSON_DIR) / "world_110m.json").read_text(encoding="utf-8"))
    paper = figure.get("layout", {}).get("paper_bgcolor", "#ffffff")
    config = {"displaylogo": False, "responsive": True,
              "toImageButtonOptions": {"format": "png", "width": DEFAULT_SIZE[0], "height": DEFAULT_SIZE[1],
                                       "filename": filename}}
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{html.escape(caption.title)}</title>",
        f"<style>html,body{{margin:0;height:100%;background:{html.escape(paper)}}}#chart{{width:100vw;height:100vh}}</style>",
        # plotly.js reads the base map from here instead of fetching it (see RECIPES.md).
        f"<script>window.PlotlyGeoAssets = {{topojson: {{\"world_110m\": {_script_json(topo)}}}}};</script>",
        f"<script>{get_plotlyjs()}</script>",
        "</head><body>",
        f'<div id="chart" role="img" aria-label="{html.escape(caption.title)}"></div>',
        f'<script type="application/json" id="figure">{_script_json(figure)}</script>',
        f'<script type="application/json" id="config">{_script_json(config)}</script>',
        "<script>var f = JSON.parse(document.getElementById('figure').textContent);"
        "Plotly.newPlot('chart', f.data, f.layout, JSON.parse(document.getElementById('config').textContent));</script>",
        "</body></html>",
    ])


def export_view(atlas, state: ViewState, fmt: str, *, width: int = DEFAULT_SIZE[0], height: int = DEFAULT_SIZE[1],
                scale: float = 1, theme: str | None = None, root: str | None = None, renderer=None) -> bytes:
    """The view as `fmt` bytes, exactly as the app shows it for the same address, plus the caption."""
    state, figure = view_figure(atlas, state, theme)
    page = PAGES[state.view]
    rows = page.make_rows(atlas, state)
    if fmt == "csv":
        return rows_to_csv(rows, getattr(page, "CSV_COLUMNS", None)).encode("utf-8")
    caption = make_caption(atlas, state, rows=rows, root=root)
    figure = captioned_figure(figure, caption, state.theme, width=width if fmt in IMAGE_FORMATS else 1280)
    if fmt == "html":
        return standalone_html(figure, caption, filename=export_filename(state.view)).encode("utf-8")
    if renderer is None:
        from dashboard.renderer import get_renderer
        renderer = get_renderer()
    return renderer.render(figure, fmt, width, height, scale)


# ---- the CLI -----------------------------------------------------------------------------------------------

def _export_args(p) -> None:
    p.add_argument("views", nargs="+", metavar="VIEW", help='a view address, e.g. "map?process=puebla&year=2000"')
    p.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                   help="the file to write; its extension picks the format: .png .svg .pdf .html .csv, or .pptx for a deck")
    p.add_argument("--width", help=f"image width in pixels, {MIN_SIZE}-{MAX_SIZE} (default {DEFAULT_SIZE[0]})")
    p.add_argument("--height", help=f"image height in pixels, {MIN_SIZE}-{MAX_SIZE} (default {DEFAULT_SIZE[1]})")
    p.add_argument("--scale", help=f"pixel density, {MIN_SCALE}-{MAX_SCALE} (default 1)")
    p.add_argument("--theme", choices=("light", "dark", "slide"), help="override the theme in the address(es)")
    p.add_argument("--base-url", default=None, help=f"where permalinks point (default $ATLAS_BASE_URL or {DEFAULT_BASE_URL})")
    p.add_argument("--data", type=Path, default=None, metavar="DIR", help="data package directory (default: bundled)")


def _human_size(n: int) -> str:
    return f"{n / 1024:.0f} KiB" if n < 1024 * 1024 else f"{n / 1024 / 1024:.1f} MiB"


def plan_export(addresses: list[str], output: Path) -> str:
    """The format for these addresses and this file, or ExportError saying why not."""
    ext = output.suffix.lower().lstrip(".")
    allowed = (*FORMATS, "pptx")
    if ext not in allowed:
        raise ExportError("output", t("export.error.extension", path=output, allowed=", ".join(f".{a}" for a in allowed)))
    if ext != "pptx" and len(addresses) > 1:
        raise ExportError("views", t("export.error.one_view", ext=ext, n=len(addresses)))
    if len(addresses) > MAX_DECK:
        raise ExportError("views", t("export.error.deck_size", limit=MAX_DECK, n=len(addresses)))
    return ext


@command("export", "write views as PNG, SVG, PDF, HTML or CSV, or several views as a .pptx deck")(_export_args)
def run_export(args) -> int:
    import sys

    from dashboard.app import create_app        # registers every page in PAGES
    from dashboard.datapkg import load_atlas
    from dashboard.renderer import RendererUnavailable

    try:
        fmt = plan_export(args.views, args.output)
        atlas = load_atlas(args.data)
        create_app(atlas)
        catalog = Catalog.from_atlas(atlas)
        jobs = []
        for address in args.views:
            view, query = split_address(address)
            given = size_from_query(query)
            size = check_size(args.width or given.get("width"), args.height or given.get("height"),
                              args.scale or given.get("scale"))
            state, notices = parse_view(query, catalog, view=view)
            for notice in notices:
                print(f"{address}: {notice}", file=sys.stderr)
            jobs.append((state, size, bool(args.width or args.height or "width" in given or "height" in given)))
        if fmt == "pptx":
            from dashboard.deck import write_deck
            data = write_deck(atlas, jobs, theme=args.theme, root=args.base_url)
        else:
            (state, (w, h, s), _), = jobs
            data = export_view(atlas, state, fmt, width=w, height=h, scale=s, theme=args.theme, root=args.base_url)
    except (ExportError, RendererUnavailable) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2 if isinstance(exc, ExportError) else 3
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    print(t("export.written", path=args.output, size=_human_size(len(data))))
    return 0
