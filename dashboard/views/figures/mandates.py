"""Who holds which migration mandate: organisation and process matrices by issue area, and side-by-side comparison.

Pure: data frames in, plain data and plotly dicts out. The year rule (shared by every builder): a fact whose
recorded start year is after the year drops out; a fact with no recorded start year is kept only if its
organisation (or process) existed that year, and is then flagged `date_unverified` instead of given a year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

import pandas as pd

from dashboard.strings import t
from dashboard.views.figures.mandates_layout import (  # noqa: F401 - matrix_height re-exported
    columns,
    key_lines,
    margins,
    matrix_height,
    matrix_key,
)
from dashboard.views.figures.theme import OKABE_ITO, Theme, get_theme
from dashboard.views.names import spelled_out

LEVELS = ("core", "supporting")
VALUE = {"core": 2, "supporting": 1, "discussed": 1}
SYMBOL = {"core": "●", "supporting": "○", "discussed": "■"}
UNVERIFIED_MARK = "?"
ROLE_ORDER = ("secretariat", "partner", "observer")
MAX_COMPARE = 4


def year_of(value) -> int | None:
    """A nullable year cell (<NA>, None, '' or a number) as int or None."""
    if value is None or (isinstance(value, str) and not value.strip()) or pd.isna(value):
        return None
    return int(value)


def columns_of(frame: pd.DataFrame, *names: str) -> list[list]:
    """Columns as plain lists: iterating them is many times faster than iterating pandas' own arrays."""
    return [frame[n].tolist() for n in names]


def spans(processes: pd.DataFrame) -> dict[str, tuple[int | None, int | None]]:
    """process id -> (founded, ended), each None when not recorded."""
    ids, founded, ended = columns_of(processes, "id", "founded_year", "ended_year")
    return {p: (year_of(f), year_of(e)) for p, f, e in zip(ids, founded, ended)}


@dataclass(frozen=True)
class Cell:
    level: str  # core | supporting (organisations) or discussed (processes)
    since: int | None
    summary: str
    source_id: str
    date_unverified: bool = False  # a year is set and no start year is recorded (for it or its organisation)


@dataclass(frozen=True)
class Matrix:
    """Rows (organisations or processes) x issue areas, in display order, with the cells that hold a fact."""

    kind: str  # "orgs" or "processes"
    year: int | None
    rows: tuple[str, ...]
    row_labels: tuple[str, ...]
    issues: tuple[str, ...]
    issue_labels: tuple[str, ...]
    cells: dict = field(default_factory=dict)  # (row id, issue id) -> Cell
    left_out: tuple[tuple[str, int], ...] = ()  # rows not in existence that year: (id, founded or ended year)
    unverified_rows: tuple[str, ...] = ()  # rows kept although their founding year is not recorded
    more: int = 0  # rows past the builder's `limit` (after this page), counted but not shown
    skipped: int = 0  # rows before this page (the builder's `offset`), counted but not shown
    row_names: tuple[str, ...] = ()  # the rows' full names with their acronyms (hover): 'International ... (IOM)'

    @property
    def total(self) -> int:
        """Rows in the whole matrix, on every page."""
        return self.skipped + len(self.rows) + self.more

    def cell(self, row: str, issue: str) -> Cell | None:
        return self.cells.get((row, issue))

    def coverage(self, issue: str) -> dict[str, int]:
        """How many rows hold each level for one issue area: {'core': 2, 'supporting': 1, 'total': 3}."""
        levels = [c.level for (r, i), c in self.cells.items() if i == issue and r in self.rows]
        counts = {level: levels.count(level) for level in set(levels)}
        return {**counts, "total": len(levels)}


def _staircase(rows: list[str], labels: dict[str, str], issues: tuple[str, ...], cells: dict) -> list[str]:
    """Rows sorted column by column (strongest first), so rows sharing issue areas sit together: overlaps show."""

    def key(row):
        return tuple(-VALUE.get(cells[(row, i)].level, 0) if (row, i) in cells else 0 for i in issues) + (
            labels[row].lower(),
        )

    return sorted(rows, key=key)


def _column_order(issue_ids: list[str], labels: dict[str, str], cells: dict) -> tuple[str, ...]:
    """Issue areas by how many rows cover them (then how many as core): gaps end up on the right."""

    def key(issue):
        levels = [c.level for (_, i), c in cells.items() if i == issue]
        return (-len(levels), -levels.count("core"), labels[issue].lower())

    return tuple(sorted(issue_ids, key=key))


