"""The overlaps view: shared states on hand-made sets and the tiny atlas, the ordering, then the real routes
(page, click to the map, CSV against the matrix, embed, exports, deck)."""

from __future__ import annotations

import csv
import io
from collections import Counter

import numpy as np
import pytest
from pptx import Presentation

from dashboard.cli import main
from dashboard.views import overlaps
from dashboard.views.figures.overlaps import make_overlaps_figure
from dashboard.viewstate import ViewState
from tests.dash_client import DashClient

# ---- unit ----------------------------------------------------------------------------------------------------


def test_shared_counts_and_similarity():
    sets = [frozenset("abc"), frozenset("bcd"), frozenset("x")]
    shared = overlaps._shared_counts(sets)
    assert shared.tolist() == [[3, 2, 0], [2, 3, 0], [0, 0, 1]]
    o = overlaps.Overlaps(2000, ("p", "q", "r"), dict(zip("pqr", sets)), shared, {}, ())
    assert np.allclose(o.similarity(), [[1, 0.5, 0], [0.5, 1, 0], [0, 0, 1]])


def test_seriation_puts_clusters_side_by_side():
    # two clusters, given interleaved: {A, C} share states 1-4, {B, D} share states 7-9
    sets = [frozenset({1, 2, 3}), frozenset({7, 8, 9}), frozenset({1, 2, 3, 4}), frozenset({7, 8}), frozenset({20})]
    order = overlaps.seriate(overlaps._shared_counts(sets))
    assert sorted(order) == [0, 1, 2, 3, 4]
    position = {p: order.index(p) for p in range(5)}
    assert abs(position[0] - position[2]) == 1 and abs(position[1] - position[3]) == 1
    assert overlaps.seriate(overlaps._shared_counts(sets)) == order  # the same order every time


def test_tiny_atlas_overlaps_and_rows(tiny_atlas):
    state = ViewState(view="overlaps", year=1996)
    o = overlaps.make_overlaps(tiny_atlas, state)
    assert set(o.process_ids) == {"p-one", "p-two"}
    i, j = o.process_ids.index("p-one"), o.process_ids.index("p-two")
    assert o.shared[i, i] == 3 and o.shared[j, j] == 1 and o.shared[i, j] == 1  # DEU is in both
    rows = overlaps.make_rows(tiny_atlas, state)
    pairs = Counter((r["process_a_id"], r["process_b_id"]) for r in rows)
    assert sum(pairs.values()) == 5 and {r["iso3"] for r in rows if r["process_a_id"] != r["process_b_id"]} == {"DEU"}
    assert all(r["source_title"] == "Test source" and r["source_b_url"] for r in rows)
    fig = make_overlaps_figure(tiny_atlas, state, o)
    assert fig["data"][0]["text"][i][j] == "1" and fig["data"][1]["text"][i][i] == "3"
    assert fig["data"][0]["customdata"][i][j] == ["p-one", "p-two"]
    assert fig["layout"]["title"]["text"] == "States shared by 2 migration processes, 1996"


def test_processes_without_members_are_left_out_and_said(tiny_atlas):
    o = overlaps.make_overlaps(tiny_atlas, ViewState(view="overlaps", year=1991))
    assert o.process_ids == ("p-one",)
    assert any("Not running in 1991, so left out: P2" in n for n in o.notices)


def test_the_matrix_is_bounded(tiny_atlas, monkeypatch):
    monkeypatch.setattr(overlaps, "MAX_MATRIX", 1)
    o = overlaps.make_overlaps(tiny_atlas, ViewState(view="overlaps", year=1997, role="member"))
    assert o.process_ids == ("p-one",)  # the larger one is kept
    assert any("Showing the 1 largest of 2 processes" in n for n in o.notices)


def test_map_link_for_a_pair_and_for_one_process(tiny_atlas):
    state = ViewState(view="overlaps", year=1996)
    o = overlaps.make_overlaps(tiny_atlas, state)
    assert overlaps.map_link(o, state, "p-one", "p-two") == "/map?process=p-one,p-two&year=1996&match=all"
    assert overlaps.map_link(o, state, "p-one", "p-one") == "/map?process=p-one&year=1996"


# ---- app: real routes ---------------------------------------------------------------------------------------


def find(node, ident):
    """The component with this id in a Dash layout tree (as JSON)."""
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == ident:
            return node
        children = [node.get("props", {}).get("children")] + list(node.values())
        return next((hit for c in children if (hit := find(c, ident)) is not None), None)
    if isinstance(node, list):
        return next((hit for c in node if (hit := find(c, ident)) is not None), None)
    return None


def test_page_matrix_and_csv_count_the_same_states(client):
    dash = DashClient(client)
    status, body, _ = dash.call(
        "page.children", {"url.pathname": "/overlaps", "url.search": "?year=2016"}, "url.pathname"
    )
    assert status == 200
    figure = find(body["response"]["page"]["children"], "overlaps-graph")["props"]["figure"]
    labels = figure["data"][0]["x"]
    ids = [row[0][0] for row in figure["data"][0]["customdata"]]
    rows = list(csv.DictReader(io.StringIO(client.get("/export/overlaps.csv?year=2016").data.decode())))
    assert rows and list(rows[0]) == list(overlaps.CSV_COLUMNS)
    cells = Counter(frozenset((r["process_a_id"], r["process_b_id"])) for r in rows)
    checked = 0
    for i, a in enumerate(ids):
        for j, b in enumerate(ids):
            text = figure["data"][1 if i == j else 0]["text"][i][j]
            assert text == (str(cells[frozenset((a, b))]) if cells[frozenset((a, b))] or i == j else ""), (a, b)
            checked += bool(text)
    assert len(labels) == len(ids) > 10 and checked > 40
    assert "Pairs that share the most states, 2016" in str(body)


