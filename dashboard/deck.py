"""Slide decks: several views into one 16:9 .pptx, one slide per view with title, chart, source line and permalink."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from dashboard.export import bare_figure, make_caption, view_figure
from dashboard.pages import PAGES
from dashboard.strings import t

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.4)
TITLE_TOP, TITLE_H = Inches(0.25), Inches(0.8)
FILTERS_TOP, FILTERS_H = Inches(1.0), Inches(0.4)
CHART_TOP, CHART_H = Inches(1.45), Inches(5.35)
FOOTER_TOP, FOOTER_H = Inches(6.9), Inches(0.45)
CHART_W = SLIDE_W - 2 * MARGIN
DEFAULT_WIDTH = 1920
TITLE_ONLY_LAYOUT = 5          # in python-pptx's default template


def chart_size(width: int = DEFAULT_WIDTH) -> tuple[int, int]:
    """Pixels for a chart that fills the slide's chart area exactly."""
    return width, round(width * CHART_H / CHART_W)


def title_points(title: str) -> int:
    """A type size that keeps the title on one line of the title box (python-pptx does not shrink text)."""
    return 28 if len(title) <= 62 else 24 if len(title) <= 74 else 20


def _text(slide, left, top, width, height, text: str, size: int, *, bold=False, colour="1a1a1a", link=None):
    box = slide.shapes.add_textbox(left, top, width, height)
    box.text_frame.word_wrap = True
    run = box.text_frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.color.rgb = Pt(size), bold, RGBColor.from_string(colour)
    if link:
        run.hyperlink.address = link
    return box


def add_slide(prs, caption, png: bytes, size: tuple[int, int]) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, TITLE_TOP, CHART_W, TITLE_H
    title.text = caption.title
    for paragraph in title.text_frame.paragraphs:
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(title_points(caption.title)), True
    _text(slide, MARGIN, FILTERS_TOP, CHART_W, FILTERS_H, caption.filters, 16, colour="333333")
    # The picture keeps the rendered aspect ratio, centred in the chart area.
    w, h = size
    scale = min(CHART_W / w, CHART_H / h)
    pic_w, pic_h = Emu(int(w * scale)), Emu(int(h * scale))
    pic = slide.shapes.add_picture(io.BytesIO(png), MARGIN + (CHART_W - pic_w) // 2, CHART_TOP + (CHART_H - pic_h) // 2,
                                   pic_w, pic_h)
    pic._element.nvPicPr.cNvPr.set("descr", f"{caption.title}. {caption.filters}.")   # alt text
    _text(slide, MARGIN, FOOTER_TOP, CHART_W, FOOTER_H, t("export.footer", source=caption.source, date=t("export.date", date=caption.date)), 12,
          colour="333333", link=caption.permalink)
    slide.notes_slide.notes_text_frame.text = "\n".join([caption.permalink, caption.filters, caption.source])


def write_deck(atlas, jobs, *, theme: str | None = None, root: str | None = None, renderer=None) -> bytes:
    """jobs: (state, (width, height, scale), size_given). Returns the .pptx bytes."""
    if renderer is None:
        from dashboard.renderer import get_renderer
        renderer = get_renderer()
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    for state, (width, height, scale), size_given in jobs:
        state, figure = view_figure(atlas, state, theme)
        rows = PAGES[state.view].make_rows(atlas, state)
        caption = make_caption(atlas, state, rows=rows, root=root)
        size = (width, height) if size_given else chart_size()
        png = renderer.render(bare_figure(figure), "png", size[0], size[1], scale)
        add_slide(prs, caption, png, size)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
