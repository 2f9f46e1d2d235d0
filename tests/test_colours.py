"""The map's classes stay apart for everyone: by contrast (WCAG 1.4.11, 3:1), and in colour as people with the
common colour-vision deficiencies see it (simulated with Machado, Oliveira & Fernandes 2009, severity 1)."""

from __future__ import annotations

import json
import math

import pytest

from dashboard.views.figures.map import SLOT_OBSERVERS, make_map_figure
from dashboard.views.figures.map_legend import overlap_colorbar
from dashboard.views.figures.theme import MAX_OVERLAP_STEPS, THEMES, overlap_bands, overlap_colorscale
from dashboard.viewstate import ViewState

# Machado et al. (2009), "A Physiologically-based Model for Simulation of Color Vision Deficiency", IEEE TVCG 15(6),
# table of matrices at severity 1.0, applied to linear RGB.
MACHADO = {
    "protanopia": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopia": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopia": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}
VISIONS = ("typical", *MACHADO)


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _gamma(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def linear_rgb(colour: str) -> tuple[float, float, float]:
    h = colour.lstrip("#")
    return tuple(_linear(int(h[i : i + 2], 16) / 255) for i in (0, 2, 4))


def luminance(colour: str) -> float:
    r, g, b = linear_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def seen(colour: str, vision: str) -> tuple[float, float, float]:
    """Linear RGB of the colour as someone with `vision` sees it (gamut-clipped, as a display would)."""
    rgb = linear_rgb(colour)
    if vision == "typical":
        return rgb
    return tuple(_linear(_gamma(sum(m * c for m, c in zip(row, rgb)))) for row in MACHADO[vision])


def lab(rgb: tuple[float, float, float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def distance(a: str, b: str, vision: str) -> float:
    """CIE76 colour difference (about 2.3 is just noticeable; above 10 reads as different at a glance)."""
    return math.dist(lab(seen(a, vision)), lab(seen(b, vision)))


def test_the_simulation_is_the_published_one():
    # Pure red loses its redness for protanopes and deuteranopes; white and black stay themselves for everyone.
    assert distance("#ffffff", "#ffffff", "protanopia") == 0
    for vision in MACHADO:
        assert distance("#000000", "#000000", vision) < 1e-9
        assert distance("#ffffff", "#fefefe", vision) < 1.5
    assert distance("#ff0000", "#808000", "protanopia") < distance("#ff0000", "#808000", "typical") / 2
    assert distance("#0000ff", "#00a0a0", "tritanopia") < distance("#0000ff", "#00a0a0", "typical") / 2


@pytest.mark.parametrize("name", THEMES)
def test_members_observers_and_others_differ_in_lightness_and_for_every_vision(name):
    theme = THEMES[name]
    classes = {"member": theme.member, "observer": theme.observer, "none": theme.none_fill}
    for cls in ("member", "observer"):
        ratio = contrast(classes[cls], theme.none_fill)
        assert ratio >= 3, f"{name}: {cls} {classes[cls]} on non-participant {theme.none_fill}: {ratio:.2f}:1"
    for a, b in (("member", "observer"), ("member", "none"), ("observer", "none")):
        for vision in VISIONS:
            d = distance(classes[a], classes[b], vision)
            assert d >= 40, f"{name}: {a} and {b} are {d:.1f} apart as seen with {vision}"
    assert contrast(theme.font_color, theme.paper) >= 7


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("top", range(1, 9))
def test_counts_of_processes_stand_out_from_non_participants_and_from_each_other(name, top):
    theme = THEMES[name]
    scale = overlap_colorscale(top, theme.none_fill)
    steps = [colour for _, colour in scale[::2]]
    assert len(steps) == top + 1 and steps[0] == theme.none_fill
    for count, colour in enumerate(steps[1:], start=1):
        ratio = contrast(colour, theme.none_fill)
        assert ratio >= 3, f"{name}: {count} process(es) {colour} on {theme.none_fill}: {ratio:.2f}:1"
    lights = [luminance(c) for c in steps[1:]]
    assert lights == sorted(lights, reverse=luminance(theme.none_fill) > 0.2), f"{name}: not one way in lightness"
    if top <= 5:
        for a, b in zip(steps[1:], steps[2:]):
            for vision in VISIONS:
                assert distance(a, b, vision) >= 7, f"{name}, top {top}: {a} and {b} look alike with {vision}"


def test_observers_are_marked_by_a_shape_not_only_by_colour(atlas):
    state = ViewState(processes=("puebla",), year=2000)
    figure = make_map_figure(atlas, state)
    marks = figure["data"][SLOT_OBSERVERS]
    assert marks["marker"]["symbol"] == "diamond-open" and len(marks["lon"]) == 5  # Puebla's 5 observers in 2000


@pytest.mark.parametrize("top", [13, 40, 900])
def test_many_counts_go_in_bands_of_one_colour_each(top):
    theme = THEMES["light"]
    scale = overlap_colorscale(top, theme.none_fill)
    colours = list(dict.fromkeys(colour for _, colour in scale))
    assert 2 < len(colours) <= MAX_OVERLAP_STEPS + 1 and colours[0] == theme.none_fill
    assert [p for p, _ in scale] == sorted(p for p, _ in scale) and scale[0][0] == 0 and scale[-1][0] == 1
    bands = overlap_bands(top)
    assert bands[0][0] == 1 and bands[-1][1] == top and all(b[0] == a[1] + 1 for a, b in zip(bands, bands[1:]))
    lights = [luminance(c) for c in colours[1:]]
    assert lights == sorted(lights, reverse=True)  # more processes, darker
    assert len(json.dumps(scale)) < 1500  # it travels twice with every overlap map


@pytest.mark.parametrize("top, first_words", [(5, ["none", "1", "2"]), (40, ["none", "1", "5"]), (900, ["1", "76"])])
def test_the_colour_bar_names_each_step_or_band_and_the_top(top, first_words):
    bar = overlap_colorbar(top + 0.5, THEMES["light"])
    assert bar["ticktext"][: len(first_words)] == first_words and bar["ticktext"][-1] == f"{top} processes"
    assert len(bar["tickvals"]) == len(bar["ticktext"]) <= MAX_OVERLAP_STEPS + 2
