"""Rebuild data/geometry/ from the vendored Natural Earth topojson and the data package, reproducibly.

Run: python scripts/build_geometry.py [--data DIR]
Inputs:  assets/topojson/world_110m.json and world_50m.json (plotly.js 4.1.1's dist/plotly-geo-assets.js,
         Natural Earth, public domain), data/states.csv, data/processes.csv, data/memberships.csv.
Outputs: countries.geojson (modern states plus former states dissolved from their successors),
         centroids.csv, footprints.geojson (dissolved member outlines per process and period), provenance.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
import shapely.affinity
from shapely.geometry import mapping
from shapely.geometry.polygon import orient

ROOT = Path(__file__).resolve().parent.parent
TOPO = ROOT / "assets" / "topojson"
PRECISION = 2  # decimal degrees kept in shapes: about 1 km, invisible at world scale
OUTLINE_PRECISION = 1  # outlines are simplified to 0.3 degrees anyway
SHAPE_SIMPLIFY = 0.08  # degrees (~9 km): under a pixel on a world map, and plotly.js redraws half the vertices
SIMPLIFY = 0.3  # degrees, for the footprint outlines only (a world-scale outline, not a border)
MIN_PART = 1.0  # square degrees: smaller islands are left out of outlines (members still show as shapes or dots)
EQUAL_AREA = "EPSG:6933"
LAST_YEAR = 2026


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def split_antimeridian(geom):
    """Parts that jump from +180 to -180 (Chukotka, Wrangel) are unwrapped, then cut at 180 and put back."""
    out = []
    for part in getattr(geom, "geoms", [geom]):
        minx, _, maxx, _ = part.bounds
        if maxx - minx <= 180:
            out.append(part)
            continue
        shifted = shapely.make_valid(shapely.transform(part, lambda c: c + [[360, 0]] * (c[:, :1] < 0)))
        east = shapely.clip_by_rect(shifted, 0, -90, 180, 90)
        west = shapely.affinity.translate(shapely.clip_by_rect(shifted, 180, -90, 540, 90), xoff=-360)
        out += [
            p for g in (east, west) for p in getattr(g, "geoms", [g]) if p.geom_type == "Polygon" and not p.is_empty
        ]
    return shapely.make_valid(shapely.MultiPolygon(out)) if len(out) > 1 else out[0]


def read_countries(resolution: str) -> gpd.GeoDataFrame:
    frame = gpd.read_file(TOPO / f"world_{resolution}.json", layer="countries").set_crs(4326)
    # Antarctica wraps the pole, which no membership needs and which d3 would draw as the whole globe.
    frame = frame[frame["id"].str.fullmatch(r"[A-Z]{3}", na=False) & (frame["id"] != "ATA")].copy()
    frame["geometry"] = frame.geometry.apply(split_antimeridian).make_valid()
    # A few ids come in several pieces in the topojson: one shape per id.
    frame = frame.dissolve(by="id", as_index=False, aggfunc="first")
    return frame[["id", "ct", "geometry"]]


def label_point(geom) -> tuple[float, float]:
    """Centroid of the largest part (so France is not pulled to Guiana), or a point inside it."""
    parts = list(getattr(geom, "geoms", [geom]))
    areas = gpd.GeoSeries(parts, crs=4326).to_crs(EQUAL_AREA).area
    largest = parts[int(areas.values.argmax())]
    point = largest.centroid if largest.contains(largest.centroid) else largest.representative_point()
    return round(point.x, 3), round(point.y, 3)


def former_states(modern: gpd.GeoDataFrame, states: pd.DataFrame) -> tuple[gpd.GeoDataFrame, list[str]]:
    rows, notes = [], []
    by_id = modern.set_index("id").geometry
    for state in states.itertuples():
        successors = [s for s in state.successors.split(";") if s]
        present = [s for s in successors if s in by_id.index]
        # A successor that also existed before (DEU for the GDR) would draw the whole country: skip such states.
        if len(successors) == 1:
            notes.append(
                f"{state.iso3}: not drawn; its single successor {successors[0]} covers more than its territory"
            )
            continue
        if not present:
            notes.append(f"{state.iso3}: no successor in the base map")
            continue
        missing = sorted(set(successors) - set(present))
        if missing:
            notes.append(f"{state.iso3}: successors not in the base map at this resolution: {', '.join(missing)}")
        shape = shapely.union_all([by_id[s] for s in present])
        rows.append({"id": state.iso3, "geometry": shape})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326), notes


def footprints(shapes: gpd.GeoDataFrame, memberships: pd.DataFrame, processes: pd.DataFrame) -> list[dict]:
    """One outline per process and period in which its member set does not change."""
    by_id = dict(zip(shapes["id"], shapes.geometry))
    features = []
    for proc in processes.itertuples():
        rows = memberships[(memberships.process_id == proc.id) & (memberships.role == "member")]
        if rows.empty:
            continue
        end = int(proc.ended_year) if pd.notna(proc.ended_year) else LAST_YEAR
        edges = sorted(
            {int(proc.founded_year), end + 1}
            | {int(y) for y in rows.start_year}
            | {int(y) + 1 for y in rows.end_year.dropna()}
        )
        edges = [y for y in edges if int(proc.founded_year) <= y <= end + 1]
        for start, stop in zip(edges, edges[1:]):
            active = rows[(rows.start_year <= start) & (rows.end_year.isna() | (rows.end_year >= start))]
            codes = sorted(c for c in set(active.iso3) if c in by_id)
            if not codes:
                continue
            merged = shapely.union_all([by_id[c] for c in codes])
            parts = [p for p in getattr(merged, "geoms", [merged]) if p.area >= MIN_PART]
            outline = shapely.MultiPolygon(parts).simplify(SIMPLIFY) if parts else merged.simplify(SIMPLIFY)
            outline = d3_winding(shapely.set_precision(outline, 10**-OUTLINE_PRECISION))
            features.append(
                {
                    "type": "Feature",
                    "id": f"{proc.id}:{start}",
                    "properties": {"process_id": proc.id, "start_year": start, "end_year": stop - 1, "members": codes},
                    "geometry": mapping(outline),
                }
            )
    return features


def rounded(geom):
    """Simplified, rounded, and wound clockwise as d3-geo (plotly.js) expects: otherwise a shape fills the globe."""
    return d3_winding(shapely.set_precision(geom.simplify(SHAPE_SIMPLIFY, preserve_topology=True), 10**-PRECISION))


def d3_winding(geom):
    # Edges lying on the antimeridian make d3 draw Russia as the whole globe: keep shapes just inside it.
    geom = shapely.clip_by_rect(geom, -179.99, -89.99, 179.99, 89.99)
    parts = [orient(p, sign=-1.0) for p in getattr(geom, "geoms", [geom]) if p.geom_type == "Polygon"]
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    args = parser.parse_args(argv)
    out = args.data / "geometry"
    out.mkdir(parents=True, exist_ok=True)

    # Load inputs.
    modern = read_countries("110m")
    fine = read_countries("50m")
    states = pd.read_csv(args.data / "states.csv", dtype=str, keep_default_na=False)
    processes = pd.read_csv(args.data / "processes.csv", keep_default_na=True)
    memberships = pd.read_csv(args.data / "memberships.csv", keep_default_na=True)

    # Process data.
    former, notes = former_states(modern, states)
    shapes = pd.concat(
        [modern[["id", "geometry"]].assign(kind="modern"), former.assign(kind="former")], ignore_index=True
    )
    shapes = gpd.GeoDataFrame(shapes, geometry="geometry", crs=4326)
    shapes["geometry"] = shapes.geometry.apply(rounded)
    small = fine[~fine["id"].isin(modern["id"])]
    centroids = [
        {"iso3": r.id, "lon": lon, "lat": lat, "method": "largest-part centroid (110m)", "in_shapes": True}
        for r in shapes.itertuples()
        for lon, lat in [label_point(r.geometry)]
    ]
    centroids += [
        {
            "iso3": r.id,
            "lon": round(r.ct[0], 3),
            "lat": round(r.ct[1], 3),
            "method": "label point of the 50m map (too small for 110m)",
            "in_shapes": False,
        }
        for r in small.itertuples()
    ]
    centroid_frame = pd.DataFrame(centroids).sort_values("iso3")
    feature_collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "id": r.id, "properties": {"kind": r.kind}, "geometry": mapping(r.geometry)}
            for r in shapes.sort_values("id").itertuples()
        ],
    }
    prints = {"type": "FeatureCollection", "features": footprints(shapes, memberships, processes)}

    # Save outputs.
    (out / "countries.geojson").write_text(json.dumps(feature_collection, separators=(",", ":")), encoding="utf-8")
    centroid_frame.to_csv(out / "centroids.csv", index=False)
    (out / "footprints.geojson").write_text(json.dumps(prints, separators=(",", ":")), encoding="utf-8")
    inputs = [
        TOPO / "world_110m.json",
        TOPO / "world_50m.json",
        args.data / "states.csv",
        args.data / "processes.csv",
        args.data / "memberships.csv",
    ]
    provenance = {
        "command": "python scripts/build_geometry.py",
        "source": {
            "title": "Natural Earth admin-0 countries, 1:110m and 1:50m, as bundled by plotly.js",
            "publisher": "Natural Earth (public domain), packaged in the npm package plotly.js@4.1.1, "
            "dist/plotly-geo-assets.js",
            "url": "https://www.naturalearthdata.com/",
            "licence": "public domain",
            "accessed": "2026-11-29",
        },
        "inputs": {("assets/topojson/" if p.parent == TOPO else "data/") + p.name: sha256(p) for p in inputs},
        "outputs": {name: sha256(out / name) for name in ("countries.geojson", "centroids.csv", "footprints.geojson")},
        "method": {
            "precision_degrees": 10**-PRECISION,
            "shape_simplify_degrees": SHAPE_SIMPLIFY,
            "footprint_simplify_degrees": SIMPLIFY,
            "footprint_min_part_square_degrees": MIN_PART,
            "former_states": "union of the successors' 110m outlines",
            "notes": notes,
        },
        "versions": {"geopandas": gpd.__version__, "shapely": shapely.__version__, "pandas": pd.__version__},
    }
    (out / "provenance.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    print(
        f"{len(feature_collection['features'])} shapes, {len(centroid_frame)} centroids, "
        f"{len(prints['features'])} footprints -> {out}"
    )
    for note in notes:
        print("note:", note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
