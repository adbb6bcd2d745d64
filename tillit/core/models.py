"""Core has no models of its own: it holds the shell (layout, start page, error pages)."""
