"""Export parameters: formats, sizes, view names and addresses, each checked with an error naming the parameter."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from dashboard.strings import number, t
from dashboard.views.registry import chart_views

FORMATS = ("png", "svg", "pdf", "html", "csv")
IMAGE_FORMATS = ("png", "svg", "pdf")
FILM_FORMATS = ("gif", "mp4")  # the map only: one frame per year (dashboard/export/film.py)
FILM_VIEWS = ("map",)
MIN_SIZE, MAX_SIZE = 200, 4000  # pixels, width and height
MIN_SCALE, MAX_SCALE = 1, 3
# The browser holds width × height × scale² RGBA pixels while it renders: 25 million is 1920 × 1080 at scale 3 or
# 4000 × 4000 at scale 1 with room to spare, ~100 MB per render; 4000 × 4000 at scale 3 would be 576 MB.
DEFAULT_MAX_PIXELS = 25_000_000
SIZE_PARAMS = ("width", "height", "scale")
DEFAULT_SIZE = (1920, 1080)
PRESETS = ((1920, 1080), (1280, 720))
MAX_DECK = 30
MAX_PUBLISHERS = 4
FILENAME_PREFIX = "migration-atlas"
DEFAULT_BASE_URL = "http://127.0.0.1:8050"
MIME = {
    "png": "image/png",
    "svg": "image/svg+xml",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "gif": "image/gif",
    "mp4": "video/mp4",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


class ExportError(ValueError):
    """A bad export request: `parameter` names what was wrong; the message says what is allowed (HTTP 400)."""

    def __init__(self, parameter: str, message: str):
        super().__init__(message)
        self.parameter = parameter


def export_views() -> tuple[str, ...]:
    """The registered views that draw a chart (about has none)."""
    return chart_views()


def check_view(view: str) -> str:
    views = export_views()
    if view not in views:
        raise ExportError("view", t("export.error.view", value=view, allowed=", ".join(views)))
    return view


def check_format(fmt: str, allowed=FORMATS) -> str:
    if fmt not in allowed:
        raise ExportError("format", t("export.error.format", value=fmt, allowed=", ".join(allowed)))
    return fmt


def _whole(name: str, raw, low: int, high: int) -> int:
    try:
        value = int(str(raw).strip())
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        raise ExportError(name, t("export.error.number", param=name, low=low, high=high, value=raw))
    return value


def check_size(width=None, height=None, scale=None) -> tuple[int, int, float]:
    """Validated (width, height, scale); missing values take the 1920x1080, scale 1 defaults."""
    w = DEFAULT_SIZE[0] if width in (None, "") else _whole("width", width, MIN_SIZE, MAX_SIZE)
    h = DEFAULT_SIZE[1] if height in (None, "") else _whole("height", height, MIN_SIZE, MAX_SIZE)
    s = 1 if scale in (None, "") else _scale(scale)
    check_pixels(w, h, s)
    return w, h, s


def _scale(raw) -> float:
    try:
        s = float(str(raw).strip())
    except ValueError:
        s = None
    if s is None or not MIN_SCALE <= s <= MAX_SCALE:
        raise ExportError("scale", t("export.error.scale", low=MIN_SCALE, high=MAX_SCALE, value=raw))
    return int(s) if s.is_integer() else s


def max_pixels() -> int:
    try:
        return int(os.environ.get("ATLAS_MAX_PIXELS") or DEFAULT_MAX_PIXELS)
    except ValueError:
        return DEFAULT_MAX_PIXELS


def check_pixels(width: int, height: int, scale: float) -> None:
    """The pixel budget: memory per render is bounded whatever the sizes asked for (each is checked on its own)."""
    pixels, limit = int(width * height * scale * scale), max_pixels()
    if pixels > limit:
        param = "scale" if scale > 1 and width * height <= limit else "width"
        raise ExportError(param, t("export.error.pixels", pixels=number(pixels), limit=number(limit), param=param))


def check_single(query: str) -> None:
    """width, height and scale at most once in a query: server and CLI refuse a repeat rather than pick one."""
    counts = Counter(k for k, _ in parse_qsl(query, keep_blank_values=True) if k in SIZE_PARAMS)
    for name, n in counts.items():
        if n > 1:
            raise ExportError(name, t("export.error.repeated", param=name, n=n))


def split_export_name(name: str) -> tuple[str, str]:
    """'map.png' -> ('map', 'png'), checked against the registered views and the formats."""
    view, dot, fmt = name.rpartition(".")
    if not dot:
        view, fmt = name, ""
    view, fmt = check_view(view), fmt.lower()
    return view, check_format(fmt, (*FORMATS, *FILM_FORMATS) if view in FILM_VIEWS else FORMATS)


def split_address(address: str) -> tuple[str, str]:
    """'map?year=2000', '/timeline?issue=asylum', 'http://host/embed/map?...' -> (view, query); view checked."""
    parts = urlsplit(address.strip())
    segments = [s for s in parts.path.split("/") if s]
    if segments and segments[0] in ("embed", "export"):
        segments = segments[1:]
    view = segments[0].split(".")[0] if segments else "map"
    return check_view(view), parts.query


def size_from_query(query: str) -> dict[str, str]:
    """The export-only parameters (width, height, scale; a film's from and to) given in a query string, each at
    most once."""
    check_single(query)
    return {
        k: v for k, v in parse_qsl(query, keep_blank_values=True) if k in ("width", "height", "scale", "from", "to")
    }


def plan_export(addresses: list[str], output: Path) -> str:
    """The format for these addresses and this file, or ExportError saying why not."""
    ext = output.suffix.lower().lstrip(".")
    allowed = (*FORMATS, *FILM_FORMATS, "pptx")
    if ext not in allowed:
        raise ExportError(
            "output", t("export.error.extension", path=output, allowed=", ".join(f".{a}" for a in allowed))
        )
    if ext != "pptx" and len(addresses) > 1:
        raise ExportError("views", t("export.error.one_view", ext=ext, n=len(addresses)))
    if len(addresses) > MAX_DECK:
        raise ExportError("views", t("export.error.deck_size", limit=MAX_DECK, n=len(addresses)))
    return ext


def check_base_url(value: str) -> str:
    """A permalink root: http(s) with a host and nothing that could break out of an attribute or a header."""
    parts = urlsplit(value.strip())
    ok = parts.scheme in ("http", "https") and bool(parts.hostname) and value.isprintable()
    if not ok or any(c in value for c in "\"'<> \\"):
        raise ExportError("base-url", t("export.error.base_url", value=value))
    return value.strip().rstrip("/")
