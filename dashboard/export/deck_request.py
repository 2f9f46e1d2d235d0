"""Deck requests: the `view` parameters of /export/deck.pptx, /export/deck.html and /present, each one checked."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from urllib.parse import parse_qsl

from dashboard.export.params import ExportError, check_size, size_from_query, split_address
from dashboard.strings import t
from dashboard.viewstate import Catalog, ViewState, parse_view, to_path

DEFAULT_WEB_DECK = 12  # views in a deck asked of the server: each slide of a .pptx is a render (about a second)
VIEW_PARAM = "view"


def max_web_deck() -> int:
    """At most this many views in a deck from the app ($ATLAS_MAX_DECK_VIEWS, default 12; the CLI allows 30)."""
    try:
        return max(1, int(os.environ.get("ATLAS_MAX_DECK_VIEWS") or DEFAULT_WEB_DECK))
    except ValueError:
        return DEFAULT_WEB_DECK


@dataclass(frozen=True)
class DeckPlan:
    """The slides of a deck: per view its state, image size (width, height, scale) and whether a size was given."""

    jobs: list[tuple[ViewState, tuple[int, int, float], bool]]
    notices: list[str] = field(default_factory=list)

    @property
    def states(self) -> list[ViewState]:
        return [state for state, _, _ in self.jobs]

    def address(self) -> str:
        """One canonical string for the whole deck (the export cache's key): each view's path and size."""
        return "\n".join(f"{to_path(s)} {w}x{h}@{sc}{'!' if given else ''}" for s, (w, h, sc), given in self.jobs)


def _ordinal_error(i: int, value: str, exc: ExportError) -> ExportError:
    return ExportError(VIEW_PARAM, t("deck.error.view", i=i, value=value[:200], reason=str(exc)))


def plan_deck(query: str, catalog: Catalog, *, default_theme: str | None = None, limit: int | None = None) -> DeckPlan:
    """The deck a query asks for: `view=<address>` once per slide, in order. ExportError (parameter 'view') for no
    view, too many, an empty one, or one that is no chart view; a view's own bad values become notices, as on
    the view itself. `default_theme`: for views whose address names no theme (present mode: 'slide')."""
    pairs = parse_qsl(query, keep_blank_values=True)
    addresses = [v for k, v in pairs if k == VIEW_PARAM]
    limit = limit or max_web_deck()
    if not addresses:
        raise ExportError(VIEW_PARAM, t("deck.error.none"))
    if len(addresses) > limit:
        raise ExportError(VIEW_PARAM, t("deck.error.too_many", limit=limit, n=len(addresses)))
    notices = [t("deck.error.other", param=k[:40]) for k in dict.fromkeys(k for k, _ in pairs if k != VIEW_PARAM)]
    jobs = []
    for i, address in enumerate(addresses, start=1):
        if not address.strip():
            raise ExportError(VIEW_PARAM, t("deck.error.empty", i=i))
        try:
            view, view_query = split_address(address)
            given = size_from_query(view_query)
            size = check_size(given.get("width"), given.get("height"), given.get("scale"))
        except ExportError as exc:
            raise _ordinal_error(i, address, exc) from None
        state, view_notices = parse_view(view_query, catalog, view=view)
        if default_theme and "theme" not in {k for k, _ in parse_qsl(view_query)}:
            state = state.with_(theme=default_theme)
        notices += [t("deck.notice", i=i, notice=n) for n in view_notices]
        jobs.append((state, size, "width" in given or "height" in given))
    return DeckPlan(jobs, notices)
