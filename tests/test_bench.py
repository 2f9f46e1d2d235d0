"""The benchmark's pieces that can be checked exactly: the synthetic scale generator and the summary statistics."""

from __future__ import annotations

from dashboard.bench.harness import make_scaled_package, summary
from dashboard.config import DATA_DIR
from dashboard.data.atlas import load_atlas
from dashboard.views.figures.map_view import make_map_view
from dashboard.viewstate import ViewState


def test_scaled_package_is_valid_and_n_times_larger(tmp_path, atlas):
    scaled = load_atlas(make_scaled_package(DATA_DIR, tmp_path / "x3", 3))  # load_atlas validates: raises if invalid
    assert len(scaled.processes) == 3 * len(atlas.processes)
    assert len(scaled.memberships) == 3 * len(atlas.memberships)
    assert len(scaled.process_issues) == 3 * len(atlas.process_issues)
    copy = scaled.process_by_id["puebla-x2"]
    assert copy["founded_year"] == 1996 and copy["name"].endswith("(synthetic copy 2)")
    assert scaled.process_by_id["hld-2006-x1"]["successor_id"] == "gfmd-x1"
    # the copies draw exactly like the original
    original = make_map_view(atlas, ViewState(processes=("puebla",), year=2000)).rows
    copied = make_map_view(scaled, ViewState(processes=("puebla-x2",), year=2000)).rows
    assert list(copied["iso3"]) == list(original["iso3"])
    outlines = [f for f in scaled.geometry.footprints["features"] if f["properties"]["process_id"] == "puebla-x2"]
    assert outlines and all(f["id"].startswith("puebla-x2:") for f in outlines)


def test_scale_one_is_a_plain_copy(tmp_path):
    out = make_scaled_package(DATA_DIR, tmp_path / "x1", 1)
    assert (out / "memberships.csv").read_bytes() == (DATA_DIR / "memberships.csv").read_bytes()


def test_summary_median_and_p95():
    assert summary([float(i) for i in range(1, 101)]) == {"median": 50.5, "p95": 95.0, "n": 100}
    assert summary([3.0]) == {"median": 3.0, "p95": 3.0, "n": 1}


def test_runs_without_a_redraw_are_counted_not_averaged():
    from dashboard.bench.harness import summary_of_runs

    assert summary_of_runs([10.0, None, 30.0]) == {"median": 20.0, "p95": 30.0, "n": 2, "missed": 1}
    assert summary_of_runs([None]) == {"median": None, "p95": None, "n": 0, "missed": 1}


def test_the_reference_draws_the_same_memberships_as_the_atlas(atlas):
    """The yardstick shows the same data: for one process and year, the same states as members and observers."""
    from dashboard.bench.reference import parse, reference_figure
    from dashboard.views.figures.map import make_map_figure

    for process, year in (("puebla", 2000), ("budapest", 1995)):
        ours = make_map_figure(atlas, ViewState(processes=(process,), year=year))["data"][0]
        theirs = reference_figure(atlas, *parse(f"?process={process}&year={year}"))["data"][0]
        assert theirs["locationmode"] == "ISO-3" and theirs["locations"] == ours["locations"]
        assert theirs["z"] == ours["z"] and max(theirs["z"]) == 2


def test_the_reference_is_a_plain_dash_app_with_one_callback():
    """Built in a process of its own: a plain Dash registers the full plotly.js for the process it runs in."""
    import json
    import subprocess
    import sys

    script = (
        "import json, re\n"
        "from dashboard.bench.reference import create_reference\n"
        "from dashboard.data.atlas import load_atlas\n"
        "app = create_reference(load_atlas())\n"
        "c = app.server.test_client()\n"
        "page = c.get('/?process=puebla&year=2000').data.decode()\n"
        "deps = c.get('/_dash-dependencies').get_json()\n"
        "full = c.get('/_dash-component-suites/plotly/package_data/plotly.min.js').status_code\n"
        "print(json.dumps({'scripts': re.findall(r'src=\"([^\"]+)\"', page), 'callbacks': len(deps), 'full': full}))\n"
    )
    out = json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout)
    assert out["callbacks"] == 1 and out["full"] == 200  # plotly.js as Dash ships it, loaded by dcc.Graph
    assert not [s for s in out["scripts"] if "/assets/" in s]  # none of the atlas's own files


def test_the_benchmark_deck_is_one_a_user_can_make(tmp_path):
    """The benchmark times a real deck: every view in it passes the slide legibility gate, so the CLI writes it."""
    from dashboard.bench.runner import DECK_VIEWS, measure_deck

    result = measure_deck(DATA_DIR, tmp_path)
    assert result["exit"] == 0, result["error"]
    assert result["views"] == len(DECK_VIEWS) == 10 and result["bytes"] > 100_000
