"""The timeline: one lane per kind, processes as bars, agreements, organisations and milestones as points, eras shaded.

Pure: atlas and state in, plotly figure dict out. Labels are packed into rows so that none overlaps another at the
reference width of the theme (the page never draws the chart narrower than that).
"""

from __future__ import annotations

from html import escape

import pandas as pd

from dashboard.figures.agreements import AGREEMENT_KINDS, agreement_colour
from dashboard.figures.theme import OKABE_ITO, get_theme
from dashboard.strings import t
from dashboard.timeline_items import LANES, Item, build_items, select_items
from dashboard.viewstate import ViewState

REFERENCE_WIDTH = {"light": 1150, "dark": 1150, "slide": 1900}   # pixels; the page's minimum width for the chart
LEFT_MARGIN = {"light": 170, "dark": 170, "slide": 290}
CHAR_EM = 0.62          # average glyph width of DejaVu Sans, in ems (a little generous, so labels never touch)
LANE_GAP = 0.8          # rows of space between lanes
PROCESS_COLOURS = {"regional": OKABE_ITO[0], "interregional": OKABE_ITO[2], "global": OKABE_ITO[5]}
ORG_COLOUR = OKABE_ITO[3]
MILESTONE_COLOUR = OKABE_ITO[7]


def label_size(theme) -> int:
    return theme.font_size - 2 if theme.name != "slide" else theme.font_size - 4


def years_per_char(theme_name: str, first: int, last: int) -> float:
    theme = get_theme(theme_name)
    plot_px = REFERENCE_WIDTH.get(theme_name, 1150) - LEFT_MARGIN.get(theme_name, 170) - 30
    return label_size(theme) * CHAR_EM / (plot_px / (last + 2 - first))


def display_label(item: Item, first: int) -> str:
    """The label drawn: items from before the axis starts are drawn at its start, with their real year."""
    return item.label + (f" ({item.start})" if item.start < first else "")


def label_start(item: Item, first: int) -> float:
    """Where an item's label begins: inside a bar; right of a point; right of a milestone's entry into force."""
    if item.lane in ("regional", "interregional"):
        return max(item.start, first) + 0.25
    year = item.end if item.lane == "milestone" and item.end and item.end > item.start else item.start
    return max(year, first) + 1.1


def extent(item: Item, first: int, last: int, char_years: float) -> tuple[float, float]:
    """The x-interval an item and its label take: bars from start to end + 1, points at the middle of their year."""
    start = max(item.start, first)
    label_end = label_start(item, first) + char_years * len(display_label(item, first))
    if item.lane in ("regional", "interregional"):
        end = (last if item.ongoing else item.end) + 1
    else:
        end = (item.end if item.end is not None else item.start) + 1
    return float(start), max(float(end), label_end)


def pack_rows(items: list[Item], first: int, last: int, char_years: float) -> dict[str, int]:
    """Row of each item within its lane. Agreements: one row per first party (the recruiting state), in order of
    its first agreement. Other lanes: greedy interval packing, each item in the first row where it overlaps nothing.
    """
    rows: dict[str, int] = {}
    ends: dict[str, list[float]] = {}
    party_row: dict[str, int] = {}
    for item in sorted(items, key=lambda i: (max(i.start, first), i.key)):
        if item.lane == "bilateral":
            rows[item.key] = party_row.setdefault(item.parties[0], len(party_row))
            continue
        lane_ends = ends.setdefault(item.lane, [])
        x0, x1 = extent(item, first, last, char_years)
        for row, row_end in enumerate(lane_ends):
            if row_end + 0.4 <= x0:
                lane_ends[row] = x1
                rows[item.key] = row
                break
        else:
            lane_ends.append(x1)
            rows[item.key] = len(lane_ends) - 1
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
            t("timeline.hover.until", end=item.end) if item.end else t("timeline.hover.end_unknown"))
    if item.lane == "milestone":
        if item.end and item.end != item.start:
            return t("timeline.hover.adopted_in_force", start=item.start, end=item.end)
        return t("timeline.hover.adopted", start=item.start)
    return t("timeline.hover.founded", start=item.start)


def hover_texts(atlas) -> dict[str, str]:
    """Hover text of every item; it depends on the data alone, so it is worked out once per atlas."""
    if "timeline.hover" not in atlas._cache:
        atlas._cache["timeline.hover"] = {i.key: hover_text(atlas, i) for i in build_items(atlas)}
    return atlas._cache["timeline.hover"]


