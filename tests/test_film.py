"""The map as a film: the plan and its bounds (unit), then /export/map.gif and .mp4 and the CLI, frame by frame."""

from __future__ import annotations

import io
import subprocess

import imageio_ffmpeg
import pytest
from PIL import Image

from dashboard.cli import main
from dashboard.cli.export import progress_bar
from dashboard.export.film import MAX_FRAMES, default_span, frame_figure, plan_film
from dashboard.export.params import ExportError
from dashboard.viewstate import ViewState
from dashboard.web.pages.export_controls import export_links

# ---- unit ----------------------------------------------------------------------------------------------------


def test_plan_defaults_and_bounds(atlas):
    state = ViewState(processes=("budapest",), year=2006)
    assert default_span(atlas, state) == (1993, 2006)  # from the founding to the year shown
    plan = plan_film(atlas, state)
    assert plan.years == tuple(range(1993, 2007)) and (plan.width, plan.height, plan.scale) == (1280, 720, 1)
    assert plan_film(atlas, state, "2000", "2000", "640", "360").years == (2000,)


@pytest.mark.parametrize(
    "raw, param, message",
    [
        (("1946", "2026"), "to", f"at most {MAX_FRAMES} frames"),
        (("2005", "1995"), "from", "'from' (2005) is after 'to' (1995)"),
        (("soon", "2000"), "from", "'from' must be a year from 1945"),
        (("1990", "3000"), "to", "'to' must be a year from 1945"),
    ],
)
def test_plan_errors_name_the_parameter(atlas, raw, param, message):
    with pytest.raises(ExportError) as err:
        plan_film(atlas, ViewState(), *raw)
    assert err.value.parameter == param and message in str(err.value)


def test_pixel_budget(atlas):
    with pytest.raises(ExportError) as err:
        plan_film(atlas, ViewState(), "1950", "2020", "1920", "1080")  # fine for one image, not for 71
    assert err.value.parameter == "width" and "too many pixels" in str(err.value)


def test_each_frame_has_its_year_title_source_and_permalink(atlas):
    state = ViewState(processes=("budapest",), compare=1995)
    figure = frame_figure(atlas, state, 2001, width=1280, root="http://atlas.example")
    notes = {a.get("name"): a["text"] for a in figure["layout"]["annotations"]}
    assert notes["film-year"] == "<b>2001</b>"
    assert "Source: Migration Governance Atlas" in notes["export-source"]
    assert "http://atlas.example/map?process=budapest&amp;year=2001&amp;compare=1995" in notes["export-permalink"]
    assert (
        figure["layout"]["title"]["text"].replace("<br>", " ")
        == "Budapest Process: who joined and who left, 1995 to 2001"
    )


def test_progress_bar_draws_on_one_line():
    out = io.StringIO()
    for done in range(1, 5):
        progress_bar(done, 4, stream=out, width=8)
    lines = out.getvalue().split("\r")
    assert lines[2] == "Rendering the film [####----] 2/4 frames" and out.getvalue().endswith("4/4 frames\n")


def test_export_control_offers_films_of_the_map_only():
    links = export_links(ViewState(processes=("budapest",)), "gif", "1280x720", None, None, 1, False, "", (1993, 2006))
    assert links["href"] == "/export/map.gif?process=budapest&from=1993&to=2006&width=1280&height=720&scale=1"
    assert links["filename"].endswith(".gif")
    other = export_links(ViewState(view="timeline"), "mp4", "1280x720", None, None, 1, False, "", (1993, 2006))
    assert other["href"].startswith("/export/timeline.png?")


# ---- app and CLI: real routes, real renderer, real encoders ----------------------------------------------------


def _gif_frames(data: bytes) -> list[Image.Image]:
    im = Image.open(io.BytesIO(data))
    frames = []
    for i in range(im.n_frames):
        im.seek(i)
        frames.append(im.convert("RGB").copy())
    return frames


def test_gif_has_one_frame_per_year(client, renderer):
    response = client.get("/export/map.gif?process=budapest&from=1993&to=1998&width=640&height=360")
    assert response.status_code == 200 and response.mimetype == "image/gif"
    assert response.headers["X-Atlas-Frames"] == "6"
    frames = _gif_frames(response.data)
    assert len(frames) == 6 and frames[0].size == (640, 360)
    assert len({f.tobytes() for f in frames}) == 6  # each year is its own picture (at least its year differs)
    renders = renderer.renders
    again = client.get("/export/map.gif?process=budapest&from=1993&to=1998&width=640&height=360")
    assert again.data == response.data and renderer.renders == renders  # from the cache, not the browser


def test_mp4_is_h264_with_one_frame_per_year(client, renderer, tmp_path):
    response = client.get("/export/map.mp4?process=budapest&compare=1993&from=1994&to=1997&width=640&height=360")
    assert response.status_code == 200 and response.mimetype == "video/mp4"
    path = tmp_path / "film.mp4"
    path.write_bytes(response.data)
    probe = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True)
    info = probe.stderr.decode()
    assert "Video: h264" in info and "640x360" in info and "Duration: 00:00:04.00" in info
    count = subprocess.run(
        [imageio_ffmpeg.get_ffmpeg_exe(), "-i", str(path), "-map", "0:v", "-f", "null", "-"], capture_output=True
    )
    assert "frame=    4" in count.stderr.decode()


@pytest.mark.parametrize(
    "url, param",
    [
        ("/export/map.gif?from=1946&to=2026", "to"),
        ("/export/map.mp4?from=2010&to=2000", "from"),
        ("/export/timeline.gif?from=2000&to=2001", "format"),
        ("/export/map.gif?from=2000&to=2001&width=50", "width"),
    ],
)
def test_bad_films_get_400_naming_the_parameter(client, url, param):
    response = client.get(url)
    assert response.status_code == 400 and response.headers["X-Atlas-Parameter"] == param


def test_cli_writes_a_film_with_a_progress_bar(tmp_path, renderer, app, capsys):
    out = tmp_path / "budapest.gif"
    assert (
        main(
            [
                "export",
                "map?process=budapest&to=1996",
                "--from",
                "1994",
                "--width",
                "480",
                "--height",
                "270",
                "-o",
                str(out),
            ]
        )
        == 0
    )
    captured = capsys.readouterr()
    assert "Rendering the film [" in captured.err and "3/3 frames" in captured.err and f"Wrote {out}" in captured.out
    assert len(_gif_frames(out.read_bytes())) == 3
    assert main(["export", "timeline", "-o", str(tmp_path / "t.mp4")]) == 2
    assert "Only the map is a film" in capsys.readouterr().err
