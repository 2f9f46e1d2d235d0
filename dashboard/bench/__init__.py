"""The benchmark: every interaction measured against the real app on loopback (gunicorn), and a bare Dash reference."""