def build_mandate_matrix(
    mandates: pd.DataFrame,
    organisations: pd.DataFrame,
    issue_areas: pd.DataFrame,
    *,
    year: int | None = None,
    orgs: tuple[str, ...] = (),
    issues: tuple[str, ...] = (),
    columns: tuple[str, ...] | None = None,
) -> Matrix:
    """Organisations x issue areas as of `year` (None: today, everything recorded).

    `orgs` limits the rows to those organisations; `issues` limits the columns and (with no `orgs`) the rows to
    organisations holding one of them. `columns` fixes the column order (e.g. to line up with another matrix).

    >>> m = build_mandate_matrix(mandates, organisations, issue_areas, year=1990)
    >>> m.cell("unhcr", "asylum").level
    'core'
    """
    labels = dict(zip(organisations["id"], organisations["short_name"]))
    issue_labels = dict(zip(issue_areas["id"], issue_areas["label"]))
    chosen = list(orgs) if orgs else list(organisations["id"])
    founded = {o: year_of(f) for o, f in zip(organisations["id"], organisations["founded_year"])}
    left_out = tuple(
        (o, founded[o]) for o in chosen if year is not None and founded[o] is not None and founded[o] > year
    )
    kept = [o for o in chosen if (o, founded[o]) not in left_out]
    unverified_rows = tuple(o for o in kept if year is not None and founded[o] is None)
    cells = {}
    columns_needed = ("org_id", "issue_id", "level", "since_year", "summary", "source_id")
    for org, issue, level, since, summary, source in zip(*columns_of(mandates, *columns_needed)):
        since = year_of(since)
        if org not in kept or (issues and issue not in issues):
            continue
        if year is not None and since is not None and since > year:
            continue
        unverified = year is not None and (since is None or org in unverified_rows)
        cells[(org, issue)] = Cell(level, since, summary, source, unverified)
    issue_ids = [i for i in issue_areas["id"] if not issues or i in issues]
    order = (
        tuple(i for i in columns if i in issue_ids)
        if columns is not None
        else _column_order(issue_ids, issue_labels, cells)
    )
    if issues and not orgs:
        kept = [o for o in kept if any((o, i) in cells for i in order)]
    rows = _staircase(kept, labels, order, cells)
    return Matrix(
        "orgs",
        year,
        tuple(rows),
        tuple(labels[r] for r in rows),
        order,
        tuple(issue_labels[i] for i in order),
        cells,
        left_out,
        unverified_rows,
        row_names=_full_names(organisations, rows),
    )


