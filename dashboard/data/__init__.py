"""The data layer: the Frictionless data package, loaded and validated once, read-only after (Atlas)."""
