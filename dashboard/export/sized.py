"""Exports sized for their output: the chart laid out for the canvas in type that grows with it, or refused with
what would do when it cannot be legible there."""

from __future__ import annotations

import math

from dashboard.export.caption import Caption, captioned_figure
from dashboard.export.params import MAX_SIZE, ExportError
from dashboard.strings import t
from dashboard.views.figures.overlaps import place_matrix
from dashboard.views.figures.theme import Theme, output_theme, text_floor
from dashboard.views.registry import get_view
from dashboard.viewstate import ViewState

# What narrows each view, for the message of an export too small to be legible.
NARROWING = {
    "timeline": "kind=, issue=, region=",
    "overlaps": "process=, issue=",
    "mandates": "org=, issue=",
    "map": "process=",
}
# Chromium prints a PDF's text at 0.99 of its CSS size (10.4 pt for 14 px): a PDF's type is sized for a floor that
# much higher, so that what is printed holds the floor too.
PDF_PRINT = 1 / 0.99
SEARCH_STEPS = 6  # a taller canvas has larger type (and needs more room): a few steps find a height that holds


def view_figure(
    atlas,
    state: ViewState,
    theme: str | None = None,
    canvas: tuple[int, int] | None = None,
    *,
    type_theme: Theme | None = None,
) -> tuple[ViewState, dict]:
    """The state (with `theme` applied, if given) and the chart the app shows for it, laid out for `canvas`
    (an export's width and height in pixels; None: the screen) in `type_theme` (the export's type sizes,
    default: those of a canvas of that size at scale 1)."""
    state = state.with_(theme=theme) if theme else state
    if canvas is None:
        return state, get_view(state.view).make_figure(atlas, state)
    type_theme = type_theme or output_theme(state.theme, text_floor(*canvas))
    return state, get_view(state.view).make_figure(atlas, state, canvas=canvas, theme=type_theme)


def _captioned(atlas, state: ViewState, caption: Caption, width: int, height: int, scale: float, fmt: str) -> dict:
    theme = output_theme(state.theme, text_floor(width, height, scale) * (PDF_PRINT if fmt == "pdf" else 1))
    _, figure = view_figure(atlas, state, canvas=(width, height), type_theme=theme)
    return captioned_figure(figure, caption, theme, width=width)


def needed_height(figure: dict) -> int | None:
    """What the chart's rows or cells need at the export's type, caption included (its layout height), if it says."""
    need = figure.get("layout", {}).get("height")
    return None if need is None else math.ceil(need)


def settled(figure: dict, state: ViewState, width: int, height: int) -> dict:
    """The chart on its final canvas: its layout height is the canvas's, and a matrix is placed on it (centred,
    its colour bar beside it), which only the final height and margins allow."""
    figure["layout"]["height"] = height
    return place_matrix(figure, width, height) if state.view == "overlaps" else figure


def check_slide(figure: dict, state: ViewState, size: tuple[int, int], slide: int, floor: float) -> None:
    """A slide's chart (no caption drawn in) whose rows need more than its picture's height is refused: a taller
    picture would only be shown smaller on the slide, so only a narrower view will do."""
    need = needed_height(figure)
    if need is not None and need > size[1]:
        view, narrow = t(f"nav.{state.view}"), NARROWING.get(state.view, "process=")
        raise ExportError("views", t("export.error.slide_illegible", n=slide, view=view, floor=floor, narrow=narrow))
    if need is not None:
        settled(figure, state, *size)


def image_figure(
    atlas, state: ViewState, caption: Caption, width: int, height: int, scale: float = 1, fmt: str = "png"
) -> dict:
    """The captioned chart for a width x height (x scale) image: no text under text_floor() of that size.

    A chart whose rows need more height than the canvas has is refused (ExportError naming 'height') with the
    height that holds at this width (found in a few steps: a taller canvas has larger type) and the filters that
    narrow the view, rather than drawn unreadable."""
    figure = _captioned(atlas, state, caption, width, height, scale, fmt)
    need = needed_height(figure)
    if need is None or need <= height:
        return settled(figure, state, width, height)  # what the rows need fits: they share what the canvas has
    fits = need
    for _ in range(SEARCH_STEPS):
        if fits > MAX_SIZE:
            break
        again = needed_height(_captioned(atlas, state, caption, width, fits, scale, fmt)) or fits
        if again <= fits:
            break
        fits = again
    key = "export.error.illegible" if fits <= MAX_SIZE else "export.error.illegible_narrow"
    floor = math.floor(text_floor(width, height, scale))
    view, narrow = t(f"nav.{state.view}"), NARROWING.get(state.view, "process=")
    raise ExportError(
        "height", t(key, view=view, width=width, height=height, floor=floor, need=fits, narrow=narrow, most=MAX_SIZE)
    )
