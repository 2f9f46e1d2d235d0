"""Migration Governance Atlas: an interactive, sourced atlas of international migration governance."""

__version__ = "0.1.0"
