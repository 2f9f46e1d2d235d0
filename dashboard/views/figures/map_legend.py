"""The map's words around the picture: the overlap colour bar, each step in words, and notices wrapped to fit."""

from __future__ import annotations

from html import escape

from dashboard.strings import t, tn
from dashboard.views import evidence
from dashboard.views.figures.theme import overlap_bands

NOTICE_CHARS_PER_PX = 1 / 7.5  # characters of notice text per pixel of width (DejaVu Sans at 12-13 px)
APP_NOTICE_WIDTH = 380  # pixels: the map's narrowest width in the app (1280 px screens), so notices never cut


def overlap_colorbar(zmax: float, theme) -> dict:
    """The overlap map's colour bar, under the map: each step in words, the same steps in every year."""
    top = int(zmax - 0.5)
    bands = overlap_bands(top)
    if len(bands) == top:  # a tick per count
        ticks = list(range(top + 1))
        words = [t("legend.step.none")] + [str(n) for n in ticks[1:]]
    else:  # at the first count of each band and at the top; 'none' too while its sliver of the bar can hold it
        ticks = ([0] if top <= 60 else []) + [lo for lo, _ in bands] + ([top] if bands[-1][0] != top else [])
        words = [t("legend.step.none") if n == 0 else str(n) for n in ticks]
    words[-1] = tn("legend.step", top)
    return {
        "title": {"text": t("legend.overlap"), "side": "top", "font": {"size": theme.key_size}},
        "orientation": "h",
        "tickmode": "array",
        "tickvals": ticks,
        "ticktext": words,
        "len": min(0.9, 0.12 * (len(bands) + 1)),
        "thickness": 12,
        "x": 0.5,
        "xanchor": "center",
        "y": 0,
        "yanchor": "top",
        "ypad": 6,
        "outlinewidth": 0,
        "tickfont": {"size": theme.key_size},
    }


def colorbar_height(theme) -> int:
    """Pixels the colour bar takes under the map: its title, the bar, the step words."""
    return int(theme.key_size * 1.4 * 2 + 12 + 16)


def wrap_words(text: str, chars: int) -> list[str]:
    """Lines of at most `chars` characters, broken between words (plotly does not wrap annotations)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def notice_block(notices, width: int, size: int) -> tuple[list[str], int]:
    """The notices as lines that fit `width` pixels at `size` px, and the height they take."""
    chars = int(width * NOTICE_CHARS_PER_PX * 12 / size)
    lines = [line for notice in notices for line in wrap_words(notice, chars)]
    return lines, round(size * 1.45 * len(lines)) + (6 if lines else 0)


def legend_entries(atlas, view, theme) -> list[tuple[str, str, bool]]:
    """The one-process map's legend: (name, colour, shown) for member, observer, none and eligible (shown only where
    the map draws the states a process is open to, e.g. all UN member states for the GFMD)."""
    one = view.mode == "one"
    open_to = (
        evidence.open_to_org(atlas, view.process_ids[0]) if view.layer == "processes" and view.process_ids else None
    )
    org = escape(atlas.org_by_id[open_to]["short_name"]) if open_to else ""  # a name from the data, in plotly HTML
    eligible = one and len(view.rows) > 0 and bool((view.rows["role"] == "eligible").any())
    observer = "legend.observer" if view.layer == "processes" else "legend.associate"
    return [
        (t("legend.member"), theme.member, one),
        (t(observer), theme.observer, one),
        (t("legend.none"), theme.none_fill, one),
        (" ".join(t("legend.eligible", org=org).split()), theme.eligible, eligible),
    ]
