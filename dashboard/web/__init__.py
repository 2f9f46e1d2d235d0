"""The web app: the Dash application, its pages (layout and thin callbacks), routes, security and timing."""
