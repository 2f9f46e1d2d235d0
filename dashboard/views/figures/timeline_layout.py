"""Timeline layout: label sizes, packing items into rows without overlap, dates and hover text, wrapping."""

from __future__ import annotations

import functools
import textwrap
from dataclasses import dataclass
from html import escape

from dashboard.strings import t
from dashboard.views.figures.theme import THEMES, get_theme
from dashboard.views.timeline_items import LANES, Item, build_items
from dashboard.viewstate import ViewState

# Pixels: the page's minimum width for the chart, and the width its labels are packed for. 900 fits beside the details
# panel on a 1280-px screen (1366 and 1920 have more): the whole period is in view with no sideways scrolling.
REFERENCE_WIDTH = {"light": 900, "dark": 900, "slide": 1220}
LEFT_MARGIN = {"light": 120, "dark": 120, "slide": 190}  # lane names wrap to two lines (lane_name)
LANE_CHARS = 13
CHAR_EM = 0.62  # average glyph width of DejaVu Sans, in ems (a little generous, so labels never touch)
LANE_GAP = 0.8  # rows of space between lanes


def label_size(theme) -> int:
    return theme.font_size - 2 if theme.name != "slide" else theme.font_size - 4


def left_margin(theme) -> int:
    """Room for the lane names (in the page's language, as lane_name wraps them), grown with an export's type."""
    base = round(LEFT_MARGIN.get(theme.name, 170) * theme.font_size / THEMES[theme.name].font_size)
    widest = max(len(line) for lane, _ in LANES for line in lane_lines(t(f"timeline.lane.{lane}")))
    return max(base, round(widest * theme.font_size * CHAR_EM) + 6)


def lane_lines(text: str) -> list[str]:
    """A lane's name in short lines (a word longer than LANE_CHARS gets a line of its own; no word is dropped)."""
    if "<br>" in text:
        return text.split("<br>")
    width = max([LANE_CHARS, *(len(word) for word in text.split())])
    return textwrap.wrap(text, width, break_long_words=False) or [text]


def lane_name(text: str) -> str:
    """A lane's name on short lines, so that the lane column stays narrow."""
    return "<br>".join(lane_lines(text))


def plot_width(theme, width: int | None = None) -> int:
    """The pixels the years take: the chart's width (default: the page's reference width) less its margins."""
    return (width or REFERENCE_WIDTH.get(theme.name, 1150)) - left_margin(theme) - 30


def years_per_char(theme_name, first: int, last: int, width: int | None = None) -> float:
    theme = get_theme(theme_name)
    plot_px = plot_width(theme, width)
    return label_size(theme) * CHAR_EM / (plot_px / (last + 2 - first))


def display_label(item: Item, first: int) -> str:
    """The label drawn: items from before the axis starts are drawn at its start, with their real year."""
    return item.label + (f" ({item.start})" if item.start < first else "")


MAX_LINES = 3  # a milestone's title takes at most this many lines (and as many rows of its lane)


@dataclass(frozen=True)
class Label:
    """A label as drawn: its lines, and whether it sits left of the item (a late milestone: no room on the right)."""

    lines: tuple[str, ...]
    left: bool = False

    @property
    def chars(self) -> int:
        return max(len(line) for line in self.lines)


