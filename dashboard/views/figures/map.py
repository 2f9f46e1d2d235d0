"""The atlas map: who belongs to which processes in a year, drawn on the year's borders. Pure: data in, figure out."""

from __future__ import annotations

from dataclasses import replace
from html import escape

from dashboard.strings import t
from dashboard.views import queries
from dashboard.views.figures.agreements import AGREEMENT_KINDS, ARC_TRACES, arc_traces  # noqa: F401 - AGREEMENT_KINDS re-exported
from dashboard.views.figures.frame import WORLD_LAT
from dashboard.views.figures.map_frame import APP_PLOT_SIZE, boxes, map_frame, too_small  # noqa: F401 - re-exported
from dashboard.views.figures.map_legend import (
    colorbar_height,
    legend_entries,
    notice_block,
    overlap_colorbar,
)
from dashboard.views.figures.map_shapes import (
    ELIGIBLE,
    hover_by_country,
    outline_lines,
    shape_names,
    values_by_country,
)
from dashboard.views.figures.map_view import MapView, make_map_view
from dashboard.views.figures.text_width import title_room, wrapped_title
from dashboard.views.figures.theme import MAX_OUTLINES, Theme, get_theme, overlap_colorscale, process_colour
from dashboard.views.names import full_name, mentions
from dashboard.viewstate import ViewState

# Fixed trace slots, so that a filter change can be sent as a patch of values (the geometry stays put).
SLOT_COUNTRIES = 0
SLOT_SMALL = 1
SLOT_OBSERVERS = 2
SLOT_SEAT = 3
SLOT_OUTLINES = 4  # MAX_OUTLINES slots
APP_TITLE_WIDTH = 490  # px: the map's width on a 1024-px screen (620 on 1280, 940 on 1920), where titles wrap
TITLE_X = 0.01  # of the figure's width, each side of the title
TITLE_INSET = 8  # px more on the right: a line never runs to the picture's edge
NOTICES = "notices"  # the name of the annotation that draws the notices on a picture
NOTICE_INSET = 10  # px: the notices start where an export's title and source line do, not at the picture's edge
SLOT_LEGEND = SLOT_OUTLINES + MAX_OUTLINES  # 4 legend-only slots: member, observer, none, eligible
SLOT_ARCS = SLOT_LEGEND + 4  # ARC_TRACES slots: a line trace per agreement kind, hover dots, highlight
TRACE_COUNT = SLOT_ARCS + ARC_TRACES


def _empty(name: str = "", **extra) -> dict:
    return {"type": "scattergeo", "lon": [], "lat": [], "name": name, "showlegend": False, "hoverinfo": "skip", **extra}


def map_title(atlas, view: MapView, state: ViewState) -> str:
    if view.layer == "organisations":
        if view.mode == "one":
            return t("title.map.org", name=full_name(atlas, view.process_ids[0]), year=view.year)
        return t("title.map.orgs", n=len(view.process_ids), year=view.year)
    if "processes" not in state.layers:
        return t("title.map.agreements", year=view.year)
    if state.match == "all" and len(view.process_ids) > 1:
        names = mentions(atlas, view.process_ids)  # a title is the first mention: acronyms spelled out
        if len(names) <= 3:
            return t("title.map.in_all", names=" and ".join([", ".join(names[:-1]), names[-1]]), year=view.year)
        return t("title.map.in_all_n", n=len(names), year=view.year)
    if view.mode == "one":
        return t("title.map.one", name=full_name(atlas, view.process_ids[0]), year=view.year)
    if state.processes or state.issues or state.regions or state.kinds:
        return t("title.map.many", n=len(view.process_ids), year=view.year)
    return t("title.map.all", year=view.year)


