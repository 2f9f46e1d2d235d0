"""Names in full: milestones drawn whole on the timeline, acronyms spelled out in hover and on first mention."""

from __future__ import annotations

import re

import pytest

from dashboard.export.caption import make_caption
from dashboard.strings import language
from dashboard.views import timeline as timeline_view
from dashboard.views.figures.map import SLOT_COUNTRIES, make_map_figure
from dashboard.views.figures.theme import output_theme, text_floor
from dashboard.views.figures.timeline import make_timeline_figure
from dashboard.views.figures.timeline_layout import extent, place_label, years_per_char
from dashboard.views.mandates import make_figure as make_mandates_figure
from dashboard.views.names import is_acronym, spelled_out
from dashboard.views.overlaps import make_figure as make_overlaps_figure
from dashboard.viewstate import ViewState

CONVENTION = "Convention relating to the Status of Refugees"
RCM = "Regional Conference on Migration (RCM; Puebla Process)"


def drawn(fig) -> list[str]:
    """The labels as a reader sees them: the lines of a label joined by a space."""
    labels = next(t for t in fig["data"] if t["name"] == "labels")
    return [text.replace("<br>", " ") for text, y in zip(labels["text"], labels["y"]) if y is not None]


def read(html: str) -> str:
    """Hover text as read: its lines joined by a space, the markup gone."""
    return re.sub(r"<(?!br>)[^>]+>", "", html).replace("<br>", " ")


def hovers(fig) -> list[str]:
    out = []
    for trace in fig["data"]:
        texts = trace.get("hovertext") or []
        out += [read(x) for row in texts for x in (row if isinstance(row, list) else [row]) if x]
    return out


@pytest.mark.parametrize(
    "name, short, expected",
    [
        ("Regional Conference on Migration (Puebla Process)", "RCM", RCM),
        ("International Organization for Migration", "IOM", "International Organization for Migration (IOM)"),
        ("Bali Process on People Smuggling", "Bali Process", "Bali Process on People Smuggling"),
        ("World Bank (International Bank for Reconstruction and Development)", "World Bank", None),
    ],
)
def test_spelled_out_gives_the_acronym_after_the_name_once(name, short, expected):
    assert spelled_out(name, short) == (expected or name)
    assert is_acronym("RCM") and is_acronym("UN DESA") and is_acronym("CoE") and not is_acronym("Rabat Process")


