"""Where the map looks: the frame of the selection (zoom=auto) and the shapes too small to see in it."""

from __future__ import annotations

from dashboard.views import queries
from dashboard.views.figures.frame import SMALL_SHAPE_PX, country_boxes, frame_ranges
from dashboard.viewstate import ViewState

APP_PLOT_SIZE = (420, 270)  # pixels: the map's plot area on a 1280 px screen, the narrowest the app plans for


def boxes(atlas) -> dict:
    """Each state's extent on the map (worked out once per atlas)."""
    return atlas.remember("country_boxes", "all", lambda: country_boxes(atlas.geometry) if atlas.geometry else {})


def frame_codes(
    atlas, state: ViewState, process_ids: tuple[str, ...], arcs: list[dict] | None = None, layer: str = "processes"
) -> set[str]:
    """The states the map frames: those of the selected processes (or organisations) in any year, so that the frame
    holds while the year changes; with match=all those in all of them; the agreements' parties on the map, and the
    country whose profile is open."""
    codes: set[str] = set()
    if layer == "organisations" or "processes" in state.layers:
        if state.match == "all" and len(process_ids) > 1 and layer == "processes":
            each = [queries.states_ever(atlas, (p,), state.role) for p in process_ids]
            codes |= frozenset.intersection(*each)
        else:
            codes |= queries.states_ever(atlas, process_ids, state.role, layer)
    for arc in arcs or []:
        codes |= set(arc.get("parties", ()))
    if state.country:
        codes.add(state.country)
    return codes


def map_frame(
    atlas,
    state: ViewState,
    process_ids: tuple[str, ...],
    arcs: list[dict] | None = None,
    aspect: float | None = None,
    layer: str = "processes",
) -> dict | None:
    """The lon/lat ranges the map shows (None: the whole world): zoom=auto frames the selection, zoom=world never.
    `aspect`: the plot area's width / height, which the frame fills."""
    if state.zoom == "world" or atlas.geometry is None:
        return None
    known = boxes(atlas)
    codes = sorted(frame_codes(atlas, state, process_ids, arcs, layer))
    return frame_ranges([known[c] for c in codes if c in known], aspect)


def too_small(atlas, frame: dict | None, plot_width: int) -> set[str]:
    """Shapes narrower and lower than SMALL_SHAPE_PX on a map `plot_width` pixels wide showing `frame`."""
    span = (frame["lon"][1] - frame["lon"][0]) if frame else 360.0
    px_per_degree = plot_width / span

    def compute() -> frozenset[str]:
        return frozenset(
            code
            for code, b in boxes(atlas).items()
            if max(b.east - b.west, b.north - b.south) * px_per_degree < SMALL_SHAPE_PX
        )

    return set(atlas.remember("too_small", px_per_degree, compute, size=64))
