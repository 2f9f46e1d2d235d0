"""The side-by-side comparison of two to four organisations, as one Markdown table.

Why Markdown: the table has a source link beside every mandate and role (60 and more links for four organisations);
as Dash components that is over 30 KiB per update, as Markdown about a third of it. Text from the data is escaped,
so it is shown as text; HTML is never rendered (dcc.Markdown's default).
"""

from __future__ import annotations

import re
from urllib.parse import quote

from dash import dcc, html

from dashboard.strings import t
from dashboard.views.figures.mandates import ROLE_ORDER, cell_symbol
from dashboard.views.figures.mandates_compare import build_comparison
from dashboard.views.names import full_names

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>~|])")
_URL_SAFE = ":/?#@!$&'*+,;=%~._-"


def md_text(text) -> str:
    """Data as literal Markdown text: punctuation Markdown would read is backslash-escaped, newlines flattened."""
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def md_link(label: str, url: str) -> str:
    """A link only for http(s) addresses; characters that would end the link or the table cell are encoded."""
    if not re.match(r"https?://", url or ""):
        return md_text(label)
    return f"[{md_text(label)}]({quote(url, safe=_URL_SAFE)})"


def member_map_path(atlas, org_id: str, year: int | None) -> str | None:
    """'/map?org=iom&year=1990': the organisation layer of the map, where the atlas has the organisation's members."""
    from dashboard.viewstate import ViewState, to_path

    if not (atlas.org_memberships["org_id"] == org_id).any():
        return None
    return to_path(ViewState(view="map", orgs=(org_id,), year=year if year is not None else atlas.default_year))


def _members_cell(atlas, org_id: str, year: int | None) -> str:
    path = member_map_path(atlas, org_id, year)
    if path is None:
        return md_text(t("mandates.no_member_list"))
    label = t("mandates.members_on_map", year=year if year is not None else atlas.default_year)
    return f"[{md_text(label)}]({quote(path, safe=_URL_SAFE)})"


def since_text(cell) -> str:
    text = t("mandates.since", year=cell.since) if cell.since is not None else t("mandates.since_unverified")
    return text + (f" — {t('mandates.date_unverified')}" if cell.date_unverified else "")


def years_text(start, end) -> str:
    if start is None and end is None:
        return t("mandates.years_unknown")
    return f"{start if start is not None else '?'}–{end if end is not None else ''}"


def _url(atlas, source_id: str) -> str:
    return atlas.source_for(source_id)["url"]


def _mandate(atlas, cell) -> str:
    if cell is None:
        return "—"
    head = f"**{cell_symbol(cell)} {t('mandates.level.' + cell.level)}**"
    return (
        f"{head}, {md_text(since_text(cell))}\\. {md_text(cell.summary)} "
        f"{md_link(t('mandates.source'), _url(atlas, cell.source_id))}"
    )


def _roles(atlas, roles) -> str:
    """'3: RCM (2001–), ADD (2008–2012)': each process name links to the source of that role."""
    items = []
    for r in roles:
        unverified = f", {t('mandates.date_unverified')}" if r.date_unverified else ""
        items.append(
            f"{md_link(atlas.process_by_id[r.process_id]['short_name'], _url(atlas, r.source_id))} "
            f"{md_text(f'({years_text(r.start, r.end)}{unverified})')}"
        )
    return f"**{len(roles)}**" + (": " + ", ".join(items) if items else "")


def comparison_markdown(atlas, view, when: str) -> str:
    """One column per organisation; rows: name, founding, seat, legal basis, each issue area, each kind of role."""
    state = view.state
    cards = build_comparison(
        atlas.mandates,
        atlas.organisations,
        atlas.org_roles,
        atlas.processes,
        atlas.issue_areas,
        org_ids=state.orgs,
        year=state.year,
    )
    orgs = [atlas.org_by_id[c.org_id] for c in cards]

    def row(label: str, cells: list[str], *, group: bool = False) -> str:
        head = f"**{md_text(label)}**"
        return "| " + " | ".join([f"*{head}*" if group else head] + cells) + " |"

    founded = []
    for card, org in zip(cards, orgs):
        text = str(card.founded) if card.founded is not None else t("mandates.not_verified")
        if not card.exists:
            text += " — " + t("mandates.compare.not_yet", year=state.year)
        founded.append(f"{md_text(text)} {md_link(t('mandates.source'), _url(atlas, org['source_id']))}")
    hq = [
        md_text(
            ", ".join(filter(None, [o["hq_city"], atlas.country_name(o["hq_iso3"]) if o["hq_iso3"] else ""]))
            or t("mandates.not_verified")
        )
        for o in orgs
    ]
    lines = [
        "| | " + " | ".join(f"**{md_text(o['short_name'])}**" for o in orgs) + " |",
        "|---" * (len(orgs) + 1) + "|",
        row(t("mandates.compare.name"), [md_text(o["name"]) for o in orgs]),
        row(t("mandates.compare.founded"), founded),
        row(t("mandates.compare.hq"), hq),
        row(t("mandates.compare.legal_basis"), [md_text(o["legal_basis"] or t("mandates.not_verified")) for o in orgs]),
        row(t("mandates.compare.members"), [_members_cell(atlas, o["id"], state.year) for o in orgs]),
        row(t("mandates.compare.mandates", when=when), [""] * len(orgs), group=True),
    ]
    lines += [
        row(label, [_mandate(atlas, c.mandates.get(issue)) for c in cards])
        for issue, label in zip(view.orgs.issues, view.orgs.issue_labels)
    ]
    lines.append(row(t("mandates.compare.roles", when=when), [""] * len(orgs), group=True))
    lines += [
        row(t("mandates.role." + role), [_roles(atlas, [r for r in c.roles if r.role == role]) for c in cards])
        for role in ROLE_ORDER
    ]
    return "\n".join(lines)


def comparison(atlas, view, when: str):
    """The comparison block for the page: a hint with no organisation picked, else caption and table."""
    if not view.state.orgs:
        return html.P(t("mandates.compare.hint"), className="text-muted")
    names = ", ".join(full_names(atlas, view.state.orgs))  # the first mention: in full, the acronym after
    return html.Div(
        [
            html.P(html.Strong(t("mandates.compare.caption", names=names, when=when)), className="mb-1"),
            dcc.Markdown(comparison_markdown(atlas, view, when), link_target="_blank", className="atlas-compare"),
        ],
        id="mandates-compare-table",
    )
