"""Parts of the map page: the process panel, the country profile and the paged data table."""

from __future__ import annotations

import re

import pandas as pd
from dash import dcc, html

from dashboard.strings import t
from dashboard.views import evidence, queries
from dashboard.views.figures.profile import make_profile_figure
from dashboard.views.map import MAX_COUNTED, table_rows
from dashboard.views.names import full_name
from dashboard.viewstate import (
    ViewState,
)
from dashboard.web import ids
from dashboard.web.abbr import abbr

TABLE_PAGE = 25


def _source_link(atlas, source_id: str, label: str | None = None):
    src = atlas.source_for(source_id)
    return html.A(
        label or src["title"],
        href=src["url"],
        target="_blank",
        rel="noopener noreferrer",
        title=f"{src['publisher']}, accessed {src.get('accessed', '')}",
    )


def secretariat_text(atlas, proc: dict) -> str:
    """The secretariat named in processes.csv, else the organisations recorded as secretariat in org_roles.csv
    (worked out once per process: every panel of it asks)."""
    return atlas.remember("secretariat_text", proc["id"], lambda: _secretariat_text(atlas, proc))


def _secretariat_text(atlas, proc: dict) -> str:
    if proc["secretariat"]:
        org = atlas.org_by_id[proc["secretariat"]]
        return f"{full_name(atlas, org['id'])}, {org['hq_city']}" if org["hq_city"] else full_name(atlas, org["id"])
    roles = atlas.org_roles[(atlas.org_roles["process_id"] == proc["id"]) & (atlas.org_roles["role"] == "secretariat")]
    names = [
        full_name(atlas, r.org_id)
        + (f" ({r.start_year}–{'' if pd.isna(r.end_year) else r.end_year})" if pd.notna(r.start_year) else "")
        for r in roles.itertuples()
    ]
    if names:
        return ", ".join(names)
    # A secretariat that is not one of the atlas's organisations (a government's, the process's own) is in the note.
    said = [part.strip() for part in re.split(r"[;.]\s", proc["note"] or "") if "secretariat" in part.lower()]
    return said[0] if said else t("panel.none")


def org_panel(atlas, view) -> html.Div:
    """The organisation layer's panel: the organisation, its members that year and where the list comes from."""
    org = atlas.org_by_id[view.process_ids[0]]
    counts = view.rows.groupby("role")["iso3"].nunique().to_dict()
    cited = sorted(set(view.rows["source_id"]))
    items = [
        (t("panel.founded"), str(org["founded_year"]) if pd.notna(org["founded_year"]) else "—"),
        (
            t("panel.count", year=view.year),
            ", ".join(f"{n} {t('role.' + r)}" for r, n in sorted(counts.items())) or "—",
        ),
    ]
    return html.Div(
        [
            html.H2(full_name(atlas, org["id"]), className="h5"),
            html.Dl([part for k, v in items for part in (html.Dt(k), html.Dd(v))], className="atlas-dl"),
            html.Ul([html.Li(n) for n in view.notices]) if view.notices else None,
            html.H3(t("panel.sources"), className="h6"),
            html.Ul([html.Li(_source_link(atlas, s)) for s in cited]),
        ],
        className="atlas-panel",
        id="process-panel",
    )


def _change_line(atlas, proc_id: str, c) -> str:
    parts = []
    for basis, names in c.starts:
        org = evidence.parent_org(atlas, proc_id) if basis == "constitutive" else None
        parts.append(
            t(
                f"panel.start.{basis}",
                year=c.year,
                names=", ".join(atlas.country_name(x) for x in names),
                org=atlas.org_by_id[org]["short_name"] if org else "",
            )
        )
    if c.left:
        parts.append(t("panel.left", last=c.year - 1, names=", ".join(atlas.country_name(x) for x in c.left)))
    return " ".join(parts)


def _basis_summary(atlas, proc_id: str, rows) -> str:
    counts = rows.groupby("basis")["iso3"].nunique().to_dict()
    return "; ".join(
        t("panel.basis_value", n=counts[b], words=evidence.basis_words(atlas, proc_id, b))
        for b in evidence.BASES
        if b in counts
    )


