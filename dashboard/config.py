"""Where the data package and assets live, whether installed from a wheel or run from a checkout."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for path in candidates:
        if path.exists():
            return path
    return candidates[-1]


# A wheel carries data/ and assets/ inside the package (see pyproject's force-include);
# a checkout or an editable install reads them beside the package.
DATA_DIR = _first_existing(PACKAGE_DIR / "_data", PACKAGE_DIR.parent / "data")
ASSETS_DIR = _first_existing(PACKAGE_DIR / "_assets", PACKAGE_DIR.parent / "assets")
TOPOJSON_DIR = ASSETS_DIR / "topojson"
# The atlas's own plotly.js, with only the trace types it draws (scripts/build_plotly_bundle.sh): served by the app,
# the embeds, inlined in HTML exports and loaded by the image renderer, instead of the full plotly.min.js.
PLOTLY_BUNDLE = ASSETS_DIR / "vendor" / "plotly-atlas.min.js"
PLOTLY_BUNDLE_ASSET = "vendor/plotly-atlas.min.js"  # its path under /assets/

FIRST_YEAR = 1945


def today() -> _dt.date:
    """The date the atlas runs on: the last year of every slider, and the date printed on exports."""
    return _dt.date.today()


def current_year() -> int:
    return today().year


def cache_dir() -> Path:
    """Where the atlas keeps what it can recompute: $ATLAS_CACHE_DIR, default atlas-cache-<uid> in $TMPDIR."""
    import os
    import tempfile

    configured = os.environ.get("ATLAS_CACHE_DIR")
    if configured:
        return Path(configured)
    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"atlas-cache-{uid}"
