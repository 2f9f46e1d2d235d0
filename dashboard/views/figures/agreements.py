"""Bilateral agreements as arcs between the two states' centroids, former states drawn as they were."""

from __future__ import annotations

import math
from html import escape

from dashboard.strings import t
from dashboard.views import queries
from dashboard.views.figures.theme import process_colour
from dashboard.views.timeline_items import abbreviate

ARC_STEPS = 8  # segments per arc: enough to curve like a great circle at world scale, few bytes per update


def great_circle(a: tuple[float, float], b: tuple[float, float], steps: int = ARC_STEPS) -> tuple[list, list]:
    """Points along the great circle from a to b (lon, lat in degrees), so arcs curve as on a globe."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    d = 2 * math.asin(
        math.sqrt(math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    )
    if d == 0:
        return [a[0], b[0]], [a[1], b[1]]
    lons, lats = [], []
    for i in range(steps + 1):
        f = i / steps
        A, B = math.sin((1 - f) * d) / math.sin(d), math.sin(f * d) / math.sin(d)
        x = A * math.cos(lat1) * math.cos(lon1) + B * math.cos(lat2) * math.cos(lon2)
        y = A * math.cos(lat1) * math.sin(lon1) + B * math.cos(lat2) * math.sin(lon2)
        z = A * math.sin(lat1) + B * math.sin(lat2)
        # A tenth of a degree (about 10 km) is finer than a pixel of the world map.
        lats.append(round(math.degrees(math.atan2(z, math.hypot(x, y))), 1))
        lons.append(round(math.degrees(math.atan2(y, x)), 1))
    return lons, lats


def state_exists(atlas, iso3: str, year: int) -> bool:
    """A former state (USSR, Yugoslavia, ...) exists only within its years; other codes always count as existing."""
    former = atlas.former_states.get(iso3)
    return former is None or former["start_year"] <= year <= former["end_year"]


def agreements_in_force(atlas, year: int):
    """Agreements signed by `year` and not ended before it, between states that both exist in `year`.

    An agreement with Yugoslavia is not drawn after 1992: the data do not say which successor kept it.
    """
    a = atlas.agreements
    rows = a[queries.in_force(a, year, "year", "end_year")]
    keep = [state_exists(atlas, r.iso3_a, year) and state_exists(atlas, r.iso3_b, year) for r in rows.itertuples()]
    return rows[keep] if len(rows) else rows


def agreement_arcs(atlas, year: int, *, highlight: str | None = None) -> list[dict]:
    """One arc per agreement in force in `year`: points, middle point, kind, hover label, and whether highlighted."""
    if atlas.geometry is None:
        return []
    arcs = []
    for r in agreements_in_force(atlas, year).sort_values(["year", "id"]).itertuples():
        a, b = queries.display_code(atlas, r.iso3_a, year), queries.display_code(atlas, r.iso3_b, year)
        if a not in atlas.geometry.centroid_of or b not in atlas.geometry.centroid_of:
            continue
        lon, lat = great_circle(atlas.geometry.centroid_of[a], atlas.geometry.centroid_of[b])
        src = atlas.source_for(r.source_id)
        # Shortened so that a year step stays small; the profile lists the full titles with their sources.
        label = t(
            "agreements.hover",
            title=escape(abbreviate(r.title, 64)),
            a=escape(atlas.country_name(r.iso3_a)),
            b=escape(atlas.country_name(r.iso3_b)),
            year=r.year,
            source=escape(abbreviate(src["title"], 48)),
        )
        arcs.append(
            {
                "id": r.id,
                "kind": r.kind,
                "lon": lon,
                "lat": lat,
                "mid": (lon[len(lon) // 2], lat[len(lat) // 2]),
                "label": label,
                "parties": (r.iso3_a, r.iso3_b),
                "highlight": bool(highlight) and highlight in (r.iso3_a, r.iso3_b, a, b),
            }
        )
    return arcs


AGREEMENT_KINDS = ("recruitment", "labour", "social-security", "readmission")
ARC_TRACES = len(AGREEMENT_KINDS) + 2  # one line trace per kind, the hover dots, the selected country's arcs


def agreement_colour(kind: str) -> str:
    """The colour of an agreement kind, the same on the map's arcs and on the timeline."""
    return process_colour(AGREEMENT_KINDS.index(kind) + 2) if kind in AGREEMENT_KINDS else process_colour(4)


def _geo(name: str, **extra) -> dict:
    return {"type": "scattergeo", "lon": [], "lat": [], "name": name, "showlegend": False, "hoverinfo": "skip", **extra}


def _lines(arcs: list[dict]) -> tuple[list, list]:
    lon, lat = [], []
    for a in arcs:
        lon += a["lon"] + [None]
        lat += a["lat"] + [None]
    return lon, lat


def arc_traces(arcs: list[dict], theme, *, highlight_name: str | None = None) -> list[dict]:
    """ARC_TRACES map traces, always the same number (the map patches them by slot).

    Lines carry no hover text (it would repeat at every point); a dot in the middle of each arc names the
    agreement, its year and source. With a country selected, its arcs are drawn thick on top and the rest fade.
    """
    focused = any(a["highlight"] for a in arcs)
    traces = []
    for kind in AGREEMENT_KINDS:
        mine = [a for a in arcs if a["kind"] == kind]
        lon, lat = _lines(mine)
        traces.append(
            _geo(
                t("agreements.legend", kind=t(f"agreement.kind.{kind}")),
                mode="lines",
                lon=lon,
                lat=lat,
                showlegend=bool(mine),
                opacity=0.35 if focused else 0.9,
                line={"width": theme.outline_width, "color": agreement_colour(kind)},
            )
        )
    traces.append(
        _geo(
            t("agreements.points"),
            mode="markers",
            lon=[a["mid"][0] for a in arcs],
            lat=[a["mid"][1] for a in arcs],
            hovertext=[a["label"] for a in arcs],
            hoverinfo="text" if arcs else "skip",
            marker={
                "size": theme.marker_size,
                "color": [agreement_colour(a["kind"]) for a in arcs],
                "line": {"width": 1, "color": theme.paper},
                "opacity": [1 if a["highlight"] or not focused else 0.4 for a in arcs],
            },
        )
    )
    lon, lat = _lines([a for a in arcs if a["highlight"]])
    traces.append(
        _geo(
            t("agreements.legend_country", name=highlight_name or ""),
            mode="lines",
            lon=lon,
            lat=lat,
            showlegend=bool(lon),
            line={"width": theme.outline_width * 2, "color": theme.font_color},
        )
    )
    return traces
