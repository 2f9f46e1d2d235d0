"""Parts of the timeline page: the details panel of a clicked item or year, and the paged items table."""

from __future__ import annotations

from dash import dcc, html

from dashboard.strings import t
from dashboard.views.figures.timeline_layout import (
    dates_text,
)
from dashboard.views.timeline_items import (
    PROCESS_KINDS,
    Item,
    alive_in,
    item_by_key,
    select_items,
)
from dashboard.viewstate import (
    ViewState,
    to_path,
)

TABLE_PAGE = 15
TIMELINE_ITEM = "timeline-item-button"  # pattern-matching type: an item's name in the table, opening its details


def year_for(atlas, item: Item, current: int | None) -> int:
    """The year the map shows for an item: the timeline's year if the item runs then, else the item's own year."""
    first, last = atlas.year_range
    if current is not None and alive_in(item, current, last):
        return current
    return min(max(item.start if item.start is not None else atlas.default_year, first), last)


def map_state_for(atlas, state: ViewState, selection: str | None) -> ViewState:
    """The map view for a clicked item (or the timeline's year when nothing is selected): same filters, that year."""
    base = ViewState(
        view="map",
        issues=state.issues,
        regions=state.regions,
        theme=state.theme,
        kinds=tuple(k for k in state.kinds if k in PROCESS_KINDS),
    )
    item = item_by_key(atlas).get(selection or "")
    year = state.year if state.year is not None else atlas.default_year
    if item is None:
        bilateral = not state.kinds or "bilateral" in state.kinds
        in_force = any(
            alive_in(i, year, atlas.year_range[1]) for i in select_items(atlas, state) if i.lane == "bilateral"
        )
        return base.with_(year=year, layers=("processes", "agreements") if bilateral and in_force else ("processes",))
    year = year_for(atlas, item, state.year)
    if item.lane in ("regional", "interregional"):
        return base.with_(year=year, processes=(item.id,))
    if item.lane == "bilateral":
        return base.with_(year=year, layers=("processes", "agreements"), country=item.parties[0])
    if item.lane == "organisation":
        roles = atlas.org_roles[atlas.org_roles["org_id"] == item.id]
        return base.with_(year=year, orgs=(item.id,), processes=tuple(dict.fromkeys(roles["process_id"])))
    return base.with_(year=year, issues=state.issues or item.issues)


def _source_link(atlas, source_id: str):
    src = atlas.source_for(source_id)
    return html.A(
        src["title"],
        href=src["url"],
        target="_blank",
        rel="noopener noreferrer",
        title=f"{src['publisher']}, accessed {src.get('accessed', '')}",
    )


def _record(atlas, item: Item) -> dict:
    table = {
        "process": atlas.processes,
        "agreement": atlas.agreements,
        "org": atlas.organisations,
        "milestone": atlas.milestones,
    }[item.key.split(":", 1)[0]]
    found = table[table["id"] == item.id]
    return found.iloc[0].to_dict() if len(found) else {}


def _sources_of(atlas, item: Item) -> list[str]:
    cited = [item.source_id]
    if item.key.startswith("process:"):
        cited += list(atlas.process_issues.loc[atlas.process_issues["process_id"] == item.id, "source_id"])
    elif item.key.startswith("org:"):
        cited += list(atlas.mandates.loc[atlas.mandates["org_id"] == item.id, "source_id"])
    return list(dict.fromkeys(cited))


def _map_link(atlas, state: ViewState, selection: str | None):
    target = map_state_for(atlas, state, selection)
    return dcc.Link(
        t("timeline.map_link", year=target.year),
        href=to_path(target),
        id="timeline-map-link",
        className="btn btn-sm btn-primary mt-2",
    )


