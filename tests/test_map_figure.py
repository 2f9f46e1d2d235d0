"""The map figure on a tiny atlas: who is coloured, how, in which year, on which borders."""

from __future__ import annotations

import pytest

from dashboard.views.figures.map import (
    SLOT_COUNTRIES,
    SLOT_LEGEND,
    SLOT_OBSERVERS,
    SLOT_OUTLINES,
    SLOT_SEAT,
    TRACE_COUNT,
    make_map_figure,
)
from dashboard.views.figures.map_view import make_map_view
from dashboard.viewstate import ViewState


def values(fig) -> dict[str, int]:
    trace = fig["data"][SLOT_COUNTRIES]
    return dict(zip(trace["locations"], trace["z"]))


def test_one_process_members_and_observers(tiny_atlas):
    fig = make_map_figure(tiny_atlas, ViewState(processes=("p-one",), year=1995))
    v = values(fig)
    assert v["DEU"] == 2 and v["RUS"] == 2  # members
    assert v["FRA"] == 1  # observer
    assert v["ITA"] == 0 and "SUN" not in v  # neither; the USSR is gone by 1995
    assert fig["data"][SLOT_OBSERVERS]["customdata"] == ["FRA"]  # observers marked without colour too
    assert fig["data"][SLOT_OBSERVERS]["marker"]["symbol"] == "diamond-open"
    assert fig["data"][SLOT_SEAT]["hovertext"] == ["Secretariat seat: Org One (O1), Vienna"]
    assert [t["name"] for t in fig["data"][SLOT_LEGEND : SLOT_LEGEND + 3]] == [
        "Member",
        "Observer (◇ marker)",
        "Not a participant",
    ]
    assert len(fig["data"]) == TRACE_COUNT
    assert fig["layout"]["title"]["text"] == "Process One (P1): members and observers, 1995"


def test_former_state_drawn_as_it_was(tiny_atlas):
    v = values(make_map_figure(tiny_atlas, ViewState(processes=("p-one",), year=1991)))
    assert v["SUN"] == 2  # the USSR is one shape in 1991, coloured as member
    assert "RUS" not in v and "UKR" not in v  # its successors are not drawn yet
    assert v["FRA"] == 0  # the observer joined in 1992


def test_role_filter(tiny_atlas):
    v = values(make_map_figure(tiny_atlas, ViewState(processes=("p-one",), year=1995, role="observer")))
    assert [c for c, z in v.items() if z] == ["FRA"]


def test_overlap_counts_and_outlines(tiny_atlas):
    fig = make_map_figure(tiny_atlas, ViewState(processes=("p-one", "p-two"), year=1996))
    v = values(fig)
    assert v["DEU"] == 2 and v["RUS"] == 1 and v["FRA"] == 1
    assert fig["data"][SLOT_COUNTRIES]["showscale"] is True
    names = [fig["data"][SLOT_OUTLINES + i]["name"] for i in range(2)]
    assert names == ["P1: outline of members", "P2: outline of members"]


def test_none_selected_means_all(tiny_atlas):
    view = make_map_view(tiny_atlas, ViewState(year=1996))
    assert view.process_ids == ("p-one", "p-two") and view.mode == "overlap"


def test_issue_filter_narrows_processes(tiny_atlas):
    view = make_map_view(tiny_atlas, ViewState(issues=("trafficking-smuggling",), year=1996))
    assert view.process_ids == ("p-two",)
    assert set(view.rows["iso3"]) == {"DEU"}


