"""The timeline: one lane per kind, processes as bars, agreements, organisations and milestones as points, eras shaded.

Pure: atlas and state in, plotly figure dict out. Labels are packed into rows so that none overlaps another at the
theme's reference width (the page never draws the chart narrower than that)."""

from __future__ import annotations

from html import escape

from dashboard.strings import t
from dashboard.views.figures.agreements import AGREEMENT_KINDS, agreement_colour
from dashboard.views.figures.theme import OKABE_ITO, Theme, get_theme
from dashboard.views.figures.timeline_eras import era_layers, lane_rules
from dashboard.views.figures.timeline_layout import (
    CHAR_EM,
    REFERENCE_WIDTH,  # noqa: F401 - re-exported (the page's minimum width)
    _layout_rows,
    hover_texts,
    label_size,
    label_x,
    lane_name,
    left_margin,
    pack_rows,
    place_label,
    plot_width,
    row_span,
    same_year_offsets,
    title_text,
    years_per_char,
)
from dashboard.views.timeline_items import Item, build_items, drawn_items, few_processes, select_items
from dashboard.viewstate import ViewState

PROCESS_COLOURS = {"regional": OKABE_ITO[0], "interregional": OKABE_ITO[2], "global": OKABE_ITO[5]}
ORG_COLOUR = OKABE_ITO[3]
MILESTONE_COLOUR = OKABE_ITO[7]


def _points(name: str, items: list[Item], y_of, x_of, hover, *, colour, symbol="circle", size=9):
    return {
        "type": "scatter",
        "mode": "markers",
        "name": name,
        "x": [x_of(i) for i in items],
        "y": [y_of.get(i.key) for i in items],
        "customdata": [i.key for i in items],
        "hovertext": [hover[i.key] for i in items],
        "hoverinfo": "text",
        "showlegend": any(i.key in y_of for i in items),
        "marker": {"color": colour, "symbol": symbol, "size": size, "line": {"width": 1.5, "color": colour}},
    }


def _segments(pairs: list[tuple[float, float, float | None]], colour: str, width: float) -> dict:
    xs, ys = [], []
    for x0, x1, y in pairs:
        xs += [x0, x1, None]
        ys += [y, y, None]
    return {
        "type": "scatter",
        "mode": "lines",
        "name": "",
        "x": xs,
        "y": ys,
        "hoverinfo": "skip",
        "showlegend": False,
        "line": {"color": colour, "width": width},
        "opacity": 0.6,
    }


def _labels(atlas, universe: list[Item], shown: list[Item], y_of, theme, span: tuple[int, int, float]) -> dict:
    """One text trace: a label per process, organisation, milestone (place_label), and recruiting state's row of
    agreements. `span`: first and last year, years per character."""
    xs, ys, texts, sides = [], [], [], []
    for i in universe:
        if i.lane == "bilateral":
            continue
        label = place_label(i, *span)
        xs.append(label_x(i, span[0], label))
        ys.append(y_of.get(i.key))
        texts.append("<br>".join(escape(line) for line in label.lines))
        sides.append("middle left" if label.left else "middle right")
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
        sides.append("middle right")
    return {
        "type": "scatter",
        "mode": "text",
        "name": "labels",
        "x": xs,
        "y": ys,
        "text": texts,
        "showlegend": False,
        "hoverinfo": "skip",
        "textposition": sides,
        "cliponaxis": False,
        "textfont": {"size": label_size(theme), "color": theme.font_color},
    }


