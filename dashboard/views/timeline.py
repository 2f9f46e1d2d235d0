"""The timeline view: processes, organisations, agreements and milestones over time; figure, rows and title."""

from __future__ import annotations

from dashboard.strings import t
from dashboard.views.figures.theme import Theme
from dashboard.views.figures.timeline import make_timeline_figure, title_text
from dashboard.views.legend import counted, join_names
from dashboard.views.timeline_items import alive_in, drawn_items, select_items
from dashboard.viewstate import ViewState

NAME = "timeline"
EXPORT_ROW_EM = 1.5  # an export's rows: a label and a little air (the screen has 1.9)


def make_figure(atlas, state: ViewState, canvas: tuple[int, int] | None = None, theme: Theme | None = None) -> dict:
    """The timeline; on an export (`canvas`, and `theme` sized for it) its labels are packed for the export's width
    and its layout height is the height its rows need at that type size (the export refuses a smaller canvas)."""
    if canvas is None:
        return make_timeline_figure(atlas, state, theme=theme)
    return make_timeline_figure(atlas, state, theme=theme, width=canvas[0], row_em=EXPORT_ROW_EM)


def make_title(atlas, state: ViewState) -> str:
    return title_text(atlas, state)


def make_rows(atlas, state: ViewState) -> list[dict]:
    """Exactly the items the timeline shows, one row per item, with its source."""
    rows = []
    for item in select_items(atlas, state):
        src = atlas.source_for(item.source_id)
        rows.append(
            {
                "lane": item.lane,
                "kind": item.kind,
                "type": item.subkind,
                "id": item.id,
                "name": item.name,
                "start_year": "" if item.start is None else item.start,
                "end_year": "" if item.end is None else item.end,
                "issue_ids": ";".join(item.issues),
                "parties": ";".join(item.parties),
                "source_title": src["title"],
                "source_url": src["url"],
            }
        )
    return rows


LANE_ORDER = ("bilateral", "regional", "interregional", "organisation", "milestone")


def describe(atlas, state: ViewState, rows: list[dict] | None = None) -> str:
    """The timeline in two or three sentences: how many items of each kind, the first and the latest, the year."""
    title = make_title(atlas, state)
    items = select_items(atlas, state)
    if not items:
        return t("describe.timeline.empty", title=title)
    counts = {lane: sum(1 for i in items if i.lane == lane) for lane in LANE_ORDER}
    parts = [t(f"describe.timeline.lane.{lane}", n=n) for lane, n in counts.items() if n]
    text = t("describe.timeline", title=title, n=len(items), parts=join_names(parts, limit=len(parts)))
    dated = sorted((i for i in items if i.start is not None), key=lambda i: (i.start, i.name))
    if len(dated) > 1:
        text += " " + t(
            "describe.timeline.span",
            first=dated[0].spelled,
            first_year=dated[0].start,
            last=dated[-1].spelled,
            last_year=dated[-1].start,
        )
    if state.year is not None:
        last = atlas.year_range[1]
        running = [i for i in items if alive_in(i, state.year, last)]
        text += " " + t(
            "describe.timeline.year",
            year=state.year,
            processes=counted(sum(1 for i in running if i.lane in ("regional", "interregional")), "process"),
            agreements=counted(sum(1 for i in running if i.lane == "bilateral"), "agreement"),
        )
    return text


def notes(atlas, state: ViewState) -> list[str]:
    """Items the drawing cannot place (no founding year recorded) are named under it; here in words."""
    items = select_items(atlas, state)
    unplaced = [i.spelled for i in items if i.start is None]
    _, more = drawn_items(items)
    out = [t("timeline.unplaced", names=", ".join(unplaced))] if unplaced else []
    if more:
        drawn = sum(1 for i in items if i.start is not None and i.lane in ("regional", "interregional")) - more
        out.append(t("timeline.processes_more", shown=drawn, total=drawn + more))
    return out
