"""What exported images contain: coloured countries, different pictures for different views, the page and caption of
a PDF, and the timeline in every image format (not only the bytes' size and format)."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import pytest
from PIL import Image
from pypdf import PdfReader

from dashboard.views.figures.theme import get_theme
from tests.helpers import members_in_year

MEMBER = tuple(int(get_theme("light").member.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))


def _png(client, query: str) -> Image.Image:
    response = client.get(f"/export/{query}")
    assert response.status_code == 200 and response.mimetype == "image/png", response.data[:200]
    return Image.open(io.BytesIO(response.data)).convert("RGB")


def _share_of(image: Image.Image, colour: tuple[int, int, int], tolerance: int = 12) -> float:
    """The share of pixels within `tolerance` of `colour` (anti-aliased edges excluded)."""
    pixels = image.get_flattened_data()
    near = sum(1 for p in pixels if all(abs(a - b) <= tolerance for a, b in zip(p, colour)))
    return near / (image.width * image.height)


def _member_mask(image: Image.Image, tolerance: int = 12) -> set[tuple[int, int]]:
    small = image.resize((192, 108), Image.Resampling.NEAREST)
    return {
        (x, y)
        for y in range(small.height)
        for x in range(small.width)
        if all(abs(a - b) <= tolerance for a, b in zip(small.getpixel((x, y)), MEMBER))
    }


def test_png_map_draws_the_members_and_differs_between_views(client, renderer):
    # On the same world frame (zoom=world), so that the same pixel is the same place in both pictures.
    budapest = _png(client, "map.png?process=budapest&year=2006&zoom=world&width=960&height=540")
    puebla = _png(client, "map.png?process=puebla&year=2000&zoom=world&width=960&height=540")
    assert budapest.size == (960, 540)
    # Members are drawn in the member colour: Puebla's 11 members (Canada, the USA, Mexico, ...) fill a real share of
    # the picture; Budapest's members are European, so its member pixels are elsewhere.
    assert _share_of(puebla, MEMBER) > 0.01 and _share_of(budapest, MEMBER) > 0.0005
    a, b = _member_mask(budapest), _member_mask(puebla)
    assert a and b and len(a & b) < 0.2 * min(len(a), len(b))
    assert len(set(budapest.resize((96, 54)).get_flattened_data())) > 20  # a picture, not a flat fill


def test_svg_map_fills_a_shape_per_member(client, renderer):
    response = client.get("/export/map.svg?process=puebla&year=2000&width=1280&height=720")
    assert response.status_code == 200
    root = ET.fromstring(response.data)
    r, g, b = MEMBER
    fill = re.compile(rf"rgb\({r},\s*{g},\s*{b}\)")
    filled = [
        el
        for el in root.iter()
        if el.tag.endswith("path")
        and "choroplethlocation" in el.get("class", "")
        and fill.fullmatch(el.get("fill", ""))
    ]
    members = {iso for iso, role in members_in_year("puebla", 2000) if role == "member"}
    # One shape per member state (small states may be drawn as markers on top, never fewer shapes than that).
    assert len(filled) >= len(members) - 3 > 5


def test_pdf_has_the_asked_page_and_the_caption(client, renderer):
    response = client.get("/export/map.pdf?process=puebla&year=2000&width=1280&height=720")
    assert response.status_code == 200 and response.data[:5] == b"%PDF-"
    reader = PdfReader(io.BytesIO(response.data))
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert abs(float(box.width) / float(box.height) - 1280 / 720) < 0.01  # the asked aspect, whatever the unit
    text = " ".join(reader.pages[0].extract_text().split())
    for part in ("Puebla", "2000", "Source: Migration Governance Atlas", "/map?process=puebla"):
        assert part in text, f"{part!r} not in the PDF's text: {text[:300]}"


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_timeline_exports_in_every_image_format(client, renderer, fmt):
    response = client.get(f"/export/timeline.{fmt}?issue=asylum&width=1920&height=1080")
    assert response.status_code == 200, response.data[:300]
    if fmt == "png":
        image = Image.open(io.BytesIO(response.data)).convert("RGB")
        assert image.size == (1920, 1080) and len(set(image.resize((96, 54)).get_flattened_data())) > 10
    elif fmt == "pdf":
        text = " ".join(PdfReader(io.BytesIO(response.data)).pages[0].extract_text().split())
        assert "Asylum and refugee protection" in text and "UNHCR" in text and "/timeline?issue=asylum" in text
    else:
        text = " ".join("".join(el.itertext()) for el in ET.fromstring(response.data).iter() if el.tag.endswith("text"))
        assert "Asylum and refugee protection" in text and "/timeline?issue=asylum" in text
