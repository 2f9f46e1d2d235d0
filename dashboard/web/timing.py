"""A Server-Timing header on every response, so the benchmark (and browser dev tools) see server time apart from transfer."""

from __future__ import annotations

import time

from flask import Flask, g


def register(server: Flask) -> None:
    @server.before_request
    def _start_timer():
        g._atlas_started = time.perf_counter()

    @server.after_request
    def _server_timing(response):
        started = g.pop("_atlas_started", None)
        if started is not None:
            response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.2f}"
        return response
