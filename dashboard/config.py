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

FIRST_YEAR = 1945


def current_year() -> int:
    return _dt.date.today().year
