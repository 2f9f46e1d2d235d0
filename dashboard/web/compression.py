"""Gzip for the app's own files under /assets/, compressed once per file version, and cached by browsers for good."""

from __future__ import annotations

import gzip
import threading

from flask import request

ASSETS_ENDPOINT = "_dash_assets.static"  # Dash's blueprint for assets_folder
COMPRESSIBLE = {"text/css", "text/javascript", "application/javascript", "application/json", "image/svg+xml"}
MIN_BYTES = 1024
FOREVER = "public, max-age=31536000, immutable"


def register(server) -> None:
    """Flask serves assets as file streams, which Flask-Compress leaves unzipped for a client that asks for gzip
    (it streams only zstd, br or deflate). Here they are gzipped at level 9, once per ETag (file, size, mtime), and
    the result kept, so the 1.3 MB plotly.js bundle costs its 450 KB on the wire and no CPU after the first request.
    Dash links assets with ?m=<mtime>, so such an address always names the same bytes: browsers may keep them."""
    cache: dict[str, bytes | None] = {}
    lock = threading.Lock()

    @server.after_request
    def gzip_asset(response):
        if request.endpoint != ASSETS_ENDPOINT or response.status_code not in (200, 304):
            return response
        if request.args.get("m"):
            response.headers["Cache-Control"] = FOREVER
        etag, weak = response.get_etag()
        if (
            response.status_code != 200
            or not etag
            or weak
            or response.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in response.headers
            or request.accept_encodings["gzip"] <= 0
        ):
            return response
        with lock:
            known = etag in cache
            body = cache.get(etag)
        if known and body is None:  # too small to be worth it
            return response
        stream = response.response
        response.direct_passthrough = False
        if body is None:
            data = response.get_data()
            body = gzip.compress(data, 9, mtime=0) if len(data) >= MIN_BYTES else None
            with lock:
                cache[etag] = body
        getattr(stream, "close", lambda: None)()
        if body is None:
            return response
        response.set_data(body)
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
        response.headers.pop("Accept-Ranges", None)  # a range of the file is not a range of its gzip
        response.set_etag(f"{etag}:gzip")
        return response.make_conditional(request)