def test_past_verified_year_says_so(tiny_atlas):
    view = make_map_view(tiny_atlas, ViewState(processes=("p-one",), year=2010))
    assert view.notices == ("P1: member list verified to 2000; later changes may be missing.",)
    state = ViewState(processes=("p-one",), year=2010)
    picture = make_map_figure(tiny_atlas, state, view=view, plot_size=(1800, 800))  # an export draws the notices
    assert "verified to 2000" in picture["layout"]["annotations"][0]["text"]
    screen = make_map_figure(tiny_atlas, state, view=view)  # the screen leaves them to the text under the chart...
    assert not screen["layout"]["annotations"][0]["visible"] and screen["layout"]["margin"]["b"] < 60
    from dashboard.web.charts import text_children, view_text

    text = view_text(tiny_atlas, state, figure=screen)  # ...which shows them, not only to screen readers
    notes = text_children(text)[-1]
    assert text.notes_shown and "verified to 2000" in str(notes) and notes.className == "atlas-notes"


def test_before_founding_and_after_end(tiny_atlas):
    assert make_map_view(tiny_atlas, ViewState(processes=("p-two",), year=1990)).notices == (
        "P2 was founded in 1995; nothing to show for 1990.",
    )
    view = make_map_view(tiny_atlas, ViewState(processes=("p-two",), year=2010))
    assert view.notices == ("P2 ended in 2005.",) and view.rows.empty


def test_hover_names_role_and_join_year(tiny_atlas):
    fig = make_map_figure(tiny_atlas, ViewState(processes=("p-one",), year=1995))
    trace = fig["data"][SLOT_COUNTRIES]
    names = dict(zip(trace["locations"], trace["customdata"]))
    hover = dict(zip(trace["locations"], trace["text"]))
    assert trace["hovertemplate"] == "<b>%{customdata}</b><br>%{text}<extra></extra>"
    assert (names["FRA"], hover["FRA"]) == ("France", "Process One (P1): observer since 1992")  # one process: in full
    assert (names["ITA"], hover["ITA"]) == ("Italy", "–")


def test_slide_theme_is_larger(tiny_atlas):
    light = make_map_figure(tiny_atlas, ViewState(processes=("p-one",), year=1995))
    slide = make_map_figure(tiny_atlas, ViewState(processes=("p-one",), year=1995, theme="slide"))
    assert slide["layout"]["font"]["size"] > light["layout"]["font"]["size"]
    assert (
        slide["data"][SLOT_COUNTRIES]["marker"]["line"]["width"]
        > light["data"][SLOT_COUNTRIES]["marker"]["line"]["width"]
    )


def test_real_puebla_2000(atlas):
    view = make_map_view(atlas, ViewState(processes=("puebla",), year=2000))
    counts = view.rows.groupby("role")["iso3"].nunique().to_dict()
    assert counts == {"member": 11, "observer": 5}
    assert "DOM" in set(view.rows["iso3"])
    assert "DOM" not in set(make_map_view(atlas, ViewState(processes=("puebla",), year=1999)).rows["iso3"])


def test_a_confirmation_year_is_not_shown_as_a_join_year(tiny_atlas):
    fig = make_map_figure(tiny_atlas, ViewState(processes=("p-two",), year=1996))
    trace = fig["data"][SLOT_COUNTRIES]
    hover = dict(zip(trace["locations"], trace["text"]))
    assert hover["DEU"] == "Process Two (P2): member, listed by 1995 (join year unknown)"
    from dashboard.views.queries import membership_changes

    assert [(c.year, c.joined, c.confirmed) for c in membership_changes(tiny_atlas, "p-two")] == [(1995, (), ("DEU",))]
    assert [(c.year, c.joined, c.confirmed) for c in membership_changes(tiny_atlas, "p-one")][:1] == [
        (1990, ("DEU", "SUN"), ())
    ]


def test_many_processes_past_their_verified_year_are_summed_up(atlas):
    notices = make_map_view(atlas, ViewState(year=2020)).notices
    assert len(notices) == 1 and "of these processes have member lists verified only to before 2020" in notices[0]
    assert "CIS Conference" not in notices[0]  # ended in 2005: nothing after that to miss
    assert "more)" in notices[0] or notices[0].count(",") <= 5


