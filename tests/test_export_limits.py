"""Exports that hold under load: render slots and a short queue, a pixel budget, one value per size parameter."""

from __future__ import annotations

import threading

import pytest

from dashboard.export.gate import Busy, RenderGate, set_gate
from dashboard.export.params import ExportError, check_size, size_from_query


@pytest.fixture()
def gate():
    """A gate of one slot and no queue, swapped in for the app's."""
    small = RenderGate(slots=1, queue=0, wait=5)
    previous = set_gate(small)
    yield small
    set_gate(previous)


def hold(gate: RenderGate):
    """Take one of the gate's slots in another thread until the returned event is set."""
    taken, release = threading.Event(), threading.Event()

    def run():
        with gate.slot():
            taken.set()
            release.wait(60)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert taken.wait(10)
    return release, thread


def test_a_full_gate_refuses_at_once_and_a_free_one_admits():
    small = RenderGate(slots=1, queue=1, wait=30)
    release, holder = hold(small)
    queued_done = threading.Event()

    def queued():
        with small.slot():
            queued_done.set()

    waiter = threading.Thread(target=queued, daemon=True)
    waiter.start()
    for _ in range(200):  # wait for the queued call to be inside the gate
        if small.inside == 2:
            break
        threading.Event().wait(0.01)
    assert small.inside == 2
    outcome = {}

    def third():
        try:
            with small.slot():
                outcome["ran"] = True
        except Busy as exc:
            outcome["busy"] = exc

    refused = threading.Thread(target=third, daemon=True)
    refused.start()
    refused.join(10)
    assert not refused.is_alive(), "a third render waited instead of being refused"
    assert outcome["busy"].status == 429 and outcome["busy"].retry_after > 0
    release.set()
    holder.join(10)
    assert queued_done.wait(10)  # the queued one ran once the slot was free
    assert small.inside == 0 and small.refused == 1


def test_a_queued_render_that_waits_too_long_gets_503():
    small = RenderGate(slots=1, queue=1, wait=0.2)
    release, holder = hold(small)
    with pytest.raises(Busy) as busy:
        with small.slot():
            pass
    assert busy.value.status == 503
    release.set()
    holder.join(10)


def test_image_export_beyond_the_slots_is_429_with_retry_after_and_nothing_else_waits(client, gate):
    release, holder = hold(gate)
    try:
        response = client.get("/export/map.png?process=puebla")
        assert response.status_code == 429
        assert int(response.headers["Retry-After"]) > 0
        assert "Too many image exports at once" in response.data.decode()
        # pages, callbacks' data, CSV and HTML exports and the health check take no render slot
        assert client.get("/healthz").status_code == 200
        assert client.get("/map").status_code == 200
        assert client.get("/export/map.csv?process=puebla").status_code == 200
        assert client.get("/export/timeline.html").status_code == 200
    finally:
        release.set()
        holder.join(10)


def test_pixel_budget_names_the_parameter(client, monkeypatch):
    response = client.get("/export/map.png?width=4000&height=4000&scale=3")
    assert response.status_code == 400 and response.headers["X-Atlas-Parameter"] == "scale"
    assert response.data.decode().strip() == (
        "The image would be 144,000,000 pixels (width × height × scale²); at most 25,000,000 are rendered "
        "(ATLAS_MAX_PIXELS): lower 'scale'."
    )
    assert check_size("1920", "1080", "3") == (1920, 1080, 3)  # Full HD at scale 3 fits
    assert check_size("4000", "4000", "1") == (4000, 4000, 1)
    monkeypatch.setenv("ATLAS_MAX_PIXELS", "1000000")
    with pytest.raises(ExportError) as exc:
        check_size("2000", "1000", "1")
    assert exc.value.parameter == "width"


@pytest.mark.parametrize("name", ["width", "height", "scale"])
def test_a_repeated_size_parameter_is_refused_by_server_and_cli_alike(client, name):
    response = client.get(f"/export/map.png?{name}=300&{name}=400")
    assert response.status_code == 400 and response.headers["X-Atlas-Parameter"] == name
    assert response.data.decode().strip() == f"'{name}' is given 2 times; give it once."
    with pytest.raises(ExportError) as exc:
        size_from_query(f"process=puebla&{name}=300&{name}=400")
    assert exc.value.parameter == name and str(exc.value) == f"'{name}' is given 2 times; give it once."


def test_export_control_keeps_scale_inside_the_pixel_budget():
    from dashboard.viewstate import ViewState
    from dashboard.web.pages.export_controls import export_links

    links = export_links(ViewState(), "png", "custom", 4000, 4000, 3, False, "")
    assert links["href"].endswith("width=4000&height=4000&scale=1")
