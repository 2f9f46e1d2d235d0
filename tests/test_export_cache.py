"""The export cache: a repeated export is served from it, on disk or in a real Redis shared by several servers."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time

import pytest

from dashboard.export.cache import ExportCache, export_key, make_cache, set_cache


def use(cache: ExportCache) -> ExportCache:
    set_cache(cache)  # the autouse fixture in conftest.py puts the previous one back
    return cache


def test_key_changes_with_each_thing_that_changes_the_bytes():
    base = ("0.1.0:abc", "/map?year=2000", "png", 1920, 1080, 1, "http://127.0.0.1:8050")
    key = export_key(*base)
    assert export_key(*base) == key
    for i, other in enumerate(("0.1.0:abd", "/map?year=2001", "svg", 1280, 720, 2, "https://atlas.example")):
        changed = list(base)
        changed[i] = other
        assert export_key(*changed) != key, f"part {i} is not in the key"


def test_a_repeated_image_export_is_served_from_the_cache_without_rendering(client, renderer, tmp_path):
    cache = use(make_cache(url="", directory=tmp_path / "exports"))
    url = "/export/map.png?process=budapest&year=1995&width=400&height=300"
    before = renderer.renders
    first = client.get(url)
    assert first.status_code == 200 and first.headers["X-Atlas-Cache"] == "miss"
    assert renderer.renders == before + 1
    second = client.get(url)
    assert second.status_code == 200 and second.headers["X-Atlas-Cache"] == "hit"
    assert second.data == first.data and renderer.renders == before + 1  # no second render
    assert cache.hits == 1 and any((tmp_path / "exports").iterdir())  # kept on disk
    other = client.get(url.replace("width=400", "width=500"))
    assert other.headers["X-Atlas-Cache"] == "miss" and renderer.renders == before + 2


def test_a_cached_export_survives_a_new_cache_object_on_the_same_folder(client, tmp_path):
    use(make_cache(url="", directory=tmp_path / "exports"))
    first = client.get("/export/timeline.csv?issue=asylum")
    use(make_cache(url="", directory=tmp_path / "exports"))  # another worker, or the server restarted
    second = client.get("/export/timeline.csv?issue=asylum")
    assert (first.headers["X-Atlas-Cache"], second.headers["X-Atlas-Cache"]) == ("miss", "hit")
    assert first.data == second.data


def test_etag_lets_a_client_or_nginx_revalidate_with_304(client):
    first = client.get("/export/map.csv?process=puebla")
    etag = first.headers["ETag"]
    assert first.headers["Cache-Control"].startswith("public, max-age=")
    again = client.get("/export/map.csv?process=puebla", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    changed = client.get("/export/map.csv?process=budapest", headers={"If-None-Match": etag})
    assert changed.status_code == 200


def test_same_address_spelled_differently_is_one_entry(client):
    client.get("/export/map.csv?year=2000&process=puebla")
    assert client.get("/export/map.csv?process=puebla&year=2000").headers["X-Atlas-Cache"] == "hit"


# ---- a real Redis ------------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is not installed: run `make deps` (Debian's redis-server package)")
    port = _free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    import redis

    client = redis.Redis(host="127.0.0.1", port=port)
    deadline = time.monotonic() + 30
    while True:
        try:
            client.ping()
            break
        except redis.ConnectionError:
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                pytest.fail(f"redis-server did not start on port {port}")
            time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(10)


def test_two_servers_share_exports_through_redis(client, redis_url):
    one = use(make_cache(url=redis_url))
    first = client.get("/export/mandates.csv?org=ilo,unhcr")
    assert first.headers["X-Atlas-Cache"] == "miss" and one.kind == "redis"
    use(make_cache(url=redis_url))  # a second app server with its own connection
    second = client.get("/export/mandates.csv?org=ilo,unhcr")
    assert second.headers["X-Atlas-Cache"] == "hit" and second.data == first.data
    import redis

    keys = redis.Redis.from_url(redis_url).keys("atlas-export:*")
    assert len(keys) == 1


def test_a_redis_that_is_down_costs_the_cache_not_the_export(client):
    use(make_cache(url=f"redis://127.0.0.1:{_free_port()}/0"))
    response = client.get("/export/map.csv?process=puebla")
    assert response.status_code == 200 and response.headers["X-Atlas-Cache"] == "miss"


def test_cache_url_must_be_redis():
    with pytest.raises(ValueError, match="ATLAS_CACHE_URL must be redis://"):
        make_cache(url="http://example.org/")
