"""The registry of views: what the pages, the export engine and the CLI ask for a view's figure, rows and title."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from dashboard.views import mandates, overlaps, timeline
from dashboard.views import map as map_view

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class View:
    """A view that draws a chart. `caption_params`: the ViewState fields its filters-in-words use (None: all set);
    `csv_columns`: the CSV's column order (None: the rows' own order). `describe(atlas, state, rows)`: the chart's
    text alternative, a sentence or three from what it shows (rows may be None: the view finds them); `notes(atlas,
    state)`: what the drawing says in words (notices, its key), for the HTML beside it."""

    name: str
    make_figure: Callable[..., dict]
    make_rows: Callable[..., Rows]
    make_title: Callable[..., str]
    caption_params: tuple[str, ...] | None = None
    csv_columns: tuple[str, ...] | None = None
    describe: Callable[..., str] = lambda atlas, state, rows=None: ""
    notes: Callable[..., list[str]] = lambda atlas, state: []

    @classmethod
    def of(cls, module: ModuleType) -> View:
        return cls(
            module.NAME,
            module.make_figure,
            module.make_rows,
            module.make_title,
            getattr(module, "CAPTION_PARAMS", None),
            getattr(module, "CSV_COLUMNS", None),
            getattr(module, "describe", lambda atlas, state, rows=None: module.make_title(atlas, state) + "."),
            getattr(module, "notes", lambda atlas, state: []),
        )


VIEWS: dict[str, View] = {m.NAME: View.of(m) for m in (map_view, timeline, mandates, overlaps)}


def chart_views() -> tuple[str, ...]:
    """The names of the views that draw a chart, in registry order ('about' is a page, not a view)."""
    return tuple(VIEWS)


def get_view(name: str) -> View:
    return VIEWS[name]
