"""Colours and type for the light, dark and slide themes; colour-blind-safe (Okabe–Ito) throughout."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

# Okabe & Ito (2008), distinguishable with the common forms of colour blindness.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Sequential steps for "how many processes", from cividis (designed for colour-vision deficiency).
CIVIDIS = ["#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8779", "#a69d75", "#c4b56c", "#e4cf5b", "#fee838"]
MAX_OUTLINES = 8
# Not a participant: light enough that every class and every count step stands out from it by >= 3:1 (WCAG 1.4.11),
# in addition to the hue (tests/test_colours.py checks this, also as seen with the common colour-vision deficiencies).
NONE_LIGHT = "#ececec"


@dataclass(frozen=True)
class Theme:
    name: str
    font_size: int
    title_size: int
    font_color: str
    paper: str
    land: str
    ocean: str
    none_fill: str
    border: str
    border_width: float
    member: str
    observer: str
    outline_width: float
    marker_size: int
    eligible: str = "#bcd6ea"  # a pale member blue: open to the state, not a membership
    legend_size: int = 0  # the key's type (legends, colour bars, a chart's key line); 0: the body size

    @property
    def key_size(self) -> int:
        """The type of the chart's key: its legend, colour bar and key line (a slide's is larger than its labels)."""
        return max(self.legend_size, self.font_size)

    def layout(self) -> dict:
        """Layout keys every figure of this theme shares (a tiny template, so patches stay small)."""
        return {
            "font": {"family": "DejaVu Sans, Arial, sans-serif", "size": self.font_size, "color": self.font_color},
            "paper_bgcolor": self.paper,
            "plot_bgcolor": self.paper,
            "hoverlabel": {"font": {"size": self.font_size}},
            "legend": {"bgcolor": "rgba(0,0,0,0)", "font": {"size": self.key_size}},
        }


THEMES = {
    "light": Theme(
        "light",
        13,
        18,
        "#1a1a1a",
        "#ffffff",
        "#f2f2f2",
        "#eaf2f8",
        NONE_LIGHT,
        "#a8a8a8",  # borders that show where a non-participant ends (white vanished on the light grey)
        0.5,
        OKABE_ITO[0],
        OKABE_ITO[5],  # vermillion: >= 3:1 against the non-participant grey (orange was 1.6:1)
        2.0,
        7,
    ),
    "dark": Theme(
        "dark",
        13,
        18,
        "#f0f0f0",
        "#15191e",
        "#2a2f36",
        "#0d1117",
        "#3b424b",
        "#15191e",
        0.5,
        OKABE_ITO[4],
        OKABE_ITO[1],
        2.0,
        7,
        "#2c4a63",
    ),
    "slide": Theme(
        "slide",
        22,
        30,
        "#000000",
        "#ffffff",
        "#ededed",
        "#ffffff",
        NONE_LIGHT,
        "#000000",
        1.2,
        OKABE_ITO[0],
        OKABE_ITO[5],
        4.0,
        12,
    ),
}


def get_theme(name: str | Theme) -> Theme:
    """A theme by name; a Theme (an export's, sized by output_theme) as it is."""
    if isinstance(name, Theme):
        return name
    return THEMES.get(name, THEMES["light"])


# Text on an export is sized from the output, not the screen: the smallest text is 11 px on a 1280 x 720 image and
# 14 px on a 1920 x 1080 one (output pixels: width x height x scale), linear in the image's mean side between and
# beyond, never under 9 px.
FLOOR_AT = ((960, 11.0), (1440, 14.0))  # (sqrt(width x height), smallest text in px)
SMALLEST_BELOW_BODY = {"slide": 4}  # the smallest text a figure draws is body size minus this (labels); else 2


def text_floor(width: int, height: int, scale: float = 1) -> float:
    """The smallest text, in CSS pixels, an export of this size may carry (output pixels divided by `scale`)."""
    (a, low), (b, high) = FLOOR_AT
    side = math.sqrt(width * height) * scale
    return max(low + (side - a) * (high - low) / (b - a), 9.0) / scale


def output_theme(name: str | Theme, floor: float, *, key: float = 0) -> Theme:
    """The theme with its type grown so that no text is under `floor` CSS pixels (never smaller than on screen):
    body, title and markers in proportion; with `key`, the legend and colour bars in at least that many pixels."""
    theme = get_theme(name)
    body = max(theme.font_size, math.ceil(floor) + SMALLEST_BELOW_BODY.get(theme.name, 2))
    grow = body / theme.font_size
    return replace(
        theme,
        font_size=body,
        title_size=max(theme.title_size, round(theme.title_size * grow)),
        marker_size=round(theme.marker_size * grow),
        outline_width=theme.outline_width * grow,
        legend_size=math.ceil(key) if key else 0,
    )


def luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _cividis_at(position: float) -> str:
    """The cividis colour at a fractional index of CIVIDIS (linear between its stops)."""
    low = min(int(position), len(CIVIDIS) - 2)
    part = position - low
    a, b = (CIVIDIS[low].lstrip("#"), CIVIDIS[low + 1].lstrip("#"))
    mix = [round(int(a[i : i + 2], 16) * (1 - part) + int(b[i : i + 2], 16) * part) for i in (0, 2, 4)]
    return "#" + "".join(f"{c:02x}" for c in mix)


# The part of cividis that keeps >= 3:1 from the non-participant fill: on light ground from the mid grey to the
# darkest blue (more processes, darker); on dark ground from the mid tone to the brightest yellow (more, brighter).
LIGHT_STEPS, DARK_STEPS = (5.0, 0.0), (6.0, 9.0)


# More steps than this are not told apart by eye (and at 100x the data a step per count made a 40 KB colour scale,
# sent twice with every map): counts then go in bands of equal width, each band one colour.
MAX_OVERLAP_STEPS = 12


def overlap_bands(top: int) -> list[tuple[int, int]]:
    """The counts 1..top as (first, last) of each colour step: one count a step up to MAX_OVERLAP_STEPS, else bands."""
    top = max(top, 1)
    width = -(-top // MAX_OVERLAP_STEPS)  # ceiling
    return [(lo, min(lo + width - 1, top)) for lo in range(1, top + 1, width)]


def overlap_colorscale(top: int, none_fill: str) -> list:
    """A stepped scale for counts 0..top (z from -0.5 to top + 0.5): 0 is the 'not a participant' fill, then a step
    per count, or per band of counts (overlap_bands)."""
    top = max(top, 1)
    bands = overlap_bands(top)
    start, end = DARK_STEPS if luminance(none_fill) < 0.2 else LIGHT_STEPS
    if len(bands) == 1:
        steps = [_cividis_at(start + (end - start) * 0.6)]
    else:
        steps = [_cividis_at(start + (end - start) * i / (len(bands) - 1)) for i in range(len(bands))]
    scale = [[0, none_fill], [1 / (top + 1), none_fill]]
    for (lo, hi), colour in zip(bands, steps):
        scale += [[lo / (top + 1), colour], [(hi + 1) / (top + 1), colour]]
    return scale


def process_colour(index: int) -> str:
    return OKABE_ITO[index % len(OKABE_ITO)]
