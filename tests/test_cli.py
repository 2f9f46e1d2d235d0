"""The command line as a user runs it: help, validate, refusing to serve bad data, and a wheel that carries the data."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.helpers import copy_real_package, rewrite_csv

ROOT = Path(__file__).resolve().parent.parent


def run(*args, timeout=120):
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


def test_help_lists_the_commands():
    out = run("--help")
    assert out.returncode == 0
    for word in ("serve", "validate", "--version"):
        assert word in out.stdout
    serve = run("serve", "--help").stdout
    assert "--host" in serve and "127.0.0.1" in serve and "--port" in serve and "--debug" in serve and "--data" in serve


def test_validate_real_data():
    out = run("validate")
    assert out.returncode == 0 and out.stdout.strip().endswith(": valid")


def test_validate_and_serve_refuse_bad_data(tmp_path):
    directory = copy_real_package(tmp_path / "bad")
    rewrite_csv(directory / "memberships.csv", lambda rows: [dict(rows[0], iso3="QQQ", role="guest")] + rows[1:])
    for args in (("validate", "--data", str(directory)), ("serve", "--data", str(directory), "--port", "8999")):
        out = run(*args)
        assert out.returncode == 1, args
        assert (
            "memberships.csv:2: iso3: not an ISO 3166-1 alpha-3 code or a former state in states.csv (found 'QQQ'"
            in out.stderr
        )
        assert "memberships.csv:2: role: not an allowed value (found 'guest', expected member | observer)" in out.stderr
        assert "2 problem(s)" in out.stderr
        assert "Running on" not in out.stdout + out.stderr


def test_bad_port_is_named():
    out = run("serve", "--port", "99999")
    assert out.returncode == 2 and "--port must be from 1 to 65535 (found 99999)" in out.stderr


def test_missing_data_directory(tmp_path):
    out = run("validate", "--data", str(tmp_path / "nowhere"))
    assert out.returncode == 1 and "datapackage.json: (file): the data package descriptor is missing" in out.stderr


def test_wheel_carries_data_and_assets(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    wheel = next(tmp_path.glob("*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "dashboard/_data/datapackage.json",
        "dashboard/_data/memberships.csv",
        "dashboard/_data/geometry/countries.geojson",
        "dashboard/_assets/topojson/world_110m.json",
        "dashboard/_assets/vendor/bootstrap.min.css",
        "dashboard/_assets/atlas.css",
    ):
        assert needed in names, needed
    assert not any("staging" in n for n in names)
