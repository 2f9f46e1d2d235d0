"""The export cache: the bytes of an export, keyed by what made them; on disk, or in a shared Redis for many servers."""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from urllib.parse import urlsplit

from dashboard import __version__
from dashboard.config import PACKAGE_DIR, PLOTLY_BUNDLE, cache_dir

log = logging.getLogger("dashboard.export.cache")
DEFAULT_TIMEOUT = 7 * 24 * 3600  # seconds an export is kept; the key changes with the data and the code anyway
DEFAULT_ITEMS = 500  # files kept on disk before the oldest go
MAX_ITEM_BYTES = 32 * 1024 * 1024  # a bigger export is served but not kept


def _code_fingerprint() -> str:
    """The app's version and a digest of its code and plotly.js: a changed chart never comes from an old entry."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE_DIR.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes())
    if PLOTLY_BUNDLE.is_file():
        digest.update(PLOTLY_BUNDLE.read_bytes())
    return digest.hexdigest()[:16]


def export_key(
    fingerprint: str, address: str, fmt: str, width: int, height: int, scale: float, root: str | None
) -> str:
    """One key per distinct export: data package (version and content), code, view address, format, size, links."""
    parts = [fingerprint, code_fingerprint(), address, fmt, str(width), str(height), repr(float(scale)), root or ""]
    return "atlas-export:" + hashlib.sha256("\0".join(parts).encode()).hexdigest()


_CODE: str | None = None


def code_fingerprint() -> str:
    global _CODE
    if _CODE is None:
        _CODE = _code_fingerprint()
    return _CODE


class ExportCache:
    """get/set of bytes by key, never failing an export: a broken backend is logged and treated as a miss."""

    def __init__(self, backend, kind: str):
        self.backend = backend
        self.kind = kind
        self.hits = self.misses = 0

    def get(self, key: str) -> bytes | None:
        try:
            value = self.backend.get(key)
        except Exception as exc:  # noqa: BLE001 - Redis down, disk full: serve without the cache
            log.warning("export cache (%s) unreadable: %s", self.kind, exc)
            value = None
        if isinstance(value, bytes):
            self.hits += 1
            return value
        self.misses += 1
        return None

    def set(self, key: str, value: bytes) -> None:
        if len(value) > MAX_ITEM_BYTES:
            return
        try:
            self.backend.set(key, value)
        except Exception as exc:  # noqa: BLE001
            log.warning("export cache (%s) not written: %s", self.kind, exc)


def _timeout() -> int:
    return int(os.environ.get("ATLAS_CACHE_TIMEOUT") or DEFAULT_TIMEOUT)


def check_cache_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss", "unix") or not (parts.hostname or parts.path):
        raise ValueError(f"ATLAS_CACHE_URL must be redis://host:port/db, rediss://… or unix://path (found {url!r})")
    return url


def make_cache(url: str | None = None, directory=None) -> ExportCache:
    """Redis at `url` ($ATLAS_CACHE_URL) if given, else files in `directory` (default $ATLAS_CACHE_DIR/exports)."""
    url = url if url is not None else os.environ.get("ATLAS_CACHE_URL", "")
    if url:
        import redis
        from cachelib.redis import RedisCache

        client = redis.Redis.from_url(check_cache_url(url), socket_timeout=2, socket_connect_timeout=2)
        return ExportCache(RedisCache(host=client, default_timeout=_timeout(), key_prefix=""), "redis")
    from cachelib.file import FileSystemCache

    folder = directory or (cache_dir() / "exports")
    backend = FileSystemCache(str(folder), threshold=DEFAULT_ITEMS, default_timeout=_timeout(), mode=0o600)
    return ExportCache(backend, "files")


_CACHE: ExportCache | None = None
_CACHE_LOCK = threading.Lock()


def get_cache() -> ExportCache:
    """The process's export cache, made on first use from the environment."""
    global _CACHE
    with _CACHE_LOCK:
        if _CACHE is None:
            _CACHE = make_cache()
        return _CACHE


def set_cache(cache: ExportCache | None) -> ExportCache | None:
    """Swap the process's export cache (tests use this); returns the previous one."""
    global _CACHE
    with _CACHE_LOCK:
        previous, _CACHE = _CACHE, cache
        return previous