def make_map_figure(
    atlas,
    state: ViewState,
    *,
    view: MapView | None = None,
    arcs: list[dict] | None = None,
    geojson: dict | str | None = None,
    plot_size: tuple[int, int] = APP_PLOT_SIZE,
    theme: Theme | None = None,
) -> dict:
    """The map as a plotly figure dict with TRACE_COUNT traces in fixed slots.
    `theme`: an export's type sizes (see theme.output_theme); by default the state's theme, as on screen.

    `geojson`: the country shapes, or the URL plotly.js loads them from (the app serves them once, so that the
    figure Dash keeps and patches stays small); by default the shapes themselves, as exports need.
    `plot_size`: the map's plot area in pixels: the frame fills it, and shapes too small to see in it get a dot.

    >>> fig = make_map_figure(atlas, ViewState(processes=("puebla",), year=2000))
    >>> fig["data"][0]["locations"]  # every shape of the year's world; z = 2 member, 1 observer, 0 neither
    """
    theme = theme or get_theme(state.theme)
    view = view or make_map_view(atlas, state)
    geometry = atlas.geometry
    agreements_alone = "processes" not in state.layers and view.layer == "processes"
    if agreements_alone:  # no process fills, no colour bar
        view = replace(view, rows=view.rows.iloc[0:0], mode="agreements", notices=())
    values = values_by_country(atlas, view)
    hover = hover_by_country(atlas, view)
    shapes = queries.shapes_in_year(atlas, view.year)
    shape_set = set(shapes)

    def detail(code: str, none: str = "–") -> str:
        return "<br>".join(hover.get(code, [none]))

    def label(code: str) -> str:
        return f"<b>{escape(atlas.country_name(code))}</b><br>{detail(code, t('hover.none'))}"

    zmin: float
    zmax: float
    if view.mode != "overlap":
        colorscale = [  # z/2: 0 none, 0.25 eligible, 0.5 observer, 1 member
            [0, theme.none_fill],
            [0.16, theme.none_fill],
            [0.17, theme.eligible],
            [0.33, theme.eligible],
            [0.34, theme.observer],
            [0.66, theme.observer],
            [0.67, theme.member],
            [1, theme.member],
        ]
        zmin, zmax, showscale = 0, 2, False
    else:
        # One scale for every year of the selection: the same colour is the same count in 1990 and in 2016.
        peak = queries.peak_overlap(atlas, view.process_ids, state.role, view.layer)
        top = int(max(peak, max(values.values(), default=1), 1))  # counts: whole numbers
        colorscale, zmin, zmax, showscale = overlap_colorscale(top, theme.none_fill), -0.5, top + 0.5, True
    bar_px = colorbar_height(theme) if showscale else 0
    map_px = plot_size[0]
    frame = map_frame(atlas, state, view.process_ids, arcs, map_px / max(plot_size[1] - bar_px, 1), view.layer)
    countries = {
        "type": "choropleth",
        "name": "countries",
        "geojson": geojson if geojson is not None else (geometry.shapes if geometry else None),
        "featureidkey": "id",
        "locations": shapes,
        "z": [values.get(c, 0) for c in shapes],
        # Names stay put between updates (customdata); only the memberships (text) change with the filters.
        "customdata": shape_names(atlas, view.year, shapes),
        "text": [detail(c) for c in shapes],
        "hovertemplate": "<b>%{customdata}</b><br>%{text}<extra></extra>",
        "colorscale": colorscale,
        "zmin": zmin,
        "zmax": zmax,
        "showscale": showscale,
        "colorbar": overlap_colorbar(zmax, theme) if showscale else {},
        "marker": {"line": {"color": theme.border, "width": theme.border_width}},
        "showlegend": False,
    }
    traces: list[dict] = [countries]

    # Small states that the 110m shapes leave out, or that are a few pixels wide in this frame, get a dot.
    tiny = too_small(atlas, frame, map_px)
    small = [
        c for c in values if (c not in shape_set or c in tiny) and geometry and c in geometry.centroid_of and values[c]
    ]
    small_colours: list[str] | list[float]
    if view.mode == "one":
        fill = {2: theme.member, 1: theme.observer, ELIGIBLE: theme.eligible}
        small_colours = [fill.get(values[c], theme.observer) for c in small]
    else:
        small_colours = [values[c] for c in small]
    traces.append(
        _empty(
            t("legend.small_state"),
            lon=[geometry.centroid_of[c][0] for c in small],
            lat=[geometry.centroid_of[c][1] for c in small],
            mode="markers",
            customdata=small,
            hovertext=[label(c) for c in small],
            hoverinfo="text",
            marker={
                "size": theme.marker_size,
                "color": small_colours,
                "line": {"width": 1, "color": theme.font_color},
                **({} if view.mode == "one" else {"colorscale": colorscale, "cmin": zmin, "cmax": zmax}),
            },
        )
    )

    # Observers get a marker too, so that they can be told apart without colour.
    observers = (
        sorted(
            {
                queries.display_code(atlas, iso3, view.year)
                for iso3, role in zip(view.rows["iso3"].tolist(), view.rows["role"].tolist())
                if role in ("observer", "associate")
            }
        )
        if view.mode == "one"
        else []
    )
    observers = [c for c in observers if geometry and c in geometry.centroid_of]
    traces.append(
        _empty(
            t("legend.observer"),
            lon=[geometry.centroid_of[c][0] for c in observers],
            lat=[geometry.centroid_of[c][1] for c in observers],
            mode="markers",
            customdata=observers,
            hovertext=[label(c) for c in observers],
            hoverinfo="text",
            marker={
                "symbol": "diamond-open",
                "size": theme.marker_size + 3,
                "color": theme.font_color,
                "line": {"width": 2},
            },
        )
    )

    seat = _empty(t("legend.secretariat"))
    if view.mode == "one" and view.layer == "processes":
        proc = atlas.process_by_id[view.process_ids[0]]
        org = atlas.org_by_id.get(proc["secretariat"]) if proc["secretariat"] else None
        if org and org.get("hq_iso3") and geometry and org["hq_iso3"] in geometry.centroid_of:
            lon, lat = geometry.centroid_of[org["hq_iso3"]]
            seat.update(
                lon=[lon],
                lat=[lat],
                mode="markers",
                showlegend=True,
                hoverinfo="text",
                hovertext=[
                    escape(
                        f"{t('legend.secretariat')}: {full_name(atlas, org['id'])}, {org['hq_city'] or org['hq_iso3']}"
                    )
                ],
                marker={
                    "symbol": "star",
                    "size": theme.marker_size + 8,
                    "color": theme.font_color,
                    "line": {"width": 1, "color": theme.paper},
                },
            )
    traces.append(seat)

    outline_ids = (
        list(view.process_ids)
        if view.mode == "overlap" and view.layer == "processes" and len(view.process_ids) <= MAX_OUTLINES
        else []
    )
    for i in range(MAX_OUTLINES):
        if i < len(outline_ids):
            pid = outline_ids[i]
            lon, lat = outline_lines(atlas, pid, view.year)
            traces.append(
                _empty(
                    escape(t("legend.footprint", name=atlas.process_by_id[pid]["short_name"])),
                    lon=lon,
                    lat=lat,
                    mode="lines",
                    showlegend=bool(lon),
                    hoverinfo="skip",
                    line={"color": process_colour(i), "width": theme.outline_width},
                )
            )
        else:
            traces.append(_empty())

    for name, colour, shown in legend_entries(atlas, view, theme):
        traces.append(
            _empty(
                name,
                lon=[None],
                lat=[None],
                mode="markers",
                showlegend=shown,
                marker={"size": 12, "symbol": "square", "color": colour},
            )
        )

    traces += arc_traces(
        arcs or [], theme, highlight_name=escape(atlas.country_name(state.country)) if state.country else None
    )

    notice_size = theme.font_size - 1
    # On the screen the notices are text under the chart (the page shows them): drawn into the figure, eight lines
    # of them took the map's room at 1280 and left a 230-px map. A picture carries them (exports, present mode).
    on_screen = plot_size == APP_PLOT_SIZE
    notice_lines, notice_px = notice_block([] if on_screen else view.notices, plot_size[0], notice_size)
    layout = {
        **theme.layout(),
        "margin": {
            "l": 0,
            "r": 0,
            # the title, then the legend's row in the key's type (a slide's key is larger than its labels)
            "t": max(90 if theme.name != "slide" else 140, round(theme.title_size * 1.6 + 10 + theme.key_size * 2.4)),
            "b": 24 + bar_px + notice_px,
        },
        "geo": {
            "projection": {"type": "natural earth"},
            "fitbounds": False,
            "showframe": False,
            "showland": False,
            "landcolor": theme.land,
            "showocean": True,
            "oceancolor": theme.ocean,
            "showcountries": False,
            "showcoastlines": False,
            "showlakes": False,
            "resolution": 110,
            "bgcolor": theme.paper,
            # A new frame replaces whatever the user zoomed to; a new year keeps it.
            "uirevision": f"{frame['lon']}{frame['lat']}" if frame else "world",
            "lataxis": {"range": frame["lat"] if frame else list(WORLD_LAT)},
            "lonaxis": {"range": frame["lon"] if frame else [-180, 180]},
            # Centred; in the overlap mode the colour bar takes the right-hand side.
            "domain": {"x": [0, 1], "y": [0, 1]},
        },
        "legend": {
            **theme.layout()["legend"],
            "orientation": "h",
            "y": 1.0,
            "x": 0.0,
            "yanchor": "bottom",
            "xanchor": "left",
        },
        "annotations": [
            {
                "text": "<br>".join(map(escape, notice_lines)),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.0,
                "y": 0.0,
                "xanchor": "left",
                "yanchor": "top",
                "yshift": -4 - bar_px,
                "xshift": NOTICE_INSET,
                "align": "left",
                "font": {"size": notice_size},
                "bgcolor": theme.paper,
                "opacity": 0.9,
                "visible": bool(notice_lines),
                "name": NOTICES,
            }
        ],
        "uirevision": "map",
    }
    set_title(layout, map_title(atlas, view, state), plot_size, theme)
    return {"data": traces, "layout": layout}


