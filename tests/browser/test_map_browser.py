"""The map in real Chromium: drawn offline, filters, year, overlap, profile, reload restores the view."""

from __future__ import annotations

import pytest

from tests.browser.conftest import map_drawn

pytestmark = pytest.mark.browser


def test_map_loads_offline_and_draws_members(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=puebla&year=2000")
    map_drawn(page)
    # Puebla had 11 members and 5 observers in 2000: the panel says so and the table lists them.
    assert "11 members, 5 observers" in page.inner_text("#process-panel")
    assert "Mexico" in page.inner_text("#map-table")
    coloured = page.eval_on_selector("#map-graph .js-plotly-plot", "el => el.data[0].z.filter(v => v > 0).length")
    assert coloured >= 16
    assert any(u.endswith("/assets/topojson/world_110m.json") for u in offline_page.requests)
