"""The atlas map: who belongs to which processes in a year, drawn on the year's borders. Pure: data in, figure out."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

from dashboard import queries
from dashboard.figures.agreements import AGREEMENT_KINDS, ARC_TRACES, arc_traces  # noqa: F401 - AGREEMENT_KINDS re-exported
from dashboard.figures.theme import MAX_OUTLINES, get_theme, overlap_colorscale, process_colour
from dashboard.strings import t
from dashboard.viewstate import ViewState

# Fixed trace slots, so that a filter change can be sent as a patch of values (the geometry stays put).
SLOT_COUNTRIES = 0
SLOT_SMALL = 1
SLOT_OBSERVERS = 2
SLOT_SEAT = 3
SLOT_OUTLINES = 4                     # MAX_OUTLINES slots
SLOT_LEGEND = SLOT_OUTLINES + MAX_OUTLINES   # 3 legend-only slots
SLOT_ARCS = SLOT_LEGEND + 3           # ARC_TRACES slots: a line trace per agreement kind, hover dots, highlight
TRACE_COUNT = SLOT_ARCS + ARC_TRACES


@dataclass(frozen=True)
class MapView:
    """What the map shows for a state: the rows behind it, per-country values and notices."""

    year: int
    process_ids: tuple[str, ...]
    rows: pd.DataFrame          # membership rows in force: process_id, iso3, role, start_year, source_id, ...
    mode: str                   # "one" (members vs observers) or "overlap" (count of processes)
    notices: tuple[str, ...]


def resolve_year(atlas, state: ViewState) -> int:
    return state.year if state.year is not None else atlas.default_year


VIEW_CACHE_SIZE = 256
HOVER_LINES = 8        # a country in dozens of processes gets a short hover, the full list is in the table


def make_map_view(atlas, state: ViewState) -> MapView:
    """Everything the map, its table and its CSV export show, computed once per state (and remembered)."""
    key = state.with_(theme="light", country=None, layers=("processes",))   # what the view does not depend on
    return atlas.remember("map_views", key, lambda: _compute_map_view(atlas, state), size=VIEW_CACHE_SIZE)


def _compute_map_view(atlas, state: ViewState) -> MapView:
    year = resolve_year(atlas, state)
    ids = queries.selected_processes(atlas, state)
    rows = queries.memberships_in_year(atlas, ids, year, state.role)
    notices = []
    for pid in ids if len(ids) <= MAX_OUTLINES else []:
        proc = atlas.process_by_id[pid]
        known = proc["members_known_through"]
        if proc["founded_year"] > year:
            notices.append(t("notice.not_yet_founded", name=proc["short_name"], founded=proc["founded_year"], year=year))
        elif pd.notna(proc["ended_year"]) and proc["ended_year"] < year:
            notices.append(t("notice.ended", name=proc["short_name"], ended=proc["ended_year"]))
        elif pd.notna(known) and known < year:
            notices.append(t("notice.members_known_through", name=proc["short_name"], year=known))
    if len(ids) > MAX_OUTLINES:
        stale = [atlas.process_by_id[p]["short_name"] for p in queries.active_processes(atlas, ids, year)
                 if pd.notna(atlas.process_by_id[p]["members_known_through"])
                 and atlas.process_by_id[p]["members_known_through"] < year]
        if stale:
            names = ", ".join(stale[:5]) + (t("notice.and_more", n=len(stale) - 5) if len(stale) > 5 else "")
            notices.append(t("notice.many_known_through", n=len(stale), year=year, names=names))
    mode = "one" if len(ids) == 1 else "overlap"
    return MapView(year, tuple(ids), rows, mode, tuple(notices))


def _with_codes(atlas, view: MapView) -> pd.DataFrame:
    """The view's rows with the code of the shape each is drawn on (a former state's, before it dissolved)."""
    mapping = queries.display_codes(atlas, view.year)
    codes = view.rows["iso3"].replace(mapping) if mapping else view.rows["iso3"]
    return view.rows.assign(code=codes)


def _hover_by_country(atlas, view: MapView) -> dict[str, list[str]]:
    """Up to HOVER_LINES lines per shape, plus a count of the rest (a country can be in hundreds of processes)."""
    rows = _with_codes(atlas, view)
    shown = rows.groupby("code", sort=False).head(HOVER_LINES)
    lines: dict[str, list[str]] = {}
    for r in shown.itertuples():
        key = "hover.membership_confirmed" if r.start_basis == "confirmed" else "hover.membership"
        text = t(key, process=escape(atlas.process_by_id[r.process_id]["short_name"]), role=t(f"role.{r.role}"),
                 since=r.start_year)
        if r.code != r.iso3:
            text = f"{escape(atlas.country_name(r.iso3))} — {text}"
        lines.setdefault(r.code, []).append(text)
    for code, total in rows["code"].value_counts().items():
        if total > HOVER_LINES:
            lines[code].append(t("hover.more", n=int(total) - HOVER_LINES))
    return lines


def _values_by_country(atlas, view: MapView) -> dict[str, int]:
    """One process: 2 member, 1 observer. Several: how many of them the country takes part in."""
    rows = _with_codes(atlas, view)
    if view.mode == "one":
        return rows.assign(v=(rows["role"] == "member") + 1).groupby("code")["v"].max().astype(int).to_dict()
    return rows.groupby("code")["process_id"].nunique().astype(int).to_dict()


def _empty(name: str = "", **extra) -> dict:
    return {"type": "scattergeo", "lon": [], "lat": [], "name": name, "showlegend": False, "hoverinfo": "skip", **extra}


def _outline_lines(atlas, process_id: str, year: int) -> tuple[list, list]:
    lon, lat = [], []
    if atlas.geometry is None:
        return lon, lat
    for feature in atlas.geometry.footprints["features"]:
        p = feature["properties"]
        if p["process_id"] == process_id and p["start_year"] <= year <= p["end_year"]:
            geom = feature["geometry"]
            polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            for poly in polys:
                ring = poly[0]
                lon += [c[0] for c in ring] + [None]
                lat += [c[1] for c in ring] + [None]
    return lon, lat


def _title(atlas, view: MapView, state: ViewState) -> str:
    if view.mode == "one":
        return t("title.map.one", name=atlas.process_by_id[view.process_ids[0]]["name"], year=view.year)
    if state.processes or state.issues or state.regions or state.kinds:
        return t("title.map.many", n=len(view.process_ids), year=view.year)
    return t("title.map.all", year=view.year)


def make_map_figure(atlas, state: ViewState, *, view: MapView | None = None, arcs: list[dict] | None = None,
                    geojson: dict | str | None = None) -> dict:
    """The map as a plotly figure dict with TRACE_COUNT traces in fixed slots.

    `geojson`: the country shapes, or the URL plotly.js loads them from (the app serves them once, so that the
    figure Dash keeps and patches stays small); by default the shapes themselves, as exports need.

    >>> fig = make_map_figure(atlas, ViewState(processes=("puebla",), year=2000))
    >>> fig["data"][0]["locations"]  # every shape of the year's world; z = 2 member, 1 observer, 0 neither
    """
    theme = get_theme(state.theme)
    view = view or make_map_view(atlas, state)
    geometry = atlas.geometry
    values = _values_by_country(atlas, view)
    hover = _hover_by_country(atlas, view)
    shapes = queries.shapes_in_year(atlas, view.year)
    shape_set = set(shapes)

    def detail(code: str, none: str = "–") -> str:
        return "<br>".join(hover.get(code, [none]))

    def label(code: str) -> str:
        return f"<b>{escape(atlas.country_name(code))}</b><br>{detail(code, t('hover.none'))}"

    if view.mode == "one":
        colorscale = [[0, theme.none_fill], [0.33, theme.none_fill], [0.34, theme.observer], [0.66, theme.observer],
                      [0.67, theme.member], [1, theme.member]]
        zmin, zmax, showscale = 0, 2, False
    else:
        top = max(max(values.values(), default=1), 1)
        colorscale, zmin, zmax, showscale = overlap_colorscale(top, theme.none_fill), -0.5, top + 0.5, True
    countries = {
        "type": "choropleth", "name": "countries",
        "geojson": geojson if geojson is not None else (geometry.shapes if geometry else None),
        "featureidkey": "id", "locations": shapes, "z": [values.get(c, 0) for c in shapes],
        # Names stay put between updates (customdata); only the memberships (text) change with the filters.
        "customdata": [escape(atlas.country_name(c)) for c in shapes], "text": [detail(c) for c in shapes],
        "hovertemplate": "<b>%{customdata}</b><br>%{text}<extra></extra>", "colorscale": colorscale,
        "zmin": zmin, "zmax": zmax, "showscale": showscale,
        "colorbar": {"title": {"text": t("legend.overlap"), "side": "right"}, "dtick": 1, "len": 0.55, "thickness": 12,
                     "x": 1.0, "xanchor": "right"},
        "marker": {"line": {"color": theme.border, "width": theme.border_width}},
        "showlegend": False,
    }
    traces: list[dict] = [countries]

    # Small states that the 110m shapes leave out are drawn as dots at their label points.
    small = [c for c in values if c not in shape_set and geometry and c in geometry.centroid_of]
    if view.mode == "one":
        small_colours = [theme.member if values[c] == 2 else theme.observer for c in small]
    else:
        small_colours = [values[c] for c in small]
    traces.append(_empty(t("legend.small_state"), lon=[geometry.centroid_of[c][0] for c in small],
                         lat=[geometry.centroid_of[c][1] for c in small], mode="markers", customdata=small,
                         hovertext=[label(c) for c in small], hoverinfo="text",
                         marker={"size": theme.marker_size, "color": small_colours, "line": {"width": 1, "color": theme.font_color},
                                 **({} if view.mode == "one" else {"colorscale": colorscale, "cmin": zmin, "cmax": zmax})}))

    # Observers get a marker too, so that they can be told apart without colour.
    observers = sorted({queries.display_code(atlas, r.iso3, view.year) for r in view.rows.itertuples()
                        if r.role == "observer"}) if view.mode == "one" else []
    observers = [c for c in observers if geometry and c in geometry.centroid_of]
    traces.append(_empty(t("legend.observer"), lon=[geometry.centroid_of[c][0] for c in observers],
                         lat=[geometry.centroid_of[c][1] for c in observers], mode="markers", customdata=observers,
                         hovertext=[label(c) for c in observers], hoverinfo="text",
                         marker={"symbol": "diamond-open", "size": theme.marker_size + 3, "color": theme.font_color,
                                 "line": {"width": 2}}))

    seat = _empty(t("legend.secretariat"))
    if view.mode == "one":
        proc = atlas.process_by_id[view.process_ids[0]]
        org = atlas.org_by_id.get(proc["secretariat"]) if proc["secretariat"] else None
        if org and org.get("hq_iso3") and geometry and org["hq_iso3"] in geometry.centroid_of:
            lon, lat = geometry.centroid_of[org["hq_iso3"]]
            seat.update(lon=[lon], lat=[lat], mode="markers", showlegend=True, hoverinfo="text",
                        hovertext=[escape(f"{t('legend.secretariat')}: {org['short_name']} ({org['hq_city'] or org['hq_iso3']})")],
                        marker={"symbol": "star", "size": theme.marker_size + 8, "color": theme.font_color,
                                "line": {"width": 1, "color": theme.paper}})
    traces.append(seat)

    outline_ids = list(view.process_ids) if view.mode == "overlap" and len(view.process_ids) <= MAX_OUTLINES else []
    for i in range(MAX_OUTLINES):
        if i < len(outline_ids):
            pid = outline_ids[i]
            lon, lat = _outline_lines(atlas, pid, view.year)
            traces.append(_empty(escape(t("legend.footprint", name=atlas.process_by_id[pid]["short_name"])), lon=lon, lat=lat,
                                 mode="lines", showlegend=bool(lon), hoverinfo="skip",
                                 line={"color": process_colour(i), "width": theme.outline_width}))
        else:
            traces.append(_empty())

    legend_items = [("legend.member", theme.member), ("legend.observer", theme.observer), ("legend.none", theme.none_fill)]
    for key, colour in legend_items:
        shown = view.mode == "one"
        traces.append(_empty(t(key), lon=[None], lat=[None], mode="markers", showlegend=shown,
                             marker={"size": 12, "symbol": "square", "color": colour}))

    traces += arc_traces(arcs or [], theme, highlight_name=escape(atlas.country_name(state.country)) if state.country else None)

    layout = {
        **theme.layout(),
        "title": {"text": escape(_title(atlas, view, state)), "x": 0.01, "xanchor": "left", "y": 0.985, "yref": "container",
                  "yanchor": "top", "font": {"size": theme.title_size}},
        "margin": {"l": 0, "r": 0, "t": 90 if theme.name != "slide" else 140, "b": 24 if not view.notices else 24 + 18 * len(view.notices)},
        "geo": {"projection": {"type": "natural earth"}, "fitbounds": False, "showframe": False,
                "showland": False, "landcolor": theme.land, "showocean": True, "oceancolor": theme.ocean,
                "showcountries": False, "showcoastlines": False, "showlakes": False, "resolution": 110,
                "bgcolor": theme.paper, "lataxis": {"range": [-58, 85]}, "domain": {"x": [0, 0.94], "y": [0, 1]}},
        "legend": {**theme.layout()["legend"], "orientation": "h", "y": 1.0, "x": 0.0, "yanchor": "bottom",
                   "xanchor": "left"},
        "annotations": [{"text": "<br>".join(map(escape, view.notices)), "showarrow": False, "xref": "paper", "yref": "paper",
                         "x": 0.0, "y": 0.0, "xanchor": "left", "yanchor": "top", "yshift": -4, "align": "left",
                         "font": {"size": theme.font_size - 1}, "bgcolor": theme.paper, "opacity": 0.9,
                         "visible": bool(view.notices)}],
        "uirevision": "map",
    }
    return {"data": traces, "layout": layout}
