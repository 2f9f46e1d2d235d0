"""Zoom and fixed colour steps in real Chromium: the map frames the selection, 'Whole world' keeps the world, and
the overlap colour bar says the same steps in every year."""

from __future__ import annotations

import pytest

from tests.browser.conftest import map_drawn

pytestmark = pytest.mark.browser

GRAPH = "#map-graph .js-plotly-plot"


def geo_ranges(page) -> tuple[list, list]:
    return page.evaluate(
        f"""() => {{ const g = document.querySelector('{GRAPH}')._fullLayout.geo;
                     return [g.lonaxis.range, g.lataxis.range]; }}"""
    )


def shape_width(page, code: str) -> float:
    return page.evaluate(
        """code => { for (const el of document.querySelectorAll('#map-graph .choroplethlocation')) {
                       if (el.__data__ && el.__data__.loc === code) return el.getBoundingClientRect().width; }
                     return 0; }""",
        code,
    )


def colour_steps(page) -> list[str]:
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('#map-graph .colorbar .cbaxis text')).map(e => e.textContent)"
    )


def test_map_frames_the_selection_and_whole_world_keeps_the_world(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=midwa&year=2016")
    map_drawn(page)
    (west, east), (south, north) = geo_ranges(page)
    assert -60 < west < -17 and 15 < east < 70 and north < 65, (west, east, south, north)
    framed = shape_width(page, "NGA")
    page.get_by_label("Whole world").check()
    page.wait_for_url("**/map?process=midwa&year=2016&zoom=world")
    page.wait_for_function(f"() => document.querySelector('{GRAPH}')._fullLayout.geo.lonaxis.range[0] === -180")
    page.wait_for_function(f"() => document.querySelector('{GRAPH}').layout.geo.lonaxis.range[0] === -180")
    world = shape_width(page, "NGA")
    assert framed > 2.5 * world > 0, (framed, world)  # Nigeria is drawn several times wider when framed
    page.go_back()
    page.wait_for_url("**/map?process=midwa&year=2016")
    page.wait_for_function(f"() => document.querySelector('{GRAPH}').layout.geo.lonaxis.range[0] !== -180")
    assert page.is_checked("#map-zoom input[value=auto]")


def test_year_steps_keep_the_frame(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=midwa&year=2016")
    map_drawn(page)
    before = geo_ranges(page)
    page.focus("#map-year [role=slider]")
    page.keyboard.press("ArrowLeft")
    page.wait_for_url("**/map?process=midwa&year=2015")
    page.wait_for_function("() => document.querySelector('#map-graph .gtitle').textContent.includes('2015')")
    assert geo_ranges(page) == before


def test_overlap_colour_steps_are_the_same_in_every_year(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?year=1990")
    map_drawn(page)
    page.wait_for_selector("#map-graph .colorbar")
    steps_1990 = colour_steps(page)
    zmax_1990 = page.evaluate(f"() => document.querySelector('{GRAPH}').data[0].zmax")
    assert steps_1990[0] == "none" and steps_1990[-1].endswith("processes") and len(steps_1990) >= 5
    title = page.text_content("#map-graph .colorbar .cbtitle")
    assert "same steps in every year" in title
    page.fill("#map-year input[type=number]", "2016")
    page.keyboard.press("Tab")
    page.wait_for_url("**/map?year=2016")
    page.wait_for_function("() => document.querySelector('#map-graph .gtitle').textContent.includes('2016')")
    assert colour_steps(page) == steps_1990
    assert page.evaluate(f"() => document.querySelector('{GRAPH}').data[0].zmax") == zmax_1990
    # the same colour is the same count: Switzerland (one process in 1990) keeps the one-process colour
    assert page.evaluate(f"() => Math.max(...document.querySelector('{GRAPH}').data[0].z)") > 1
