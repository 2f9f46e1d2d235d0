"""Chromium profiles of the renderer in one folder per process, and no browser outliving the process that started it."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import tempfile
from pathlib import Path

log = logging.getLogger("dashboard.export.renderer")
PREFIX = "worker-"


def profiles_root() -> Path:
    """$TMPDIR/atlas-renderer-<uid>: every process's profiles folder, one level down."""
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"atlas-renderer-{uid}"


def own_profiles(pid: int | None = None) -> Path:
    return profiles_root() / f"{PREFIX}{pid or os.getpid()}"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def browsers_using(folder: Path) -> list[int]:
    """Process ids whose command line opens a profile inside `folder` (Chromium and its helpers)."""
    needle = f"--user-data-dir={folder}/".encode()
    pids = []
    for entry in Path("/proc").glob("[0-9]*") if Path("/proc").is_dir() else []:
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if needle in cmdline.replace(b"\0", b" ") and int(entry.name) != os.getpid():
            pids.append(int(entry.name))
    return pids


def kill_browsers(folder: Path) -> int:
    """Kill every browser process on a profile in `folder`, with its process group; how many were found."""
    pids = browsers_using(folder)
    for pid in pids:
        for kill in (lambda p: os.killpg(os.getpgid(p), signal.SIGKILL), lambda p: os.kill(p, signal.SIGKILL)):
            try:
                kill(pid)
                break
            except (ProcessLookupError, PermissionError, OSError):
                continue
    return len(pids)


def remove(folder: Path) -> None:
    kill_browsers(folder)
    shutil.rmtree(folder, ignore_errors=True)


def prepare() -> Path:
    """A new profiles folder for one renderer of this process; first the leftovers of processes that died."""
    root = profiles_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    for folder in root.glob(f"{PREFIX}*"):
        pid = folder.name[len(PREFIX) :]
        if pid.isdigit() and int(pid) != os.getpid() and not _alive(int(pid)):
            log.info("removing the browser profiles of dead process %s", pid)
            remove(folder)
    mine = own_profiles()
    mine.mkdir(mode=0o700, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="renderer-", dir=mine))


def release(folder: Path) -> None:
    """Remove one renderer's folder (its browsers first), and the process's folder once it is empty."""
    remove(folder)
    try:
        folder.parent.rmdir()
    except OSError:
        pass  # another renderer of this process still has its folder there