def _marks(state: ViewState, shown: list[Item], unplaced: list[Item], y_of, theme, first: int, at: tuple) -> list:
    """Annotations: the year, successor arrows, what could not be drawn (`at`: the strip's y, the legend's px)."""
    strip_y, legend_h = at
    marks = []
    if state.year is not None:
        marks.append(
            {
                "x": state.year + 0.5,
                "y": strip_y,
                "xref": "x",
                "yref": "y",
                "text": str(state.year),
                "showarrow": False,
                "xanchor": "left",
                "bgcolor": theme.paper,
                "font": {"color": OKABE_ITO[5], "size": label_size(theme)},
            }
        )
    by_key = {i.key: i for i in shown}
    for i in shown:
        succ = by_key.get(i.successor) if i.successor else None
        if succ is not None:
            marks.append(
                {
                    "x": max(succ.start, first),
                    "y": y_of[succ.key],
                    "ax": i.end + 1,
                    "ay": y_of[i.key],
                    "xref": "x",
                    "yref": "y",
                    "axref": "x",
                    "ayref": "y",
                    "showarrow": True,
                    "arrowhead": 2,
                    "arrowwidth": 1.5,
                    "arrowcolor": theme.font_color,
                    "text": "",
                    "hovertext": escape(t("timeline.successor", old=i.spelled, new=succ.spelled)),
                }
            )
    if not shown:
        marks.append(
            {
                "x": 0.5,
                "y": 0.5,
                "xref": "paper",
                "yref": "paper",
                "showarrow": False,
                "text": t("timeline.empty"),
                "font": {"size": theme.font_size + 2},
            }
        )
    if unplaced:
        marks.append(
            {
                "x": 1,
                "y": 0,
                "xref": "paper",
                "yref": "paper",
                "yanchor": "top",
                "xanchor": "right",
                "yshift": -6 - legend_h,
                "showarrow": False,
                "font": {"size": label_size(theme)},
                "text": escape(t("timeline.unplaced", names=", ".join(i.label for i in unplaced))),
            }
        )
    return marks


