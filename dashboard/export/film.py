"""The map's year slider as a film: one frame per year (the year large on it), as an animated GIF or an MP4."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.export.caption import captioned_figure, make_caption
from dashboard.export.params import FILM_FORMATS, ExportError, check_size
from dashboard.strings import language, t
from dashboard.views.figures.theme import get_theme
from dashboard.views.registry import get_view
from dashboard.viewstate import ViewState

MAX_FRAMES = 80
DEFAULT_FILM_SIZE = (1280, 720)
# Frames x width x height x scale^2: bounds a film's memory and time (80 frames of 1280x720, or 40 of 1920x1080).
MAX_FILM_PIXELS = MAX_FRAMES * DEFAULT_FILM_SIZE[0] * DEFAULT_FILM_SIZE[1]
FRAME_SECONDS = 1.0
HOLD_LAST_SECONDS = 2.5  # the GIF rests on the last year before it loops
MP4_CODEC = "libx264"  # H.264 in MP4, yuv420p: what browsers, slide tools and phones all play

Progress = Callable[[int, int], None]  # (frames done, frames in all)


@dataclass(frozen=True)
class FilmPlan:
    years: tuple[int, ...]
    width: int
    height: int
    scale: float


def _year(name: str, raw, low: int, high: int) -> int:
    try:
        year = int(str(raw).strip())
    except ValueError:
        year = None
    if year is None or not low <= year <= high:
        raise ExportError(name, t("film.error.year", param=name, low=low, high=high, value=raw))
    return year


def default_span(atlas, state: ViewState) -> tuple[int, int]:
    """From the earliest founding among the selected processes (or ten years back) to the year shown."""
    from dashboard.views import queries

    last = state.year if state.year is not None else atlas.default_year
    founded = [atlas.process_by_id[p]["founded_year"] for p in queries.selected_processes(atlas, state)]
    founded = [int(y) for y in founded if pd.notna(y) and y <= last]
    first = min(founded) if founded else last - 10
    return max(first, last - MAX_FRAMES + 1, atlas.year_range[0]), last


def plan_film(atlas, state: ViewState, raw_from=None, raw_to=None, width=None, height=None, scale=None) -> FilmPlan:
    """The frames to draw, checked: years in the atlas's range, at most MAX_FRAMES, within the pixel budget.

    Sizes are checked as for images; a film not given one is 1280 x 720.
    """
    w, h, scale = check_size(width, height, scale)
    width = w if width not in (None, "") else DEFAULT_FILM_SIZE[0]
    height = h if height not in (None, "") else DEFAULT_FILM_SIZE[1]
    low, high = atlas.year_range
    first, last = default_span(atlas, state)
    first = first if raw_from in (None, "") else _year("from", raw_from, low, high)
    last = last if raw_to in (None, "") else _year("to", raw_to, low, high)
    if first > last:
        raise ExportError("from", t("film.error.order", first=first, last=last))
    frames = last - first + 1
    if frames > MAX_FRAMES:
        raise ExportError("to", t("film.error.frames", limit=MAX_FRAMES, n=frames, first=first, last=last))
    if frames * width * height * scale * scale > MAX_FILM_PIXELS:
        limit = MAX_FILM_PIXELS // (width * height * scale * scale)
        raise ExportError("width", t("film.error.pixels", n=frames, width=width, height=height, limit=max(limit, 1)))
    return FilmPlan(tuple(range(first, last + 1)), width, height, scale)


def frame_figure(atlas, state: ViewState, year: int, *, width: int, root: str | None = None) -> dict:
    """The map of one year, captioned like an image export (title, filters, source line, the year's permalink),
    with the year drawn large over the south-east Pacific."""
    frame = state.with_(year=year)
    view = get_view("map")
    caption = make_caption(atlas, frame, rows=view.make_rows(atlas, frame), root=root)
    figure = captioned_figure(view.make_figure(atlas, frame), caption, frame.theme, width=width)
    theme = get_theme(frame.theme)
    figure["layout"]["annotations"].append(
        {
            "text": f"<b>{year}</b>",
            "name": "film-year",
            "showarrow": False,
            "xref": "paper",
            "yref": "paper",
            "x": 0.02,
            "y": 0.03,
            "xanchor": "left",
            "yanchor": "bottom",
            "font": {"size": max(40, width // 13), "color": theme.font_color},
            "opacity": 0.85,
        }
    )
    return figure


def _rgb(png: bytes) -> np.ndarray:
    import imageio.v3 as iio

    frame = iio.imread(png, extension=".png")
    return frame[..., :3] if frame.ndim == 3 and frame.shape[2] == 4 else frame


class _Gif:
    """Frames quantised one by one (256 colours each) and kept as palette images: a quarter of their RGB size."""

    def __init__(self, frames: int):
        import imageio.v3 as iio

        self.buffer = io.BytesIO()
        self.writer = iio.imopen(self.buffer, "w", extension=".gif", plugin="pillow")
        self.durations = [round(FRAME_SECONDS * 1000)] * (frames - 1) + [round(HOLD_LAST_SECONDS * 1000)]

    def add(self, frame: np.ndarray) -> None:
        self.writer.write(frame, is_batch=False, bits=8, duration=self.durations, loop=0, optimize=False)

    def finish(self) -> bytes:
        self.writer.close()
        return self.buffer.getvalue()

    def discard(self) -> None:
        self.buffer.close()


class _Mp4:
    """Frames streamed to ffmpeg (the binary that the imageio-ffmpeg package ships) as they come."""

    def __init__(self, frames: int):
        import imageio.v2 as iio2

        handle, self.path = tempfile.mkstemp(suffix=".mp4", prefix="atlas-film-")
        os.close(handle)
        self.writer = iio2.get_writer(
            self.path,
            format="FFMPEG",
            mode="I",
            fps=1 / FRAME_SECONDS,
            codec=MP4_CODEC,
            pixelformat="yuv420p",
            macro_block_size=1,
            ffmpeg_log_level="error",
            output_params=["-movflags", "+faststart", "-crf", "20", "-tune", "stillimage"],
        )

    def add(self, frame: np.ndarray) -> None:
        h, w = frame.shape[:2]  # yuv420p needs even sides: repeat the last row or column
        self.writer.append_data(np.pad(frame, ((0, h % 2), (0, w % 2), (0, 0)), mode="edge"))

    def finish(self) -> bytes:
        try:
            self.writer.close()
            with open(self.path, "rb") as f:
                return f.read()
        finally:
            os.unlink(self.path)

    def discard(self) -> None:
        try:
            self.writer.close()
        finally:
            if os.path.exists(self.path):
                os.unlink(self.path)


def export_film(
    atlas,
    state: ViewState,
    fmt: str,
    plan: FilmPlan,
    *,
    root: str | None = None,
    renderer=None,
    progress: Progress | None = None,
) -> bytes:
    """The film as GIF or MP4 bytes: every year of `plan` drawn by the export renderer in one batch."""
    with language(state.lang):
        if fmt not in FILM_FORMATS:
            raise ExportError("format", t("export.error.format", value=fmt, allowed=", ".join(FILM_FORMATS)))
        if renderer is None:
            from dashboard.export.renderer import get_renderer

            renderer = get_renderer()
        encoder = (_Gif if fmt == "gif" else _Mp4)(len(plan.years))
        figures = (frame_figure(atlas, state, y, width=plan.width, root=root) for y in plan.years)

        def each(index: int, png: bytes) -> None:
            encoder.add(_rgb(png))
            if progress:
                progress(index + 1, len(plan.years))

        try:
            renderer.render_frames(figures, "png", plan.width, plan.height, plan.scale, each=each)
        except BaseException:
            encoder.discard()
            raise
        return encoder.finish()
