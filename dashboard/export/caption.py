"""Captions: what every image and HTML export carries (title, filters in words, source line, permalink, date)."""

from __future__ import annotations

import datetime as _dt
import html
import json
import os
import re
import textwrap
from collections import Counter
from dataclasses import dataclass

from dashboard import config
from dashboard.export.params import (
    DEFAULT_BASE_URL,
    DEFAULT_SIZE,
    FILENAME_PREFIX,
    MAX_PUBLISHERS,
)
from dashboard.strings import long_date, t
from dashboard.views.evidence import short_publisher
from dashboard.views.figures.text_width import title_room
from dashboard.views.figures.theme import Theme, get_theme
from dashboard.views.names import mentions, short_name
from dashboard.views.registry import get_view
from dashboard.viewstate import ViewState, to_path


@dataclass(frozen=True)
class Caption:
    """What every image and HTML export carries: title, filters in words, source line, permalink, date; and the
    chart's description in words (its text alternative: alt text on slides, aria-describedby in HTML)."""

    title: str
    filters: str
    source: str
    permalink: str
    date: str
    description: str = ""


PLURAL = {"process": "processes", "issue": "issues", "org": "orgs", "region": "regions", "kind": "kinds"}


def _names(key: str, values: list[str], limit: int = 4) -> str:
    plural = f"export.filter.{PLURAL[key]}"
    if len(values) > limit:
        return t(plural, names=t("export.filter.many", n=len(values)))
    return t(plural if len(values) > 1 else f"export.filter.{key}", names=", ".join(values))


def _mentions(atlas, ids: tuple[str, ...], *, titled: bool) -> list[str]:
    """Names as the filters line gives them: in full with the acronym after where this is their first mention; by
    the short name where the map's title has just spelled them out (`titled`), or past two (the line stays short)."""
    if titled or len(ids) > 2:
        return [short_name(atlas, i) for i in ids]
    return mentions(atlas, ids)


def _titled(state: ViewState) -> bool:
    """Whether the map's title names the processes (map.map_title): one, or all of up to three that must match."""
    n = len(state.processes)
    if state.view != "map" or state.orgs or "processes" not in state.layers:
        return False
    return n == 1 or (state.match == "all" and n <= 3)


def describe_filters(atlas, state: ViewState, params: tuple[str, ...] | None = None) -> str:
    """The filters in words: 'Members and observers, 1995, issue: Asylum and refugee protection'.

    `params` are the state fields the view uses (a page may declare CAPTION_PARAMS); default: all of them.
    """
    params = params or (
        "role",
        "year",
        "compare",
        "match",
        "processes",
        "issues",
        "orgs",
        "country",
        "regions",
        "kinds",
        "layers",
    )
    parts: list[str] = []
    # the map always says whom it counts, unless it draws agreements alone (they have parties, not members)
    counts_members = state.view != "map" or "processes" in state.layers or bool(state.orgs)
    if "role" in params and counts_members and (state.view == "map" or state.role != "all"):
        parts.append(t(f"map.role.{state.role}"))
    if "year" in params:
        year = state.year if state.year is not None else (atlas.default_year if state.view == "map" else None)
        if year is not None:
            parts.append(str(year))
    if "compare" in params and state.compare is not None and state.view == "map":
        parts.append(t("export.filter.compare", year=state.compare))
    if "match" in params and state.match == "all" and len(state.processes) > 1 and state.view == "map":
        parts.append(t("export.filter.match_all"))
    if "processes" in params and state.processes:
        parts.append(_names("process", _mentions(atlas, state.processes, titled=_titled(state))))
    if "issues" in params and state.issues:
        parts.append(_names("issue", [atlas.issue_by_id[i]["label"] for i in state.issues]))
    if "orgs" in params and state.orgs:
        parts.append(_names("org", _mentions(atlas, state.orgs, titled=state.view == "map" and len(state.orgs) == 1)))
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


KIND_RANK = {"primary": 0, "secondary": 1, "mirror": 2}


