"""WSGI entry point for production: gunicorn 'dashboard.wsgi:server' (data from $ATLAS_DATA, default the bundled package)."""

import os

from dashboard.app import create_app

app = create_app(data_dir=os.environ.get("ATLAS_DATA") or None)
server = app.server
