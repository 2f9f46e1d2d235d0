"""Zoom to the selection and colour scales that hold across years: frames, small-state dots, fixed steps."""

from __future__ import annotations

import pytest

from dashboard.views.figures.frame import Box, frame_ranges, longitude_arc
from dashboard.views.figures.map import SLOT_COUNTRIES, SLOT_SMALL, boxes, make_map_figure
from dashboard.views.map import arcs_for
from dashboard.views.queries import peak_overlap
from dashboard.viewstate import ViewState


def geo(fig) -> dict:
    return fig["layout"]["geo"]


@pytest.mark.parametrize(
    "intervals, expected",
    [
        ([(-10, 40)], (-10, 40)),
        ([(170, 190)], (170, 190)),  # across the date line, east past 180
        ([(100, 150), (-175, -170)], (100, 190)),  # Asia and a Pacific island east of the date line
        ([(-120, -60), (0, 30)], (-120, 30)),  # the Atlantic is the smaller gap
        ([(-100, -90), (170, 180), (-180, -170)], (170, 270)),
        ([(5, 5)], (5, 5)),
    ],
)
def test_longitude_arc_is_the_shortest_cover(intervals, expected):
    assert longitude_arc(intervals) == pytest.approx(expected)


def test_frame_has_a_margin_a_least_size_and_none_for_the_world():
    frame = frame_ranges([Box(5, 15, 47, 55)])
    assert frame["lon"][0] < 5 and frame["lon"][1] > 15 and frame["lat"][0] < 47 and frame["lat"][1] > 55
    tiny = frame_ranges([Box(6.0, 6.5, 49.5, 50.1)])  # Luxembourg is not drawn as a wall of colour
    assert tiny["lon"][1] - tiny["lon"][0] >= 24 and tiny["lat"][1] - tiny["lat"][0] >= 14
    assert frame_ranges([Box(-120, -70, 25, 50), Box(100, 140, -40, 40), Box(0, 20, 40, 55)]) is None
    assert frame_ranges([]) is None


def test_frame_grows_to_fill_a_wide_plot_but_stays_a_zoom():
    narrow = frame_ranges([Box(-10, 0, 30, 60)])
    wide = frame_ranges([Box(-10, 0, 30, 60)], aspect=16 / 9)
    span = lambda f: f["lon"][1] - f["lon"][0]  # noqa: E731
    assert span(wide) > span(narrow) and span(wide) <= 1.61 * span(narrow)
    assert wide["lat"] == narrow["lat"]


def test_state_boxes_leave_out_far_parts(atlas):
    known = boxes(atlas)
    assert -6 < known["FRA"].west and known["FRA"].east < 10  # not French Guiana
    assert known["USA"].west > -130  # not Hawaii or the Aleutians
    assert known["NZL"].east > 175 and known["NZL"].west > 160  # one piece, across the date line
    assert known["KIR"].west == known["KIR"].east  # drawn as a dot: a point


def test_one_process_is_framed_and_zoom_world_keeps_the_world(atlas):
    framed = geo(make_map_figure(atlas, ViewState(processes=("midwa",), year=2016)))
    west, east = framed["lonaxis"]["range"]
    south, north = framed["lataxis"]["range"]
    assert -60 < west < -17 and 15 < east < 70  # West Africa (and its observer, Switzerland)
    assert -10 < south < 5 and 47 < north < 65
    world = geo(make_map_figure(atlas, ViewState(processes=("midwa",), year=2016, zoom="world")))
    assert world["lonaxis"]["range"] == [-180, 180] and world["lataxis"]["range"] == [-62, 85]
    assert framed["uirevision"] != world["uirevision"]


def test_frame_holds_while_the_year_changes(atlas):
    ranges = {
        str(geo(make_map_figure(atlas, ViewState(processes=("midwa",), year=y)))["lonaxis"]["range"])
        for y in (2001, 2010, 2016, 2026)
    }
    assert len(ranges) == 1


def test_the_frame_follows_the_role(atlas):
    members = geo(make_map_figure(atlas, ViewState(processes=("midwa",), year=2016, role="member")))
    everyone = geo(make_map_figure(atlas, ViewState(processes=("midwa",), year=2016)))
    assert members["lataxis"]["range"][1] < everyone["lataxis"]["range"][1]  # no Swiss observer to frame