def process_panel(atlas, state: ViewState, view) -> html.Div:
    if view.layer == "organisations" and view.mode == "one":
        return org_panel(atlas, view)
    if view.mode != "one":
        return html.Div(html.P(t("panel.pick_one"), className="text-muted"), className="atlas-panel")
    proc = atlas.process_by_id[view.process_ids[0]]
    secretariat = secretariat_text(atlas, proc)
    counts = view.rows.groupby("role")["iso3"].nunique().to_dict()
    changes = queries.membership_changes(atlas, proc["id"])
    issues = sorted(atlas.issues_of_process.get(proc["id"], ()))
    successor = atlas.process_by_id.get(proc["successor_id"]) if proc["successor_id"] else None
    cited = [proc["source_id"]] + sorted(set(view.rows["source_id"]) - {proc["source_id"]})
    items = [
        (t("panel.kind"), f"{t('process.kind.' + proc['kind'])}, {proc['region']}"),
        (t("panel.founded"), str(proc["founded_year"])),
        (t("panel.ended"), str(proc["ended_year"]) if pd.notna(proc["ended_year"]) else "—"),
        (t("panel.secretariat"), secretariat),
        (
            t("panel.count", year=view.year),
            t("panel.count_value", members=counts.get("member", 0), observers=counts.get("observer", 0)),
        ),
        (t("panel.basis"), _basis_summary(atlas, proc["id"], view.rows) or "—"),
        *(
            [
                (
                    t("panel.eligible"),
                    t("panel.eligible_value", org=org["short_name"], n=counts["eligible"], year=view.year),
                )
            ]
            if "eligible" in counts and (org := atlas.org_by_id.get(evidence.open_to_org(atlas, proc["id"]) or ""))
            else []
        ),
        (t("panel.issues"), ", ".join(atlas.issue_by_id[i]["label"] for i in issues) or "—"),
    ]
    count = evidence.count_for_year(atlas, proc["id"], view.year)
    if count is not None:
        items.insert(5, (t("panel.counts"), [count.text, " · ", _source_link(atlas, count.source_id, "source")]))
        cited.append(count.source_id)
    if successor:
        items.append((t("panel.successor"), full_name(atlas, successor["id"])))
    if proc["note"]:
        items.append((t("timeline.details.note"), proc["note"]))
    return html.Div(
        [
            html.H2(full_name(atlas, proc["id"]), className="h5"),  # the panel's first mention: in full, acronym after
            html.Dl([part for k, v in items for part in (html.Dt(k), html.Dd(v))], className="atlas-dl"),
            html.H3(t("panel.changes"), className="h6"),
            html.Ul(
                [html.Li(_change_line(atlas, proc["id"], c)) for c in changes],
                className="atlas-changes",
                tabIndex="0",  # it scrolls: the keyboard must reach it
                **{"aria-label": t("panel.changes")},
            ),
            html.H3(t("panel.sources"), className="h6"),
            html.Ul([html.Li(_source_link(atlas, s)) for s in dict.fromkeys(cited)]),
        ],
        className="atlas-panel",
        id="process-panel",
    )


def country_profile(atlas, state: ViewState):
    if not state.country:
        return None
    code = state.country
    m = atlas.memberships[atlas.memberships["iso3"] == code]
    a = atlas.agreements[(atlas.agreements["iso3_a"] == code) | (atlas.agreements["iso3_b"] == code)]
    issue_ids = sorted({i for pid in set(m["process_id"]) for i in atlas.issues_of_process.get(pid, ())})
    return html.Section(
        [
            html.Div(
                [
                    html.H2(
                        t("profile.title", name=atlas.country_name(code)), className="h5", id="country-profile-heading"
                    ),
                    html.Button(
                        "×",
                        id=ids.MAP_CLOSE_PROFILE,
                        className="btn btn-sm btn-outline-secondary",
                        title=t("profile.close"),
                        **{"aria-label": t("profile.close"), "data-focus-after": "#page h1"},
                    ),
                ],
                className="d-flex justify-content-between",
            ),
            html.H3(t("profile.memberships"), className="h6"),
            dcc.Graph(
                figure=make_profile_figure(atlas, code, theme=state.theme),
                config={"displayModeBar": False},
                style={"height": f"{max(120, 28 * m['process_id'].nunique() + 60)}px"},
            )
            if len(m)
            else html.P(t("profile.none")),
            html.Ul(
                [
                    html.Li(
                        [
                            abbr(atlas, r.process_id),
                            f": {t('role.' + r.role)} {r.start_year}–{'' if pd.isna(r.end_year) else r.end_year}"
                            + f" ({evidence.basis_words(atlas, r.process_id, r.basis)})"
                            + " · ",
                            _source_link(atlas, r.source_id, "source"),
                        ]
                    )
                    for r in m.sort_values("start_year").itertuples()
                ]
            ),
            html.H3(t("profile.agreements"), className="h6"),
            html.Ul(
                [
                    html.Li(
                        [
                            f"{r.year}: {r.title} ({atlas.country_name(r.iso3_b if r.iso3_a == code else r.iso3_a)}) · ",
                            _source_link(atlas, r.source_id, "source"),
                        ]
                    )
                    for r in a.sort_values("year").itertuples()
                ]
            )
            if len(a)
            else html.P(t("profile.none")),
            html.H3(t("profile.issues"), className="h6"),
            html.Ul([html.Li(profile_issue(atlas, code, i)) for i in issue_ids])
            if issue_ids
            else html.P(t("profile.none")),
        ],
        className="atlas-profile",
        id="country-profile",
        **{"aria-labelledby": "country-profile-heading"},
    )


