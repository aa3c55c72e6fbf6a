"""Names that cameras and phones give photo files, which hold no word the person chose.

IMG_0001, DSC01234, DSCN0042, PXL_20240101_123456789, MVIMG_20240101_123456, IMG-20240101-WA0001
(WhatsApp), P1000123 (Panasonic), GOPR0001, DJI_0001, WP_20140101_001 (Windows Phone) and a bare
20240101_123456: a prefix the device uses, then numbers. Most photos in a download are named so, and
reading such names for cues, colleagues or the employer's names cost a tenth of each photo's scan
while it could never find anything (an employer's abbreviation could only match by accident).
"""

from __future__ import annotations

import re

_CAMERA_NAME = re.compile(r"(?:IMG|DSC[FN]?|PXL|MVIMG|PANO|VID|GOPR|DJI|WP|P)? ?\d{3,}(?: \d+)*(?: WA\d+)?(?: \d+)?")
_SEPARATORS = re.compile(r"[_\-.]+")
_EXTENSIONS = frozenset(
    {"jpg", "jpeg", "png", "heic", "heif", "webp", "tif", "tiff", "gif", "bmp", "dng", "mp4", "mov"}
)


def camera_made(name: str) -> bool:
    """Whether a file name, or its stem, is one a camera or phone gave (a known prefix and numbers)."""
    stem, dot, extension = name.rpartition(".")
    if dot and stem and extension.lower() in _EXTENSIONS:
        name = stem
    return _CAMERA_NAME.fullmatch(_SEPARATORS.sub(" ", name).strip()) is not None
