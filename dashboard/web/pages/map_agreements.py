"""The map page with only the agreements layer on: a panel and a table of the agreements, not of processes."""

from __future__ import annotations

from dash import html

from dashboard.strings import t
from dashboard.views.legend import counted
from dashboard.views.map import agreement_rows
from dashboard.web.pages.map_panels import country_button, paged, paged_table, source_link


def agreements_panel(atlas, year: int) -> html.Div:
    """What the map shows in words, and how to see one state's agreements."""
    n = len(agreement_rows(atlas, year))
    return html.Div(
        [
            html.H2(t("panel.agreements.heading", year=year), className="h5"),
            html.P(t("panel.agreements.count", agreements=counted(n, "agreement"), year=year)),
            html.P(t("panel.agreements.pick"), className="text-muted"),
        ],
        className="atlas-panel",
        id="agreements-panel",
    )


def agreements_table(atlas, year: int, page: int = 0) -> html.Div | html.P:
    """One line per agreement in force: the two states, its title, kind and year, and its source (as the CSV)."""
    rows = agreement_rows(atlas, year)
    if not rows:
        return html.P(t("map.no_agreements", year=year))
    shown, page, pages = paged(rows, page)
    head = [
        t("map.table.country"),
        t("map.table.partner"),
        t("map.table.agreement"),
        t("map.table.kind"),
        t("map.table.signed"),
        t("map.table.source"),
    ]
    caption = t("map.agreements_caption", agreements=counted(len(rows), "agreement"), year=year)
    kinds = {r.id: r.kind for r in atlas.agreements.itertuples()}
    body = [
        [
            country_button(r["country"], r["iso3"], 2 * n),
            country_button(r["partner"], r["partner_iso3"], 2 * n + 1),
            r["process"],
            t("agreement.kind." + kinds[r["process_id"]]),
            r["since"],
            source_link(r),
        ]
        for n, r in enumerate(shown)
    ]
    return paged_table(caption, head, body, page, pages, id="agreements-table")
