"""Views: one module per view (state and data in; figure, rows, title out; no Dash), and their registry."""
