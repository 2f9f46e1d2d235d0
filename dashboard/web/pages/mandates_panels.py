"""Parts of the mandates page: source links, notes, and the details of a clicked organisation or process cell."""

from __future__ import annotations

from dash import dcc, html

from dashboard.strings import t
from dashboard.views import mandates as mandates_view
from dashboard.views.figures.mandates import cell_symbol, year_of
from dashboard.views.mandates import (
    MandatesView,
    when_text,
)
from dashboard.web import ids
from dashboard.web.pages.mandates_compare import member_map_path, since_text


def source_link(atlas, source_id: str, label: str | None = None):
    src = atlas.source_for(source_id)
    return html.A(
        label or src["title"],
        href=src["url"],
        target="_blank",
        rel="noopener noreferrer",
        title=f"{src['title']} — {src['publisher']}, accessed {src.get('accessed', '')}",
        className="atlas-source",
    )


def notes_block(view: MandatesView):
    if not view.notes:
        return None
    return html.Div(
        html.Ul([html.Li(n) for n in view.notes]), className="alert alert-info atlas-notices", role="status"
    )


def _members_link(atlas, org_id: str, year: int | None):
    path = member_map_path(atlas, org_id, year)
    if path is None:
        return None
    label = f"{atlas.org_by_id[org_id]['short_name']}: " + t(
        "mandates.members_on_map", year=year if year is not None else atlas.default_year
    )
    return html.P(dcc.Link(label, href=path), className="atlas-detail-map")


def org_detail(atlas, view: MandatesView, org_id: str, issue_id: str):
    """What a click on an organisation's cell shows: the mandate in words, since when, and its source."""
    org, issue = atlas.org_by_id[org_id], atlas.issue_by_id[issue_id]
    cell = view.orgs.cell(org_id, issue_id)
    head = html.H2(f"{org['short_name']} — {issue['label']}", className="h6")
    if cell is None:
        later = atlas.mandates[(atlas.mandates["org_id"] == org_id) & (atlas.mandates["issue_id"] == issue_id)]
        text = t("mandates.detail.none", org=org["short_name"], issue=issue["label"], when=when_text(view.state))
        since = year_of(later.iloc[0]["since_year"]) if len(later) else None
        if since is not None:
            text += " " + t("mandates.detail.later", year=since)
        return html.Div([head, html.P(text)], className="atlas-detail")
    others = [
        f"{atlas.org_by_id[o]['short_name']} ({t('mandates.level.' + c.level)})"
        for (o, i), c in view.orgs.cells.items()
        if i == issue_id and o != org_id
    ]
    forums = [atlas.process_by_id[p]["short_name"] for (p, i) in view.processes.cells if i == issue_id]
    return html.Div(
        [
            head,
            html.P(html.Strong(f"{cell_symbol(cell)} {t('mandates.level.' + cell.level)}")),
            html.P(since_text(cell), className="atlas-since"),
            html.P(cell.summary),
            html.P(
                [t("mandates.detail.source") + ": ", source_link(atlas, cell.source_id)],
                className="atlas-detail-source",
            ),
            html.P(t("mandates.detail.others", names=", ".join(others) or t("panel.none"))),
            _members_link(atlas, org_id, view.state.year),
            html.P(t("mandates.detail.forums", names=", ".join(sorted(forums)) or t("panel.none"))),
        ],
        className="atlas-detail",
        id="mandates-cell",
    )


def process_detail(atlas, view: MandatesView, process_id: str, issue_id: str):
    """A click on a process's cell: the source that says it discusses the issue, and who holds that mandate."""
    proc, issue = atlas.process_by_id[process_id], atlas.issue_by_id[issue_id]
    cell = view.processes.cell(process_id, issue_id)
    holders = [
        f"{atlas.org_by_id[o]['short_name']} ({t('mandates.level.' + c.level)})"
        for (o, i), c in view.orgs.cells.items()
        if i == issue_id
    ]
    roles = atlas.org_roles[atlas.org_roles["process_id"] == process_id]
    in_process = [
        f"{atlas.org_by_id[r.org_id]['short_name']} ({t('mandates.role.' + r.role).lower()})"
        for r in roles.itertuples()
    ]
    status = (
        [
            t("mandates.detail.discussed", process=proc["short_name"], issue=issue["label"]),
            " ",
            source_link(atlas, cell.source_id, t("mandates.source")),
        ]
        if cell
        else [t("mandates.detail.not_discussed", process=proc["short_name"], issue=issue["label"])]
    )
    return html.Div(
        [
            html.H2(f"{proc['name']} — {issue['label']}", className="h6"),
            html.P(status),
            html.P(t("mandates.detail.holders", issue=issue["label"], names=", ".join(holders) or t("mandates.gap"))),
            html.P(t("mandates.detail.in_process", names=", ".join(in_process) or t("panel.none"))),
        ],
        className="atlas-detail",
        id="mandates-process-cell",
    )


def process_pager(view: MandatesView):
    """Processes a-b of n, with Previous / Next, under a process matrix longer than one page (else nothing)."""
    m = view.processes
    if view.process_pages <= 1:
        return None
    first = m.skipped + 1
    return html.Div(
        [
            html.Button(
                t("mandates.processes.previous", n=mandates_view.PROCESS_ROWS),
                id={"type": ids.MANDATES_PROCESS_STEP, "step": -1},
                className="btn btn-sm btn-outline-secondary",
                disabled=view.process_page == 0,
            ),
            html.Span(
                t("mandates.processes.range", first=first, last=first + len(m.rows) - 1, total=m.total),
                className="small",
                **{"aria-live": "polite"},
            ),
            html.Button(
                t("mandates.processes.next", n=mandates_view.PROCESS_ROWS),
                id={"type": ids.MANDATES_PROCESS_STEP, "step": 1},
                className="btn btn-sm btn-outline-secondary",
                disabled=view.process_page >= view.process_pages - 1,
            ),
        ],
        className="d-flex align-items-center gap-2 mt-2",
    )
