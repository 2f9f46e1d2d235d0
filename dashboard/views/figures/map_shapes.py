"""What each shape of the map says: its value (the fill), its hover lines, its name; and the processes' outlines."""

from __future__ import annotations

from html import escape

from dashboard.strings import t
from dashboard.views import evidence, queries
from dashboard.views.figures.map_view import HOVER_LINES, MapView, label_of
from dashboard.views.names import full_name

ORG_OF_BASIS = {"constitutive": evidence.parent_org, "eligible": evidence.open_to_org}  # the org a hover names
ELIGIBLE = 0.5  # z of a state open to the process (eligible), between 'none' (0) and observer (1)


def _with_codes(atlas, view: MapView) -> dict[str, list]:
    """The view's rows as column lists, with the code of the shape each is drawn on (a former state's, before it
    dissolved). Plain lists: a map's hundreds of rows go faster through Python than through pandas' per-call cost."""
    mapping = queries.display_codes(atlas, view.year)
    columns = {c: view.rows[c].tolist() for c in ("iso3", "process_id", "role", "basis", "start_year")}
    columns["code"] = [mapping.get(c, c) for c in columns["iso3"]] if mapping else columns["iso3"]
    return columns


def hover_by_country(atlas, view: MapView) -> dict[str, list[str]]:
    """Up to HOVER_LINES lines per shape, plus a count of the rest (a country can be in hundreds of processes)."""
    rows = _with_codes(atlas, view)
    lines: dict[str, list[str]] = {}
    totals: dict[str, int] = {}
    keys = {"confirmed": "hover.membership_confirmed", "joined": "hover.membership"}
    # One process (or organisation) shown: its hover names it in full; several: a line each, by the short name.
    name_of = (lambda pid: full_name(atlas, pid)) if view.mode == "one" else (lambda pid: label_of(atlas, pid))
    columns = (rows[c] for c in ("basis", "process_id", "role", "start_year", "code", "iso3"))
    for basis, process_id, role, start_year, code, iso3 in zip(*columns):
        totals[code] = totals.get(code, 0) + 1
        if totals[code] > HOVER_LINES:
            continue
        key = keys.get(basis, f"hover.membership.{basis}") if view.layer == "processes" else "hover.membership.org"
        org = ORG_OF_BASIS[basis](atlas, process_id) if basis in ORG_OF_BASIS else None
        text = t(
            key,
            process=escape(name_of(process_id)),
            role=t(f"role.{role}"),
            since=start_year,
            org=escape(atlas.org_by_id[org]["short_name"]) if org else "",
        )
        if code != iso3:
            text = f"{escape(atlas.country_name(iso3))} — {text}"
        lines.setdefault(code, []).append(text)
    for code, total in totals.items():
        if total > HOVER_LINES:
            lines[code].append(t("hover.more", n=total - HOVER_LINES))
    return lines


ONE_VALUE = {"member": 2, "observer": 1, "associate": 1, "eligible": ELIGIBLE}


def values_by_country(atlas, view: MapView) -> dict[str, float]:
    """One process: 2 member, 1 observer, 0.5 eligible (open to it, not a member). Several: processes taken part in."""
    rows = _with_codes(atlas, view)
    if view.mode == "one":
        values: dict[str, float] = {}
        for code, role in zip(rows["code"], rows["role"]):
            values[code] = max(values.get(code, 0), ONE_VALUE.get(role, 1))
        return dict(sorted(values.items()))  # by code, as the dots are listed
    taking_part: dict[str, set[str]] = {}
    for code, process_id in zip(rows["code"], rows["process_id"]):
        taking_part.setdefault(code, set()).add(process_id)
    return {code: len(ids) for code, ids in sorted(taking_part.items())}


def shape_names(atlas, year: int, shapes: list[str]) -> list[str]:
    """The names of the year's shapes, escaped for a hover (worked out once per year: they never change)."""
    names = atlas.remember("shape_names", year, lambda: [escape(atlas.country_name(c)) for c in shapes], size=128)
    return list(names)


def _footprints_of(atlas) -> dict[str, list[dict]]:
    """The footprint features of each process (split once per atlas: a scaled atlas has thousands)."""

    def compute() -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for feature in atlas.geometry.footprints["features"] if atlas.geometry else ():
            out.setdefault(feature["properties"]["process_id"], []).append(feature)
        return out

    return atlas.remember("footprints_of", "all", compute, size=1)


def outline_lines(atlas, process_id: str, year: int) -> tuple[list, list]:
    lon: list[float | None] = []
    lat: list[float | None] = []
    if atlas.geometry is None:
        return lon, lat
    for feature in _footprints_of(atlas).get(process_id, ()):
        p = feature["properties"]
        if p["start_year"] <= year <= p["end_year"]:
            geom = feature["geometry"]
            polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
            for poly in polys:
                ring = poly[0]
                lon += [c[0] for c in ring] + [None]
                lat += [c[1] for c in ring] + [None]
    return lon, lat
