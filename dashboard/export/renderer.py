"""One long-lived headless Chromium (through kaleido) per process, turning figure dicts into PNG, SVG and PDF."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import os
import threading
from pathlib import Path

from dashboard.config import PLOTLY_BUNDLE, TOPOJSON_DIR
from dashboard.export import profiles
from dashboard.export.gate import max_renders
from dashboard.strings import t

log = logging.getLogger("dashboard.export.renderer")
TOPOJSON_URI = TOPOJSON_DIR.as_uri() + "/"  # kaleido draws geo maps from disk, never from the CDN
PLOTLY_JS_URI = PLOTLY_BUNDLE.as_uri()  # and with the atlas's partial plotly.js, as the app draws them
RENDER_TIMEOUT = float(os.environ.get("ATLAS_RENDER_TIMEOUT", "60"))


class RendererUnavailable(Exception):
    """The browser could not start or render: the export endpoints answer 503 with this message."""


class RenderTimeout(RendererUnavailable):
    pass


class Renderer:
    """A kaleido browser in its own event-loop thread, started on first use and kept for the process's life.

    Why not kaleido.start_sync_server(): when Chromium is missing its server thread dies and every later call
    blocks forever. Here startup errors and slow renders surface as RendererUnavailable after `timeout` seconds.
    The browser has `tabs` tabs ($ATLAS_MAX_RENDERS, default 1) and renders at most that many figures at once;
    more callers wait here (the web routes refuse them earlier, see gate.py). Its profile lives in this process's
    own folder (profiles.py): a browser that does not start in time is killed with its process group, and the
    folder is removed when the process exits, or by the next process if this one was killed.
    """

    def __init__(self, *, browser_path: str | None = None, timeout: float = RENDER_TIMEOUT, tabs: int | None = None):
        self.browser_path = browser_path
        self.timeout = timeout
        self.tabs = tabs or max_renders()
        self._lock = threading.BoundedSemaphore(self.tabs)
        self._start_lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None
        self._profiles: Path | None = None
        self.renders = 0

    def _run(self, coroutine, timeout: float):
        future = asyncio.run_coroutine_threadsafe(coroutine, self._loop)
        try:
            return future.result(timeout)
        except concurrent.futures.TimeoutError:
            future.cancel()
            self._reset()
            raise RenderTimeout(t("export.error.timeout", seconds=round(timeout))) from None

    def _start(self) -> None:
        import kaleido
        import plotly.io as pio

        pio.defaults.topojson = TOPOJSON_URI
        pio.defaults.plotlyjs = PLOTLY_JS_URI  # for any fig.write_image in this process too
        if self._profiles is None:
            self._profiles = profiles.prepare()
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="atlas-renderer", daemon=True).start()
        options = {"path": self.browser_path} if self.browser_path else {}
        options["tmp_dir"] = str(self._profiles)

        async def open_browser():
            k = kaleido.Kaleido(n=self.tabs, mathjax=False, plotlyjs=PLOTLY_JS_URI, timeout=self.timeout, **options)
            await k.open()
            return k

        try:
            self._kaleido = self._run(open_browser(), self.timeout)
        except RenderTimeout:
            raise
        except Exception as exc:  # kaleido raises ChromeNotFoundError, choreographer its own errors
            self._reset()
            reason = str(exc).split(". ")[0] or type(exc).__name__
            raise RendererUnavailable(t("export.error.renderer", reason=reason)) from exc
        log.info("renderer started")

    def _reset(self) -> None:
        """Forget a broken browser (closing it if we can, killing it if not); the next render starts a fresh one."""
        k, loop, self._kaleido, self._loop = self._kaleido, self._loop, None, None
        if loop is None:
            return
        if k is not None:
            try:
                asyncio.run_coroutine_threadsafe(k.close(), loop).result(10)
            except Exception:  # noqa: BLE001 - already broken; closing is best effort
                log.warning("could not close the renderer cleanly", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)
        if self._profiles is not None:  # a browser that never finished starting has no kaleido object to close
            killed = profiles.kill_browsers(self._profiles)
            if killed:
                log.warning("killed %d browser process(es) left by the renderer", killed)
            for leftover in self._profiles.iterdir() if self._profiles.is_dir() else []:
                profiles.remove(leftover)

    def render(self, figure: dict, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
        """The figure as `fmt` bytes (png, svg, pdf) at width x height CSS pixels times scale."""
        if not self._lock.acquire(timeout=self.timeout):
            raise RenderTimeout(t("export.error.timeout", seconds=round(self.timeout)))
        try:
            with self._start_lock:
                if self._kaleido is None:
                    self._start()
                k = self._kaleido
            assert k is not None  # _start() sets it or raises RendererUnavailable
            opts = {"format": fmt, "width": width, "height": height, "scale": scale}
            try:
                data = self._run(k.calc_fig(figure, opts, topojson=TOPOJSON_URI), self.timeout)
            except RendererUnavailable:
                raise
            except Exception as exc:  # noqa: BLE001 - a crashed browser: restart next time, say 503 now
                log.exception("render failed")
                self._reset()
                raise RendererUnavailable(t("export.error.renderer", reason=type(exc).__name__)) from exc
            self.renders += 1
            return data
        finally:
            self._lock.release()

    def render_frames(self, figures, fmt: str, width: int, height: int, scale: float = 1, *, each) -> int:
        """Render many figures in one go (a film's frames): `each(index, data)` gets each as it is ready.

        kaleido reloads its page after every figure; here one tab draws the whole batch and reloads once, and the
        next figure is built (and the last one handled by `each`) while the browser draws: about twice as fast as
        one render() per frame. Holds the renderer for the whole batch. Returns the number of frames.
        """
        if not self._lock.acquire(timeout=self.timeout):
            raise RenderTimeout(t("export.error.timeout", seconds=round(self.timeout)))
        try:
            if self._kaleido is None:
                self._start()
            opts = {"format": fmt, "width": width, "height": height, "scale": scale}
            try:
                return self._frames(iter(figures), opts, each)
            except RendererUnavailable:
                raise
            except Exception as exc:  # noqa: BLE001 - as in render(): restart next time, say 503 now
                log.exception("frames failed")
                self._reset()
                raise RendererUnavailable(t("export.error.renderer", reason=type(exc).__name__)) from exc
        finally:
            self._lock.release()

    def _frames(self, figures, opts: dict, each) -> int:
        from kaleido import _profiler
        from kaleido._utils import fig_tools

        k = self._kaleido
        assert k is not None  # render_frames() started it
        if not hasattr(k, "_get_kaleido_tab"):  # another kaleido: one ordinary render per frame
            count = 0
            for count, figure in enumerate(figures, 1):
                each(count - 1, self._run(k.calc_fig(figure, opts, topojson=TOPOJSON_URI), self.timeout))
            return count
        tab = self._run(k._get_kaleido_tab(), self.timeout)

        def submit(figure):
            spec = fig_tools.coerce_for_js(figure, None, opts)
            profile = _profiler.RenderTaskProfile(spec, None, tab.tab.target_id)
            job = tab._calc_fig(spec, topojson=TOPOJSON_URI, render_prof=profile, stepper=False)
            return asyncio.run_coroutine_threadsafe(asyncio.wait_for(job, self.timeout), self._loop)

        count = 0
        try:
            figure = next(figures, None)
            pending = submit(figure) if figure is not None else None
            while pending is not None:
                following = next(figures, None)  # built while the browser draws the frame before
                try:
                    data = pending.result(self.timeout + 5)
                except TimeoutError:
                    pending.cancel()
                    self._reset()
                    raise RenderTimeout(t("export.error.timeout", seconds=round(self.timeout))) from None
                pending = submit(following) if following is not None else None
                each(count, data)
                count += 1
                self.renders += 1
        finally:
            if self._kaleido is k:
                self._run(k._return_kaleido_tab(tab), self.timeout)
        return count

    def warm(self) -> None:
        """Start the browser and render once now, so that the first user's export is not the slow one."""
        try:
            self.render({"data": [{"type": "scattergeo", "lon": [0], "lat": [0]}], "layout": {}}, "png", 64, 64)
        except RendererUnavailable as exc:
            log.warning("renderer not warmed: %s", exc)

    def close(self) -> None:
        """Close the browser and remove this process's profiles (at exit, and when tests swap renderers)."""
        with self._start_lock:
            self._reset()
            if self._profiles is not None:
                profiles.release(self._profiles)
                self._profiles = None


_RENDERER: Renderer | None = None
_RENDERER_LOCK = threading.Lock()


def get_renderer() -> Renderer:
    """The process's one renderer (gunicorn: one per worker)."""
    global _RENDERER
    with _RENDERER_LOCK:
        if _RENDERER is None:
            _RENDERER = Renderer(browser_path=os.environ.get("BROWSER_PATH") or None)
            atexit.register(_RENDERER.close)
        return _RENDERER


def set_renderer(renderer: Renderer | None) -> Renderer | None:
    """Swap the process's renderer (tests use this); returns the previous one."""
    global _RENDERER
    with _RENDERER_LOCK:
        previous, _RENDERER = _RENDERER, renderer
        return previous