def source_line(atlas, rows: list[dict]) -> str:
    """'Source: Migration Governance Atlas; data from IOM, ICMPD, ...': the publishers behind the rows, those of
    primary sources first, then secondary, then mirrors, each group most cited first."""
    by_url = {s["url"]: s for s in atlas.source_by_id.values()}
    by_title = {s["title"]: s for s in atlas.source_by_id.values()}
    counts: Counter[str] = Counter()
    rank: dict[str, int] = {}
    for row in rows:
        src = by_url.get(row.get("source_url")) or by_title.get(row.get("source_title"))
        if src and src.get("publisher"):
            name = short_publisher(src["publisher"])
            counts[name] += 1
            rank[name] = min(rank.get(name, 3), KIND_RANK.get(src.get("kind", ""), 3))
    names = [name for name, _ in sorted(counts.items(), key=lambda kv: (rank[kv[0]], -kv[1], kv[0]))]
    if not names:  # nothing shown: no publisher to credit but the atlas itself
        publishers = t("export.source_atlas")
    elif len(names) > MAX_PUBLISHERS:
        publishers = t("export.source_more", names=", ".join(names[:MAX_PUBLISHERS]), n=len(names) - MAX_PUBLISHERS)
    else:
        publishers = ", ".join(names)
    return t("source.line", publishers=publishers)


def base_url(request_root: str | None = None) -> str:
    """Where permalinks point: $ATLAS_BASE_URL, else the serving host, else http://127.0.0.1:8050."""
    return (os.environ.get("ATLAS_BASE_URL") or request_root or DEFAULT_BASE_URL).rstrip("/")


def make_caption(
    atlas, state: ViewState, *, rows: list[dict] | None = None, root: str | None = None, today: _dt.date | None = None
) -> Caption:
    view = get_view(state.view)
    rows = view.make_rows(atlas, state) if rows is None else rows
    return Caption(
        title=view.make_title(atlas, state),
        filters=describe_filters(atlas, state, view.caption_params),
        source=source_line(atlas, rows),
        permalink=base_url(root) + to_path(state),
        date=long_date(today or config.today()),  # '30 November 2026', '30 novembre 2026', '30 de noviembre de 2026'
        description=view.describe(atlas, state, rows),
    )


NBSP = "\u00a0"


def footer_text(caption: Caption) -> str:
    """The source line and the export date, 'Source: ...; data from IOM, ICMPD · Exported 2 December 2026', the date
    held together by no-break spaces: a line that has to wrap breaks between the source's words, never inside
    'Exported 2 December 2026' (which left 'Exported 2' on one line and 'December 2026' under it)."""
    date = NBSP.join(t("export.date", date=caption.date).split())
    return t("export.footer", source=caption.source, date=date)


NAMED_AT_MOST = 3  # ids a file name lists; more are counted ('5-processes')


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _named(values: tuple[str, ...], plural: str) -> list[str]:
    if len(values) > NAMED_AT_MOST:
        return [f"{len(values)}-{plural}"]
    return [_slug(v) for v in values]


def export_filename(view: str, fmt: str | None = None, *, state: ViewState | None = None) -> str:
    """'budapest-1995-map.png': what the view shows, then the view; the one file-name pattern of exports, the Export
    control, the modebar camera and the CLI. A view with nothing selected: 'migration-atlas-timeline.png'."""
    parts: list[str] = []
    if state is not None:
        parts += _named(state.processes, "processes") + _named(state.orgs, "orgs")
        parts += [_slug(state.country)] if state.country else []
        parts += _named(state.issues, "issues") + _named(state.kinds, "kinds") + _named(state.regions, "regions")
        if "agreements" in state.layers and state.view == "map":
            parts.append("agreements")
        parts += [str(y) for y in (state.compare, state.year) if y is not None]
    stem = "-".join([p for p in parts if p] or [FILENAME_PREFIX]) + f"-{view}"
    return f"{stem}.{fmt}" if fmt else stem


def _esc(text: str) -> str:
    """Data text into plotly's pseudo-HTML as text."""
    return html.escape(text, quote=False)


