"""Build, once at start-up, the indexes the views ask for, so that no user's request pays for them."""

from __future__ import annotations

from dashboard.views import evidence, mandates, queries, timeline
from dashboard.views.map import make_figure
from dashboard.views.map_years import year_series
from dashboard.viewstate import ViewState


def warm(atlas) -> None:
    """The spell indexes of both layers, the processes' issues and lifetimes, the years' shapes, the states' boxes,
    the timeline's items: what the first map, the first change of selection and the first timeline build (at 100x
    the data, seconds of the first request)."""
    atlas.issues_of_process  # noqa: B018 - a cached property: reading it builds it
    for layer in ("processes", "organisations"):
        queries.spell_index(atlas, layer)
    queries.memberships_by_process(atlas)
    for role in ("all", "member", "observer"):
        queries.peak_overlap(atlas, tuple(atlas.process_by_id), role)
    for build in (evidence.counts_table, evidence.named_meeting_years, evidence.unknown_joins):
        build(atlas)
    make_figure(atlas, ViewState())
    year_series(atlas, ViewState())
    timeline.make_figure(atlas, ViewState(view="timeline"))  # the timeline's items, the mandates' tables
    mandates.make_figure(atlas, ViewState(view="mandates"))
