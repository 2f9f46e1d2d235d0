"""The year series the browser steps through (dashboard/views/map_years.py): for every year, exactly the fills and
title the server's figure has; compact; and only for the states it can hold."""

from __future__ import annotations

import gzip
import html
import json

import numpy as np
import pytest

from dashboard.bench.harness import make_scaled_package
from dashboard.config import DATA_DIR
from dashboard.data.atlas import load_atlas
from dashboard.views.figures.map import make_map_figure
from dashboard.views.map_years import decode, encode_rows, selection_key, steps_in_browser, year_series
from dashboard.viewstate import ViewState

STATES = {
    "one process": ViewState(processes=("puebla",)),
    "all processes": ViewState(),
    "two processes": ViewState(processes=("puebla", "sacm")),
    "an issue, members only": ViewState(issues=("asylum",), role="member"),
    "observers of one": ViewState(processes=("budapest",), role="observer"),
    "regional, dark, a country open": ViewState(kinds=("regional",), theme="dark", country="DEU"),
}


def assert_series_is_the_figure(atlas, state: ViewState, years=None) -> dict:
    series = year_series(atlas, state)
    first, last = atlas.year_range
    assert series["first"] == first and series["last"] == last and len(series["z"]) == last - first + 1
    for year in years or range(first, last + 1):
        i = year - first
        figure = make_map_figure(atlas, state.with_(year=year))
        trace = figure["data"][0]
        epoch = series["epochs"][series["epoch"][i]]
        assert epoch["codes"] == trace["locations"], year  # the year's shapes, former states as they were
        assert epoch["names"] == trace["customdata"], year
        assert decode(series["z"][i], series["width"]) == trace["z"], year
        assert "<br>".join(map(html.escape, series["titles"][i])) == figure["layout"]["title"]["text"], year
    return series


@pytest.mark.parametrize("name", list(STATES))
def test_every_year_of_the_series_is_the_servers_figure(atlas, name):
    series = assert_series_is_the_figure(atlas, STATES[name])
    assert series["selection"] == selection_key(STATES[name])


def test_the_series_spans_the_former_states(atlas):
    series = year_series(atlas, ViewState())
    first = series["first"]
    shapes_1990 = series["epochs"][series["epoch"][1990 - first]]["codes"]
    shapes_2000 = series["epochs"][series["epoch"][2000 - first]]["codes"]
    assert "SUN" in shapes_1990 and "RUS" not in shapes_1990
    assert "RUS" in shapes_2000 and "SUN" not in shapes_2000
    assert len(series["epochs"]) < 10  # shapes change in a few years only; each set is sent once


def test_the_series_is_small_on_the_wire(atlas):
    for state in STATES.values():
        body = json.dumps(year_series(atlas, state), separators=(",", ":")).encode()
        assert len(gzip.compress(body)) < 8 * 1024, state


def test_a_scaled_atlas_counts_past_63(tmp_path):
    """With more processes a country takes part in more than 63 of them: two digits per value, still exact."""
    atlas = load_atlas(make_scaled_package(DATA_DIR, tmp_path / "data", 8))  # 9 processes at most at scale 1
    series = assert_series_is_the_figure(atlas, ViewState(), years=(1985, 1990, 1991, 2006, 2016))
    assert series["width"] == 2
    assert max(max(decode(z, 2)) for z in series["z"]) > 63


def test_digits_round_trip():
    values = np.array([[0, 1, 63, 64, 4095, 4096, 262143]])
    for width in (3,):
        assert decode(encode_rows(values, width)[0], width) == values[0].tolist()
    assert encode_rows(np.array([[0, 9, 10, 63]]), 1) == ["09a_"]


def test_only_states_the_series_can_hold_step_in_the_browser():
    assert steps_in_browser(ViewState(processes=("puebla",), year=2000, country="MEX", theme="slide"))
    assert steps_in_browser(ViewState(layers=("processes", "agreements")))
    assert not steps_in_browser(ViewState(layers=("agreements",)))  # no fills to step
    assert not steps_in_browser(ViewState(orgs=("iom",)))  # the organisations' layer: drawn by the server
    assert not steps_in_browser(ViewState(view="timeline"))
    assert year_series(None, ViewState(orgs=("iom",))) is None