def notes_undrawn(figure: dict) -> bool:
    """Whether the figure has a notices annotation (the map's) and leaves it empty: the screen's map (the page, an
    embed, an HTML export) shows its notices under it as text, so that they never take the map's room."""
    notices = [a for a in figure.get("layout", {}).get("annotations", []) if a.get("name") == NOTICES]
    return bool(notices) and not any(a.get("visible") and a.get("text") for a in notices)


def title_width(plot_size: tuple[int, int]) -> float:
    """The pixels a map title's lines may take: the figure's width (on screen APP_TITLE_WIDTH) less its insets."""
    width = APP_TITLE_WIDTH if plot_size == APP_PLOT_SIZE else plot_size[0]
    return width * (1 - 2 * TITLE_X) - TITLE_INSET


def set_title(layout: dict, text: str, plot_size: tuple[int, int], theme: Theme) -> dict:
    """Put the title into `layout`, wrapped to the figure's width (an export's plot, the map's margins being 0; on
    screen APP_TITLE_WIDTH); the top margin grows by its extra lines, so the legend's row under it keeps its place."""
    html, lines = wrapped_title(text, theme.title_size, title_width(plot_size))
    before = layout.get("meta", {}).get("title_lines", 1)  # a title set before (the change map retitles)
    layout["title"] = {
        "text": html,
        "x": TITLE_X,
        "xanchor": "left",
        "y": 0.985,
        "yref": "container",
        "yanchor": "top",
        "font": {"size": theme.title_size},
        # plotly lifts a title of several lines by about 0.72 em above where one line sits (measured in Chromium)
        "pad": {"t": round(theme.title_size * 0.72) if lines > 1 else 0},
    }
    margin = layout["margin"]
    margin["t"] += title_room(theme.title_size, lines) - title_room(theme.title_size, before)
    layout["meta"] = {**layout.get("meta", {}), "title_lines": lines}
    return layout
