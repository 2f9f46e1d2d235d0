"""Type sized from the output: the smallest text in SVG and PDF exports of every view at 1920 x 1080 and 1280 x 720,
measured in the files themselves; an export that cannot be legible at its size is refused, naming what would do."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from dashboard.export.formats import export_view
from dashboard.export.params import ExportError
from dashboard.views.figures.theme import text_floor
from dashboard.viewstate import Catalog, parse_view

LIMITS = {(1920, 1080): 14.0, (1280, 720): 11.0}  # px: the issue's rule for projected slides
FONT_SIZE = re.compile(r"font-size\s*[:=]\s*\"?\s*([0-9.]+)(px)?")
# Every view, and the map in each of its modes; the whole timeline and the busiest matrices only where they fit.
ADDRESSES = (
    "/map?process=budapest&year=1995",
    "/map?year=2006",
    "/map?process=budapest&year=2006&compare=1995",
    "/map?year=1970&layer=agreements",
    "/map?org=iom&year=1990",
    "/timeline?kind=regional,interregional",
    "/timeline?issue=asylum",
    "/mandates",
    "/mandates?org=ilo,unhcr,iom",
    "/overlaps?year=2006",
    "/overlaps?process=budapest,rabat,khartoum&year=2016",
    "/map?year=2006&country=DEU",  # a country's profile
    # French and Spanish words are longer: the same rule holds in every language of the exports
    "/map?process=budapest&year=1995&lang=fr",
    "/map?process=budapest&year=2006&compare=1995&lang=es",
    "/timeline?issue=asylum&lang=es",
    "/mandates?org=ilo,unhcr,iom&lang=fr",
    "/overlaps?year=2006&lang=es",
)
# Views that must be drawn (not refused) at both sizes: a refusal everywhere would pass the size check vacuously.
# One of each view (map, change map, profile, timeline, mandates, overlaps) at least.
DRAWN_AT_BOTH = (
    "/map?process=budapest&year=1995",
    "/map?year=2006",
    "/map?process=budapest&year=2006&compare=1995",
    "/map?year=2006&country=DEU",
    "/timeline?issue=asylum",
    "/mandates?org=ilo,unhcr,iom",
    "/overlaps?year=2006",
    "/map?process=budapest&year=1995&lang=fr",
    "/mandates?org=ilo,unhcr,iom&lang=fr",
    "/overlaps?year=2006&lang=es",
)


def smallest_svg_text(svg: str) -> float:
    """The smallest font size an SVG sets (attributes and style declarations, plotly's text and tspans alike)."""
    sizes = [float(m.group(1)) for m in FONT_SIZE.finditer(svg)]
    assert sizes, "no text in the SVG"
    return min(sizes)


def smallest_pdf_text(pdf: bytes, width_px: int) -> float:
    """The smallest text drawn on the PDF's page, in the export's pixels (points scaled by page width / width_px)."""
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    px_per_pt = width_px / float(page.mediabox.width)
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):
        if text.strip() and size:
            # the text's scale in page points, rotation aside (the overlaps' column names are at -45 degrees)
            a, b, c, d = (
                tm[0] * cm[0] + tm[1] * cm[2],
                tm[0] * cm[1] + tm[1] * cm[3],
                tm[2] * cm[0] + tm[3] * cm[2],
                tm[2] * cm[1] + tm[3] * cm[3],
            )
            sizes.append(size * abs(a * d - b * c) ** 0.5 * px_per_pt)

    page.extract_text(visitor_text=visit)
    assert sizes, "no text in the PDF"
    return min(sizes)


@pytest.fixture(scope="module")
def catalog(atlas):
    return Catalog.from_atlas(atlas)


def _export(atlas, catalog, address: str, fmt: str, size: tuple[int, int], renderer) -> bytes | ExportError:
    state, notices = parse_view(address, catalog)
    assert not notices, notices
    try:
        return export_view(atlas, state, fmt, width=size[0], height=size[1], renderer=renderer)
    except ExportError as exc:
        return exc


def test_every_view_is_measured_drawn_at_both_sizes():
    views = {
        "change map" if "compare=" in a else "profile" if "country=" in a else a[1:].split("?")[0]
        for a in DRAWN_AT_BOTH
    }
    assert views == {"map", "change map", "profile", "timeline", "mandates", "overlaps"}
    assert set(DRAWN_AT_BOTH) <= set(ADDRESSES)


def test_the_floor_is_the_issues_rule_and_grows_with_the_output():
    assert text_floor(1920, 1080) == pytest.approx(14) and text_floor(1280, 720) == pytest.approx(11)
    assert text_floor(3840, 2160) > text_floor(1920, 1080) > text_floor(1280, 720) >= text_floor(400, 300) >= 9
    # scale multiplies the output's pixels: CSS sizes are the output's divided by it
    assert text_floor(960, 540, 2) * 2 == pytest.approx(text_floor(1920, 1080))


@pytest.mark.parametrize("size", list(LIMITS))
@pytest.mark.parametrize("address", ADDRESSES)
def test_no_svg_text_under_the_limit(atlas, catalog, renderer, address, size):
    out = _export(atlas, catalog, address, "svg", size, renderer)
    if isinstance(out, ExportError):
        assert address not in DRAWN_AT_BOTH, str(out)
        assert out.parameter == "height" and "height=" in str(out)
        return
    assert smallest_svg_text(out.decode("utf-8")) >= LIMITS[size], address


@pytest.mark.parametrize("size", list(LIMITS))
@pytest.mark.parametrize(
    "address",
    [
        "/map?process=budapest&year=1995",
        "/map?process=budapest&year=2006&compare=1995",
        "/map?year=2006&country=DEU",
        "/timeline?issue=asylum",
        "/mandates?org=ilo,unhcr,iom",
        "/overlaps?year=2006",
        "/overlaps?year=2006&lang=fr",
    ],
)
def test_no_pdf_text_under_the_limit(atlas, catalog, renderer, address, size):
    out = _export(atlas, catalog, address, "pdf", size, renderer)
    assert not isinstance(out, ExportError), str(out)
    assert smallest_pdf_text(out, size[0]) >= LIMITS[size], address


def test_the_whole_timeline_at_1280_x_720_is_refused_with_what_would_do(client, renderer):
    response = client.get("/export/timeline.png?width=1280&height=720")
    assert response.status_code == 400
    assert response.headers["X-Atlas-Parameter"] == "height"
    text = response.get_data(as_text=True)
    need = int(re.search(r"height=(\d+)", text).group(1))
    assert need > 720 and "kind=" in text and "issue=" in text and "11 px" in text
    # and what it says will do, does: at that height the whole timeline is drawn, its text above that size's floor
    fits = client.get(f"/export/timeline.svg?width=1280&height={need}")
    assert fits.status_code == 200, fits.get_data(as_text=True)[:300]
    assert smallest_svg_text(fits.get_data(as_text=True)) >= text_floor(1280, need) - 0.5


def test_the_cli_says_the_same_and_writes_nothing(tmp_path, capsys):
    from dashboard.cli import main

    out = tmp_path / "timeline.png"
    assert main(["export", "/timeline", "--width", "1280", "--height", "720", "-o", str(out)]) == 2
    assert "height=" in capsys.readouterr().err and not out.exists()
