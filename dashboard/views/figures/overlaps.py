"""The overlaps matrix: process x process, the number of shared states in every cell. Pure: data in, figure out."""

from __future__ import annotations

import math
import textwrap
from html import escape

from dashboard.strings import t
from dashboard.views.figures.text_width import text_width, wrap_to_width
from dashboard.views.figures.theme import THEMES, Theme, get_theme
from dashboard.views.names import full_names
from dashboard.viewstate import ViewState

LABEL_CHARS = 22  # axis labels are short names, cut to this length
HOVER_CHARS = 48  # hover text neither
NOTE_PX = 620  # on screen (no width known): the notes' line, in pixels; annotations do not wrap by themselves
LABEL_GAP = 12  # px between the longest row label and the canvas's left edge
# Light to mid blue in one hue: a cell's darkness is its share, whatever the colour vision; never so dark that the
# number on it (always near-black, in every theme) stops being readable (contrast 6:1 or more).
SHARE_SCALE = ["#eef4fb", "#d0e2f3", "#a9cbe8", "#7fb2dc", "#5a9bd0", "#3f88c5"]
CELL_TEXT = "#111111"
BAR_GAP = 0.8  # the colour bar's distance from the matrix, in type sizes: next to it, not at the canvas's edge


def axis_labels(atlas, process_ids) -> list[str]:
    """Short names, cut to LABEL_CHARS and kept unique (a click on a cell names its row and column by them)."""
    labels: list[str] = []
    for p in process_ids:
        name = atlas.process_by_id[p]["short_name"]
        label = escape(name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1] + "…")
        while label in labels:
            label += "​"  # invisible, but another category
        labels.append(label)
    return labels


