"""Bilateral agreements as arcs between the two states' centroids, former states drawn as they were."""

from __future__ import annotations

import math

from dashboard import queries


def great_circle(a: tuple[float, float], b: tuple[float, float], steps: int = 16) -> tuple[list, list]:
    """Points along the great circle from a to b (lon, lat in degrees), so arcs curve as on a globe."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    d = 2 * math.asin(math.sqrt(math.sin((lat2 - lat1) / 2) ** 2
                                + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2))
    if d == 0:
        return [a[0], b[0]], [a[1], b[1]]
    lons, lats = [], []
    for i in range(steps + 1):
        f = i / steps
        A, B = math.sin((1 - f) * d) / math.sin(d), math.sin(f * d) / math.sin(d)
        x = A * math.cos(lat1) * math.cos(lon1) + B * math.cos(lat2) * math.cos(lon2)
        y = A * math.cos(lat1) * math.sin(lon1) + B * math.cos(lat2) * math.sin(lon2)
        z = A * math.sin(lat1) + B * math.sin(lat2)
        lats.append(round(math.degrees(math.atan2(z, math.hypot(x, y))), 2))
        lons.append(round(math.degrees(math.atan2(y, x)), 2))
    return lons, lats


def agreements_in_force(atlas, year: int):
    a = atlas.agreements
    return a[queries.in_force(a, year, "year", "end_year")]


def agreement_arcs(atlas, year: int, *, highlight: str | None = None) -> list[dict]:
    """One arc per agreement in force in `year`: lon/lat points, kind, hover label, and whether highlighted."""
    if atlas.geometry is None:
        return []
    arcs = []
    for r in agreements_in_force(atlas, year).itertuples():
        a, b = queries.display_code(atlas, r.iso3_a, year), queries.display_code(atlas, r.iso3_b, year)
        if a not in atlas.geometry.centroid_of or b not in atlas.geometry.centroid_of:
            continue
        lon, lat = great_circle(atlas.geometry.centroid_of[a], atlas.geometry.centroid_of[b])
        src = atlas.source_for(r.source_id)
        label = (f"<b>{r.title}</b><br>{atlas.country_name(r.iso3_a)} – {atlas.country_name(r.iso3_b)}, {r.year}"
                 f"<br>Source: {src['title']}")
        arcs.append({"id": r.id, "kind": r.kind, "lon": lon, "lat": lat, "label": label,
                     "highlight": highlight in (r.iso3_a, r.iso3_b) if highlight else False})
    return arcs