def test_clicking_a_cell_opens_the_map_of_both(client):
    dash = DashClient(client)
    values = {
        "overlaps-year.value": 2016,
        "overlaps-graph.clickData": {"points": [{"curveNumber": 0, "x": "Khartoum Process", "y": "Rabat Process"}]},
        "overlaps-state.data": "year=2016",
        "overlaps-location.search": "?year=2016",
    }
    status, body, _ = dash.call("overlaps-state.data", values, "overlaps-graph.clickData")
    assert status == 200
    assert body["response"]["overlaps-location"]["href"] == "/map?process=rabat,khartoum&year=2016&match=all"
    garbage = dict(values, **{"overlaps-graph.clickData": {"points": [{"x": "<x>", "y": 5}, None]}})
    status, _, _ = dash.call("overlaps-state.data", garbage, "overlaps-graph.clickData")
    assert status in (200, 204)


def test_filters_from_the_controls_write_the_address(client):
    values = {
        "overlaps-processes.value": [],
        "overlaps-issues.value": ["asylum"],
        "overlaps-regions.value": [],
        "overlaps-kinds.value": ["interregional"],
        "overlaps-role.value": "member",
        "overlaps-year.value": 2010,
        "overlaps-theme.value": "light",
        "overlaps-state.data": "year=2016",
        "overlaps-location.search": "?year=2016",
    }
    status, body, _ = DashClient(client).call("overlaps-state.data", values, "overlaps-kinds.value")
    assert status == 200
    assert body["response"]["overlaps-location"]["search"] == "?issue=asylum&kind=interregional&year=2010&role=member"


def test_nav_embed_and_deck(client, tmp_path, renderer, app):
    nav = find(client.get("/_dash-layout").get_json(), "nav-overlaps")
    assert nav["props"]["href"] == "/overlaps" and nav["props"]["children"] == "Overlaps"
    embed = client.get("/embed/overlaps?year=2016&kind=interregional")
    assert embed.status_code == 200 and "States shared by" in embed.data.decode()
    deck = tmp_path / "overlaps.pptx"
    assert (
        main(["export", "overlaps?year=2016", "map?process=rabat,khartoum&match=all&year=2016", "-o", str(deck)]) == 0
    )
    slides = list(Presentation(str(deck)).slides)
    assert slides[0].shapes.title.text.startswith("States shared by") and slides[0].shapes.title.text.endswith("2016")


@pytest.mark.parametrize("fmt", ["png", "pdf"])
def test_overlaps_images(client, renderer, fmt):
    response = client.get(f"/export/overlaps.{fmt}?year=2016&width=1280&height=1280")
    assert response.status_code == 200 and response.data[:4] in (b"\x89PNG", b"%PDF")


def test_the_matrix_is_centred_not_drawn_to_one_side(tiny_atlas):
    # Exported matrices sat left of a wide gap: square cells must shrink the plot's domain (centred), not pad a range.
    state = ViewState(view="overlaps", year=1996)
    layout = make_overlaps_figure(tiny_atlas, state, overlaps.make_overlaps(tiny_atlas, state))["layout"]
    assert layout["xaxis"]["constrain"] == layout["yaxis"]["constrain"] == "domain"
    assert layout["xaxis"].get("constraintoward", "center") == "center"


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720)])
@pytest.mark.parametrize(
    "address", ["/overlaps?year=2006", "/overlaps?process=budapest,rabat,khartoum,bali&year=2016&lang=es"]
)
def test_exported_row_labels_and_notes_fit_measured_in_their_type(atlas, address, size):
    """The label margin and the notes' lines measured in DejaVu Sans, not 0.62 em a character: the longest row
    label fits left of the matrix, the column labels above it, and every note line inside the canvas."""
    import datetime as dt

    from dashboard.export.caption import make_caption
    from dashboard.export.sized import image_figure
    from dashboard.strings import language
    from dashboard.views.figures.text_width import text_width
    from dashboard.viewstate import Catalog, parse_view

    state = parse_view(address, Catalog.from_atlas(atlas))[0]
    with language(state.lang):
        fig = image_figure(atlas, state, make_caption(atlas, state, today=dt.date(2026, 12, 1)), *size)
    layout, labels = fig["layout"], fig["data"][0]["y"]
    size_px = layout["font"]["size"]
    widest = max(text_width(x, size_px) for x in labels)
    assert widest + 8 <= layout["margin"]["l"] <= widest + 40
    assert layout["margin"]["t"] >= widest * 0.7  # the column labels, at 45 degrees
    (notes,) = [a for a in layout["annotations"] if a.get("name") == "overlaps-notes"]
    room = size[0] - layout["margin"]["l"] - layout["margin"]["r"]
    assert all(text_width(line, notes["font"]["size"]) <= room for line in notes["text"].split("<br>"))
