"""The timeline's background: the eras shaded with their names, and the rules between lanes."""

from __future__ import annotations

from html import escape

import pandas as pd

from dashboard.views.figures.timeline_layout import (
    CHAR_EM,
    LANE_GAP,
    plot_width,
    wrap,
)


def era_layers(eras, theme, first: int, last: int, width: int | None = None) -> tuple[list, list, int]:
    """Shaded bands and labels for the eras of data/eras.csv; labels wrap to their band. Returns the most lines."""
    px_per_year = plot_width(theme, width) / (last + 2 - first)
    shade = "rgba(0,0,0,{})" if theme.name != "dark" else "rgba(255,255,255,{})"
    shapes, annotations, most = [], [], 1
    for n, era in enumerate(eras.sort_values("start_year").to_dict("records")):
        x0 = max(int(era["start_year"]), first)
        x1 = (int(era["end_year"]) if pd.notna(era["end_year"]) else last) + 1
        shapes.append(
            {
                "type": "rect",
                "xref": "x",
                "yref": "paper",
                "x0": x0,
                "x1": x1,
                "y0": 0,
                "y1": 1,
                "fillcolor": shade.format(0.035 if n % 2 == 0 else 0.08),
                "line": {"width": 0},
                "layer": "below",
            }
        )
        chars = max(6, int((x1 - x0) * px_per_year / (theme.font_size * CHAR_EM * 1.08)))
        lines = wrap(era["label"], chars)
        most = max(most, len(lines))
        annotations.append(
            {
                "x": (x0 + x1) / 2,
                "y": 1,
                "xref": "x",
                "yref": "paper",
                "yanchor": "bottom",
                "yshift": theme.font_size * 1.8,
                "showarrow": False,
                "font": {"size": theme.font_size},
                "text": "<br>".join(f"<b>{escape(line)}</b>" for line in lines),
                "hovertext": escape(era["description"]),
            }
        )
    return shapes, annotations, most


def lane_rules(lanes, theme) -> list[dict]:
    colour = "#5a626c" if theme.name == "dark" else "#bbbbbb"
    return [
        {
            "type": "line",
            "xref": "paper",
            "yref": "y",
            "x0": 0,
            "x1": 1,
            "y0": top - LANE_GAP / 2,
            "y1": top - LANE_GAP / 2,
            "line": {"color": colour, "width": 1, "dash": "dot"},
        }
        for _, top, _ in lanes[1:]
    ]
