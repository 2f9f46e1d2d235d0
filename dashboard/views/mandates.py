"""The mandates view: organisations x issue areas (and processes x issue areas); figure, rows and title."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.strings import t
from dashboard.views import queries
from dashboard.views.figures.mandates import (
    Matrix,
    build_mandate_matrix,
    build_process_matrix,
    make_matrix_figure,
    matrix_height,
)
from dashboard.views.figures.mandates_compare import limit_compare
from dashboard.views.figures.theme import Theme
from dashboard.views.legend import join_names
from dashboard.viewstate import ViewState

NAME = "mandates"
PROCESS_ROWS = 60  # the process matrix shows at most this many rows (the first of the staircase); a note says so


@dataclass(frozen=True)
class MandatesView:
    """Everything the page shows for a state, computed once: the state as shown, both matrices, notes."""

    state: ViewState
    orgs: Matrix
    processes: Matrix
    notes: tuple[str, ...]
    process_page: int = 0  # which page of the process matrix (PROCESS_ROWS rows each) is shown

    @property
    def process_pages(self) -> int:
        return max(1, -(-self.processes.total // PROCESS_ROWS))

    @property
    def comparing(self) -> bool:
        return len(self.state.orgs) >= 2


def make_view(atlas, state: ViewState, process_page: int = 0) -> MandatesView:
    """Nearest valid view: more than four organisations named -> the first four, with a note saying so.

    `process_page`: the page of the process matrix when it has more than PROCESS_ROWS rows (a page past the last
    shows the last). Computed once per state and page (the page, its texts and its tables all ask for it)."""
    page = process_page if isinstance(process_page, int) and process_page > 0 else 0
    return atlas.remember("mandates_views", (state, page), lambda: _make_view(atlas, state, page), size=64)


def _make_view(atlas, state: ViewState, page: int = 0) -> MandatesView:
    kept, dropped = limit_compare(state.orgs)
    state = state.with_(orgs=kept)
    tables = (atlas.mandates, atlas.organisations, atlas.issue_areas)
    landscape = build_mandate_matrix(*tables, year=state.year, issues=state.issues)
    orgs = (
        build_mandate_matrix(*tables, year=state.year, orgs=state.orgs, issues=state.issues, columns=landscape.issues)
        if state.orgs
        else landscape
    )
    process_ids = tuple(queries.selected_processes(atlas, state))
    processes = build_process_matrix(
        atlas.processes,
        atlas.process_issues,
        atlas.issue_areas,
        year=state.year,
        process_ids=process_ids,
        issues=state.issues,
        columns=landscape.issues,
        limit=PROCESS_ROWS,
        offset=page * PROCESS_ROWS,
    )
    notes = tuple(_notes(atlas, state, orgs, processes, dropped))
    return MandatesView(state, orgs, processes, notes, processes.skipped // PROCESS_ROWS)


def _short(atlas, org_id: str) -> str:
    return atlas.org_by_id[org_id]["short_name"]


def _notes(atlas, state, orgs: Matrix, processes: Matrix, dropped) -> list[str]:
    notes = []
    if dropped:
        notes.append(
            t(
                "mandates.notice.too_many",
                shown=", ".join(_short(atlas, o) for o in state.orgs),
                ignored=", ".join(_short(atlas, o) for o in dropped),
            )
        )
    if len(state.orgs) == 1:
        notes.append(t("mandates.notice.one_org", name=_short(atlas, state.orgs[0])))
    if orgs.left_out:
        notes.append(
            t(
                "mandates.notice.not_founded",
                year=state.year,
                names=", ".join(f"{_short(atlas, o)} ({y})" for o, y in orgs.left_out),
            )
        )
    for o in orgs.unverified_rows:
        notes.append(t("mandates.notice.org_unverified", name=_short(atlas, o)))
    unverified = sum(1 for (r, _), c in orgs.cells.items() if c.date_unverified and r not in orgs.unverified_rows)
    if unverified:
        notes.append(t("mandates.notice.cells_unverified", n=unverified, year=state.year))
    if processes.left_out:
        notes.append(t("mandates.notice.processes_left_out", n=len(processes.left_out), year=state.year))
    if processes.more or processes.skipped:
        notes.append(t("mandates.notice.processes_page", n=PROCESS_ROWS, total=processes.total))
    return notes


def when_text(state: ViewState) -> str:
    return t("mandates.as_of", year=state.year) if state.year is not None else t("mandates.today")


def make_title(atlas, state: ViewState) -> str:
    return title_for(atlas, make_view(atlas, state))


def title_for(atlas, view: MandatesView) -> str:
    if view.comparing:
        names = ", ".join(_short(atlas, o) for o in view.state.orgs)
        return t("mandates.title.compare", names=names, when=when_text(view.state))
    return t("mandates.title.all", n=len(view.orgs.rows), total=len(atlas.org_by_id), when=when_text(view.state))


EXPORT_ROW_EM = 1.6  # the least row height of an export, in ems of its type: a symbol and a line of two words


def make_figure(atlas, state: ViewState, canvas: tuple[int, int] | None = None, theme: Theme | None = None) -> dict:
    """The matrix; on an export (`canvas`, `theme` sized for it) with the height its rows need at that type."""
    view = make_view(atlas, state)
    width = canvas[0] if canvas else None
    figure = figure_for(atlas, view, theme, width)
    if canvas:
        figure["layout"]["height"] = matrix_height(
            view.orgs, theme=theme or state.theme, row_em=EXPORT_ROW_EM, width=width
        )
    return figure


def figure_for(atlas, view: MandatesView, theme: Theme | None = None, width: int | None = None) -> dict:
    return make_matrix_figure(view.orgs, theme=theme or view.state.theme, title=title_for(atlas, view), width=width)


def make_process_figure(atlas, view: MandatesView) -> dict:
    return make_matrix_figure(view.processes, theme=view.state.theme, title=process_title(atlas, view))


def make_rows(atlas, state: ViewState) -> list[dict]:
    """Exactly the mandates the matrix shows, one row per cell that claims one, each with its source."""
    view = make_view(atlas, state)
    rows = []
    for org in view.orgs.rows:
        for issue in view.orgs.issues:
            cell = view.orgs.cell(org, issue)
            if cell is None:
                continue
            src = atlas.source_for(cell.source_id)
            rows.append(
                {
                    "year": view.state.year if view.state.year is not None else "",
                    "org_id": org,
                    "organisation": atlas.org_by_id[org]["name"],
                    "issue_id": issue,
                    "issue": atlas.issue_by_id[issue]["label"],
                    "level": cell.level,
                    "since": "" if cell.since is None else cell.since,
                    "date_verified": "no" if cell.since is None or cell.date_unverified else "yes",
                    "summary": cell.summary,
                    "source_title": src["title"],
                    "source_url": src["url"],
                }
            )
    return rows


def _levels(matrix: Matrix, row: str | None = None) -> dict[str, int]:
    cells = [c for (r, _), c in matrix.cells.items() if r in matrix.rows and (row is None or r == row)]
    return {level: sum(1 for c in cells if c.level == level) for level in ("core", "supporting", "discussed")}


def _widest(matrix: Matrix) -> tuple[str, int, list[str]]:
    """(most covered issue area, how many rows cover it, issue areas no row covers)."""
    labels = dict(zip(matrix.issues, matrix.issue_labels))
    totals = {i: matrix.coverage(i)["total"] for i in matrix.issues}
    top = max(matrix.issues, key=lambda i: (totals[i], -matrix.issues.index(i)), default=None)
    gaps = [labels[i] for i in matrix.issues if not totals[i]]
    return (labels[top] if top else "", totals.get(top, 0), gaps)


def describe_view(atlas, view: MandatesView) -> str:
    """The organisation matrix in words: counts by level, the most widely held mandate, the gaps."""
    title = title_for(atlas, view)
    levels = _levels(view.orgs)
    more = t("a11y.more", n="{n}")
    if view.comparing:
        counts = {o: _levels(view.orgs, o) for o in view.orgs.rows}
        orgs = [
            t("describe.mandates.org", org=_short(atlas, o), core=n["core"], supporting=n["supporting"])
            for o, n in counts.items()
        ]
        return t("describe.mandates.compare", title=title, orgs="; ".join(orgs))
    text = t(
        "describe.mandates",
        title=title,
        core=levels["core"],
        supporting=levels["supporting"],
        issues=len(view.orgs.issues),
    )
    issue, n, gaps = _widest(view.orgs)
    if n:
        text += " " + t("describe.mandates.widest", issue=issue, n=n)
    if gaps:
        text += " " + t("describe.mandates.gaps", names=join_names(gaps, limit=4, more=more))
    return text


def describe(atlas, state: ViewState, rows: list[dict] | None = None) -> str:
    return describe_view(atlas, make_view(atlas, state))


def process_title(atlas, view: MandatesView) -> str:
    return t(
        "mandates.title.processes",
        n=view.processes.total,
        total=len(atlas.process_by_id),
        when=when_text(view.state),
    )


def describe_processes(atlas, view: MandatesView) -> str:
    """The process matrix in words: the most discussed issue area and those no process shown discusses."""
    title = process_title(atlas, view)
    issue, n, gaps = _widest(view.processes)
    if not n:
        return t("describe.processes.empty", title=title)
    text = t("describe.processes", title=title, issue=issue, n=n)
    if gaps:
        text += " " + t("describe.processes.gaps", names=join_names(gaps, limit=4, more=t("a11y.more", n="{n}")))
    return text


def notes(atlas, state: ViewState) -> list[str]:
    """The matrix's key (drawn under it) and the view's notes, in words."""
    view = make_view(atlas, state)
    return [t("mandates.legend.orgs_words")] + list(view.notes)
