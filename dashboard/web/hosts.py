"""Which address permalinks point to: $ATLAS_BASE_URL, or the request's host only if it is a trusted one."""

from __future__ import annotations

import os

from dashboard.export.params import ExportError, check_base_url

DEFAULT_TRUSTED = "127.0.0.1,localhost,[::1]"


def trusted_hosts() -> set[str]:
    """$ATLAS_TRUSTED_HOSTS: host names, or host:port, comma-separated (default: this machine's loopback names)."""
    raw = os.environ.get("ATLAS_TRUSTED_HOSTS", DEFAULT_TRUSTED)
    return {h.strip().lower() for h in raw.split(",") if h.strip()}


def _hostname(host: str) -> str:
    if host.startswith("["):
        return host[: host.find("]") + 1]
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def permalink_root(host: str, host_url: str) -> str | None:
    """The root permalinks use for this request; None lets the caption fall back to the default address.

    Never the raw Host header: anyone can send `Host: evil.example`, and embeds and exports would then link there.
    """
    configured = os.environ.get("ATLAS_BASE_URL")
    if configured:
        return configured
    host = host.lower()
    trusted = trusted_hosts()
    if host in trusted or _hostname(host) in trusted:
        try:
            return check_base_url(host_url)
        except ExportError:
            return None
    return None


def check_settings() -> None:
    """Refuse to start with an ATLAS_BASE_URL that is not an http(s) address."""
    configured = os.environ.get("ATLAS_BASE_URL")
    if configured:
        try:
            check_base_url(configured)
        except ExportError:
            raise ValueError(f"ATLAS_BASE_URL must be an http:// or https:// address (found {configured!r})") from None
