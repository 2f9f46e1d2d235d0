"""Films in real Chromium: the MP4 plays in a <video> element; the Export control shows progress, then saves."""

from __future__ import annotations

import pytest

from tests.browser.conftest import map_drawn

pytestmark = pytest.mark.browser

FILM = "/export/map.mp4?process=budapest&from=1993&to=1997&width=640&height=360"

PLAY = """async (src) => {
    const video = document.createElement('video');
    video.muted = true;
    document.body.appendChild(video);
    const ready = new Promise((resolve, reject) => {
        video.onloadeddata = resolve;
        video.onerror = () => reject(new Error('video error ' + (video.error && video.error.code)));
    });
    video.src = src;
    await ready;
    await video.play();
    await new Promise(resolve => { const tick = () => video.currentTime > 0.5 ? resolve() : setTimeout(tick, 50); tick(); });
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth; canvas.height = video.videoHeight;
    const g = canvas.getContext('2d');
    g.drawImage(video, 0, 0);
    const pixels = g.getImageData(0, 0, canvas.width, canvas.height).data;
    let dark = 0;
    for (let i = 0; i < pixels.length; i += 4) { if (pixels[i] + pixels[i + 1] + pixels[i + 2] < 200) dark++; }
    return {duration: video.duration, width: video.videoWidth, height: video.videoHeight, dark,
            type: video.canPlayType('video/mp4; codecs="avc1.640028"')};
}"""


def test_mp4_plays_in_a_video_element(offline_page, server):
    page = offline_page.page
    page.goto(f"{server}/map?process=budapest")
    map_drawn(page)
    result = page.evaluate(PLAY, FILM)
    assert result["duration"] == 5  # five years, one second each
    assert (result["width"], result["height"]) == (640, 360)
    assert result["dark"] > 100  # decoded pictures: the title and the year are drawn in dark type
    assert result["type"] in ("probably", "maybe")


def test_export_control_renders_a_film_with_progress_and_saves_it(offline_page, server, tmp_path):
    page = offline_page.page
    page.goto(f"{server}/map?process=budapest&year=2006")
    map_drawn(page)
    page.click("#export-panel summary")
    page.check("#export-format input[value=gif]")
    # 17 frames: long enough (several seconds) for the progress note, which shows after two, on a quiet machine too
    page.fill("#export-from", "1990")
    page.press("#export-from", "Enter")
    page.wait_for_function(
        "() => document.querySelector('#export-download').getAttribute('href')"
        ".startsWith('/export/map.gif?process=budapest&year=2006&from=1990&to=2006')",
        timeout=20000,
    )
    with page.expect_download(timeout=120000) as download:
        page.click("#export-download")
        # the note's text read in the same frame that sees it busy (it turns to "Done" when the film arrives)
        note = page.wait_for_function(
            "() => { const n = document.querySelector('#export-progress');"
            " return n.dataset.state === 'busy' ? n.innerText : null; }",
            timeout=60000,
        ).json_value()
        assert "Rendering the film: 17 frames, one per year" in note
    path = tmp_path / "film.gif"
    download.value.save_as(path)
    assert download.value.suggested_filename.endswith(".gif")
    from PIL import Image

    assert Image.open(path).n_frames == 17
    page.wait_for_function("() => document.querySelector('#export-progress').dataset.state === 'done'")
