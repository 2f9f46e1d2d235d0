"""The chart's text alternative in HTML, for the embed page and the HTML export: description, legend, notes, table.

Both pages hide plotly.js's SVG from assistive technology (the script in each says how) and put this beside it.
"""

from __future__ import annotations

import html

from dashboard.strings import t
from dashboard.views.legend import Legend

# Which of a view's row fields the embed's table shows (in this order), where the view has them.
TABLE_FIELDS = (
    ("country", "map.table.country"),
    ("partner", "embed.table.partner"),
    ("process", "map.table.process"),
    ("organisation", "mandates.table.org"),
    ("issue", "embed.table.issue"),
    ("level", "embed.table.level"),
    ("name", "timeline.table.name"),
    ("kind", "timeline.table.kind"),
    ("role", "map.table.role"),
    ("since", "map.table.since"),
    ("start_year", "embed.table.start"),
    ("end_year", "embed.table.end"),
)
TABLE_ROWS = 200  # past this, the table says how many more and links to the CSV
# Hides the drawing (its text would be read as a jumble) once plotly.js has drawn it; the <figure> carries its text.
HIDE_DRAWING = (
    "function(gd) { gd.querySelectorAll('.main-svg, .gl-container')"
    ".forEach(function(e) { e.setAttribute('aria-hidden', 'true'); }); }"
)
VISUALLY_HIDDEN = (
    ".vh{position:absolute!important;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0}"
)


def legend_lines(legend: Legend) -> list[str]:
    lines = [e.label for e in legend.entries]
    if legend.scale:
        lines.append(f"{legend.scale_title}: {legend.scale[0].label}–{legend.scale[-1].label}")
    return lines


def text_alternative(description: str, legend: Legend, notes: list[str], *, desc_id: str = "description") -> str:
    """Description, legend and notes, for screen readers (the drawing shows them to the eye): one hidden block."""
    esc = html.escape
    parts = [f'<p id="{desc_id}">{esc(description)}</p>']
    lines = legend_lines(legend)
    if lines:
        parts.append(f"<p>{esc(t('a11y.legend'))}:</p><ul>" + "".join(f"<li>{esc(x)}</li>" for x in lines) + "</ul>")
    if notes:
        parts.append(f"<p>{esc(t('a11y.notes'))}:</p><ul>" + "".join(f"<li>{esc(n)}</li>" for n in notes) + "</ul>")
    return f'<div class="vh">{"".join(parts)}</div>'


def rows_table(rows: list[dict], csv_href: str) -> str:
    """The view's rows as a table in a <details> (closed: the chart keeps the frame), with each row's source."""
    esc = html.escape
    fields = [(f, key) for f, key in TABLE_FIELDS if any(r.get(f) not in (None, "") for r in rows)]
    head = "".join(f'<th scope="col">{esc(t(key))}</th>' for _, key in fields)
    head += f'<th scope="col">{esc(t("map.table.source"))}</th>'
    body = []
    for r in rows[:TABLE_ROWS]:
        cells = "".join(f"<td>{esc(str(r.get(f, '')))}</td>" for f, _ in fields)
        link = f'<a href="{esc(r.get("source_url", ""))}" target="_blank" rel="noopener">{esc(r.get("source_title", ""))}</a>'
        body.append(f"<tr>{cells}<td>{link}</td></tr>")
    more = (
        f'<p>{esc(t("embed.table.more", n=len(rows) - TABLE_ROWS))} <a href="{esc(csv_href)}">CSV</a></p>'
        if len(rows) > TABLE_ROWS
        else f'<p><a href="{esc(csv_href)}" download>{esc(t("embed.table.csv"))}</a></p>'
    )
    return (
        f'<details class="data"><summary>{esc(t("embed.table.summary", n=len(rows)))}</summary>'
        f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table></div>'
        f"{more}</details>"
    )
