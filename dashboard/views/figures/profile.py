"""A country's memberships over time, as a small timeline (one bar per process and role)."""

from __future__ import annotations

from html import escape

import pandas as pd

from dashboard.views.figures.theme import get_theme
from dashboard.views.names import full_name


def make_profile_figure(atlas, iso3: str, *, theme: str = "light") -> dict:
    th = get_theme(theme)
    rows = atlas.memberships[atlas.memberships["iso3"] == iso3].sort_values("start_year")
    last = atlas.year_range[1]
    names, starts, lengths, colours, text = [], [], [], [], []
    for r in rows.itertuples():
        proc = atlas.process_by_id[r.process_id]
        end = r.end_year if pd.notna(r.end_year) else (proc["ended_year"] if pd.notna(proc["ended_year"]) else last)
        names.append(escape(proc["short_name"]))  # plotly draws tick labels and hover text as HTML
        starts.append(int(r.start_year))
        lengths.append(int(end) - int(r.start_year) + 1)
        colours.append(th.member if r.role == "member" else th.observer)
        text.append(
            escape(
                f"{full_name(atlas, r.process_id)}: {r.role} {r.start_year}–{'' if pd.isna(r.end_year) else r.end_year}"
            )
        )
    return {
        "data": [
            {
                "type": "bar",
                "orientation": "h",
                "y": names,
                "x": lengths,
                "base": starts,
                "marker": {"color": colours},
                "hovertext": text,
                "hoverinfo": "text",
            }
        ],
        "layout": {
            **th.layout(),
            "margin": {"l": 10, "r": 10, "t": 5, "b": 25},
            "showlegend": False,
            "xaxis": {"range": [min(starts, default=1980) - 2, last + 1], "dtick": 10},
            "yaxis": {"automargin": True, "autorange": "reversed"},
            "bargap": 0.3,
        },
    }
