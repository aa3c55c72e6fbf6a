"""What marks the toy platform's download: its one file."""

from __future__ import annotations

from exposure_audit.fetchers.base import marker

NOTES = marker("toy_notes.txt", r"(^|/)toy_notes\.txt$")
MARKERS = (NOTES,)
