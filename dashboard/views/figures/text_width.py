"""Text widths in the charts' type (DejaVu Sans), measured with the font's own metrics, and text wrapped to a width."""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from html import escape, unescape

from PIL import ImageFont

FONT_FILE = "DejaVuSans.ttf"  # the first family of every theme; Pillow finds it in the system's font folders
MEASURE_AT = 100  # px: widths are measured once at this size and scaled (FreeType's advances scale linearly)
SLACK = 1.03  # Chromium's shaping differs from FreeType's by a pixel or two a line: never less room than it takes
FALLBACK_EM = 0.62  # without the font file: an average DejaVu Sans glyph, in ems (a little generous)
log = logging.getLogger("dashboard")


@cache
def _font() -> ImageFont.FreeTypeFont | None:
    try:
        return ImageFont.truetype(FONT_FILE, MEASURE_AT)
    except OSError:
        log.warning("font %s not found: text widths are estimated, not measured", FONT_FILE)
        return None


@lru_cache(maxsize=8192)
def _width_at_100(text: str) -> float:
    font = _font()
    return font.getlength(text) if font is not None else len(text) * FALLBACK_EM * MEASURE_AT


def text_width(text: str, size: float) -> float:
    """Pixels `text` takes on one line at `size` px (plotly's HTML entities read as the characters they stand for).

    >>> round(text_width("Bali Process", 13))
    82
    """
    plain = unescape(text).replace("\u200b", "")
    return _width_at_100(plain) * size / MEASURE_AT * SLACK


def wrap_to_width(text: str, size: float, width: float) -> list[str]:
    """Lines of `text` no wider than `width` px at `size` px, broken between words; a word wider than that stays
    whole on its own line (names are never cut)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(lines[-1] + " " + word, size) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def wrapped_title(text: str, size: float, width: float) -> tuple[str, int]:
    """A chart title as plotly HTML (escaped, lines joined by <br>) that fits `width` px at `size` px, and its
    number of lines."""
    lines = wrap_to_width(text, size, width)
    return "<br>".join(escape(line) for line in lines), len(lines)


def title_room(size: float, lines: int) -> int:
    """Pixels a title's lines after the first add to the top margin (plotly sets <br> lines about 1.3 em apart)."""
    return round(size * 1.3) * max(lines - 1, 0)
