"""`python -m dashboard export`: one view to a file, several views to a deck read back with python-pptx."""

from __future__ import annotations

import importlib.util

import pytest
from pptx import Presentation

from dashboard.cli import main
from dashboard.export import rows_to_csv
from dashboard.pages import PAGES
from dashboard.viewstate import ViewState

BASE = "http://atlas.example"
THIRD = "mandates?org=ilo,unhcr,iom" if importlib.util.find_spec("dashboard.pages.mandates_page") else "map?year=1990"


def test_three_view_deck(tmp_path, renderer, app, capsys):
    deck = tmp_path / "talk.pptx"
    views = ["map?process=puebla&year=2000", "/map?issue=asylum&year=1995&theme=slide", THIRD]
    assert main(["export", *views, "-o", str(deck), "--base-url", BASE]) == 0
    assert f"Wrote {deck}" in capsys.readouterr().out
    prs = Presentation(str(deck))
    assert round(prs.slide_width / prs.slide_height, 2) == 1.78          # 16:9
    slides = list(prs.slides)
    assert len(slides) == 3
    assert slides[0].shapes.title.text == "Regional Conference on Migration (Puebla Process): members and observers, 2000"
    permalinks = [f"{BASE}/map?process=puebla&year=2000", f"{BASE}/map?issue=asylum&year=1995&theme=slide",
                  f"{BASE}/{THIRD}"]
    for slide, permalink in zip(slides, permalinks):
        pictures = [s for s in slide.shapes if s.shape_type == 13]      # MSO_SHAPE_TYPE.PICTURE
        assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert any(t.startswith("Source: Migration Governance Atlas; data from") for t in texts)
        assert slide.notes_slide.notes_text_frame.text.splitlines()[0] == permalink
    assert "Members and observers, 1995, issue: Asylum and refugee protection" in \
        [s.text_frame.text for s in slides[1].shapes if s.has_text_frame]


def test_one_view_to_csv_matches_the_rows(tmp_path, app, atlas):
    out = tmp_path / "puebla.csv"
    assert main(["export", "map?process=puebla&year=2000", "-o", str(out)]) == 0
    rows = PAGES["map"].make_rows(atlas, ViewState(processes=("puebla",), year=2000))
    assert out.read_text(encoding="utf-8") == rows_to_csv(rows)


@pytest.mark.parametrize("args, message", [
    (["atlantis?year=2000", "-o", "x.png"], "Unknown view 'atlantis'"),
    (["map", "-o", "x.gif"], "use one of .png, .svg, .pdf, .html, .csv, .pptx"),
    (["map", "map", "-o", "x.png"], "a .png file takes one view"),
    (["map", "-o", "x.png", "--width", "10"], "'width' must be a whole number from 200 to 4000"),
    (["map"] * 31 + ["-o", "x.pptx"], "at most 30 views"),
])
def test_bad_export_commands_say_why(tmp_path, app, capsys, args, message):
    args = [a if a != "x.png" and not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert main(["export", *args]) == 2
    assert message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())
