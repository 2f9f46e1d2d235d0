"""How many image renders a worker runs and lets wait: beyond that a render is refused at once, never queued long."""

from __future__ import annotations

import os
import threading
from contextlib import contextmanager

from dashboard.strings import t

DEFAULT_MAX_RENDERS = 1  # renders at once per worker (one browser tab each)
DEFAULT_QUEUE = 2  # renders that may wait for a free tab; with gunicorn --threads 4 one thread stays free for pages
DEFAULT_WAIT = 20.0  # seconds a queued render waits for a tab before it is refused
RETRY_AFTER = 10  # seconds, said to refused clients


def _env_int(name: str, default: int, low: int) -> int:
    raw = os.environ.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name} must be a whole number >= {low} (found {raw!r})") from None
    if value < low:
        raise ValueError(f"{name} must be a whole number >= {low} (found {raw!r})")
    return value


def max_renders() -> int:
    return _env_int("ATLAS_MAX_RENDERS", DEFAULT_MAX_RENDERS, 1)


def queue_size() -> int:
    return _env_int("ATLAS_RENDER_QUEUE", DEFAULT_QUEUE, 0)


class Busy(Exception):
    """Too many renders at once: answer 429 (queue full) or 503 (waited too long), with Retry-After."""

    def __init__(self, message: str, status: int, retry_after: int = RETRY_AFTER):
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


class RenderGate:
    """At most `slots` renders at once and `queue` more waiting; the next is refused without waiting at all."""

    def __init__(self, slots: int | None = None, queue: int | None = None, wait: float = DEFAULT_WAIT):
        self.slots = max_renders() if slots is None else slots
        self.queue = queue_size() if queue is None else queue
        self.wait = wait
        self._free = threading.BoundedSemaphore(self.slots)
        self._lock = threading.Lock()
        self._inside = 0  # running + waiting
        self.refused = 0

    @property
    def inside(self) -> int:
        return self._inside

    @contextmanager
    def slot(self):
        with self._lock:
            if self._inside >= self.slots + self.queue:
                self.refused += 1
                raise Busy(t("export.error.busy", seconds=RETRY_AFTER), 429)
            self._inside += 1
        try:
            if not self._free.acquire(timeout=self.wait):
                with self._lock:
                    self.refused += 1
                raise Busy(t("export.error.busy", seconds=RETRY_AFTER), 503)
            try:
                yield
            finally:
                self._free.release()
        finally:
            with self._lock:
                self._inside -= 1


_GATE: RenderGate | None = None
_GATE_LOCK = threading.Lock()


def get_gate() -> RenderGate:
    """The worker's one gate (settings read once, from $ATLAS_MAX_RENDERS and $ATLAS_RENDER_QUEUE)."""
    global _GATE
    with _GATE_LOCK:
        if _GATE is None:
            _GATE = RenderGate()
        return _GATE


def set_gate(gate: RenderGate | None) -> RenderGate | None:
    """Swap the worker's gate (tests use this); returns the previous one."""
    global _GATE
    with _GATE_LOCK:
        previous, _GATE = _GATE, gate
        return previous
