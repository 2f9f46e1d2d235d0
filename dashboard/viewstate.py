"""The view grammar of shared/VIEWS.md: one parser and one serialiser for every page, embed, export and the CLI."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from dashboard.strings import DEFAULT_LANG, LANGS, current_lang, t

VIEWS = ("map", "timeline", "mandates", "overlaps", "about")
ROLES = ("all", "member", "observer")
LAYERS = ("processes", "agreements")
THEMES = ("light", "dark", "slide")
MATCHES = ("any", "all")  # with several processes: states in any of them, or in all of them
ZOOMS = ("auto", "world")  # auto: the map frames the selection; world: the whole world
KINDS = ("regional", "interregional", "global")
LANE_KINDS = ("bilateral", "organisation", "milestone")  # timeline lanes that are not process kinds
MAX_QUERY = 4000  # characters; a longer query is cut, with a notice
MAX_LIST = 100  # items per list parameter
LIST_PARAMS = ("process", "issue", "org", "layer", "region", "kind")
# `item=<kind>:<id>`: the timeline item whose details are open. The kinds are those of the timeline's item keys.
ITEM_KINDS = ("process", "agreement", "org", "milestone")
# Export-only parameters are read by the export module; the view parser leaves them alone.
# `from` and `to` are the span of a film export (/export/map.gif, .mp4).
PASSTHROUGH = ("width", "height", "scale", "from", "to")


@dataclass(frozen=True)
class Catalog:
    """The ids a view may name, taken from the loaded data; lets the parser drop unknown ones."""

    processes: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()
    orgs: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()
    regions: frozenset[str] = frozenset()
    first_year: int = 1945
    last_year: int = 2026
    items: frozenset[str] = frozenset()  # timeline item keys, "process:bali" (see ITEM_KINDS)

    @classmethod
    def from_atlas(cls, atlas) -> Catalog:
        codes = set(atlas.memberships["iso3"]) | set(atlas.agreements["iso3_a"]) | set(atlas.agreements["iso3_b"])
        if atlas.geometry is not None:
            codes |= set(atlas.geometry.centroids["iso3"])
        first, last = atlas.year_range
        tables = zip(ITEM_KINDS, (atlas.processes, atlas.agreements, atlas.organisations, atlas.milestones))
        items = frozenset(f"{kind}:{i}" for kind, table in tables for i in table["id"])
        return cls(
            frozenset(atlas.process_by_id),
            frozenset(atlas.issue_by_id),
            frozenset(atlas.org_by_id),
            frozenset(codes),
            frozenset(atlas.processes["region"]),
            first,
            last,
            items,
        )


@dataclass(frozen=True)
class ViewState:
    """Everything that defines what a view shows. Defaults are omitted from the URL."""

    view: str = "map"
    processes: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    year: int | None = None
    role: str = "all"
    orgs: tuple[str, ...] = ()
    country: str | None = None
    layers: tuple[str, ...] = ("processes",)
    theme: str = "light"
    regions: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    compare: int | None = None  # with `year`: the change map, from this year to `year`
    match: str = "any"
    zoom: str = "auto"
    item: str | None = None  # the timeline item whose details are open: "process:bali"
    # The language of the interface, names and exports. A state made while the atlas speaks French (a French page's
    # callback, an export with --lang fr) is French unless told otherwise, so every address it writes keeps lang=fr.
    lang: str = field(default_factory=current_lang)
    extra: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def with_(self, **changes) -> ViewState:
        return replace(self, **changes)


def _dedupe(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(i for i in items if i))


def listed(value) -> tuple[str, ...]:
    """A multi-select control's value as a tuple of text; anything a browser could not have sent gives ()."""
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, (list, tuple)) else ()


def view_from_path(path: str) -> tuple[str, bool]:
    """'/map', '/', '/embed/timeline', 'timeline' -> (view, known)."""
    parts = [p for p in (path or "").strip().split("/") if p]
    if parts and parts[0] in ("embed", "export"):
        parts = parts[1:]
    name = parts[0].split(".")[0] if parts else "map"
    return (name, True) if name in VIEWS else ("map", False)


