"""One long-lived headless Chromium (through kaleido) that turns figure dicts into PNG, SVG and PDF, one at a time."""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import logging
import os
import threading

from dashboard.config import TOPOJSON_DIR
from dashboard.strings import t

log = logging.getLogger("dashboard.renderer")
TOPOJSON_URI = TOPOJSON_DIR.as_uri() + "/"    # kaleido draws geo maps from disk, never from the CDN
RENDER_TIMEOUT = float(os.environ.get("ATLAS_RENDER_TIMEOUT", "60"))


class RendererUnavailable(Exception):
    """The browser could not start or render: the export endpoints answer 503 with this message."""


class RenderTimeout(RendererUnavailable):
    pass


class Renderer:
    """A kaleido browser in its own event-loop thread, started on first use and kept for the process's life.

    Why not kaleido.start_sync_server(): when Chromium is missing its server thread dies and every later call
    blocks forever. Here startup errors and slow renders surface as RendererUnavailable after `timeout` seconds.
    A lock serialises renders, so concurrent requests queue for one browser instead of starting more.
    """

    def __init__(self, *, browser_path: str | None = None, timeout: float = RENDER_TIMEOUT):
        self.browser_path = browser_path
        self.timeout = timeout
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido = None
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
        self._loop = asyncio.new_event_loop()
        threading.Thread(target=self._loop.run_forever, name="atlas-renderer", daemon=True).start()

        async def open_browser():
            options = {"path": self.browser_path} if self.browser_path else {}
            k = kaleido.Kaleido(n=1, mathjax=False, timeout=self.timeout, **options)
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
        """Forget a broken browser (closing it if we can); the next render starts a fresh one."""
        k, loop, self._kaleido, self._loop = self._kaleido, self._loop, None, None
        if loop is None:
            return
        if k is not None:
            try:
                asyncio.run_coroutine_threadsafe(k.close(), loop).result(10)
            except Exception:  # noqa: BLE001 - already broken; closing is best effort
                log.warning("could not close the renderer cleanly", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)

    def render(self, figure: dict, fmt: str, width: int, height: int, scale: float = 1) -> bytes:
        """The figure as `fmt` bytes (png, svg, pdf) at width x height CSS pixels times scale."""
        if not self._lock.acquire(timeout=self.timeout):
            raise RenderTimeout(t("export.error.timeout", seconds=round(self.timeout)))
        try:
            if self._kaleido is None:
                self._start()
            opts = {"format": fmt, "width": width, "height": height, "scale": scale}
            try:
                data = self._run(self._kaleido.calc_fig(figure, opts, topojson=TOPOJSON_URI), self.timeout)
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

    def warm(self) -> None:
        """Start the browser and render once now, so that the first user's export is not the slow one."""
        try:
            self.render({"data": [{"type": "scattergeo", "lon": [0], "lat": [0]}], "layout": {}}, "png", 64, 64)
        except RendererUnavailable as exc:
            log.warning("renderer not warmed: %s", exc)

    def close(self) -> None:
        with self._lock:
            self._reset()


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