def test_all_processes_is_the_world(atlas):
    assert geo(make_map_figure(atlas, ViewState(year=2016)))["lonaxis"]["range"] == [-180, 180]


def test_agreements_alone_frame_their_parties_and_speak_of_agreements(atlas):
    state = ViewState(year=1970, layers=("agreements",))
    fig = make_map_figure(atlas, state, arcs=arcs_for(atlas, state, 1970))
    west, east = geo(fig)["lonaxis"]["range"]
    assert west > -40 and east < 150  # Portugal to Korea, not the Americas
    assert fig["layout"]["title"]["text"] == "Bilateral migration agreements in force, 1970"
    assert fig["data"][SLOT_COUNTRIES]["showscale"] is False
    assert not any(fig["data"][SLOT_COUNTRIES]["z"])


def test_small_shapes_get_a_dot_when_a_few_pixels_wide(atlas):
    state = ViewState(year=1990)  # only the IGC then: Switzerland among its members
    on_screen = make_map_figure(atlas, state)
    assert "CHE" in on_screen["data"][SLOT_SMALL]["customdata"]
    huge = make_map_figure(atlas, state, plot_size=(4000, 2200))
    assert "CHE" not in huge["data"][SLOT_SMALL]["customdata"]


def test_overlap_scale_is_the_same_in_every_year(tiny_atlas):
    state = ViewState(processes=("p-one", "p-two"))
    assert peak_overlap(tiny_atlas, ("p-one", "p-two")) == 2  # Germany, in both from 1995
    early = make_map_figure(tiny_atlas, state.with_(year=1991))["data"][SLOT_COUNTRIES]
    later = make_map_figure(tiny_atlas, state.with_(year=1996))["data"][SLOT_COUNTRIES]
    assert max(early["z"]) == 1 and max(later["z"]) == 2
    assert (early["zmin"], early["zmax"], early["colorscale"]) == (later["zmin"], later["zmax"], later["colorscale"])
    assert early["colorbar"]["ticktext"] == ["none", "1", "2 processes"]
    assert "same steps in every year" in early["colorbar"]["title"]["text"]


def test_real_all_process_scale_is_fixed(atlas):
    tops = {make_map_figure(atlas, ViewState(year=y))["data"][SLOT_COUNTRIES]["zmax"] for y in (1990, 2000, 2016)}
    assert tops == {peak_overlap(atlas, tuple(atlas.process_by_id)) + 0.5}


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
@pytest.mark.parametrize(
    "query",
    [
        "zoom=world",
        "zoom=world&theme=slide",
        "process=sacm",
        "process=bali&lang=es",
        "process=midsa",
        "process=apc&theme=slide",
    ],
)
def test_the_far_south_is_inside_an_exported_map_and_nothing_covers_it(atlas, query, size):
    """Tierra del Fuego sat 2.5 degrees above the world's south edge (-58), so on a slide-sized map it touched the
    colour bar's title right under the plot. Every state framed (on the world map: every state) now ends at least
    4 degrees above the edge, and the notes, colour bar and caption all start below the map's area."""
    import datetime as dt

    from dashboard.export.caption import make_caption
    from dashboard.export.sized import image_figure
    from dashboard.strings import language
    from dashboard.views.figures.frame import WORLD_LAT
    from dashboard.views.figures.map_frame import frame_codes
    from dashboard.viewstate import Catalog, parse_view

    state = parse_view(query, Catalog.from_atlas(atlas), view="map")[0]
    with language(state.lang):
        caption = make_caption(atlas, state, today=dt.date(2026, 12, 1))
        fig = image_figure(atlas, state, caption, *size)
    layout = fig["layout"]
    south = layout["geo"]["lataxis"]["range"][0]
    known = boxes(atlas)
    codes = known if state.zoom == "world" else frame_codes(atlas, state, state.processes)
    assert min(known[c].south for c in codes if c in known) - south >= 4, (south, WORLD_LAT)
    assert layout["geo"]["domain"]["y"] == [0, 1]  # the map's area is the plot's: the margins hold the rest
    for note in layout["annotations"]:
        assert note["yref"] == "paper" and note["y"] <= 0 and note["yanchor"] == "top" and note.get("yshift", 0) <= 0
    bar = fig["data"][SLOT_COUNTRIES].get("colorbar") or {}
    if fig["data"][SLOT_COUNTRIES].get("showscale", True) and bar:
        assert bar["y"] <= 0 and bar["yanchor"] == "top"