def make_timeline_figure(
    atlas,
    state: ViewState,
    *,
    keep_hidden: bool = False,
    theme: Theme | None = None,
    width: int | None = None,
    row_em: float = 1.9,
) -> dict:
    """The timeline for a state: fixed traces (year strip, bars per process kind, points per kind, labels).

    With keep_hidden, every item of the atlas is in the traces and those the filters leave out have y = None: the
    page then updates a filter by patching positions only, never resending names and hover text. An export gives
    its `theme` (type sized for it), its `width` (labels are packed for it) and `row_em`, the row height in ems of
    the labels: the layout height is then what the rows need.

    >>> fig = make_timeline_figure(atlas, ViewState(view="timeline", issues=("asylum",)))
    >>> fig["layout"]["yaxis"]["ticktext"]  # the lanes that have something to show
    """
    theme = theme or get_theme(state.theme)
    first, last = atlas.year_range
    selected = select_items(atlas, state)
    shown, _ = drawn_items(selected)
    unplaced = [i for i in selected if i.start is None]
    # Beyond PROCESS_BARS processes in the data, the traces hold only what is drawn (they grow with the data).
    universe = [i for i in build_items(atlas) if i.start is not None] if keep_hidden and few_processes(atlas) else shown
    rows = pack_rows(shown, first, last, char_years := years_per_char(theme, first, last, width))
    y_of, lanes = _layout_rows(shown, rows, {i.key: row_span(i, first, last, char_years) for i in shown})
    offsets = same_year_offsets([i for i in shown if i.lane == "bilateral"], rows)
    hover = hover_texts(atlas)
    mid = lambda year: max(year, first) + 0.5  # noqa: E731 - points sit in the middle of their year
    traces: list[dict] = []

    strip_y = -1.3
    years = list(range(first, last + 1))
    traces.append(
        {
            "type": "scatter",
            "mode": "markers",
            "name": t("timeline.year_strip"),
            "x": [y + 0.5 for y in years],
            "y": [strip_y] * len(years),
            "customdata": years,
            "showlegend": False,
            "hovertemplate": t("timeline.hover.year") + "<extra></extra>",
            "marker": {
                "symbol": "line-ns-open",
                "size": 10,
                "color": theme.font_color,
                "opacity": 0.5,
                "line": {"width": 1.5},
            },
        }
    )

    for kind, colour in PROCESS_COLOURS.items():
        mine = [i for i in universe if i.lane in ("regional", "interregional") and i.kind == kind]
        starts = [max(i.start, first) for i in mine]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "name": t(f"timeline.kind.{kind}"),
                "y": [y_of.get(i.key) for i in mine],
                "base": starts,
                "x": [((last if i.ongoing else i.end) + 1) - s for i, s in zip(mine, starts)],
                "customdata": [i.key for i in mine],
                "hovertext": [hover[i.key] for i in mine],
                "hoverinfo": "text",
                "width": 0.72,
                "showlegend": any(i.key in y_of for i in mine),
                "marker": {"color": colour, "opacity": 0.38, "line": {"color": colour, "width": 1.5}},
            }
        )

    agreements = [i for i in universe if i.lane == "bilateral"]
    traces.append(
        _segments([(mid(i.start), i.end + 1, y_of.get(i.key)) for i in agreements if i.end], theme.font_color, 1)
    )
    for kind in AGREEMENT_KINDS:
        mine = [i for i in agreements if i.subkind == kind]
        traces.append(
            _points(
                t("timeline.legend.agreement", kind=t(f"agreement.kind.{kind}")),
                mine,
                y_of,
                lambda i: mid(i.start) + offsets.get(i.key, 0),
                hover,
                colour=agreement_colour(kind),
                size=theme.marker_size + 3,
            )
        )

    orgs = [i for i in universe if i.lane == "organisation"]
    traces.append(
        _points(
            t("timeline.kind.organisation"),
            orgs,
            y_of,
            lambda i: mid(i.start),
            hover,
            colour=ORG_COLOUR,
            symbol="diamond",
            size=theme.marker_size + 4,
        )
    )

    stones = [i for i in universe if i.lane == "milestone"]
    later = [i for i in stones if i.end and i.end != i.start]
    traces.append(_segments([(mid(i.start), mid(i.end), y_of.get(i.key)) for i in later], theme.font_color, 1.5))
    traces.append(
        _points(
            t("timeline.legend.adopted"),
            stones,
            y_of,
            lambda i: mid(i.start),
            hover,
            colour=theme.font_color,
            size=theme.marker_size + 3,
        )
    )
    traces.append(
        _points(
            t("timeline.legend.in_force"),
            later,
            y_of,
            lambda i: mid(i.end),
            hover,
            colour=theme.font_color,
            symbol="circle-open",
            size=theme.marker_size + 3,
        )
    )
    traces.append(_labels(atlas, universe, shown, y_of, theme, (first, last, char_years)))

    bottom = max((b for _, _, b in lanes), default=0.5)
    shapes, annotations, era_lines = era_layers(atlas.eras, theme, first, last, width)
    shapes += lane_rules(lanes, theme)
    if state.year is not None:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": state.year + 0.5,
                "x1": state.year + 0.5,
                "y0": 0,
                "y1": 1,
                "line": {"color": OKABE_ITO[5], "width": 2, "dash": "dash"},
            }
        )

    row_px = label_size(theme) * row_em
    tick_px = theme.font_size * 1.8
    top_px = int(12 + theme.title_size * 1.6 + theme.font_size * 1.35 * era_lines + 4 + tick_px)
    legend_names = [tr["name"] for tr in traces if tr.get("showlegend")]
    legend_px = sum(len(n) * theme.key_size * CHAR_EM + 50 for n in legend_names)
    plot_px = plot_width(theme, width) + 30
    legend_h = int(max(1, -(-legend_px // plot_px)) * theme.key_size * 1.8)
    bottom_px = 16 + legend_h + (28 if unplaced else 0)
    annotations += _marks(state, shown, unplaced, y_of, theme, first, (strip_y, legend_h))
    layout = {
        **theme.layout(),
        "title": {
            "text": escape(title_text(atlas, state)),
            "x": 0.01,
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 10},
            "font": {"size": theme.title_size},
        },
        "height": max(int(top_px + bottom_px + (bottom - strip_y + 1) * row_px), 320),
        "margin": {"l": left_margin(theme), "r": 30, "t": top_px, "b": bottom_px},
        "xaxis": {
            "range": [first, last + 1.5],
            "dtick": 5 if theme.name != "slide" else 10,
            "tick0": 1945,
            "side": "top",
            "showgrid": True,
            "gridcolor": "rgba(128,128,128,0.2)",
            "zeroline": False,
            "fixedrange": True,
        },
        "yaxis": {
            "range": [bottom + 0.3, strip_y - 0.7],
            "tickvals": [round((a + b) / 2, 2) for _, a, b in lanes],
            "ticktext": [lane_name(t(f"timeline.lane.{lane}")) for lane, _, _ in lanes],
            "showgrid": False,
            "zeroline": False,
            "fixedrange": True,
            "ticks": "",
        },
        "barmode": "overlay",
        "shapes": shapes,
        "annotations": annotations,
        # Under the plot, inside the bottom margin sized for it (an export's footer then goes below it).
        "legend": {
            **theme.layout()["legend"],
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 0,
            "yref": "paper",
            "yanchor": "top",
        },
        "hovermode": "closest",
        "uirevision": "timeline",
    }
    return {"data": traces, "layout": layout}
