"""`python -m dashboard export`: one view to a file, several views to a deck read back with python-pptx."""

from __future__ import annotations

import csv
import io

import pytest
from pptx import Presentation

from dashboard.cli import main
from tests.helpers import members_in_year

BASE = "http://atlas.example"
THIRD = "mandates?org=ilo,unhcr,iom"


def test_three_view_deck(tmp_path, renderer, app, capsys):
    deck = tmp_path / "talk.pptx"
    views = ["map?process=puebla&year=2000", "/map?issue=asylum&year=1995&theme=slide", THIRD]
    assert main(["export", *views, "-o", str(deck), "--base-url", BASE]) == 0
    assert f"Wrote {deck}" in capsys.readouterr().out
    prs = Presentation(str(deck))
    assert round(prs.slide_width / prs.slide_height, 2) == 1.78  # 16:9
    slides = list(prs.slides)
    assert len(slides) == 3
    assert (
        slides[0].shapes.title.text
        == "Regional Conference on Migration (RCM; Puebla Process): members and observers, 2000"
    )
    permalinks = [
        f"{BASE}/map?process=puebla&year=2000",
        f"{BASE}/map?issue=asylum&year=1995&theme=slide",
        f"{BASE}/{THIRD}",
    ]
    for slide, permalink in zip(slides, permalinks):
        pictures = [s for s in slide.shapes if s.shape_type == 13]  # MSO_SHAPE_TYPE.PICTURE
        assert len(pictures) == 1 and pictures[0].image.content_type == "image/png"
        texts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        assert any(t.startswith("Source: Migration Governance Atlas; data from") for t in texts)
        assert slide.notes_slide.notes_text_frame.text.splitlines()[0] == permalink
    # The pictures' alt text says what each chart shows, in words from its rows, not only its title.
    alt = [[s for s in slide.shapes if s.shape_type == 13][0]._element.nvPicPr.cNvPr.get("descr") for slide in slides]
    assert alt[0].startswith(
        "Regional Conference on Migration (RCM; Puebla Process), 2000: 11 member states and 5 observers."
    )
    assert "Members: Belize, Canada" in alt[0] and "Source: Migration Governance Atlas" in alt[0]
    assert alt[2].startswith("Mandates compared: ILO, UNHCR, IOM, today.") and "core mandates" in alt[2]
    assert "Members and observers, 1995, issue: Asylum and refugee protection" in [
        s.text_frame.text for s in slides[1].shapes if s.has_text_frame
    ]


def test_one_view_to_csv_matches_the_rows(tmp_path, app, atlas):
    out = tmp_path / "puebla.csv"
    assert main(["export", "map?process=puebla&year=2000", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert {(r["iso3"], r["role"]) for r in rows} == members_in_year("puebla", 2000)
    assert len(rows) == len(members_in_year("puebla", 2000))  # one row per membership, none twice
    assert {r["process"] for r in rows} == {"Regional Conference on Migration (Puebla Process)"} or all(
        "Puebla" in r["process"] for r in rows
    )
    assert all(r["source_url"].startswith("http") and r["year"] == "2000" for r in rows)


@pytest.mark.parametrize(
    "args, message",
    [
        (["atlantis?year=2000", "-o", "x.png"], "Unknown view 'atlantis'"),
        (["map", "-o", "x.bmp"], "use one of .png, .svg, .pdf, .html, .csv, .gif, .mp4, .pptx"),
        (["map", "map", "-o", "x.gif"], "a .gif file takes one view"),
        (["map?from=2000&to=1990", "-o", "x.mp4"], "'from' (2000) is after 'to' (1990)"),
        (["map", "map", "-o", "x.png"], "a .png file takes one view"),
        (["map", "-o", "x.png", "--width", "10"], "'width' must be a whole number from 200 to 4000"),
        (["map"] * 31 + ["-o", "x.pptx"], "at most 30 views"),
    ],
)
def test_bad_export_commands_say_why(tmp_path, app, capsys, args, message):
    args = [a if a != "x.png" and not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert main(["export", *args]) == 2
    assert message in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err, err
    assert err.startswith("error: ")
    return err


def test_bad_output_paths_are_one_line_errors(tmp_path, capsys):
    (tmp_path / "a-file").write_text("x")
    (tmp_path / "dir.csv").mkdir()
    for target, reason in ((tmp_path / "dir.csv", "it is a directory"), (tmp_path / "a-file" / "x.csv", "File exists")):
        assert main(["export", "map?process=puebla", "-o", str(target)]) == 2
        err = _one_line_error(capsys)
        assert err == f"error: Cannot write '{target}': {reason}.", err


def test_unwritable_output_is_a_one_line_error(tmp_path, capsys):
    assert main(["export", "map?process=puebla", "-o", "/proc/atlas-export.csv"]) == 2
    assert "Cannot write '/proc/atlas-export.csv'" in _one_line_error(capsys)


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "ftp://atlas.example", "atlas.example", "http://"])
def test_base_url_must_be_http(tmp_path, capsys, bad):
    out = tmp_path / "x.csv"
    assert main(["export", "map", "-o", str(out), "--base-url", bad]) == 2
    assert f"--base-url must be an http:// or https:// address with a host (found '{bad}')" in _one_line_error(capsys)
    assert not out.exists()


def test_repeated_size_in_an_address_is_refused_as_on_the_server(tmp_path, capsys):
    assert main(["export", "map?width=300&width=400", "-o", str(tmp_path / "x.png")]) == 2
    assert _one_line_error(capsys) == "error: 'width' is given 2 times; give it once."


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "atlas.example"])
def test_debug_is_refused_off_loopback(capsys, host):
    assert main(["serve", "--debug", "--host", host]) == 2
    assert "--debug" in _one_line_error(capsys)


def test_loopback_names():
    from dashboard.cli.serve import is_loopback

    assert all(map(is_loopback, ["127.0.0.1", "127.1.2.3", "::1", "[::1]", "localhost"]))
    assert not any(map(is_loopback, ["0.0.0.0", "::", "10.0.0.1", "example.org"]))


def test_the_default_file_name_says_the_view(atlas):
    # Without -o the CLI names the file for what it shows, as the app's Export control and modebar camera do.
    from dashboard.cli.export import default_output
    from dashboard.viewstate import Catalog

    catalog = Catalog.from_atlas(atlas)
    assert str(default_output(["map?process=budapest&year=1995"], catalog)) == "budapest-1995-map.png"
    assert str(default_output(["/timeline?issue=asylum"], catalog)) == "asylum-timeline.png"
    assert str(default_output(["map", "timeline"], catalog)) == "migration-atlas-deck.pptx"
