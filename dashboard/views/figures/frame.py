"""Map framing: the longitude and latitude ranges that show a set of states with a margin (zoom=auto)."""

from __future__ import annotations

import math
from dataclasses import dataclass

WORLD_LAT = (-62.0, 85.0)  # Antarctica left out; 6 degrees of sea under Cape Horn (-55.5), so nothing sits on the edge
MARGIN = 0.1  # of the frame's span, on each side
MIN_MARGIN = 3.0  # degrees
MIN_SPAN = (24.0, 14.0)  # degrees of longitude, latitude: one small state is not drawn as a wall of colour
WORLD_SPAN = 240.0  # a frame wider than this (in longitude) is shown as the world
NEAR = 30.0  # degrees: parts of a state farther than this from its main part (French Guiana, Hawaii) are left out
SMALL_PART = 0.01  # of a state's area: smaller parts only count when near its main part
MAX_GROWTH = 0.6  # filling the plot adds at most this share of the frame's span: context, not a world map again
X_PER_DEGREE = 0.87  # Natural Earth: horizontal over vertical scale near the equator
SMALL_SHAPE_PX = 6  # a participant whose shape is narrower than this on the output gets a marker too


@dataclass(frozen=True)
class Box:
    """A state's extent: longitudes west..east (east may pass 180 for a state across the date line), latitudes."""

    west: float
    east: float
    south: float
    north: float


def _wrap(lon: float, around: float) -> float:
    """lon moved by whole turns to within 180 degrees of `around`."""
    return around + ((lon - around + 180.0) % 360.0) - 180.0


def _ring_area(ring) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]))) / 2


def shape_box(geometry: dict) -> Box:
    """The extent of a (Multi)Polygon's main part and of the parts near it."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    parts = [(_ring_area(p[0]), p[0]) for p in polys if p and p[0]]
    total = sum(a for a, _ in parts) or 1.0
    main_area, main = max(parts, key=lambda p: p[0])
    lon0 = sum(c[0] for c in main) / len(main)
    lat0 = sum(c[1] for c in main) / len(main)
    lons, lats = [], []
    for area, ring in parts:
        cx = _wrap(sum(c[0] for c in ring) / len(ring), lon0)
        cy = sum(c[1] for c in ring) / len(ring)
        if ring is not main and (abs(cx - lon0) > NEAR or abs(cy - lat0) > NEAR) and area < main_area:
            continue
        if ring is not main and area / total < SMALL_PART and (abs(cx - lon0) > NEAR / 2):
            continue
        lons += [_wrap(c[0], lon0) for c in ring]
        lats += [c[1] for c in ring]
    return Box(min(lons), max(lons), min(lats), max(lats))


def country_boxes(geometry) -> dict[str, Box]:
    """Every drawn state's extent, and a point-sized box for the states drawn as dots."""
    boxes = {f["id"]: shape_box(f["geometry"]) for f in geometry.shapes["features"]}
    for code, (lon, lat) in geometry.centroid_of.items():
        boxes.setdefault(code, Box(lon, lon, lat, lat))
    return boxes


def longitude_arc(intervals: list[tuple[float, float]]) -> tuple[float, float]:
    """The shortest west..east arc covering every west..east interval; west in [-180, 180), east may pass 180."""
    pieces: list[tuple[float, float]] = []
    for w, e in intervals:
        s = w % 360.0
        f = s + min(e - w, 360.0)
        pieces.append((s, min(f, 360.0)))
        if f > 360.0:
            pieces.append((0.0, f - 360.0))
    pieces.sort()
    merged: list[list[float]] = []
    for s, f in pieces:
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], f)
        else:
            merged.append([s, f])
    # The widest stretch of open sea between covered arcs (the one past 360 wraps round) is what the frame leaves out.
    gaps = [
        (merged[(i + 1) % len(merged)][0] + (360.0 if i == len(merged) - 1 else 0.0) - merged[i][1], i)
        for i in range(len(merged))
    ]
    gap, i = max(gaps)
    if gap <= 0:
        return -180.0, 180.0
    west = merged[(i + 1) % len(merged)][0]
    east = merged[i][1]
    if east < west:
        east += 360.0
    shift = 360.0 if west >= 180.0 else 0.0
    return west - shift, east - shift


def _fit_aspect(west, east, south, north, aspect: float):
    """Widen the frame (or make it taller) to the plot's width/height, so that the map fills it."""
    mid_lat = math.radians((south + north) / 2)
    x_per_degree = X_PER_DEGREE * (0.6 + 0.4 * math.cos(mid_lat))  # the projection narrows towards the poles
    shape = (east - west) * x_per_degree / max(north - south, 1e-6)
    if shape < aspect:
        extra = min(aspect * (north - south) / x_per_degree - (east - west), (east - west) * MAX_GROWTH) / 2
        return west - extra, east + extra, south, north
    extra = min((east - west) * x_per_degree / aspect - (north - south), (north - south) * MAX_GROWTH) / 2
    south, north = south - extra, north + extra
    if south < WORLD_LAT[0]:
        south, north = WORLD_LAT[0], min(north + (WORLD_LAT[0] - south), WORLD_LAT[1])
    if north > WORLD_LAT[1]:
        south, north = max(south - (north - WORLD_LAT[1]), WORLD_LAT[0]), WORLD_LAT[1]
    return west, east, south, north


def frame_ranges(boxes: list[Box], aspect: float | None = None) -> dict | None:
    """{'lon': [west, east], 'lat': [south, north]} framing the boxes with a margin; None for the whole world.

    `aspect`: the plot's width / height; the frame then grows to fill it (more of the neighbourhood, never less).
    """
    if not boxes:
        return None
    west, east = longitude_arc([(b.west, b.east) for b in boxes])
    south, north = min(b.south for b in boxes), max(b.north for b in boxes)
    lon_pad = max((east - west) * MARGIN, MIN_MARGIN)
    lat_pad = max((north - south) * MARGIN, MIN_MARGIN)
    west, east = west - lon_pad, east + lon_pad
    south, north = max(south - lat_pad, WORLD_LAT[0]), min(north + lat_pad, WORLD_LAT[1])
    if east - west < MIN_SPAN[0]:
        mid = (east + west) / 2
        west, east = mid - MIN_SPAN[0] / 2, mid + MIN_SPAN[0] / 2
    if north - south < MIN_SPAN[1]:
        mid = (north + south) / 2
        south, north = max(mid - MIN_SPAN[1] / 2, WORLD_LAT[0]), min(mid + MIN_SPAN[1] / 2, WORLD_LAT[1])
    if aspect:
        west, east, south, north = _fit_aspect(west, east, south, north, aspect)
    if east - west > WORLD_SPAN:
        return None
    return {"lon": [round(west, 2), round(east, 2)], "lat": [round(south, 2), round(north, 2)]}
