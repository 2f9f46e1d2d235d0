"""Decks from the app: /export/deck.pptx, /export/deck.html and /present (each `?view=...` once per slide), and the
deck basket's pure parts."""

from __future__ import annotations

import io
import json
import re
from urllib.parse import quote

import pytest
from pptx import Presentation
from pptx.util import Pt

from dashboard.export.deck_request import DEFAULT_WEB_DECK, plan_deck
from dashboard.export.params import ExportError
from dashboard.viewstate import Catalog
from dashboard.web.deck_basket import clean, deck_query, edit

VIEWS = ("/map?process=budapest&year=1995", "/timeline?issue=asylum", "/overlaps?year=2006")


def q(*views: str) -> str:
    return "&".join("view=" + quote(v, safe="") for v in views)


@pytest.mark.parametrize(
    "query, said",
    [
        ("", "at least one 'view' parameter"),
        ("view=", "'view' number 1 is empty"),
        (q("/map", "/about"), "'view' number 2 ('/about'): Unknown view 'about'"),
        (q("/present?view=%2Fmap"), "Unknown view 'present'"),
        (q(*["/map"] * (DEFAULT_WEB_DECK + 1)), f"at most {DEFAULT_WEB_DECK} views (found {DEFAULT_WEB_DECK + 1}"),
        (q("/map?width=abc"), "'width' must be a whole number from 200 to 4000 (found 'abc')"),
        (q("/map?width=900&width=1000"), "'width' is given 2 times"),
    ],
)
@pytest.mark.parametrize("route", ["/export/deck.pptx", "/export/deck.html", "/present"])
def test_bad_decks_answer_400_naming_the_parameter(client, route, query, said):
    response = client.get(f"{route}?{query}")
    assert response.status_code == 400
    assert response.headers["X-Atlas-Parameter"] == "view"
    assert said in response.get_data(as_text=True)


def test_a_views_own_bad_values_are_notices_not_errors(atlas):
    plan = plan_deck(q("/map?year=abc", "/timeline") + "&colour=red", Catalog.from_atlas(atlas))
    assert [s.view for s in plan.states] == ["map", "timeline"]
    assert any(n.startswith("view 1: 'abc' is not a year") for n in plan.notices)
    assert any("Unknown parameter 'colour'" in n for n in plan.notices)
    with pytest.raises(ExportError) as error:
        plan_deck(q("/map", "/map", "/map"), Catalog.from_atlas(atlas), limit=2)
    assert error.value.parameter == "view" and "at most 2 views (found 3" in str(error.value)


def test_present_defaults_to_the_slide_theme_unless_a_view_names_one(atlas):
    plan = plan_deck(q("/map", "/timeline?theme=dark"), Catalog.from_atlas(atlas), default_theme="slide")
    assert [s.theme for s in plan.states] == ["slide", "dark"]
    assert [s.theme for s in plan_deck(q("/map"), Catalog.from_atlas(atlas)).states] == ["light"]