def parse_view(address: str, catalog: Catalog, *, view: str | None = None) -> tuple[ViewState, list[str]]:
    """Parse '/map?process=puebla&year=2000' (or just the query) into a state and notices of what was ignored.

    Never raises: whatever cannot be used is dropped, and a notice in words says so.
    """
    notices: list[str] = []
    address = address if isinstance(address, str) else ""  # callbacks pass stores and URL parts: never trust the type
    if "?" in address or address.startswith("/"):
        parts = urlsplit(address)
        path, query = parts.path, parts.query
    else:
        path, query = "", address
    query = query.lstrip("?")
    if len(query) > MAX_QUERY:
        notices.append(t("notice.query_too_long", limit=MAX_QUERY))
        query = query[:MAX_QUERY]
    if view is None:
        view, view_known = view_from_path(path)
        if not view_known:
            notices.append(t("notice.unknown_view", value=path))
    values: dict[str, list[str]] = {}
    for key, value in parse_qsl(query, keep_blank_values=True):
        values.setdefault(key, []).append(value)

    def items(name: str) -> list[str]:
        raw = [v for chunk in values.pop(name, []) for v in chunk.split(",")]
        cleaned = [v.strip() for v in raw if v.strip()]
        if len(cleaned) > MAX_LIST:
            notices.append(t("notice.too_many", param=name, limit=MAX_LIST))
            cleaned = cleaned[:MAX_LIST]
        return cleaned

    def known(name: str, found: list[str], allowed: Iterable[str], *, fold=str.lower) -> tuple[str, ...]:
        allowed = set(allowed)
        good = [fold(v) for v in found if fold(v) in allowed]
        bad = [v for v in found if fold(v) not in allowed]
        if bad:
            notices.append(t("notice.ignored_values", param=name, values=", ".join(bad[:5])))
        return _dedupe(good)

    def single(name: str) -> str | None:
        found = values.pop(name, [])
        if len(found) > 1:
            notices.append(t("notice.repeated", param=name, value=found[-1]))
        return found[-1].strip() if found else None

    state = ViewState(view=view)
    state = replace(state, processes=known("process", items("process"), catalog.processes))
    state = replace(state, issues=known("issue", items("issue"), catalog.issues))
    state = replace(state, orgs=known("org", items("org"), catalog.orgs))
    state = replace(state, regions=known("region", items("region"), catalog.regions, fold=lambda v: v))
    state = replace(state, kinds=known("kind", items("kind"), KINDS + LANE_KINDS))
    layers = known("layer", items("layer"), LAYERS)
    if layers:
        state = replace(state, layers=layers)

    def a_year(name: str) -> int | None:
        raw = single(name)
        if not raw:
            return None
        try:
            y = int(raw)
        except ValueError:
            notices.append(t("notice.bad_year", value=raw, first=catalog.first_year, last=catalog.last_year))
            return None
        clamped = min(max(y, catalog.first_year), catalog.last_year)
        if clamped != y:
            notices.append(t("notice.year_clamped", value=y, year=clamped))
        return clamped

    state = replace(state, year=a_year("year"), compare=a_year("compare"))

    for name, allowed, attr in (
        ("role", ROLES, "role"),
        ("theme", THEMES, "theme"),
        ("match", MATCHES, "match"),
        ("zoom", ZOOMS, "zoom"),
    ):
        value = single(name)
        if value is None:
            continue
        if value.lower() in allowed:
            change: dict[str, Any] = {attr: value.lower()}
            state = replace(state, **change)
        else:
            notices.append(t("notice.ignored_values", param=name, values=value))

    lang = single("lang")
    if lang is not None:
        if lang.lower() in LANGS:
            state = replace(state, lang=lang.lower())
        else:  # the notice is in the language shown: English
            state = replace(state, lang=DEFAULT_LANG)
            notices.append(t("notice.ignored_values", DEFAULT_LANG, param="lang", values=lang))

    country = single("country")
    if country:
        code = country.upper()
        if code in catalog.countries:
            state = replace(state, country=code)
        else:
            notices.append(t("notice.ignored_values", param="country", values=country))

    item = single("item")
    if item:
        kind, _, ident = item.partition(":")
        key = f"{kind.strip().lower()}:{ident.strip()}"
        if key in catalog.items:
            state = replace(state, item=key)
        else:
            notices.append(t("notice.ignored_values", param="item", values=item))

    extra = tuple((k, v[-1]) for k, v in values.items() if k in PASSTHROUGH)
    unknown = [k for k in values if k not in PASSTHROUGH]
    if unknown:
        notices.append(t("notice.unknown_params", params=", ".join(unknown[:5])))
    return replace(state, extra=extra), notices


def to_query(state: ViewState) -> str:
    """The canonical query string for a state (no leading '?'); defaults are left out."""
    default = ViewState()
    pairs: list[tuple[str, str]] = []
    for name, attr in (
        ("process", "processes"),
        ("issue", "issues"),
        ("org", "orgs"),
        ("region", "regions"),
        ("kind", "kinds"),
    ):
        value = getattr(state, attr)
        if value:
            pairs.append((name, ",".join(value)))
    if state.year is not None:
        pairs.append(("year", str(state.year)))
    if state.compare is not None:
        pairs.append(("compare", str(state.compare)))
    if state.match != default.match:
        pairs.append(("match", state.match))
    if state.role != default.role:
        pairs.append(("role", state.role))
    if state.country:
        pairs.append(("country", state.country))
    if state.layers != default.layers:
        pairs.append(("layer", ",".join(state.layers)))
    if state.theme != default.theme:
        pairs.append(("theme", state.theme))
    if state.zoom != default.zoom:
        pairs.append(("zoom", state.zoom))
    if state.item:
        pairs.append(("item", state.item))
    if state.lang != DEFAULT_LANG:
        pairs.append(("lang", state.lang))
    return urlencode(pairs, safe=",:")  # ":" stays readable in item=process:bali


def to_path(state: ViewState, *, prefix: str = "") -> str:
    """'/map?process=puebla&year=2000' for the state; prefix '/embed' gives the embed address."""
    query = to_query(state)
    return f"{prefix}/{state.view}" + (f"?{query}" if query else "")