def build_process_matrix(
    processes: pd.DataFrame,
    process_issues: pd.DataFrame,
    issue_areas: pd.DataFrame,
    *,
    year: int | None = None,
    process_ids: tuple[str, ...] | None = None,
    issues: tuple[str, ...] = (),
    columns: tuple[str, ...] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> Matrix:
    """Processes x issue areas they discuss (process_issues.csv), for the processes running in `year`.

    `limit`: at most that many rows, from row `offset` in display order (a page: the rows before it are counted in
    `skipped`, those after it in `more`, neither shown). An offset past the end shows the last page.
    """
    labels = dict(zip(*columns_of(processes, "id", "short_name")))
    issue_labels = dict(zip(issue_areas["id"], issue_areas["label"]))
    chosen = list(process_ids) if process_ids is not None else processes["id"].tolist()
    span = spans(processes)
    left_out = []
    if year is not None:
        for p in chosen:
            start, end = span[p]
            if start is not None and start > year:
                left_out.append((p, start))
            elif end is not None and end < year:
                left_out.append((p, end))
    gone = {p for p, _ in left_out}
    kept = [p for p in chosen if p not in gone]
    kept_set = set(kept)
    cells = {
        (p, i): Cell("discussed", None, "", source)
        for p, i, source in zip(*columns_of(process_issues, "process_id", "issue_id", "source_id"))
        if p in kept_set and (not issues or i in issues)
    }
    issue_ids = [i for i in issue_areas["id"] if not issues or i in issues]
    order = (
        tuple(i for i in columns if i in issue_ids)
        if columns is not None
        else _column_order(issue_ids, issue_labels, cells)
    )
    rows = _staircase(kept, labels, order, cells)
    skipped, more = 0, 0
    if limit is not None and len(rows) > limit:
        skipped = min(max(0, offset), (len(rows) - 1) // limit * limit)
        more = max(0, len(rows) - skipped - limit)
        rows = rows[skipped : skipped + limit]
        shown = set(rows)
        cells = {key: c for key, c in cells.items() if key[0] in shown}
    return Matrix(
        "processes",
        year,
        tuple(rows),
        tuple(labels[r] for r in rows),
        order,
        tuple(issue_labels[i] for i in order),
        cells,
        tuple(left_out),
        more=more,
        skipped=skipped,
        row_names=_full_names(processes, rows),
    )


def _full_names(frame: pd.DataFrame, rows: list[str]) -> tuple[str, ...]:
    """The rows' names in full, the acronym after (a frame with no `name` column: the short names)."""
    name = "name" if "name" in frame.columns else "short_name"
    full = {i: spelled_out(n, s) for i, n, s in zip(*columns_of(frame, "id", name, "short_name"))}
    return tuple(full[r] for r in rows)


def cell_symbol(cell: Cell | None) -> str:
    if cell is None:
        return ""
    return SYMBOL[cell.level] + (UNVERIFIED_MARK if cell.date_unverified else "")


def cell_words(cell: Cell | None) -> str:
    """The cell in words (hover text and screen readers): 'core mandate, since 1950'."""
    if cell is None:
        return t("mandates.gap")
    since = t("mandates.since", year=cell.since) if cell.since is not None else t("mandates.since_unverified")
    if cell.level == "discussed":
        return t("mandates.discussed")
    words = f"{t('mandates.level.' + cell.level)}, {since}"
    return words + (f" ({t('mandates.date_unverified')})" if cell.date_unverified else "")


def _summary_text(matrix: Matrix, issue: str) -> str:
    cover = matrix.coverage(issue)
    if not cover["total"]:
        return f"<b>{t('mandates.gap_count')}</b>"
    if matrix.kind == "processes":
        return str(cover["total"])
    return f"<b>{cover['total']}</b><br>{t('mandates.core_count', n=cover.get('core', 0))}"


def make_matrix_figure(
    matrix: Matrix, *, theme: str | Theme = "light", title: str = "", width: int | None = None
) -> dict:
    """A heatmap whose cells also carry a symbol (● core, ○ supporting, ■ discussed, ? date unverified); an export
    gives its `width`, and the column labels stand upright where it leaves them room."""
    th = get_theme(theme)
    orgs = matrix.kind == "orgs"
    fills = [th.none_fill, OKABE_ITO[4], OKABE_ITO[0]] if orgs else [th.none_fill, OKABE_ITO[2], OKABE_ITO[2]]
    z, text, words = [], [], []
    # Names come from the data: plotly draws tick labels, titles and hover text as HTML, so each is escaped here.
    # The categories themselves are escaped, so %{x} and %{y} in the hover text are too.
    xs = [escape(label) for label in matrix.issue_labels]
    ys = [escape(label) for label in matrix.row_labels]
    names = [escape(name) for name in matrix.row_names or matrix.row_labels]  # hover: the name in full
    for row in matrix.rows:
        cells = [matrix.cell(row, i) for i in matrix.issues]
        z.append([VALUE[c.level] if c else 0 for c in cells])
        text.append([cell_symbol(c) for c in cells])
        words.append([escape(cell_words(c)) for c in cells])
    legend = "<br>".join(key_lines(matrix_key(matrix), th, width))
    annotations = [
        {
            "x": x,
            "y": 0,
            "xref": "x",
            "yref": "paper",
            "yanchor": "top",
            "yshift": -4,
            "text": _summary_text(matrix, issue),
            "showarrow": False,
            "font": {"size": th.font_size},
        }
        for issue, x in zip(matrix.issues, xs)
    ]
    annotations.append(
        {
            "x": 0,
            "y": 0,
            "xref": "paper",
            "yref": "paper",
            "xanchor": "left",
            "yanchor": "top",
            "yshift": -th.font_size * 3.6,
            "showarrow": False,
            "align": "left",
            "text": legend,
            "font": {"size": th.key_size},
            "name": "mandates-key",
        }
    )
    heads = columns(matrix, th, width)
    trace = {
        "type": "heatmap",
        "z": z,
        "x": xs,
        "y": ys,
        "zmin": 0,
        "zmax": 2,
        "showscale": False,
        "xgap": 2,
        "ygap": 2,
        "colorscale": [
            [0, fills[0]],
            [0.33, fills[0]],
            [0.34, fills[1]],
            [0.66, fills[1]],
            [0.67, fills[2]],
            [1, fills[2]],
        ],
        "text": text,
        "texttemplate": "%{text}",
        "textfont": {"size": th.font_size + 2},
        "customdata": words,
        "hovertext": [[name] * len(matrix.issues) for name in names],
        "hovertemplate": "<b>%{hovertext}</b> — %{x}: %{customdata}<extra></extra>",
    }
    return {
        "data": [trace],
        "layout": {
            **th.layout(),
            "title": {
                "text": escape(title),
                "x": 0.01,
                "xanchor": "left",
                "y": 0.995,
                "yanchor": "top",
                "font": {"size": th.title_size},
            },
            "margin": margins(matrix, th, width),
            "xaxis": {
                "side": "top",
                "tickvals": xs,
                "tickangle": heads.angle,
                "fixedrange": True,
                "tickfont": {"size": th.font_size - 1},
                "ticktext": heads.labels,
                "automargin": True,
            },
            "yaxis": {
                "autorange": "reversed",
                "fixedrange": True,
                "automargin": True,
                "ticksuffix": " ",  # data as text:
                "tickvals": ys,
                "ticktext": ys,
            },
            "annotations": annotations,
        },
    }