def balanced(text: str, n: int) -> list[str]:
    """The words of `text` in at most `n` lines of about equal length (the widest as narrow as it can be)."""
    width = -(-len(text) // n)
    while len(lines := wrap(text, width)) > n:
        width += 1
    return lines


@functools.lru_cache(maxsize=4096)
def place_label(item: Item, first: int, last: int, char_years: float) -> Label:
    """A milestone's full title on one line where the row has room, right of it or else left of it; otherwise on
    two (or three) lines: never cut, so that the instrument can always be told. Other labels: one line, right."""
    text = display_label(item, first)
    if item.lane != "milestone":
        return Label((text,))
    right = last + 1.5 - label_start(item, first)
    left = label_end_left(item, first) - first
    for n in range(1, MAX_LINES + 1):
        lines = tuple(balanced(text, n))
        widest = max(len(line) for line in lines) * char_years
        if widest <= right or widest <= left:
            return Label(lines, left=widest > right)
    return Label(lines, left=left > right)


def label_end_left(item: Item, first: int) -> float:
    """Where a label drawn left of a milestone ends: just before its adoption mark."""
    return max(item.start, first) + 0.5 - 0.9


def label_x(item: Item, first: int, label: Label) -> float:
    return label_end_left(item, first) if label.left else label_start(item, first)


def label_start(item: Item, first: int) -> float:
    """Where an item's label begins: inside a bar; right of a point; right of a milestone's entry into force."""
    if item.lane in ("regional", "interregional"):
        return max(item.start, first) + 0.25
    year = item.end if item.lane == "milestone" and item.end and item.end > item.start else item.start
    return max(year, first) + 1.1


def extent(item: Item, first: int, last: int, char_years: float) -> tuple[float, float]:
    """The x-interval an item and its label take: bars from start to end + 1, points at the middle of their year."""
    start = max(item.start, first)
    label = place_label(item, first, last, char_years)
    if item.lane in ("regional", "interregional"):
        end = (last if item.ongoing else item.end) + 1
    else:
        end = (item.end if item.end is not None else item.start) + 1
    if label.left:
        return label_end_left(item, first) - char_years * label.chars, float(end)
    return float(start), max(float(end), label_start(item, first) + char_years * label.chars)


def row_span(item: Item, first: int, last: int, char_years: float) -> int:
    """The rows an item takes in its lane: one per line of its label."""
    return len(place_label(item, first, last, char_years).lines)


def pack_rows(items: list[Item], first: int, last: int, char_years: float) -> dict[str, int]:
    """(First) row of each item within its lane. Agreements: one row per first party (the recruiting state), in order
    of its first agreement. Other lanes: greedy interval packing, each item in the first rows (as many as its label
    has lines) where it overlaps nothing.
    """
    rows: dict[str, int] = {}
    ends: dict[str, list[float]] = {}
    party_row: dict[str, int] = {}
    for item in sorted(items, key=lambda i: (extent(i, first, last, char_years)[0], i.key)):
        if item.lane == "bilateral":
            rows[item.key] = party_row.setdefault(item.parties[0], len(party_row))
            continue
        lane_ends = ends.setdefault(item.lane, [])
        x0, x1 = extent(item, first, last, char_years)
        span = row_span(item, first, last, char_years)
        row = next(r for r in range(len(lane_ends) + 1) if all(e + 0.4 <= x0 for e in lane_ends[r : r + span]))
        lane_ends.extend([float("-inf")] * (row + span - len(lane_ends)))
        lane_ends[row : row + span] = [x1] * span
        rows[item.key] = row
    return rows


def same_year_offsets(items: list[Item], rows: dict[str, int]) -> dict[str, float]:
    """Agreements of one state signed in the same year sit side by side, not on top of each other."""
    groups: dict[tuple, list[str]] = {}
    for i in items:
        groups.setdefault((i.lane, rows[i.key], i.start), []).append(i.key)
    return {key: round((n - (len(keys) - 1) / 2) * 0.5, 2) for keys in groups.values() for n, key in enumerate(keys)}


def dates_text(item: Item) -> str:
    """The item's dates in words: '1996–today', 'Signed 1960; in force until 1973', 'Adopted 2000, in force 2003'."""
    if item.lane in ("regional", "interregional"):
        if item.ongoing:
            return t("timeline.hover.since", start=item.start)
        return str(item.start) if item.end == item.start else f"{item.start}–{item.end}"
    if item.lane == "bilateral":
        return t("timeline.hover.signed", start=item.start) + (
            t("timeline.hover.until", end=item.end) if item.end else t("timeline.hover.end_unknown")
        )
    if item.lane == "milestone":
        if item.end and item.end != item.start:
            return t("timeline.hover.adopted_in_force", start=item.start, end=item.end)
        return t("timeline.hover.adopted", start=item.start)
    return t("timeline.hover.founded", start=item.start)


def hover_texts(atlas) -> dict[str, str]:
    """Hover text of every item; it depends on the data and the language alone, so it is worked out once for each."""
    return atlas.per_language("timeline.hover", lambda: {i.key: hover_text(atlas, i) for i in build_items(atlas)})


def hover_text(atlas, item: Item) -> str:
    """Name, dates, members count and issue areas; text from data is escaped (plotly reads hover text as HTML)."""
    issues = ", ".join(atlas.issue_by_id[i]["label"] for i in item.issues if i in atlas.issue_by_id) or "—"
    if item.lane == "bilateral":
        issues += " " + t("timeline.hover.by_kind")
    lines = [f"<b>{line}</b>" for line in map(escape, wrap(item.spelled, 64))] + [escape(dates_text(item))]
    if item.lane == "bilateral":
        lines.append(escape(" – ".join(atlas.country_name(c) for c in item.parties) + f" · {item.subkind}"))
    elif item.lane == "milestone":
        lines.append(escape(item.subkind))
    if item.detail:
        lines.append(escape(item.detail))
    lines.append(escape(t("timeline.hover.issues", issues=issues)))
    return "<br>".join(lines)


def _layout_rows(
    items: list[Item], rows: dict[str, int], spans: dict[str, int] | None = None
) -> tuple[dict[str, float], list[tuple[str, float, float]]]:
    """y of every item (the middle of the rows it takes) and each lane's (name, top, bottom), lanes stacked top to
    bottom with a gap."""
    spans = spans or {}
    y_of: dict[str, float] = {}
    lanes = []
    top = 0.0
    for lane, _kinds in LANES:
        mine = [i for i in items if i.lane == lane]
        if not mine:
            continue
        height = max(rows[i.key] + spans.get(i.key, 1) for i in mine)
        for i in mine:
            y_of[i.key] = round(top + rows[i.key] + (spans.get(i.key, 1) - 1) / 2, 2)
        lanes.append((lane, round(top - 0.5, 2), round(top + height - 0.5, 2)))
        top = round(top + height + LANE_GAP, 2)
    return y_of, lanes


def wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most `width` characters (a longer word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def title_text(atlas, state: ViewState) -> str:
    first, last = atlas.year_range
    parts = []
    if state.issues:
        parts.append(", ".join(atlas.issue_by_id[i]["label"] for i in state.issues))
    if state.regions:
        parts.append(", ".join(state.regions))
    if state.kinds:
        parts.append(", ".join(t(f"timeline.kind.{k}") for k in state.kinds))
    base = t("timeline.title", first=first, last=last)
    return f"{base}: {'; '.join(parts)}" if parts else base
