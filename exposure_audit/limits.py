"""Caps that keep a hostile or broken download from hurting the machine. All are configurable.

There is no cap on nested zips because a zip inside a download is never opened (`archive.py`).
"""

from __future__ import annotations

from dataclasses import dataclass

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    member_bytes: int = 2 * GiB  # uncompressed size of one member
    total_bytes: int = 200 * GiB  # uncompressed size of all members of one download
    compression_ratio: float = 200.0  # uncompressed / compressed for one zip member
    ratio_floor_bytes: int = 1 * MiB  # members smaller than this are not ratio-checked
    members: int = 1_000_000  # members in one download
    json_bytes: int = 512 * MiB  # a JSON (or .js) member read whole; larger ones are streamed
    json_depth: int = 256  # nesting depth of a JSON document
    json_string_chars: int = 16 * MiB  # one JSON string
    csv_field_chars: int = 16 * MiB  # one CSV field
    text_bytes: int = 64 * MiB  # an HTML page or other text member
    image_pixels: int = 120_000_000  # decompression-bomb guard, per image


DEFAULT_LIMITS = Limits()
