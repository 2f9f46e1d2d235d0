"""No browser outlives the renderer that started it, and no profile outlives its process, even a killed one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from dashboard.export import profiles
from dashboard.export.renderer import Renderer, RendererUnavailable

ROOT = Path(__file__).resolve().parents[1]


def _wait_until(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] != "Z"  # a zombie has exited
    except OSError:
        return False


def test_a_browser_that_hangs_at_start_is_killed_with_its_profile(tmp_path):
    # A "browser" that starts and never answers: it keeps its command line, profile flag included, and sleeps.
    hanging = tmp_path / "hanging-browser"
    hanging.write_text(f"#!/bin/sh\nexec {sys.executable} -c 'import time; time.sleep(300)' \"$@\"\n")
    hanging.chmod(0o755)
    renderer = Renderer(browser_path=str(hanging), timeout=3)
    try:
        try:
            renderer.render({"data": [], "layout": {}}, "png", 100, 100)
        except RendererUnavailable:
            pass
        else:
            raise AssertionError("a browser that never answers rendered an image")
        mine = renderer._profiles
        assert mine is not None and mine.parent == profiles.own_profiles()
        assert _wait_until(lambda: not profiles.browsers_using(mine), 10), "the hung browser was left running"
        assert not any(mine.iterdir()), "its profile was left behind"
    finally:
        renderer.close()
    assert not mine.exists()


WORKER = textwrap.dedent(
    """
    import sys, time
    from dashboard.export import profiles
    from dashboard.export.renderer import Renderer
    renderer = Renderer(timeout=120)
    renderer.warm()
    print(",".join(map(str, profiles.browsers_using(profiles.own_profiles()))), flush=True)
    time.sleep(300)
    """
)


def test_a_killed_worker_leaves_nothing_once_the_next_one_starts():
    worker = subprocess.Popen([sys.executable, "-c", WORKER], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        browsers = [int(p) for p in worker.stdout.readline().strip().split(",") if p]
        assert browsers, "the worker's renderer started no browser"
        folder = profiles.own_profiles(worker.pid)
        assert folder.is_dir()
    finally:
        os.kill(worker.pid, signal.SIGKILL)  # as the OOM killer or `kill -9` would: no atexit, no cleanup
        worker.wait(30)
    profiles.release(profiles.prepare())  # what the next worker's renderer does when it starts (and at its exit)
    assert not folder.exists(), "the dead worker's profiles are still there"
    assert _wait_until(lambda: not any(_alive(p) for p in browsers), 30), "the dead worker's browser still runs"
