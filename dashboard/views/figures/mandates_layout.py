"""The mandates matrices' layout: slanted column labels, the margins they need, the height every row needs."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from html import escape

from dashboard.strings import t
from dashboard.views.figures.text_width import text_width
from dashboard.views.figures.theme import Theme, get_theme

LABEL_CHARS = 24  # an issue area's column label wraps at this many characters, or more: two lines at most
LARGE_TYPE = 18  # px: from this type size on, column labels take one line
CHAR_EM = 0.6  # average glyph width of DejaVu Sans, in ems
KEY_PX = 600  # the key under a matrix wraps to this width: from the matrix's left edge on a 1280-px screen


def _wrap(label: str, width: int) -> str:
    lines, line = [], ""
    for word in label.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "<br>".join(lines + [line])


def _wrap_at_hyphens(label: str, width: int) -> str:
    """Like _wrap, and a hyphenated word may break after its hyphen ('burden-' / 'sharing')."""
    lines, line = [], ""
    for word in label.split():
        parts = word.replace("-", "-\0").split("\0")
        for k, part in enumerate(parts):
            glue = "" if k else " "
            if line and len(line) + len(glue) + len(part) > width:
                lines.append(line)
                line = part
            else:
                line = f"{line}{glue}{part}" if line else part
    return "<br>".join(lines + [line])


def _lines(label: str, width: int, most: int) -> str:
    """The label wrapped at `width` characters, or wider until it takes `most` lines at most (slanted labels of more
    lines would touch their neighbours)."""
    while (wrapped := _wrap(label, width)).count("<br>") >= most:
        width += 2
    return wrapped


@dataclass(frozen=True)
class Columns:
    """The column labels as drawn: wrapped and escaped, their angle, their height and their reach past the last
    column, in pixels."""

    labels: list[str]
    angle: int
    height: float
    reach: float


def columns(matrix, th: Theme, width: int | None = None) -> Columns:
    """Upright labels where the output's width leaves each column room for its longest word (an export says its
    width); else slanted at 45 degrees, two lines at most (a 12-column matrix on a 1280-px screen has columns
    narrower than 'readmission'); in a slide's large type upright (-90), one line each, since slanted ones would
    reach far past the last column and squeeze the matrix."""
    tick = th.font_size - 1
    labels = list(matrix.issue_labels)
    if width and labels:
        rows_px = max((len(r) for r in matrix.row_labels), default=4) * CHAR_EM * th.font_size + 16
        room = (width - rows_px - 20) / len(labels) - 6
        words = [w for x in labels for w in x.replace("-", "- ").split()]
        longest_word = max(len(w) for w in words)
        if max(text_width(w, tick) for w in words) <= room:  # measured in the font: estimates refused 'Sovereignty,'
            chars = max(longest_word, int(room / (CHAR_EM * tick)))
            wrapped = [_wrap_at_hyphens(x, chars).split("<br>") for x in labels]
            lines = max(len(w) for w in wrapped)
            return Columns(_escaped(wrapped), 0, lines * tick * 1.3, 0)
    upright = th.font_size >= LARGE_TYPE
    wrapped = [_lines(x, LABEL_CHARS, 1 if upright else 2).split("<br>") for x in labels]  # measured unescaped
    lines = max((len(w) for w in wrapped), default=1)
    longest = max((len(line) for w in wrapped for line in w), default=4)
    last = max((len(line) for line in wrapped[-1]), default=4) if wrapped else 0
    if upright:
        return Columns(_escaped(wrapped), -90, longest * CHAR_EM * tick + tick, tick)
    slant = (longest * CHAR_EM + lines * 1.3) * tick * 0.71
    return Columns(_escaped(wrapped), -45, slant, last * CHAR_EM * tick * 0.71)


def _escaped(wrapped: list[list[str]]) -> list[str]:
    return ["<br>".join(escape(line) for line in w) for w in wrapped]


def key_lines(text: str, th: Theme, width: int | None = None) -> list[str]:
    """The key's lines: its own, and a line too wide for KEY_PX in the key's type broken between its entries (an
    entry wider than that between words)."""
    chars = int((max(KEY_PX, width - 200) if width else KEY_PX) / (th.key_size * CHAR_EM))  # an export: its width
    out: list[str] = []
    for line in text.split("<br>"):
        entries = [part for entry in line.split("   ") for part in textwrap.wrap(entry, chars)]
        current = ""
        for entry in entries:
            if current and len(current) + 3 + len(entry) > chars:
                out.append(current)
                current = entry
            else:
                current = f"{current}   {entry}" if current else entry
        out.append(current)
    return out


def matrix_key(matrix) -> str:
    return t("mandates.legend.orgs" if matrix.kind == "orgs" else "mandates.legend.processes")


def margins(matrix, th: Theme, width: int | None = None) -> dict:
    heads = columns(matrix, th, width)
    label_px, last_px = heads.height, heads.reach
    return {
        "l": 10,
        "r": int(max(20, last_px)),
        # the counts under each column, then the key and a line of air
        "b": int(th.font_size * 3.6 + th.key_size * 1.3 * (len(key_lines(matrix_key(matrix), th, width)) + 1)),
        "pad": 2,
        "t": int(th.title_size * 2.2 + label_px),
    }


def matrix_height(matrix, *, theme: str | Theme = "light", row_em: float = 2.1, width: int | None = None) -> int:
    """Pixel height at which every row stays readable (the page sizes its graph with it); an export asks for the
    least (rows of `row_em` ems)."""
    th = get_theme(theme)
    margin = margins(matrix, th, width)
    return int(max(3, len(matrix.rows)) * th.font_size * row_em + margin["t"] + margin["b"])
