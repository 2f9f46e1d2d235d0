"""A deck's type: every slide's chart text at the slide floor, and its key (legend, colour bar, key line) at the
slide's own smallest text (the footer's points), measured in the pictures' SVG; and every slide framed alike."""

from __future__ import annotations

import io
import re

import pytest
from pptx import Presentation
from pptx.util import Pt

from dashboard.export import deck
from dashboard.viewstate import Catalog, parse_view

ADDRESSES = (
    "/map?process=budapest&year=1995",
    "/map?year=2006",
    "/map?process=budapest&year=2006&compare=1995",
    "/map?year=2006&country=DEU",
    "/timeline?issue=asylum",
    "/mandates?org=ilo,unhcr,iom",
    "/overlaps?year=2006",
    "/overlaps?process=budapest,rabat,khartoum&year=2016",
)
LEGEND_TEXT = re.compile(r'class="legendtext"[^>]*?font-size:\s*([0-9.]+)px')


class Capturing:
    """The real renderer, keeping each slide's figure and its SVG as well."""

    def __init__(self, renderer):
        self.renderer, self.figures, self.svgs = renderer, [], []

    def render(self, figure, fmt, width, height, scale=1):
        self.figures.append(figure)
        self.svgs.append(self.renderer.render(figure, "svg", width, height, scale).decode())
        return self.renderer.render(figure, fmt, width, height, scale)


@pytest.fixture(scope="module")
def slides(atlas, renderer):
    catalog = Catalog.from_atlas(atlas)
    jobs = [(parse_view(a, catalog)[0], (1920, 1080, 1), False) for a in ADDRESSES]
    capturing = Capturing(renderer)
    pptx = deck.write_deck(atlas, jobs, renderer=capturing)
    return Presentation(io.BytesIO(pptx)), capturing


def _key_sizes(figure: dict) -> list[float]:
    layout = figure["layout"]
    sizes = []
    if any(trace.get("showlegend") for trace in figure["data"]):
        sizes.append(layout["legend"]["font"]["size"])
    for trace in figure["data"]:
        bar = trace.get("colorbar")
        if bar and trace.get("showscale", True) and bar.get("tickfont"):
            sizes += [bar["tickfont"]["size"], bar["title"]["font"]["size"]]
    sizes += [a["font"]["size"] for a in layout.get("annotations", []) if a.get("name") == "mandates-key"]
    return sizes


def test_every_slides_key_is_at_the_slides_own_smallest_text(slides):
    _, capturing = slides
    size = deck.chart_size()
    key, floor = deck.key_floor(size), deck.chart_floor(size)
    assert key * deck.fitted(size)[0] / size[0] / Pt(1) == pytest.approx(deck.FOOTER_PT)  # 12 pt on the slide
    for address, figure, svg in zip(ADDRESSES, capturing.figures, capturing.svgs):
        sizes = _key_sizes(figure)
        assert sizes, f"{address}: no legend, colour bar or key line"
        assert min(sizes) >= key - 0.5, (address, sizes, key)  # about 7 pt before: the labels' size
        drawn = [float(x) for x in re.findall(r"font-size:\s*([0-9.]+)px", svg)]
        assert min(drawn) >= floor - 0.5, address  # and nothing else under the slide floor
        if "legendtext" in svg:
            assert min(float(x) for x in LEGEND_TEXT.findall(svg) if x) >= key - 0.5, address


def test_every_slide_has_the_same_frame(slides):
    prs, _ = slides
    titles = set()
    for slide, address in zip(prs.slides, ADDRESSES):
        title = slide.shapes.title
        titles.add((title.left, title.top, title.width, title.height))
        assert {r.font.size for p in title.text_frame.paragraphs for r in p.runs} == {Pt(deck.TITLE_PT)}
        footer = next(s for s in slide.shapes if s.name == "Footer").text_frame
        assert footer.paragraphs[0].text.startswith("Source: ") and footer.paragraphs[1].text.endswith(address)
        notes = slide.notes_slide.notes_text_frame.text
        assert "Filters: " in notes and "Sources:" in notes
    assert len(titles) == 1
