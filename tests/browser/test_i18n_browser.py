"""The atlas in French and Spanish in real Chromium: the Budapest map reads in French, the language menu keeps the
view, and the longer words fit (nothing cut off or overlapping) at 1280 and 1920 pixels wide."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import map_drawn

pytestmark = pytest.mark.browser

BUDAPEST_FR = "/map?process=budapest&year=2006&lang=fr"

# Text that a narrow box would cut off or push over its neighbours: controls, navigation, headings, panels.
FITS = """() => {
  const sel = 'nav a, label, button, h1, h2, h3, .form-check-label, .Select-value-label, .Select-placeholder, '
            + 'th, .atlas-dl dt, .atlas-dl dd, .dash-slider-mark';
  const cut = [];
  for (const el of document.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || el.closest('.visually-hidden, .visually-hidden-focusable')) continue;
    const style = getComputedStyle(el);
    const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis' || style.whiteSpace === 'nowrap';
    if (clips && el.scrollWidth > el.clientWidth + 1) cut.push(el.tagName + ': ' + el.textContent.trim().slice(0, 60));
    if (r.right > document.documentElement.clientWidth + 1) cut.push('past the right edge: ' + el.textContent.trim().slice(0, 60));
  }
  // The charts' own text (axis, lane and legend labels, titles): inside the chart, not cut by its edges.
  for (const gd of document.querySelectorAll('.js-plotly-plot')) {
    const box = gd.getBoundingClientRect();
    for (const el of gd.querySelectorAll('.main-svg text')) {
      const r = el.getBoundingClientRect();
      if (!r.width || !el.textContent.trim()) continue;
      // Milestone labels (scatter text) at the right end are the timeline layout's own (tests/test_timeline*.py).
      const label = el.closest('.textpoint');
      if (r.left < box.left - 1 || (!label && r.right > box.right + 1)) cut.push('chart edge: ' + el.textContent.trim().slice(0, 60));
    }
  }
  // A slider's year marks side by side, never on top of each other.
  for (const slider of document.querySelectorAll('.dash-slider-root')) {
    const marks = Array.from(slider.querySelectorAll('.dash-slider-mark')).map(m => [m.textContent, m.getBoundingClientRect()]);
    for (let i = 1; i < marks.length; i++) {
      if (marks[i][1].left < marks[i - 1][1].right + 2) cut.push('marks touch: ' + marks[i - 1][0] + ' / ' + marks[i][0]);
    }
  }
  const links = Array.from(document.querySelectorAll('#nav > a, #nav > ul a, #nav .atlas-lang a')).map(a => [a.textContent, a.getBoundingClientRect()]);
  for (let i = 0; i < links.length; i++) for (let j = i + 1; j < links.length; j++) {
    const [ta, a] = links[i], [tb, b] = links[j];
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) cut.push('overlap: ' + ta + ' / ' + tb);
  }
  return cut;
}"""


def _ready(page, path: str) -> None:
    if path.startswith("/map"):
        map_drawn(page)
    else:
        page.wait_for_selector("#page h1", timeout=30000)
        page.wait_for_function("() => document.querySelector('.js-plotly-plot .main-svg')", timeout=30000)


def test_the_budapest_map_reads_in_french(offline_page, server):
    page = offline_page.page
    page.goto(server + BUDAPEST_FR)
    map_drawn(page)
    page.wait_for_function("() => document.documentElement.lang === 'fr'")
    text = page.inner_text("body")
    for word in ("Processus de Budapest", "Carte", "Chronologie", "Année", "Membres et observateurs", "Français"):
        assert word in text, word
    assert "Processus de Budapest" in page.title()
    # Source titles stay as published (some are English); the interface around them is French.
    assert not re.search(r"\bYear\b|\bTimeline\b|Members and observers|\bSources & method", text)


def test_the_language_menu_keeps_the_view(offline_page, server):
    page = offline_page.page
    page.goto(server + BUDAPEST_FR)
    map_drawn(page)
    page.focus("#map-year [role=slider]")
    page.keyboard.press("ArrowRight")  # the view changes without a reload: the menu must follow it
    page.wait_for_url(re.compile(r"year=2007&lang=fr$"))
    page.click("#lang-menu-es")
    page.wait_for_url(re.compile(r"/map\?process=budapest&year=2007&lang=es$"))
    map_drawn(page)
    page.wait_for_function("() => document.documentElement.lang === 'es'")
    text = page.inner_text("body")
    assert "Proceso de Budapest" in text and "Año" in text and "Mapa" in text
    page.click("#lang-menu-en")
    page.wait_for_url(re.compile(r"/map\?process=budapest&year=2007$"))
    map_drawn(page)
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert "Budapest Process" in page.inner_text("body")


@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize("lang", ["fr", "es"])
@pytest.mark.parametrize(
    "path",
    ["/map?process=budapest&year=2006", "/timeline", "/mandates?org=ilo,unhcr,iom"],
    ids=["map", "timeline", "mandates"],
)
def test_french_and_spanish_fit_at_1280_and_1920(offline_page, server, path, lang, width):
    page = offline_page.page
    page.set_viewport_size({"width": width, "height": 1000})
    page.goto(f"{server}{path}{'&' if '?' in path else '?'}lang={lang}")
    _ready(page, path)
    page.wait_for_function(f"() => document.documentElement.lang === '{lang}'")
    assert page.evaluate(FITS) == []
