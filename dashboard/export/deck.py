"""Slide decks: several views into one 16:9 .pptx, one slide per view with title, chart, source line and permalink.

Every slide has the same frame: a title of one size (two lines of room, bottom-aligned), the filters in words, the
chart with its text held legible at projector size, the source line and the permalink as text; the speaker notes
give the permalink, the filters in words, what the chart shows and the sources behind it.
"""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from dashboard.export.caption import bare_figure, footer_text, make_caption
from dashboard.export.formats import view_figure
from dashboard.export.sized import check_slide
from dashboard.strings import language, t
from dashboard.views.figures.theme import output_theme
from dashboard.views.registry import get_view

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.4)
TITLE_TOP, TITLE_H = Inches(0.2), Inches(0.85)
FILTERS_TOP, FILTERS_H = Inches(1.05), Inches(0.4)
CHART_TOP, CHART_H = Inches(1.5), Inches(5.2)
FOOTER_TOP, FOOTER_H = Inches(6.75), Inches(0.65)  # the source line (up to two lines) and the permalink
CHART_W = SLIDE_W - 2 * MARGIN
DEFAULT_WIDTH = 1920
TITLE_PT, FILTERS_PT, FOOTER_PT = 24, 16, 12  # one type style for every slide: 48, 32 and 24 px at 1920 wide
RENDER_WIDTH = 1920  # the slide's render size that its text is held legible at (full-screen 1080p)
SLIDE_FLOOR = 14.0  # no chart text under this many px at that size
# The smallest text a slide sets itself (its footer): a chart's key (legend, colour bar, key line) is read across the
# room like it, so it is drawn no smaller on the slide; at SLIDE_FLOOR alone it was about 7 pt.
SLIDE_TEXT_PT = FOOTER_PT
MAX_NOTE_SOURCES = 25
TITLE_ONLY_LAYOUT = 5  # in python-pptx's default template


def chart_size(width: int = DEFAULT_WIDTH) -> tuple[int, int]:
    """Pixels for a chart that fills the slide's chart area exactly."""
    return width, round(width * CHART_H / CHART_W)


def title_points(title: str) -> int:
    """Every slide's title in the same size (a long title wraps to a second line of its box)."""
    return TITLE_PT


def fitted(size: tuple[int, int]) -> tuple[int, int]:
    """The picture's size on the slide (EMU): the rendered aspect ratio, as large as the chart area allows."""
    w, h = size
    scale = min(CHART_W / w, CHART_H / h)
    return int(w * scale), int(h * scale)


def chart_floor(size: tuple[int, int]) -> float:
    """The smallest chart text, in the picture's pixels, that is SLIDE_FLOOR px on a slide shown RENDER_WIDTH wide."""
    slide_px_per_picture_px = fitted(size)[0] / SLIDE_W * RENDER_WIDTH / size[0]
    return SLIDE_FLOOR / slide_px_per_picture_px


def key_floor(size: tuple[int, int]) -> float:
    """The chart key's type, in the picture's pixels, that is SLIDE_TEXT_PT on the slide."""
    points_per_picture_px = fitted(size)[0] / size[0] / Pt(1)
    return SLIDE_TEXT_PT / points_per_picture_px


def _text(slide, left, top, width, height, lines, size: int, *, colour="1a1a1a", name=""):
    """A text box of `lines`: each a string, or (text, link) for a hyperlink."""
    box = slide.shapes.add_textbox(left, top, width, height)
    box.name = name or box.name
    box.text_frame.word_wrap = True
    for i, line in enumerate([lines] if isinstance(lines, str) else lines):
        text, link = (line, None) if isinstance(line, str) else line
        paragraph = box.text_frame.paragraphs[0] if i == 0 else box.text_frame.add_paragraph()
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.color.rgb = Pt(size), RGBColor.from_string(colour)
        if link:
            run.hyperlink.address = link
    return box