def hover_text(atlas, item: Item) -> str:
    """Name, dates, members count and issue areas; text from data is escaped (plotly reads hover text as HTML)."""
    issues = ", ".join(atlas.issue_by_id[i]["label"] for i in item.issues if i in atlas.issue_by_id) or "—"
    if item.lane == "bilateral":
        issues += " " + t("timeline.hover.by_kind")
    lines = [f"<b>{escape(item.name)}</b>", escape(dates_text(item))]
    if item.lane == "bilateral":
        lines.append(escape(" – ".join(atlas.country_name(c) for c in item.parties) + f" · {item.subkind}"))
    elif item.lane == "milestone":
        lines.append(escape(item.subkind))
    if item.detail:
        lines.append(escape(item.detail))
    lines.append(escape(t("timeline.hover.issues", issues=issues)))
    return "<br>".join(lines)


def _layout_rows(items: list[Item], rows: dict[str, int]) -> tuple[dict[str, float], list[tuple[str, float, float]]]:
    """y of every item and each lane's (name, top, bottom), lanes stacked top to bottom with a gap."""
    y_of: dict[str, float] = {}
    lanes = []
    top = 0.0
    for lane, _kinds in LANES:
        mine = [i for i in items if i.lane == lane]
        if not mine:
            continue
        height = max(rows[i.key] for i in mine) + 1
        for i in mine:
            y_of[i.key] = round(top + rows[i.key], 2)
        lanes.append((lane, round(top - 0.5, 2), round(top + height - 0.5, 2)))
        top = round(top + height + LANE_GAP, 2)
    return y_of, lanes


def _points(name: str, items: list[Item], y_of, x_of, hover, *, colour, symbol="circle", size=9):
    return {"type": "scatter", "mode": "markers", "name": name, "x": [x_of(i) for i in items],
            "y": [y_of.get(i.key) for i in items], "customdata": [i.key for i in items],
            "hovertext": [hover[i.key] for i in items], "hoverinfo": "text",
            "showlegend": any(i.key in y_of for i in items),
            "marker": {"color": colour, "symbol": symbol, "size": size, "line": {"width": 1.5, "color": colour}}}


def _segments(pairs: list[tuple[float, float, float | None]], colour: str, width: float) -> dict:
    xs, ys = [], []
    for x0, x1, y in pairs:
        xs += [x0, x1, None]
        ys += [y, y, None]
    return {"type": "scatter", "mode": "lines", "name": "", "x": xs, "y": ys, "hoverinfo": "skip", "showlegend": False,
            "line": {"color": colour, "width": width}, "opacity": 0.6}


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


def _labels(atlas, universe: list[Item], shown: list[Item], y_of, theme, first: int) -> dict:
    """One text trace: a label per process, organisation and milestone; one per recruiting state's row of agreements."""
    xs, ys, texts = [], [], []
    for i in universe:
        if i.lane == "bilateral":
            continue
        xs.append(label_start(i, first))
        ys.append(y_of.get(i.key))
        texts.append(escape(display_label(i, first)))
    parties: dict[str, list[Item]] = {}
    for i in shown:
        if i.lane == "bilateral":
            parties.setdefault(i.parties[0], []).append(i)
    for party in sorted({i.parties[0] for i in universe if i.lane == "bilateral"}):
        mine = parties.get(party, [])
        ends = [max(i.end or i.start, i.start) + 1 for i in mine]
        xs.append(max(ends) + 0.4 if mine else None)
        ys.append(y_of.get(mine[0].key) if mine else None)
        texts.append(escape(f"{atlas.country_name(party)} ({len(mine)})"))
    return {"type": "scatter", "mode": "text", "name": "labels", "x": xs, "y": ys, "text": texts,
            "showlegend": False, "hoverinfo": "skip", "textposition": "middle right", "cliponaxis": False,
            "textfont": {"size": label_size(theme), "color": theme.font_color}}


def wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most `width` characters (a longer word gets a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def era_layers(eras, theme, first: int, last: int) -> tuple[list, list, int]:
    """Shaded bands and labels for the eras of data/eras.csv; labels wrap to their band. Returns the most lines."""
    px_per_year = (REFERENCE_WIDTH.get(theme.name, 1150) - LEFT_MARGIN.get(theme.name, 170) - 30) / (last + 2 - first)
    shade = "rgba(0,0,0,{})" if theme.name != "dark" else "rgba(255,255,255,{})"
    shapes, annotations, most = [], [], 1
    for n, era in enumerate(eras.sort_values("start_year").to_dict("records")):
        x0 = max(int(era["start_year"]), first)
        x1 = (int(era["end_year"]) if pd.notna(era["end_year"]) else last) + 1
        shapes.append({"type": "rect", "xref": "x", "yref": "paper", "x0": x0, "x1": x1, "y0": 0, "y1": 1,
                       "fillcolor": shade.format(0.035 if n % 2 == 0 else 0.08), "line": {"width": 0},
                       "layer": "below"})
        chars = max(6, int((x1 - x0) * px_per_year / (theme.font_size * CHAR_EM * 1.08)))
        lines = wrap(era["label"], chars)
        most = max(most, len(lines))
        annotations.append({"x": (x0 + x1) / 2, "y": 1, "xref": "x", "yref": "paper", "yanchor": "bottom",
                            "yshift": theme.font_size * 1.8, "showarrow": False, "font": {"size": theme.font_size},
                            "text": "<br>".join(f"<b>{escape(line)}</b>" for line in lines),
                            "hovertext": escape(era["description"])})
    return shapes, annotations, most


def _lane_rules(lanes, theme) -> list[dict]:
    colour = "#5a626c" if theme.name == "dark" else "#bbbbbb"
    return [{"type": "line", "xref": "paper", "yref": "y", "x0": 0, "x1": 1, "y0": top - LANE_GAP / 2,
             "y1": top - LANE_GAP / 2, "line": {"color": colour, "width": 1, "dash": "dot"}} for _, top, _ in lanes[1:]]


def _marks(state: ViewState, shown: list[Item], unplaced: list[Item], y_of, theme, first: int, strip_y: float) -> list:
    """Annotations: the chosen year, arrows from a process to its successor, and what could not be drawn."""
    marks = []
    if state.year is not None:
        marks.append({"x": state.year + 0.5, "y": strip_y, "xref": "x", "yref": "y", "text": str(state.year),
                      "showarrow": False, "xanchor": "left", "bgcolor": theme.paper,
                      "font": {"color": OKABE_ITO[5], "size": label_size(theme)}})
    by_key = {i.key: i for i in shown}
    for i in shown:
        succ = by_key.get(i.successor) if i.successor else None
        if succ is not None:
            marks.append({"x": max(succ.start, first), "y": y_of[succ.key], "ax": i.end + 1, "ay": y_of[i.key],
                          "xref": "x", "yref": "y", "axref": "x", "ayref": "y", "showarrow": True,
                          "arrowhead": 2, "arrowwidth": 1.5, "arrowcolor": theme.font_color, "text": "",
                          "hovertext": escape(t("timeline.successor", old=i.label, new=succ.label))})
    if not shown:
        marks.append({"x": 0.5, "y": 0.5, "xref": "paper", "yref": "paper", "showarrow": False,
                      "text": t("timeline.empty"), "font": {"size": theme.font_size + 2}})
    if unplaced:
        marks.append({"x": 1, "y": 0, "xref": "paper", "yref": "paper", "yanchor": "top", "xanchor": "right",
                      "yshift": -6, "showarrow": False, "font": {"size": label_size(theme)},
                      "text": escape(t("timeline.unplaced", names=", ".join(i.label for i in unplaced)))})
    return marks


def make_timeline_figure(atlas, state: ViewState, *, keep_hidden: bool = False) -> dict:
    """The timeline for a state: fixed traces (year strip, bars per process kind, points per kind, labels).

    With keep_hidden, every item of the atlas is in the traces and those the filters leave out have y = None: the
    page then updates a filter by patching positions only, never resending names and hover text.

    >>> fig = make_timeline_figure(atlas, ViewState(view="timeline", issues=("asylum",)))
    >>> fig["layout"]["yaxis"]["ticktext"]  # the lanes that have something to show
    """
    theme = get_theme(state.theme)
    first, last = atlas.year_range
    selected = select_items(atlas, state)
    shown = [i for i in selected if i.start is not None]
    unplaced = [i for i in selected if i.start is None]
    universe = [i for i in build_items(atlas) if i.start is not None] if keep_hidden else shown
    rows = pack_rows(shown, first, last, years_per_char(theme.name, first, last))
    y_of, lanes = _layout_rows(shown, rows)
    offsets = same_year_offsets([i for i in shown if i.lane == "bilateral"], rows)
    hover = hover_texts(atlas)
    mid = lambda year: max(year, first) + 0.5  # noqa: E731 - points sit in the middle of their year
    traces: list[dict] = []

    strip_y = -1.3
    years = list(range(first, last + 1))
    traces.append({"type": "scatter", "mode": "markers", "name": t("timeline.year_strip"), "x": [y + 0.5 for y in years],
                   "y": [strip_y] * len(years), "customdata": years, "showlegend": False,
                   "hovertemplate": t("timeline.hover.year") + "<extra></extra>",
                   "marker": {"symbol": "line-ns-open", "size": 10, "color": theme.font_color, "opacity": 0.5,
                              "line": {"width": 1.5}}})

    for kind, colour in PROCESS_COLOURS.items():
        mine = [i for i in universe if i.lane in ("regional", "interregional") and i.kind == kind]
        starts = [max(i.start, first) for i in mine]
        traces.append({"type": "bar", "orientation": "h", "name": t(f"timeline.kind.{kind}"),
                       "y": [y_of.get(i.key) for i in mine], "base": starts,
                       "x": [((last if i.ongoing else i.end) + 1) - s for i, s in zip(mine, starts)],
                       "customdata": [i.key for i in mine], "hovertext": [hover[i.key] for i in mine],
                       "hoverinfo": "text", "width": 0.72, "showlegend": any(i.key in y_of for i in mine),
                       "marker": {"color": colour, "opacity": 0.38, "line": {"color": colour, "width": 1.5}}})

    agreements = [i for i in universe if i.lane == "bilateral"]
    traces.append(_segments([(mid(i.start), i.end + 1, y_of.get(i.key)) for i in agreements if i.end],
                            theme.font_color, 1))
    for kind in AGREEMENT_KINDS:
        mine = [i for i in agreements if i.subkind == kind]
        traces.append(_points(t("timeline.legend.agreement", kind=kind), mine, y_of,
                              lambda i: mid(i.start) + offsets.get(i.key, 0), hover,
                              colour=agreement_colour(kind), size=theme.marker_size + 3))

    orgs = [i for i in universe if i.lane == "organisation"]
    traces.append(_points(t("timeline.kind.organisation"), orgs, y_of, lambda i: mid(i.start), hover,
                          colour=ORG_COLOUR, symbol="diamond", size=theme.marker_size + 4))

    stones = [i for i in universe if i.lane == "milestone"]
    later = [i for i in stones if i.end and i.end != i.start]
    traces.append(_segments([(mid(i.start), mid(i.end), y_of.get(i.key)) for i in later], theme.font_color, 1.5))
    traces.append(_points(t("timeline.legend.adopted"), stones, y_of, lambda i: mid(i.start), hover,
                          colour=theme.font_color, size=theme.marker_size + 3))
    traces.append(_points(t("timeline.legend.in_force"), later, y_of, lambda i: mid(i.end), hover,
                          colour=theme.font_color, symbol="circle-open", size=theme.marker_size + 3))
    traces.append(_labels(atlas, universe, shown, y_of, theme, first))

    bottom = max((b for _, _, b in lanes), default=0.5)
    shapes, annotations, era_lines = era_layers(atlas.eras, theme, first, last)
    shapes += _lane_rules(lanes, theme)
    annotations += _marks(state, shown, unplaced, y_of, theme, first, strip_y)
    if state.year is not None:
        shapes.append({"type": "line", "xref": "x", "yref": "paper", "x0": state.year + 0.5, "x1": state.year + 0.5,
                       "y0": 0, "y1": 1, "line": {"color": OKABE_ITO[5], "width": 2, "dash": "dash"}})

    row_px = label_size(theme) * 1.9
    tick_px = theme.font_size * 1.8
    top_px = int(12 + theme.title_size * 1.6 + theme.font_size * 1.35 * era_lines + 4 + tick_px)
    legend_names = [tr["name"] for tr in traces if tr.get("showlegend")]
    legend_px = sum(len(n) * theme.font_size * CHAR_EM + 50 for n in legend_names)
    plot_px = REFERENCE_WIDTH.get(theme.name, 1150) - LEFT_MARGIN.get(theme.name, 170)
    bottom_px = int(16 + max(1, -(-legend_px // plot_px)) * theme.font_size * 1.8) + (28 if unplaced else 0)
    layout = {
        **theme.layout(),
        "title": {"text": escape(title_text(atlas, state)), "x": 0.01, "xanchor": "left", "y": 1, "yref": "container",
                  "yanchor": "top", "pad": {"t": 10}, "font": {"size": theme.title_size}},
        "height": max(int(top_px + bottom_px + (bottom - strip_y + 1) * row_px), 320),
        "margin": {"l": LEFT_MARGIN.get(theme.name, 170), "r": 30, "t": top_px, "b": bottom_px},
        "xaxis": {"range": [first, last + 1.5], "dtick": 5 if theme.name != "slide" else 10, "tick0": 1945,
                  "side": "top", "showgrid": True, "gridcolor": "rgba(128,128,128,0.2)", "zeroline": False,
                  "fixedrange": True},
        "yaxis": {"range": [bottom + 0.3, strip_y - 0.7], "tickvals": [round((a + b) / 2, 2) for _, a, b in lanes],
                  "ticktext": [t(f"timeline.lane.{lane}") for lane, _, _ in lanes], "showgrid": False,
                  "zeroline": False, "fixedrange": True, "ticks": ""},
        "barmode": "overlay",
        "shapes": shapes,
        "annotations": annotations,
        # Under the plot, inside the bottom margin sized for it (an export's footer then goes below it).
        "legend": {**theme.layout()["legend"], "orientation": "h", "x": 0, "xanchor": "left", "y": 0,
                   "yref": "paper", "yanchor": "top"},
        "hovermode": "closest",
        "uirevision": "timeline",
    }
    return {"data": traces, "layout": layout}
