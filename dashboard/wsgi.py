"""WSGI entry point for production: gunicorn 'dashboard.wsgi:server' (data from $ATLAS_DATA, default the bundled package).

Invalid data never serves: every problem goes to stderr, then the import fails, so gunicorn's worker cannot boot
and gunicorn exits non-zero ("Worker failed to boot") instead of serving half the data.
"""

import os
import sys
import threading

from dashboard.config import DATA_DIR
from dashboard.data.validate import DataPackageError, problem_lines
from dashboard.export.renderer import get_renderer
from dashboard.strings import t
from dashboard.web.app import create_app

_data_dir = os.environ.get("ATLAS_DATA") or None
try:
    app = create_app(data_dir=_data_dir)
except DataPackageError as exc:
    print(t("error.data_invalid", path=_data_dir or DATA_DIR, n=len(exc.problems)), file=sys.stderr)
    for line in problem_lines(exc.problems):
        print(line, file=sys.stderr)
    sys.stderr.flush()
    raise
server = app.server

# Each worker starts its image renderer in the background, so no user waits ~2 s for a browser to start
# (ATLAS_WARM_RENDERER=0 turns this off, e.g. on a machine without Chromium).
if os.environ.get("ATLAS_WARM_RENDERER", "1") != "0":
    threading.Thread(target=get_renderer().warm, name="atlas-renderer-warmup", daemon=True).start()
