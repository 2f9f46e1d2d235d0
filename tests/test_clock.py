"""No test depends on the day it runs: the date-sensitive tests pass as if it were years from now."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The tests whose views end in "today" (sliders, mandates as of now, captions dated today).
DATED = [
    "tests/test_mandates.py",
    "tests/test_timeline.py",
    "tests/test_viewstate.py",
    "tests/test_export.py",
    "tests/test_map_figure.py",
]


def test_dated_tests_pass_on_another_day():
    day = "2027-01-01"  # the first day a test that took 2026 for "today" would fail
    env = {**os.environ, "ATLAS_TEST_TODAY": day, "PYTHONDONTWRITEBYTECODE": "1"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-x",
            "-p",
            "no:cacheprovider",
            "-m",
            "not browser and not renderer",
            *DATED,
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, f"as if it were {day}:\n{run.stdout[-3000:]}\n{run.stderr[-2000:]}"


def test_the_fixed_day_reaches_the_app():
    env = {**os.environ, "ATLAS_TEST_TODAY": "2031-06-30"}
    code = "from tests import conftest; from dashboard.data.atlas import load_atlas; print(load_atlas().year_range[1])"
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.stdout.strip() == "2031", run.stderr