def test_counts_without_names_and_states_not_drawn_are_said_in_words(atlas):
    view = make_map_view(atlas, ViewState(processes=("budapest",), year=1995))
    assert view.notices[0] == (
        "Budapest Process: 33 countries took part (Budapest, 1993-02), per FECL; "
        "the sources name 5 of them, drawn on the map."
    )
    assert view.notices[1].startswith("Budapest Process: 49 states first listed between 1997 and 2017 have no known")
    later = make_map_view(atlas, ViewState(processes=("budapest",), year=2000)).notices
    assert later[0] == (  # the Prague list names more states than ICMPD's count: said so, not "38 of 36"
        "Budapest Process: 36 states took part (Prague, 1997-10-14), per ICMPD; "
        "the map draws the 38 states its sources name (more than that count)."
    )
    berne = make_map_view(atlas, ViewState(processes=("berne-initiative",), year=2004)).notices
    assert any("about 120 states took part (Bern, Switzerland, 2004-12-16)" in n for n in berne)
    manila = make_map_view(atlas, ViewState(processes=("manila",), year=2000)).notices
    assert manila == ("Manila Process: no source in the atlas names the states taking part by 2000, so none is drawn.",)


def test_hover_says_how_each_spell_is_known(atlas):
    fig = make_map_figure(atlas, ViewState(processes=("midsa",), year=2005))
    text = dict(zip(fig["data"][SLOT_COUNTRIES]["locations"], fig["data"][SLOT_COUNTRIES]["text"]))
    assert text["ZAF"] == "Migration Dialogue for Southern Africa (MIDSA): member since 2000 (as a SADC member state)"
    fig = make_map_figure(atlas, ViewState(processes=("budapest",), year=2003))
    text = dict(zip(fig["data"][SLOT_COUNTRIES]["locations"], fig["data"][SLOT_COUNTRIES]["text"]))
    assert text["AUT"] == "Budapest Process: member since 1993 (founding meeting)"
    assert text["BLR"] == "Budapest Process: member, present at a meeting in 1997 (earlier years unknown)"


def test_organisation_layer(atlas):
    state = ViewState(orgs=("iom",), year=1990)
    fig = make_map_figure(atlas, state)
    v = values(fig)
    assert v["USA"] == 2 and v["AUS"] == 2 and v["CHN"] == 0  # China joined IOM in 2016
    assert (
        fig["layout"]["title"]["text"].replace("<br>", " ")
        == "International Organization for Migration (IOM): member states and observers, 1990"
    )
    assert make_map_view(atlas, state).layer == "organisations"


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("width", [1280, 1920])
def test_a_long_map_title_wraps_to_the_export_and_pushes_the_legend_down(atlas, lang, width):
    """The Bali Process's full Spanish name ran off a 1920-px export on one line; wrapped, every line fits the
    picture's width in the title's type, and the top margin grows a line's height for each line after the first."""
    from dashboard.strings import language
    from dashboard.views.figures.map import TITLE_INSET, TITLE_X
    from dashboard.views.figures.text_width import text_width
    from dashboard.views.figures.theme import output_theme, text_floor

    theme = output_theme("light", text_floor(width, round(width * 9 / 16)))
    with language(lang):
        state = ViewState(processes=("bali",), year=2016, lang=lang)
        one = make_map_figure(
            atlas, ViewState(processes=("budapest",), year=2016, lang=lang), plot_size=(width, 700), theme=theme
        )
        fig = make_map_figure(atlas, state, plot_size=(width, 700), theme=theme)
    title = fig["layout"]["title"]
    lines = title["text"].split("<br>")
    room = width * (1 - 2 * TITLE_X) - TITLE_INSET
    assert all(text_width(line, title["font"]["size"]) <= room for line in lines), lines
    assert len(lines) > 1 or (lang, width) != ("es", 1280), lines
    extra = fig["layout"]["margin"]["t"] - one["layout"]["margin"]["t"]
    assert extra == round(theme.title_size * 1.3) * (len(lines) - 1)