def cell_size(n: int, theme_name: str) -> int:
    """Pixels per cell: room for a three-digit number in the theme's type."""
    base = 30 if theme_name != "slide" else 44
    return base if n <= 30 else max(16, base - (n - 30) // 2)


def make_overlaps_figure(
    atlas, state: ViewState, overlaps, *, theme: Theme | None = None, fit: bool = False, width: int | None = None
) -> dict:
    """A heatmap whose cells carry their numbers (readable without colour); the colour is the share in common.

    `overlaps`: a views.overlaps.Overlaps (process order, member sets, shared counts).

    >>> fig = make_overlaps_figure(atlas, ViewState(view="overlaps", year=2006), make_overlaps(atlas, state))
    >>> fig["data"][0]["text"][0][1]  # how many states the first two processes share, as text
    With `fit` (an export), the layout's height is the least at which the numbers keep the theme's type: the export
    gives the cells what its canvas has, and refuses a canvas smaller than that. `width` (the export's, in pixels)
    lets the notes below the matrix run as wide as the canvas, rather than the screen's NOTE_PX.
    """
    theme = theme or get_theme(state.theme)
    grow = theme.font_size / THEMES[theme.name].font_size  # an export's type is larger than the screen's
    ids = list(overlaps.process_ids)
    n = len(ids)
    names = full_names(atlas, ids)  # hover: 'Regional Conference on Migration (RCM; …)', the axes the short names
    labels = axis_labels(atlas, ids)
    shared = overlaps.shared
    similarity = overlaps.similarity()
    year = overlaps.year

    def hover(i: int, j: int) -> str:
        # names in full are long: on lines of HOVER_CHARS, so that the hover box stays inside the chart
        a, b = ("<br>".join(escape(x) for x in textwrap.wrap(names[k], HOVER_CHARS)) for k in (i, j))
        if i == j:
            return t("overlaps.hover.self", a=a, n=int(shared[i, i]), year=year)
        return t("overlaps.hover.pair", a=a, b=b, n=int(shared[i, j]), year=year, share=f"{similarity[i, j]:.0%}")

    off = [[None if i == j or not shared[i, j] else float(similarity[i, j]) for j in range(n)] for i in range(n)]
    diag = [[float(shared[i, i]) if i == j else None for j in range(n)] for i in range(n)]
    text = [[("" if (i != j and shared[i, j] == 0) else str(int(shared[i, j]))) for j in range(n)] for i in range(n)]
    hovers = [[hover(i, j) for j in range(n)] for i in range(n)]
    pairs = [[[ids[i], ids[j]] for j in range(n)] for i in range(n)]
    size = round(cell_size(n, theme.name) * grow)
    font = max(9, min(theme.font_size, size // 2 - 2))
    if fit:  # an export: the numbers at its smallest type, in cells just wide and tall enough for the widest
        font = theme.font_size - 2
        widest = max((text_width(x, font) for row in text for x in row), default=font)
        size = math.ceil(max(font * 1.3, widest + 4))
    common = {
        "type": "heatmap",
        "x": labels,
        "y": labels,
        "xgap": 1,
        "ygap": 1,
        "customdata": pairs,
        "hovertext": hovers,
        "hovertemplate": "%{hovertext}<extra></extra>",
        "texttemplate": "%{text}",
    }
    scale = [[i / (len(SHARE_SCALE) - 1), c] for i, c in enumerate(SHARE_SCALE)]
    traces = [
        {
            **common,
            "name": "shared",
            "z": off,
            "text": [["" if i == j else text[i][j] for j in range(n)] for i in range(n)],
            "textfont": {"size": font, "color": CELL_TEXT},
            "zmin": 0,
            "zmax": 1,
            "colorscale": scale,
            "colorbar": {
                "title": {"text": t("overlaps.legend"), "side": "right", "font": {"size": theme.key_size}},
                "tickfont": {"size": theme.key_size},
                "tickformat": ".0%",
                "len": 0.6,
                "thickness": 12,
            },
        },
        {
            **common,
            "name": "members",
            "z": diag,
            "colorscale": [[0, theme.none_fill], [1, theme.none_fill]],
            "showscale": False,
            "hoverongaps": False,  # only the diagonal: every other cell's hover and click go to the trace below
            "text": [[text[i][j] if i == j else "" for j in range(n)] for i in range(n)],
            "textfont": {"size": font, "color": theme.font_color},
        },
    ]
    # The row labels sit in the left margin: as wide as the widest of them, measured in the axis's type.
    margin_l = LABEL_GAP + math.ceil(max((text_width(x, theme.font_size) for x in labels), default=theme.font_size))
    notices = list(overlaps.notices)
    if not ids:
        notices.insert(0, t("overlaps.empty", year=year))
    # Notes run from the labels' edge to the canvas's right (less the right margin and a little air).
    note_size = theme.font_size - 1
    note_px = NOTE_PX if width is None else max(200, width - margin_l - 40)
    note_text = [line for x in [t("overlaps.reading"), *notices] for line in wrap_to_width(x, note_size, note_px)]
    note_lines = len(note_text)
    margin_t = round(0.75 * margin_l) + theme.title_size + 40
    margin_b = 24 + round(theme.font_size * 1.4) * note_lines
    height = margin_t + size * n + margin_b
    layout = {
        **theme.layout(),
        "title": {
            "text": escape(t("title.overlaps", n=n, year=year)),
            "x": 0.01,
            "xanchor": "left",
            "y": 0.99,
            "yref": "container",
            "yanchor": "top",
            "font": {"size": theme.title_size},
        },
        "height": round(height),
        "margin": {"l": margin_l, "r": 20, "t": margin_t, "b": margin_b},
        # Square cells shrink the plot, not the axes' ranges, so the matrix sits centred in the space (constrain) and
        # exported images are not drawn to one side with a gap on the other.
        "xaxis": {
            "side": "top",
            "tickangle": -45,
            "showgrid": False,
            "zeroline": False,
            "automargin": False,
            "constrain": "domain",
        },
        "yaxis": {
            "autorange": "reversed",
            "showgrid": False,
            "zeroline": False,
            "scaleanchor": "x",
            "constrain": "domain",
        },
        "annotations": [
            {
                "text": "<br>".join(escape(line) for line in note_text),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": 0,
                "xanchor": "left",
                "yanchor": "top",
                "yshift": -8,
                "align": "left",
                "font": {"size": note_size},
                "name": "overlaps-notes",
            }
        ],
    }
    return {"data": traces, "layout": layout}


def colorbar_px(font: float, thickness: float = 12) -> float:
    """The colour bar's width in pixels: the bar, its tick labels ('100%') and its title turned on its side."""
    return thickness + 10 + text_width("100%", font) + 6 + font * 1.4 + 10


def place_matrix(figure: dict, width: int, height: int) -> dict:
    """The matrix of an export laid out on its final canvas (width x height, margins included): labels, matrix and
    colour bar as one group centred across the canvas, the colour bar just right of the matrix and as tall as it,
    the notes just under it. Plotly alone keeps the bar at the plot's right edge, far from a small matrix.
    Changes `figure` in place and returns it."""
    layout, traces = figure["layout"], figure.get("data", [])
    n = len(traces[0].get("x", [])) if traces else 0
    if not n:
        return figure
    margin, font = layout["margin"], layout["font"]["size"]
    bar = traces[0].get("colorbar", {})
    bar_font = bar.get("tickfont", {}).get("size", font)
    bar_px = colorbar_px(bar_font, bar.get("thickness", 12))
    gap = round(BAR_GAP * bar_font)
    plot_w = width - margin["l"] - margin["r"]
    plot_h = height - margin["t"] - margin["b"]
    side = max(1.0, min(plot_h, plot_w - gap - bar_px))
    labels = margin["l"]  # the row names sit in the left margin, right against the matrix
    left = max(labels, (width - (labels + side + gap + bar_px)) / 2 + labels)  # the matrix's left edge
    x0 = min((left - margin["l"]) / plot_w, 1 - (side + gap + bar_px) / plot_w)
    x0 = max(0.0, x0)
    x1, y1 = x0 + side / plot_w, 1.0
    y0 = 1 - side / plot_h
    layout["xaxis"] = {**layout.get("xaxis", {}), "domain": [x0, x1]}
    layout["yaxis"] = {**layout.get("yaxis", {}), "domain": [y0, y1]}
    traces[0]["colorbar"] = {
        **bar,
        "x": x1 + gap / plot_w,
        "xref": "paper",
        "xanchor": "left",
        "xpad": 0,
        "y": (y0 + y1) / 2,
        "yanchor": "middle",
        "len": min(1.0, max(0.6 * side, 8 * bar_font) / plot_h),
        "lenmode": "fraction",
    }
    for note in layout.get("annotations", []):
        if note.get("name") == "overlaps-notes":
            note["y"] = y0
    return figure
