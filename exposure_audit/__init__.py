"""exposure-audit: find what in your own social-media downloads identifies you as departmental staff."""

__version__ = "0.1.0"