def sources_of(atlas, rows: list[dict], limit: int = MAX_NOTE_SOURCES) -> list[str]:
    """The sources behind the rows, each once, most cited first: 'Title. Publisher. URL (accessed date)'."""
    by_url = {s["url"]: s for s in atlas.source_by_id.values()}
    counts: dict[str, int] = {}
    found: dict[str, dict] = {}
    for row in rows:
        url = row.get("source_url") or ""
        if url:
            counts[url] = counts.get(url, 0) + 1
            found.setdefault(url, by_url.get(url) or {"title": row.get("source_title", ""), "url": url})
    ranked = sorted(found, key=lambda u: (-counts[u], found[u].get("title", "")))
    lines = []
    for url in ranked[:limit]:
        src = found[url]
        parts = [src.get("title", ""), src.get("publisher", ""), url]
        line = ". ".join(p for p in parts if p)
        lines.append(line + (f" ({t('deck.accessed', date=src['accessed'])})" if src.get("accessed") else ""))
    if len(ranked) > limit:
        lines.append(t("deck.more_sources", n=len(ranked) - limit))
    return lines


def speaker_notes(atlas, caption, rows: list[dict]) -> str:
    """The notes under a slide: the permalink (its first line, as before), the filters in words, what the chart
    shows, and the sources behind it."""
    sources = sources_of(atlas, rows) or [caption.source]
    parts = [
        caption.permalink,
        t("deck.notes.filters", filters=caption.filters),
        caption.description,
        t("deck.notes.sources"),
        *(f"- {line}" for line in sources),
    ]
    return "\n".join(p for p in parts if p)


def alt_text(caption) -> str:
    """The picture's alt text: what the chart shows in words (its description), then the filters and the source."""
    parts = [caption.description or f"{caption.title}.", f"{caption.filters}.", f"{caption.source}."]
    return " ".join(parts)


def add_slide(prs, caption, png: bytes, size: tuple[int, int], notes: str = "") -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY_LAYOUT])
    title = slide.shapes.title
    title.left, title.top, title.width, title.height = MARGIN, TITLE_TOP, CHART_W, TITLE_H
    title.text = caption.title
    title.text_frame.word_wrap = True
    title.text_frame.vertical_anchor = MSO_ANCHOR.BOTTOM  # one-line and two-line titles end at the same height
    for paragraph in title.text_frame.paragraphs:
        paragraph.alignment = PP_ALIGN.LEFT
        for run in paragraph.runs:
            run.font.size, run.font.bold = Pt(title_points(caption.title)), True
            run.font.color.rgb = RGBColor.from_string("1a1a1a")
    _text(slide, MARGIN, FILTERS_TOP, CHART_W, FILTERS_H, caption.filters, FILTERS_PT, colour="333333")
    # The picture keeps the rendered aspect ratio, centred in the chart area.
    pic_w, pic_h = (Emu(x) for x in fitted(size))
    pic = slide.shapes.add_picture(
        io.BytesIO(png), MARGIN + (CHART_W - pic_w) // 2, CHART_TOP + (CHART_H - pic_h) // 2, pic_w, pic_h
    )
    pic._element.nvPicPr.cNvPr.set("descr", alt_text(caption))
    footer = [
        footer_text(caption),
        (caption.permalink, caption.permalink),
    ]
    _text(slide, MARGIN, FOOTER_TOP, CHART_W, FOOTER_H, footer, FOOTER_PT, colour="333333", name="Footer")
    slide.notes_slide.notes_text_frame.text = notes or "\n".join([caption.permalink, caption.filters, caption.source])


def write_deck(atlas, jobs, *, theme: str | None = None, root: str | None = None, renderer=None) -> bytes:
    """jobs: (state, (width, height, scale), size_given). Returns the .pptx bytes."""
    if renderer is None:
        from dashboard.export.renderer import get_renderer

        renderer = get_renderer()
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    for n, (state, (width, height, scale), size_given) in enumerate(jobs, 1):
        with language(state.lang):  # each slide speaks its own view's language
            size = (width, height) if size_given else chart_size()
            state = state.with_(theme=theme) if theme else state
            type_theme = output_theme(state.theme, chart_floor(size) / scale, key=key_floor(size) / scale)
            state, figure = view_figure(atlas, state, canvas=size, type_theme=type_theme)
            rows = get_view(state.view).make_rows(atlas, state)
            caption = make_caption(atlas, state, rows=rows, root=root)
            figure = bare_figure(figure)
            check_slide(figure, state, size, n, round(SLIDE_FLOOR))
            png = renderer.render(figure, "png", size[0], size[1], scale)
            add_slide(prs, caption, png, size, speaker_notes(atlas, caption, rows))
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
