"""Caps that keep a hostile or broken download from hurting the machine. All are configurable.

There is no cap on nested zips because a zip inside a download is never opened (`sources/archive.py`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    member_bytes: int = 2 * GiB  # uncompressed size of one member
    total_bytes: int = 200 * GiB  # uncompressed size of all members of one download
    compression_ratio: float = 200.0  # uncompressed / compressed for one zip member
    ratio_floor_bytes: int = 1 * MiB  # members smaller than this are not ratio-checked
    members: int = 1_000_000  # members in one download
    json_bytes: int = 512 * MiB  # a JSON (or .js) member read whole (big record files are streamed instead)
    json_depth: int = 256  # nesting depth of a JSON document
    json_string_chars: int = 16 * MiB  # one JSON string
    csv_field_chars: int = 16 * MiB  # one CSV field
    text_bytes: int = 64 * MiB  # an HTML page or other text member
    html_tags: int = 1_000_000  # '<' in one HTML page; parsed, each tag costs some 600 bytes
    image_pixels: int = 120_000_000  # decompression-bomb guard, per image
    folder_depth: int = 200  # nesting of an unpacked download's folders (real ones are under 10 deep)


DEFAULT_LIMITS = Limits()

_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 1024, "m": MiB, "g": GiB, "t": 1024 * GiB}


def parse_size(text: str) -> int:
    """ "2G", "512 MiB", "64k" or a plain number of bytes -> bytes (binary units); ValueError otherwise."""
    match = _SIZE.match(text)
    if match is None:
        raise ValueError(f"{text!r} is not a size such as 512M, 2G or 1048576")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def with_overrides(overrides: Mapping[str, float | None], base: Limits = DEFAULT_LIMITS) -> Limits:
    """`base` with the given caps changed (None leaves a cap as it is); ValueError for a cap below 1."""
    known = {f.name: f.type for f in fields(Limits)}
    changes: dict[str, float] = {}
    for name, value in overrides.items():
        if name not in known:
            raise ValueError(f"there is no cap named {name}")
        if value is None:
            continue
        if value < 1:
            raise ValueError(f"{value} is below 1")
        changes[name] = float(value) if known[name] == "float" else int(value)
    return replace(base, **changes)  # type: ignore[arg-type]