@pytest.mark.parametrize(
    "state, width",
    [
        (ViewState(view="timeline", kinds=("milestone",)), None),
        (ViewState(view="timeline"), None),
        (ViewState(view="timeline", theme="slide"), None),
        (ViewState(view="timeline", issues=("asylum",)), 1280),
        (ViewState(view="timeline", issues=("asylum",)), 1920),
    ],
)
def test_every_milestone_title_is_drawn_whole_and_hovered_with_its_year(atlas, state, width):
    theme = output_theme(state.theme, text_floor(width, width * 9 // 16)) if width else None
    fig = make_timeline_figure(atlas, state, theme=theme, width=width)
    labels, hover = drawn(fig), hovers(fig)
    assert CONVENTION in labels  # identifiable: the 1951 Refugee Convention's whole title
    assert not [label for label in labels if "…" in label]  # no milestone cut short
    stones = [i for i in timeline_view.select_items(atlas, state) if i.lane == "milestone"]
    for i in stones:
        assert i.name in labels
        assert any(h.startswith(f"{i.name} ") and f"Adopted {i.start}" in h for h in hover), i.name
    text = next(t for t in fig["data"] if t["name"] == "labels")["text"]
    assert max(x.count("<br>") for x in text) <= 2  # three lines at most


@pytest.mark.parametrize("theme", ["light", "slide"])
def test_wrapped_titles_take_as_many_rows_as_lines_and_overlap_nothing(atlas, theme):
    """Each milestone's label, as drawn (its lines' rows, its x-extent), meets no other label or mark."""
    first, last = atlas.year_range
    char_years = years_per_char(theme, first, last)
    fig = make_timeline_figure(atlas, ViewState(view="timeline", kinds=("milestone",), theme=theme))
    marks = next(t for t in fig["data"] if t["name"] == "Milestone adopted")
    y_of = dict(zip(marks["customdata"], marks["y"]))
    boxes = []
    for item in timeline_view.select_items(atlas, ViewState(view="timeline", kinds=("milestone",))):
        lines = place_label(item, first, last, char_years).lines
        y = y_of[item.key]
        boxes.append(
            (item.key, len(lines), extent(item, first, last, char_years), (y - len(lines) / 2, y + len(lines) / 2))
        )
    assert any(n > 1 for _, n, _, _ in boxes)  # some titles are long for their row: they wrap, whole
    for a, (key, _, (x0, x1), (y0, y1)) in enumerate(boxes):
        for other, _, (u0, u1), (v0, v1) in boxes[a + 1 :]:
            assert not (x0 < u1 and u0 < x1 and y0 < v1 and v0 < y1), (key, other)
    assert max(x1 for _, _, (_, x1), _ in boxes) <= last + 1.5  # nothing runs past the axis


def test_rcm_hover_on_the_timeline_and_the_overlaps_spells_it_out(atlas):
    fig = make_timeline_figure(atlas, ViewState(view="timeline", kinds=("regional",)))
    bars = next(t for t in fig["data"] if t["name"] == "Regional processes")
    i = bars["customdata"].index("process:puebla")
    assert read(bars["hovertext"][i]).startswith(f"{RCM} 1996–today")
    assert "RCM" in drawn(fig)  # the bar keeps its short label
    overlaps = make_overlaps_figure(atlas, ViewState(view="overlaps", year=2006))
    assert any(RCM in h and " and " in h for h in hovers(overlaps))  # a pair's cell: both in full


def test_mandates_hover_names_the_organisation_in_full(atlas):
    fig = make_mandates_figure(atlas, ViewState(view="mandates", orgs=("iom", "unhcr")))
    assert "IOM" in fig["data"][0]["y"]
    assert any(h == "International Organization for Migration (IOM)" for h in hovers(fig))


def test_a_map_of_rcm_spells_it_out_once_in_title_and_filters(atlas):
    caption = make_caption(atlas, ViewState(processes=("puebla",), year=2000))
    assert caption.title.startswith(RCM)
    both = f"{caption.title} {caption.filters}"
    assert both.count("Regional Conference on Migration") == 1 and re.search(r"\bRCM\b.*\bRCM\b", both)
    two = make_caption(atlas, ViewState(processes=("puebla", "igc"), year=2000))
    assert "Regional Conference on Migration (RCM" in two.filters  # the title does not name them: the filters do
    assert "Intergovernmental Consultations on Migration, Asylum and Refugees (IGC)" in two.filters


def test_french_and_spanish_use_the_official_names(atlas):
    with language("fr"):
        fr = make_caption(atlas, ViewState(processes=("puebla",), year=2000, lang="fr")).title
        hover = hovers(make_timeline_figure(atlas, ViewState(view="timeline", kinds=("organisation",), lang="fr")))
    assert fr.startswith("Conférence régionale sur les migrations (CRM; Processus de Puebla)")
    assert any("Organisation internationale pour les migrations (OIM)" in h for h in hover)
    with language("es"):
        es = drawn(make_timeline_figure(atlas, ViewState(view="timeline", kinds=("milestone",), lang="es")))
    assert "Convención sobre el Estatuto de los Refugiados" in es


def test_the_map_of_one_process_names_it_in_full_in_each_states_hover(atlas):
    fig = make_map_figure(atlas, ViewState(processes=("puebla",), year=2000))
    text = dict(zip(fig["data"][SLOT_COUNTRIES]["locations"], fig["data"][SLOT_COUNTRIES]["text"]))
    assert text["MEX"].startswith(f"{RCM}: member since")
