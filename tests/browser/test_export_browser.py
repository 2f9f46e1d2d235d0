"""Exports in real Chromium: the HTML file draws the whole map from disk with no request; embeds and the control."""

from __future__ import annotations

import pytest

from dashboard.export.formats import export_view
from dashboard.viewstate import Catalog, parse_view
from tests.browser.conftest import map_drawn, recorded_page

pytestmark = pytest.mark.browser


def test_exported_html_draws_the_map_from_disk_with_no_request(chromium_browser, app, atlas, tmp_path):
    state, _ = parse_view("process=puebla&year=2000", Catalog.from_atlas(atlas), view="map")
    path = tmp_path / "puebla.html"
    path.write_bytes(export_view(atlas, state, "html", root="http://atlas.example"))
    with recorded_page(chromium_browser, "file://", {"width": 1600, "height": 900}, offline=True) as recorded:
        page, requests = recorded.page, recorded.requests
        page.context.route(
            "**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_()
        )
        page.goto(path.as_uri())
        map_drawn(page, "#chart")
        shapes = page.eval_on_selector_all("#chart .geo .choroplethlocation", "els => els.length")
        # the base map's ocean, drawn from the topojson inside the file
        ocean = page.eval_on_selector("#chart .geo g.layer.ocean path", "el => (el.getAttribute('d') || '').length")
        coloured = page.eval_on_selector("#chart", "el => el.data[0].z.filter(v => v > 0).length")
        footer = page.eval_on_selector("#chart .infolayer", "el => el.textContent")
    assert shapes > 150 and ocean > 1000 and coloured >= 16
    assert (
        "Source: Migration Governance Atlas; data from" in footer
        and "http://atlas.example/map?process=puebla" in footer
    )
    assert requests == [path.as_uri()], f"the file made requests: {requests[1:]}"


def test_embed_draws_offline_with_title_source_and_link(offline_page, server):
    page = offline_page.page
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(f"{server}/embed/map?process=puebla&year=2000")
    map_drawn(page, "#chart")
    assert errors == []  # e.g. no script refused by the Content-Security-Policy
    assert "Puebla" in page.inner_text("h1")
    assert page.inner_text(".source").startswith("Source: Migration Governance Atlas")
    assert page.get_attribute("a.permalink", "href").endswith("/map?process=puebla&year=2000")


def test_export_control_follows_the_view(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=puebla&year=2000")
    page.click("#export-panel summary")
    page.wait_for_function(
        "() => (document.querySelector('#export-download') || {}).getAttribute('href')"
        "?.includes('/export/map.png?process=puebla&year=2000&width=1920&height=1080&scale=1')",
        timeout=20000,
    )
    page.click("label:has-text('1280 × 720')")
    page.click("#export-slide input")
    page.wait_for_function(
        "() => document.querySelector('#export-download').getAttribute('href')"
        ".endsWith('theme=slide&width=1280&height=720&scale=1')",
        timeout=20000,
    )
    embed = page.input_value("#export-embed")
    assert embed.startswith(f'<iframe src="{server}/embed/map?process=puebla&amp;year=2000"')
    assert page.input_value("#export-link") == f"{server}/map?process=puebla&year=2000"