def _wrap(text: str, chars: int, *, url: bool = False) -> list[str]:
    """Lines of at most `chars` characters, broken between words (a URL anywhere): annotations do not wrap by
    themselves. Only a URL may be cut inside a 'word'; a source line's long words stay whole."""
    return textwrap.wrap(text, max(chars, 20), break_long_words=url, break_on_hyphens=False) or [""]


def captioned_figure(figure: dict, caption: Caption, theme_name: str | Theme, *, width: int = DEFAULT_SIZE[0]) -> dict:
    """The view's figure with the caption drawn in: title and filters on top; source, permalink, date below.

    `width` (pixels) decides where the footer lines wrap; `theme_name` may be an export's Theme (its type sizes).
    A figure with a layout height (what its rows need) needs the caption's height more.
    """
    theme = get_theme(theme_name)
    layout = json.loads(json.dumps(figure.get("layout", {})))  # a copy; the traces are shared, not copied
    size = max(theme.font_size - 2, 10)
    line = round(size * 1.45)
    chars = int((width - 24) / (size * 0.62))
    title = layout.setdefault("title", {})
    if not title.get("text"):
        title["text"] = _esc(caption.title)
    lines = str(title.get("text", "")).count("<br>") + 1
    if lines > 1:  # with a subtitle plotly anchors the title's last line at the top: the pad brings the first back
        title["pad"] = {
            **title.get("pad", {}),
            "t": title_room(title.get("font", {}).get("size", theme.title_size), lines),
        }
    title["subtitle"] = {
        "text": "<br>".join(_esc(x) for x in _wrap(caption.filters, int(chars * size / theme.font_size))),
        "font": {"size": theme.font_size},
    }
    source = _wrap(footer_text(caption), chars)
    link = _wrap(caption.permalink, chars, url=True)
    margin = layout.setdefault("margin", {})
    subtitle_lines = title["subtitle"]["text"].count("<br>") + 1
    # The caption goes around what the figure already has in its margins (the map's legend on top, its notices
    # below): the subtitle pushes the plot down, the footer starts under the figure's own bottom margin.
    subtitle_height = round(theme.font_size * 1.5) * subtitle_lines + 8
    top = margin.get("t", 0)
    margin["t"] = max(margin.get("t", 0) + subtitle_height, theme.title_size + subtitle_height + 30)
    below = margin.get("b", 0)
    margin["b"] = below + (len(source) + len(link)) * line + 14
    if "height" in layout:
        layout["height"] += margin["t"] - top + margin["b"] - below
    footer = {
        "showarrow": False,
        "xref": "paper",
        "yref": "paper",
        "y": 0,
        "yanchor": "top",
        "x": 0,
        "xanchor": "left",
        "xshift": 10,
        "align": "left",
        "font": {"size": size, "color": theme.font_color},
    }
    href = html.escape(caption.permalink)
    layout["annotations"] = list(layout.get("annotations", [])) + [
        {**footer, "text": "<br>".join(_esc(x) for x in source), "yshift": -6 - below, "name": "export-source"},
        {
            **footer,
            "text": "<br>".join(f'<a href="{href}">{_esc(x)}</a>' for x in link),
            "yshift": -6 - below - len(source) * line,
            "name": "export-permalink",
        },
    ]
    return {"data": figure.get("data", []), "layout": layout}


def bare_figure(figure: dict) -> dict:
    """The chart without its title, for a slide whose title is a text box."""
    layout = dict(figure.get("layout", {}))
    title_size = layout.get("title", {}).get("font", {}).get("size") or layout.get("font", {}).get("size", 13) * 1.4
    layout["title"] = {"text": ""}
    margin = layout.get("margin", {})
    # Only the title's room goes: what else the top margin holds (a top axis, era names, column headers, a legend)
    # stays whole (cutting the margin to a fixed 36 px cut the timeline's "Regional consultative processes").
    top = margin.get("t", 36)
    lines = layout.get("meta", {}).get("title_lines", 1)  # a wrapped title (the map's) gave its extra lines room
    kept = max(round(top - title_size * 1.6 - 10 - title_room(title_size, lines)), min(top, 36))
    layout["margin"] = {**margin, "t": kept}
    if "height" in layout:
        layout["height"] -= top - kept
    return {"data": figure.get("data", []), "layout": layout}