def profile_issue(atlas, code: str, issue_id: str) -> list:
    """'Asylum — via Budapest Process (source), Puebla (source)': each process that brings the issue, with its source."""
    m = atlas.memberships[atlas.memberships["iso3"] == code]
    pi = atlas.process_issues
    rows = pi[(pi["issue_id"] == issue_id) & pi["process_id"].isin(set(m["process_id"]))].sort_values("process_id")
    parts: list = [atlas.issue_by_id[issue_id]["label"], " — via "]
    for n, r in enumerate(rows.itertuples()):
        parts += ([", "] if n else []) + [
            abbr(atlas, r.process_id),  # hovered: the name in full
            " (",
            _source_link(atlas, r.source_id, "source"),
            ")",
        ]
    return parts


def country_button(name: str, iso3: str, row: int):
    """A country's name in a table: a button that opens its profile (the table's keyboard way to the map's click)."""
    return html.Button(
        name,
        id={"type": ids.MAP_COUNTRY, "iso3": iso3, "row": row},
        className="btn btn-link p-0 text-start atlas-country",
        title=t("map.table.open_profile", name=name),
        **{"data-focus-after": "#country-profile h2"},
    )


def paged(items: list, page: int) -> tuple[list, int, int]:
    """(the items on `page`, that page kept within bounds, the number of pages) of TABLE_PAGE items each."""
    pages = max(1, -(-len(items) // TABLE_PAGE))
    page = min(max(page, 0), pages - 1)
    return items[page * TABLE_PAGE : (page + 1) * TABLE_PAGE], page, pages


def paged_table(caption: str, head: list[str], body: list[list], page: int, pages: int, **attrs) -> html.Div:
    """A table of the map page (captioned with its page, one header row, a row of cells per entry of `body`) with
    the Previous / Next buttons and the page store that the map page's one paging callback reads."""
    return html.Div(
        [
            html.Table(
                [
                    html.Caption(caption + (f" — page {page + 1} of {pages}" if pages > 1 else "")),
                    html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                    html.Tbody([html.Tr([html.Td(cell) for cell in cells]) for cells in body]),
                ],
                className="table table-sm atlas-table",
                **attrs,
            ),
            page_buttons(page, pages),
            dcc.Store(id="map-table-page", data=page),
        ]
    )


def source_link(row: dict) -> html.A:
    """A row's source, opened in a new tab."""
    return html.A(row["source_title"], href=row["source_url"], target="_blank", rel="noopener noreferrer")


def data_table(atlas, view, page: int = 0) -> html.Div | html.P:
    rows = table_rows(atlas, view)
    if view.layer == "processes" and len(view.process_ids) <= MAX_COUNTED:
        rows += evidence.count_rows(atlas, view.process_ids, view.year)
    if not rows:
        return html.P(t("map.no_rows", year=view.year))
    shown, page, pages = paged(rows, page)
    head = [
        t("map.table.country"),
        t("map.table.process"),
        t("map.table.role"),
        t("map.table.since"),
        t("map.table.basis"),
        t("map.table.source"),
    ]
    body = [
        [
            country_button(r["country"], r["iso3"], n) if r["country"] else "—",
            r["process"],
            t("role." + r["role"]),
            t("table.by_year", year=r["since"]) if r["since_basis"] == "confirmed" else r["since"],
            r["basis_words"],
            source_link(r),
        ]
        for n, r in enumerate(shown)
    ]
    return paged_table(t("map.table_caption", n=len(rows)), head, body, page, pages)


def page_buttons(page: int, pages: int):
    """‹ Previous / Next › under a paged table (the map page's one paging callback follows them)."""
    if pages <= 1:
        return None
    return html.Div(
        [
            html.Button(
                t("timeline.table_previous"),
                id={"type": "map-page", "step": -1},
                className="btn btn-sm btn-outline-secondary",
                disabled=page == 0,
            ),
            html.Button(
                t("timeline.table_next"),
                id={"type": "map-page", "step": 1},
                className="btn btn-sm btn-outline-secondary",
                disabled=page >= pages - 1,
            ),
        ],
        className="d-flex gap-2",
    )