def details_panel(atlas, state: ViewState, selection: str | None):
    """Details and sources of the clicked item; with none, the year's summary (when a year is chosen)."""
    item = item_by_key(atlas).get(selection or "")
    if item is None:
        if state.year is None:
            return html.P(t("timeline.details.none"), className="text-muted")
        last = atlas.year_range[1]
        running = [i for i in select_items(atlas, state) if alive_in(i, state.year, last)]
        counts = {
            lane: sum(1 for i in running if i.lane in lanes)
            for lane, lanes in (
                ("processes", ("regional", "interregional")),
                ("agreements", ("bilateral",)),
                ("milestones", ("milestone",)),
            )
        }
        return html.Div(
            [
                html.H2(t("timeline.details.year", year=state.year), className="h5"),
                html.P(t("timeline.details.year_counts", **counts)),
                _map_link(atlas, state, None),
            ]
        )
    record = _record(atlas, item)
    issues = ", ".join(atlas.issue_by_id[i]["label"] for i in item.issues if i in atlas.issue_by_id) or "—"
    if item.lane == "bilateral":
        issues += " " + t("timeline.hover.by_kind")
    rows = [
        (
            t("timeline.details.kind"),
            t(f"timeline.kind.{item.kind}") + (f" ({item.subkind})" if item.subkind != item.kind else ""),
        ),
        (t("timeline.details.dates"), dates_text(item)),
    ]
    if item.parties:
        rows.append((t("timeline.details.parties"), " – ".join(atlas.country_name(c) for c in item.parties)))
    if item.detail:
        rows.append((t("timeline.details.members"), item.detail))
    rows.append((t("timeline.details.issues"), issues))
    note = record.get("note")
    if isinstance(note, str) and note:
        rows.append((t("timeline.details.note"), note))
    return html.Div(
        [
            html.H2(item.spelled, className="h5"),
            html.Dl([part for k, v in rows for part in (html.Dt(k), html.Dd(v))], className="atlas-dl"),
            html.H3(t("timeline.details.sources"), className="h6"),
            html.Ul([html.Li(_source_link(atlas, s)) for s in _sources_of(atlas, item)]),
            _map_link(atlas, state, item.key),
        ],
        id="timeline-item",
        **{"data-item": item.key},
    )


def items_table(atlas, state: ViewState, page: int = 0):
    """The items shown, as a table a page at a time (so that no response grows with the data)."""
    items = select_items(atlas, state)
    pages = max(1, -(-len(items) // TABLE_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = items[page * TABLE_PAGE : (page + 1) * TABLE_PAGE]
    head = [t("timeline.table.kind"), t("timeline.table.name"), t("timeline.table.dates"), t("timeline.table.source")]
    return html.Div(
        [
            html.Table(
                [
                    html.Caption(
                        t(
                            "timeline.table_page",
                            first=page * TABLE_PAGE + 1 if items else 0,
                            last=page * TABLE_PAGE + len(shown),
                            n=len(items),
                        )
                    ),
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                    html.Tbody(
                        [
                            html.Tr(
                                [
                                    html.Td(t(f"timeline.kind.{i.kind}")),
                                    html.Td(
                                        html.Button(
                                            i.spelled,
                                            id={"type": TIMELINE_ITEM, "key": i.key},
                                            className="btn btn-link p-0 text-start atlas-item",
                                            **{"data-focus-after": "#timeline-item h2"},
                                        )
                                    ),
                                    html.Td(dates_text(i)),
                                    html.Td(_source_link(atlas, i.source_id)),
                                ]
                            )
                            for i in shown
                        ]
                    ),
                ],
                className="table table-sm atlas-table",
            ),
            html.Div(
                [
                    html.Button(
                        t("timeline.table_previous"),
                        id={"type": "timeline-page", "step": -1},
                        className="btn btn-sm btn-outline-secondary",
                        disabled=page == 0,
                    ),
                    html.Button(
                        t("timeline.table_next"),
                        id={"type": "timeline-page", "step": 1},
                        className="btn btn-sm btn-outline-secondary",
                        disabled=page >= pages - 1,
                    ),
                ],
                className="d-flex gap-2",
            )
            if pages > 1
            else None,
        ]
    ), page