def test_present_page_has_one_section_per_view_and_loads_only_the_apps_files(client):
    response = client.get(f"/present?{q(*VIEWS)}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert len(re.findall(r'<section class="slide"', page)) == 3
    assert '<span class="counter" aria-live="polite">1 / 3</span>' in page
    assert "Budapest Process: members and observers, 1995" in page
    # The app's Content-Security-Policy allows no inline script: only files of the app, and data in JSON.
    scripts = re.findall(r"<script([^>]*)>", page)
    assert all('src="/' in attrs or 'type="application/json"' in attrs for attrs in scripts), scripts
    assert "http://" not in "".join(re.findall(r'src="([^"]+)"', page))
    data = json.loads(re.search(r'id="deck-data">(.*?)</script>', page, re.S).group(1))
    years = data["slides"][0]["years"]
    assert years["year"] == 1995 and len(years["z"]) == len(years["titles"]) == years["last"] - years["first"] + 1
    assert years["titles"][2006 - years["first"]] == "Budapest Process: members and observers, 2006"
    assert data["slides"][1]["years"] is None  # the timeline has no year to step
    assert client.get("/assets/present/present.js").status_code == 200


def test_deck_html_is_one_file_with_plotly_and_the_base_map_inline(client):
    response = client.get(f"/export/deck.html?{q(*VIEWS, '/map?year=2006')}")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"].startswith('inline; filename="migration-atlas-deck')
    assert "sandbox" in response.headers["Content-Security-Policy"]
    page = response.get_data(as_text=True)
    assert not re.findall(r"<script[^>]*\ssrc=", page) and "window.PlotlyGeoAssets" in page
    assert "atlasPresent" in page  # the stepping script, inline
    data = json.loads(re.search(r'id="deck-data">(.*?)</script>', page, re.S).group(1))
    # Two map slides, one copy of the shapes.
    refs = [t.get("geojson") for s in data["slides"] for t in s["figure"]["data"] if t.get("geojson")]
    assert refs == ["atlas:shared-geojson", "atlas:shared-geojson"] and data["shared"]["type"] == "FeatureCollection"
    again = client.get(f"/export/deck.html?{q(*VIEWS, '/map?year=2006')}")
    assert again.headers["X-Atlas-Cache"] == "hit" and again.data == response.data


def test_deck_pptx_from_the_app(client, renderer, monkeypatch):
    monkeypatch.setenv("ATLAS_BASE_URL", "http://atlas.example")
    response = client.get(f"/export/deck.pptx?{q(*VIEWS)}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    assert response.headers["X-Atlas-Slides"] == "3"
    slides = list(Presentation(io.BytesIO(response.data)).slides)
    assert len(slides) == 3
    sizes = {run.font.size for s in slides for p in s.shapes.title.text_frame.paragraphs for run in p.runs}
    assert sizes == {Pt(24)}  # one title size on every slide, long title or short
    for slide, view in zip(slides, VIEWS):
        footer = next(s for s in slide.shapes if s.name == "Footer").text_frame
        assert footer.paragraphs[0].text.startswith("Source: Migration Governance Atlas; data from")
        assert footer.paragraphs[1].text == f"http://atlas.example{view}"  # the permalink, in words
        notes = slide.notes_slide.notes_text_frame.text.splitlines()
        assert notes[0] == f"http://atlas.example{view}"
        assert notes[1].startswith("Filters: ") and "Sources:" in notes
        sources = notes[notes.index("Sources:") + 1 :]
        assert sources and all(line.startswith("- ") for line in sources)
        assert any("http" in line for line in sources)
        picture = next(s for s in slide.shapes if s.shape_type == 13)
        assert picture.image.size[0] == 1920  # the chart area at 1920 px, its text held legible (deck.chart_floor)
    assert "- FECL 13 (March 1993)" in "\n".join(slides[0].notes_slide.notes_text_frame.text.splitlines())
    assert client.get(f"/export/deck.pptx?{q(*VIEWS)}").headers["X-Atlas-Cache"] == "hit"


def test_basket_adds_once_removes_moves_and_drops_what_is_no_view(atlas):
    catalog = Catalog.from_atlas(atlas)
    stored, said = edit(catalog, None, "add", "/map", "?year=1995&process=budapest")
    assert stored == ["/map?process=budapest&year=1995"] and said.startswith("Added")
    stored, said = edit(catalog, "\n".join(stored), "add", "/map", "?process=budapest&year=1995")
    assert len(stored) == 1 and said.startswith("Already in the deck")
    stored, _ = edit(catalog, "\n".join(stored), "add", "/timeline", "?issue=asylum")
    assert edit(catalog, "\n".join(stored), ("up", 1), None, None)[0] == ["/timeline?issue=asylum", stored[0]]
    assert edit(catalog, "\n".join(stored), ("remove", 0), None, None)[0] == ["/timeline?issue=asylum"]
    assert edit(catalog, "\n".join(stored), "add", "/about", "")[0] == stored  # no chart: nothing added
    assert clean(catalog, "/about\n/atlantis?x=1\n/map?year=2000\n" + "x" * 3000) == ["/map?year=2000"]
    assert clean(catalog, ["/map"]) == [] and clean(catalog, None) == []
    full = "\n".join(f"/map?year={1990 + i}" for i in range(DEFAULT_WEB_DECK))
    assert edit(catalog, full, "add", "/timeline", "")[1].startswith("The deck is full")
    assert deck_query(["/map?process=a,b&year=1"]) == "view=%2Fmap%3Fprocess%3Da%2Cb%26year%3D1"
