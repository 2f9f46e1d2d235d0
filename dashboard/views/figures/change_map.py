"""The change map (compare=YEAR with year=YEAR2): each state joined, left, unchanged or role-changed. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import pandas as pd

from dashboard.strings import t, tn
from dashboard.views import changes as ch
from dashboard.views import queries
from dashboard.views.figures.map import APP_PLOT_SIZE, SLOT_ARCS, _empty, make_map_figure, set_title
from dashboard.views.figures.map_legend import notice_block
from dashboard.views.figures.map_view import HOVER_LINES, VIEW_CACHE_SIZE, label_of, make_map_view, resolve_year
from dashboard.views.figures.theme import OKABE_ITO, Theme, get_theme
from dashboard.views.names import full_name, mentions
from dashboard.viewstate import ViewState

# z of each change on the choropleth; also the priority when two states share one shape (a former state's).
CHANGE_Z = {"unchanged": 1, "role-changed": 2, "left": 3, "joined": 4}
CHANGE_COLOURS = {  # Okabe-Ito; "unchanged" is a pale tint so that the changes stand out
    "light": {"joined": OKABE_ITO[0], "left": OKABE_ITO[5], "role-changed": OKABE_ITO[3], "unchanged": "#a9c8e0"},
    "dark": {"joined": OKABE_ITO[4], "left": OKABE_ITO[5], "role-changed": OKABE_ITO[3], "unchanged": "#35536b"},
    "slide": {"joined": OKABE_ITO[0], "left": OKABE_ITO[5], "role-changed": OKABE_ITO[3], "unchanged": "#a9c8e0"},
}
# Marked with a symbol too, so that they can be told apart without colour.
SYMBOLS = {"left": "x", "role-changed": "circle-open"}
TITLE_NAME_CHARS = 30  # annotations do not wrap by themselves
TRACE_COUNT = 4 + len(CHANGE_Z) + 1  # countries, small states, two symbol traces, legend entries; arcs follow


@dataclass(frozen=True)
class ChangeView:
    """What the change map shows: the state of each country between two years, and the facts behind it."""

    year: int  # the year whose borders are drawn (the slider's)
    changes: ch.ChangeSet
    process_ids: tuple[str, ...]
    rows: pd.DataFrame  # change_rows(): one row per state and process in either year
    notices: tuple[str, ...]
    layer: str = "processes"  # or "organisations": process_ids and rows' process_id hold organisation ids


def make_change_view(atlas, state: ViewState) -> ChangeView:
    key = state.with_(theme="light", country=None, layers=("processes",))
    return atlas.remember("change_views", key, lambda: _compute(atlas, state), size=VIEW_CACHE_SIZE)


def _compute(atlas, state: ViewState) -> ChangeView:
    year = resolve_year(atlas, state)
    compare = state.compare if state.compare is not None else year
    if state.orgs:  # the organisation layer: its member states, from org_memberships.csv
        ids, layer = list(state.orgs), "organisations"
        rows_in_year = ch.org_rows(atlas, ids, state.role)
    else:
        ids, layer = queries.selected_processes(atlas, state), "processes"
        rows_in_year = ch.process_rows(atlas, ids, state.role)
    members = ch.members_by_year(rows_in_year, ids, state.match if len(ids) > 1 else "any")
    changes = ch.compare_years(members, compare, year)
    notices: list[str] = []
    for y in (changes.early, changes.late):
        notices += make_map_view(atlas, state.with_(compare=None, year=y)).notices
    if compare == year:
        notices.append(t("change.same_year", year=year))
    rows = ch.change_rows(atlas, ids, changes, state.role, rows_in_year=rows_in_year)
    joined = set(changes.states("joined"))
    unsure = rows[
        rows["iso3"].isin(joined)
        & rows["basis"].isin(("attended", "confirmed"))  # the start is only the earliest evidence
        & (rows["start_year"] > changes.early)
    ]["iso3"].nunique()
    if unsure:
        notices.append(t("change.confirmed", n=unsure, early=changes.early))
    return ChangeView(year, changes, tuple(ids), rows, tuple(dict.fromkeys(notices)), layer)


def summary_text(changes: ch.ChangeSet) -> str:
    """'17 states joined, 1 left, 0 changed role, 20 unchanged'."""
    n = changes.counts()
    joined = tn("change.states_joined", n["joined"])
    return t("change.summary", joined=joined, left=n["left"], role_changed=n["role-changed"], unchanged=n["unchanged"])


def change_title(atlas, view: ChangeView, state: ViewState) -> str:
    early, late = view.changes.early, view.changes.late
    names = [label_of(atlas, p) for p in view.process_ids]
    if len(names) == 1:  # the full name, unless it would push the title off a slide
        full = full_name(atlas, view.process_ids[0])  # 'Regional Conference on Migration (RCM; …)'
        name = full if len(full) <= TITLE_NAME_CHARS else names[0]
        key = "title.change.org" if view.layer == "organisations" else "title.change.one"
        return t(key, name=name, early=early, late=late)
    if view.layer == "organisations":
        return t("title.change.orgs", n=len(names), early=early, late=late)
    if state.match == "all" and 1 < len(names) <= 3:
        names = mentions(atlas, view.process_ids)  # the title's first mention: acronyms spelled out
        joined = " and ".join([", ".join(names[:-1]), names[-1]])
        return t("title.change.in_all", names=joined, early=early, late=late)
    if state.processes or state.issues or state.regions or state.kinds:
        return t("title.change.many", n=len(names), early=early, late=late)
    return t("title.change.all", early=early, late=late)


def _by_shape(atlas, view: ChangeView) -> tuple[dict[str, str], dict[str, list[str]]]:
    """{shape: change} (the most notable when states share a shape) and hover lines per shape."""
    mapping = queries.display_codes(atlas, view.year)
    early, late = view.changes.early, view.changes.late
    kinds: dict[str, str] = {}
    lines: dict[str, list[str]] = {}
    for iso3, kind in sorted(view.changes.change.items()):
        code = mapping.get(iso3, iso3)
        if CHANGE_Z[kind] > CHANGE_Z.get(kinds.get(code), 0):
            kinds[code] = kind
        head = t(f"change.hover.{kind}", early=early, late=late)
        lines.setdefault(code, []).append(
            f"{escape(atlas.country_name(iso3))}: {head}" if code != iso3 else f"<i>{escape(head)}</i>"
        )
    facts = view.rows.assign(code=view.rows["iso3"].replace(mapping) if mapping else view.rows["iso3"])
    for code, group in facts.groupby("code", sort=False):
        for r in group.head(HOVER_LINES).itertuples():
            before = t(f"role.{r.role_before}") if r.role_before else t("change.hover.not_in")
            after = t(f"role.{r.role_after}") if r.role_after else t("change.hover.not_in")
            process = escape(label_of(atlas, r.process_id))
            lines[code].append(
                t("change.hover.line", process=process, before=f"{before} ({early})", after=f"{after} ({late})")
            )
        if len(group) > HOVER_LINES:
            lines[code].append(t("hover.more", n=len(group) - HOVER_LINES))
    return kinds, lines


def make_change_figure(
    atlas,
    state: ViewState,
    *,
    view: ChangeView | None = None,
    arcs: list[dict] | None = None,
    geojson: dict | str | None = None,
    plot_size: tuple[int, int] | None = None,
    theme: Theme | None = None,
) -> dict:
    """The change map as a plotly figure dict: the base map's layout (and frame), countries coloured by change.

    >>> fig = make_change_figure(atlas, ViewState(processes=("budapest",), year=2006, compare=1995))
    >>> fig["data"][0]["z"]  # per shape: 0 neither year, 1 unchanged, 2 role-changed, 3 left, 4 joined
    """
    theme = theme or get_theme(state.theme)
    colours = CHANGE_COLOURS.get(theme.name, CHANGE_COLOURS["light"])
    view = view or make_change_view(atlas, state)
    base = make_map_figure(
        atlas, state.with_(compare=None), arcs=arcs, geojson=geojson, plot_size=plot_size or APP_PLOT_SIZE, theme=theme
    )
    geometry = atlas.geometry
    kinds, lines = _by_shape(atlas, view)
    shapes = queries.shapes_in_year(atlas, view.year)
    shape_set = set(shapes)
    bands = [theme.none_fill] + [colours[kind] for kind in sorted(CHANGE_Z, key=CHANGE_Z.get)]
    scale = [step for z, colour in enumerate(bands) for step in ([z / 5, colour], [(z + 1) / 5, colour])]
    countries = dict(base["data"][0])
    countries.update(
        z=[CHANGE_Z.get(kinds.get(c), 0) for c in shapes],
        text=["<br>".join(lines.get(c, [t("change.none")])) for c in shapes],
        colorscale=scale,
        zmin=-0.5,
        zmax=4.5,
        showscale=False,
    )

    def label(code: str) -> str:
        return f"<b>{escape(atlas.country_name(code))}</b><br>" + "<br>".join(lines.get(code, []))

    def located(codes) -> list[str]:
        return [c for c in codes if geometry and c in geometry.centroid_of]

    small = located(c for c in kinds if c not in shape_set)
    traces = [
        countries,
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
                "color": [colours[kinds[c]] for c in small],
                "line": {"width": 1, "color": theme.font_color},
            },
        ),
    ]
    for kind, symbol in SYMBOLS.items():
        codes = located(sorted(c for c, k in kinds.items() if k == kind))
        traces.append(
            _empty(
                t(f"change.{kind}"),
                lon=[geometry.centroid_of[c][0] for c in codes],
                lat=[geometry.centroid_of[c][1] for c in codes],
                mode="markers",
                customdata=codes,
                hovertext=[label(c) for c in codes],
                hoverinfo="text",
                marker={
                    "symbol": symbol,
                    "size": theme.marker_size + 3,
                    "color": theme.font_color,
                    "line": {"width": 2},
                },
            )
        )
    counts = view.changes.counts()
    for kind in ("joined", "left", "role-changed", "unchanged"):
        marker = {"size": 12, "symbol": "square", "color": colours[kind]}
        name = t("change.legend", label=t(f"change.{kind}"), n=counts[kind])
        if kind in SYMBOLS:
            name += " " + {"x": "×", "circle-open": "○"}[SYMBOLS[kind]]
        traces.append(_empty(name, lon=[None], lat=[None], mode="markers", showlegend=True, marker=marker))
    traces.append(
        _empty(
            t("change.none"),
            lon=[None],
            lat=[None],
            mode="markers",
            showlegend=True,
            marker={"size": 12, "symbol": "square", "color": theme.none_fill},
        )
    )
    traces += base["data"][SLOT_ARCS:]
    layout = dict(base["layout"])
    layout["margin"] = dict(layout["margin"])
    set_title(layout, change_title(atlas, view, state), plot_size or APP_PLOT_SIZE, theme)
    note = dict(layout["annotations"][0])
    # Wrapped to the picture's width in its type, and given the room that type needs (as the map's own notices):
    # 85 characters and 18 px a line left a 1920-px export's notes in a narrow column, pressed against its footer.
    size = note["font"]["size"]
    on_screen = not plot_size or plot_size == APP_PLOT_SIZE  # the page shows the notices as text under the chart
    notice_lines, notice_px = notice_block([] if on_screen else view.notices, (plot_size or APP_PLOT_SIZE)[0], size)
    note.update(text="<br>".join(map(escape, notice_lines)), visible=bool(notice_lines))
    layout["annotations"] = [note]
    layout["margin"]["b"] = 24 + notice_px
    layout["uirevision"] = "map"
    return {"data": traces, "layout": layout}
