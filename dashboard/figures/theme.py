"""Colours and type for the light, dark and slide themes; colour-blind-safe (Okabe–Ito) throughout."""

from __future__ import annotations

from dataclasses import dataclass

# Okabe & Ito (2008), distinguishable with the common forms of colour blindness.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
# Sequential steps for "how many processes", from cividis (designed for colour-vision deficiency).
CIVIDIS = ["#00224e", "#123570", "#3b496c", "#575d6d", "#707173", "#8a8779", "#a69d75", "#c4b56c", "#e4cf5b", "#fee838"]
MAX_OUTLINES = 8


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

    def layout(self) -> dict:
        """Layout keys every figure of this theme shares (a tiny template, so patches stay small)."""
        return {
            "font": {"family": "DejaVu Sans, Arial, sans-serif", "size": self.font_size, "color": self.font_color},
            "paper_bgcolor": self.paper,
            "plot_bgcolor": self.paper,
            "hoverlabel": {"font": {"size": self.font_size}},
            "legend": {"bgcolor": "rgba(0,0,0,0)", "font": {"size": self.font_size}},
        }


THEMES = {
    "light": Theme("light", 13, 18, "#1a1a1a", "#ffffff", "#f2f2f2", "#eaf2f8", "#dcdcdc", "#ffffff", 0.5,
                   OKABE_ITO[0], OKABE_ITO[1], 2.0, 7),
    "dark": Theme("dark", 13, 18, "#f0f0f0", "#15191e", "#2a2f36", "#0d1117", "#3b424b", "#15191e", 0.5,
                  OKABE_ITO[4], OKABE_ITO[1], 2.0, 7),
    "slide": Theme("slide", 22, 30, "#000000", "#ffffff", "#ededed", "#ffffff", "#cfcfcf", "#000000", 1.2,
                   OKABE_ITO[0], OKABE_ITO[5], 4.0, 12),
}


def get_theme(name: str) -> Theme:
    return THEMES.get(name, THEMES["light"])


def overlap_colorscale(top: int, none_fill: str) -> list:
    """A stepped scale for counts 0..top: 0 is the 'not a participant' grey, then light to dark."""
    top = max(top, 1)
    steps = [CIVIDIS[::-1][min(9, round(i * 9 / max(top - 1, 1)))] for i in range(top)] if top > 1 else [CIVIDIS[2]]
    colours = [none_fill] + steps
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / (top + 1), colour], [(i + 1) / (top + 1), colour]]
    return scale


def process_colour(index: int) -> str:
    return OKABE_ITO[index % len(OKABE_ITO)]
