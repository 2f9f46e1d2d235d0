"""Shared fixtures: the real atlas, a tiny atlas, the app and its Flask test client."""

from __future__ import annotations

import pytest

from dashboard.datapkg import load_atlas
from tests.helpers import write_package


@pytest.fixture(scope="session")
def atlas():
    return load_atlas()


@pytest.fixture(scope="session")
def tiny_atlas(tmp_path_factory):
    return load_atlas(write_package(tmp_path_factory.mktemp("tiny")))


@pytest.fixture(scope="session")
def app(atlas):
    from dashboard.app import create_app

    return create_app(atlas)


@pytest.fixture()
def client(app):
    return app.server.test_client()


@pytest.fixture(scope="session")
def renderer():
    """One kaleido browser for every test that renders an image (starting one takes about 2 s)."""
    from dashboard.renderer import Renderer, set_renderer

    shared = Renderer(timeout=120)
    previous = set_renderer(shared)
    yield shared
    set_renderer(previous)
    shared.close()
