"""The data layer: load and validate the data package once, then serve read-only tables and indices."""

from __future__ import annotations

import functools
import gettext
import json
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
import pycountry

from dashboard.config import DATA_DIR, FIRST_YEAR, current_year
from dashboard.data.names import NAMED_FIELDS, localised_tables
from dashboard.data.validate import (
    EXTRA_ISO3,
    DataPackageError,
    RawTable,
    read_and_validate,
)
from dashboard.data.verdicts import content_digest
from dashboard.strings import current_lang

GEOMETRY_DIR = "geometry"
_REMEMBER_LOCK = threading.Lock()


def _to_frame(table: RawTable, schema: dict) -> pd.DataFrame:
    frame = pd.DataFrame(table.rows, columns=table.fields)
    for f in schema["fields"]:
        if f.get("type") == "integer":
            frame[f["name"]] = pd.to_numeric(frame[f["name"]].replace("", None)).astype("Int64")
    frame["_line"] = table.lines
    return frame


@dataclass(frozen=True)
class Geometry:
    """Derived country geometry (see data/geometry/provenance.json): shapes, centroids, process footprints."""

    shapes: dict  # GeoJSON FeatureCollection, feature id = ISO-3 (modern and former states)
    centroids: pd.DataFrame  # iso3, name, lon, lat, method, in_shapes
    footprints: dict  # GeoJSON FeatureCollection: process_id, start_year, end_year

    @cached_property
    def shape_ids(self) -> frozenset[str]:
        return frozenset(f["id"] for f in self.shapes["features"])

    @cached_property
    def centroid_of(self) -> dict[str, tuple[float, float]]:
        return {r.iso3: (float(r.lon), float(r.lat)) for r in self.centroids.itertuples()}


def load_geometry(data_dir: Path) -> Geometry | None:
    gdir = Path(data_dir) / GEOMETRY_DIR
    needed = [gdir / "countries.geojson", gdir / "centroids.csv", gdir / "footprints.geojson"]
    if not all(p.is_file() for p in needed):
        return None
    return Geometry(
        shapes=json.loads(needed[0].read_text(encoding="utf-8")),
        centroids=pd.read_csv(needed[1], dtype={"iso3": str}, keep_default_na=False),
        footprints=json.loads(needed[2].read_text(encoding="utf-8")),
    )


@dataclass(frozen=True)
class Atlas:
    """The whole data package in memory. Treat as read-only: it is shared by every request."""

    data_dir: Path
    descriptor: dict
    tables: dict[str, pd.DataFrame]
    geometry: Geometry | None = None
    fingerprint: str = ""  # the package's version and a digest of its bytes: exports are cached under it
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __getattr__(self, name: str) -> pd.DataFrame:
        """A table by name, as the current language shows it: the named tables carry the official French or
        Spanish names (data/names.csv) where a source gives one."""
        tables = self.__dict__.get("tables", {})
        if name in tables:
            lang = current_lang()
            if lang != "en" and name in NAMED_FIELDS:
                return self.per_language("tables", lambda: localised_tables(tables, lang)).get(name, tables[name])
            return tables[name]
        raise AttributeError(name)

    def per_language(self, what: str, build):
        """build() once per language (names differ by language; everything else is shared)."""
        key = (what, current_lang())
        found = self._cache.get(key)
        if found is None:
            found = self._cache.setdefault(key, build())
        return found

    # ---- lookups -------------------------------------------------------------------------
    @cached_property
    def source_by_id(self) -> dict[str, dict]:
        return {r["id"]: r for r in self.sources.to_dict("records")}

    @property
    def process_by_id(self) -> dict[str, dict]:
        return self.per_language("process_by_id", lambda: {r["id"]: r for r in self.processes.to_dict("records")})

    @property
    def org_by_id(self) -> dict[str, dict]:
        return self.per_language("org_by_id", lambda: {r["id"]: r for r in self.organisations.to_dict("records")})

    @property
    def issue_by_id(self) -> dict[str, dict]:
        return self.per_language("issue_by_id", lambda: {r["id"]: r for r in self.issue_areas.to_dict("records")})

    @cached_property
    def former_states(self) -> dict[str, dict]:
        return {r["iso3"]: {**r, "successors": r["successors"].split(";")} for r in self.states.to_dict("records")}

    @cached_property
    def issues_of_process(self) -> dict[str, frozenset[str]]:
        groups: dict[str, set[str]] = {}  # a plain loop: pandas' groupby(...).agg(frozenset) took 1 s at 100x
        for pid, issue in zip(self.process_issues["process_id"], self.process_issues["issue_id"]):
            groups.setdefault(pid, set()).add(issue)
        return {pid: frozenset(groups.get(pid, ())) for pid in self.process_by_id}

    @cached_property
    def year_range(self) -> tuple[int, int]:
        return FIRST_YEAR, current_year()

    @cached_property
    def default_year(self) -> int:
        """The latest year for which most member lists are verified: the honest default for the map."""
        known = self.processes["members_known_through"].dropna()
        return int(known.median()) if len(known) else current_year()

    def remember(self, cache: str, key, compute, *, size: int = 256):
        """compute() once per key, keeping the `size` most recently used results (shared by all requests).

        Results hold text (names, titles, notices), so each language remembers its own.
        """
        key = (current_lang(), key)
        with _REMEMBER_LOCK:
            store = self._cache.setdefault(cache, OrderedDict())
            if key in store:
                store.move_to_end(key)
                return store[key]
        value = compute()
        with _REMEMBER_LOCK:
            store[key] = value
            if len(store) > size:
                store.popitem(last=False)
        return value

    def recall(self, cache: str, key):
        """What remember() keeps for this key, or None: for a caller that can do without it."""
        with _REMEMBER_LOCK:
            return self._cache.get(cache, {}).get((current_lang(), key))

    def country_name(self, iso3: str) -> str:
        """The state's name in the current language (looked up once per language: maps ask for hundreds)."""
        names = self.per_language("country_names", dict)
        name = names.get(iso3)
        if name is None:
            name = names.setdefault(iso3, self._country_name(iso3))
        return name

    def _country_name(self, iso3: str) -> str:
        if iso3 in self.former_states:
            return self.former_states[iso3]["name"]
        if iso3 in EXTRA_ISO3:
            return EXTRA_ISO3[iso3]
        country = pycountry.countries.get(alpha_3=iso3)
        if country is None:
            return iso3
        english = getattr(country, "common_name", None) or country.name
        return _iso_codes(current_lang()).gettext(english)

    def source_for(self, source_id: str) -> dict:
        return self.source_by_id.get(source_id, {"id": source_id, "title": source_id, "url": "", "publisher": ""})


@functools.cache
def _iso_codes(lang: str) -> gettext.NullTranslations:
    """Country names in `lang` from the iso-codes project's ISO 3166 translations, which pycountry ships."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


def load_atlas(data_dir: Path | str | None = None) -> Atlas:
    """Load and validate the data package; raise DataPackageError listing every problem if it is invalid."""
    data_dir = Path(data_dir) if data_dir else DATA_DIR
    descriptor, raw, problems = read_and_validate(data_dir)
    if problems:
        raise DataPackageError(problems)
    tables = {r["name"]: _to_frame(raw[r["name"]], r["schema"]) for r in descriptor["resources"]}
    digest = content_digest(data_dir, descriptor) or "unread"
    fingerprint = f"{descriptor.get('version', '')}:{digest[:16]}"
    return Atlas(
        data_dir=data_dir,
        descriptor=descriptor,
        tables=tables,
        geometry=load_geometry(data_dir),
        fingerprint=fingerprint,
    )
