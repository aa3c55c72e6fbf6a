"""What marks a Google Takeout of Google Photos: loaded for detection without the readers."""

from __future__ import annotations

import re

from exposure_audit.fetchers.base import marker

PHOTOS_FOLDER = re.compile(r"(^|/)Google (Photos|Fotos|Foto)/", re.IGNORECASE)
SIDECAR_NAME = re.compile(
    r"\.(jpe?g|png|heic|heif|gif|webp|tiff?|bmp|dng|mp4|mov|m4v|3gp|avi|webm)(\.[a-z-]*)?(\(\d+\))?\.json$",
    re.IGNORECASE,
)

MARKERS = (
    marker("Takeout/Google Photos/ folder", PHOTOS_FOLDER.pattern + r".+"),
    marker("photo sidecars (IMG_1234.jpg.json, .supplemental-metadata.json)", SIDECAR_NAME.pattern),
)
