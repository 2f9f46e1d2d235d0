"""axe-core for the browser tests: fetched once from the npm registry into a cache (never committed), checked.

The version and the checksum of axe.min.js are pinned here, so every run audits with the same rules. axe-core is
MPL-2.0 (Deque Systems); it is injected into the page only in tests, in a context made with bypass_csp=True
(the app's Content-Security-Policy rightly refuses scripts it does not serve).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

AXE_VERSION = "4.14.1"
AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c"  # package/axe.min.js
# WCAG 2.x A and AA, the level ministries and UN bodies must publish at.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = ("serious", "critical")


def cache_dir() -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(root) / "migration-atlas" / f"axe-core-{AXE_VERSION}"


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def axe_script() -> Path:
    """The path of axe.min.js: from $ATLAS_AXE_JS, the cache, or `npm pack axe-core@VERSION` into the cache."""
    given = os.environ.get("ATLAS_AXE_JS")
    path = Path(given) if given else cache_dir() / "axe.min.js"
    if not path.exists() and not given:
        _fetch(path)
    found = _sha256(path)
    if found != AXE_SHA256:
        raise RuntimeError(f"{path}: sha256 {found}, expected {AXE_SHA256} (axe-core {AXE_VERSION})")
    return path


def _fetch(path: Path) -> None:
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError(
            f"npm not found: install it (apt-get install npm) or set ATLAS_AXE_JS to axe.min.js {AXE_VERSION}"
        )
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [npm, "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", tmp, "--silent"],
            check=True,
            capture_output=True,
            timeout=300,
        )
        (tgz,) = Path(tmp).glob("axe-core-*.tgz")
        with tarfile.open(tgz) as archive:
            member = archive.extractfile("package/axe.min.js")
            licence = archive.extractfile("package/LICENSE")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.with_name("LICENSE").write_bytes(licence.read() if licence else b"MPL-2.0")
            part = path.with_suffix(".part")
            part.write_bytes(member.read())
            part.replace(path)


def run_axe(page, *, context: str | None = None) -> list[dict]:
    """Inject axe-core (once per document) and return its violations for WCAG A/AA: id, impact, nodes."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script()))
    return page.evaluate(
        """([tags, context]) => axe.run(context ? document.querySelector(context) : document,
                                         {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
             .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                 nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                           summary: (n.failureSummary || '').slice(0, 300)}))})))""",
        [AXE_TAGS, context],
    )


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def report(violations: list[dict]) -> str:
    """Violations as lines a reader can act on: rule, impact, and the first nodes with what to fix."""
    lines = []
    for v in violations:
        lines.append(f"{v['impact']}: {v['id']} ({v['help']}), {len(v['nodes'])} node(s)")
        for n in v["nodes"][:5]:
            lines.append(f"    {n['target']}: {n['html']}\n      {n['summary']}")
    return "\n".join(lines)
