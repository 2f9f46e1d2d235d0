"""Remembers which exact packages frictionless-py passed, so start-up does not pay seconds to re-check them."""

from __future__ import annotations

import hashlib
import os
from importlib import metadata
from pathlib import Path

from dashboard.config import cache_dir

_SCHEMA_CODE = Path(__file__).with_name("schema.py")


def content_digest(data_dir: Path, descriptor: dict, digest=None) -> str | None:
    """A digest of the package's bytes: the descriptor and every table (None if a file cannot be read)."""
    digest = digest or hashlib.sha256()
    try:
        digest.update((Path(data_dir) / "datapackage.json").read_bytes())
        for resource in descriptor["resources"]:
            digest.update(b"\0" + resource["path"].encode() + b"\0")
            digest.update((Path(data_dir) / resource["path"]).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def _key(data_dir: Path, descriptor: dict) -> str | None:
    """A digest of everything the schema checks depend on: the package's bytes, frictionless and our code."""
    digest = hashlib.sha256()
    try:
        digest.update(metadata.version("frictionless").encode())
        digest.update(_SCHEMA_CODE.read_bytes())
    except (OSError, metadata.PackageNotFoundError):
        return None
    return content_digest(data_dir, descriptor, digest)


def _own_private_dir(path: Path) -> bool:
    """Only a directory of ours that nobody else can write to is trusted to say a package is valid."""
    try:
        st = path.stat()
    except OSError:
        return False
    mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
    return path.is_dir() and mine and not st.st_mode & 0o022


def _verdict_dir() -> Path:
    return cache_dir() / "validation"


def seen_valid(data_dir: Path, descriptor: dict) -> bool:
    key = _key(data_dir, descriptor)
    folder = _verdict_dir()
    return key is not None and _own_private_dir(folder) and (folder / key).is_file()


def remember_valid(data_dir: Path, descriptor: dict) -> None:
    key = _key(data_dir, descriptor)
    folder = _verdict_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if key is not None and _own_private_dir(folder):
            (folder / key).write_bytes(b"")
    except OSError:
        pass  # a read-only cache only costs time
