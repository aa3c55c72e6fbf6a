"""Caps that keep a hostile or broken download from hurting the machine. All are configurable.

There is no cap on nested zips because a zip inside a download is never opened (`sources/archive.py`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

MiB = 1024 * 1024
GiB = 1024 * MiB


@dataclass(frozen=True, slots=True)
class CapFlag:
    """How a person changes a cap: the scan flag, its help, and whether it is given as a size (2G)."""

    flag: str
    help: str
    size: bool = False


FLAG = "flag"  # the key of a cap's CapFlag (or None) in its field's metadata


def _flag(flag: str, help: str, *, size: bool = False) -> dict[str, CapFlag | None]:
    return {FLAG: CapFlag(flag, help, size)}


# A cap without a flag of its own: it guards a cost another flag already bounds, or no real download
# comes near it, so it is set only through `with_overrides`.
_NO_FLAG: dict[str, CapFlag | None] = {FLAG: None}


@dataclass(frozen=True, slots=True, kw_only=True)
class Limits:
    """Every cap, with the scan flag that changes it (the command line builds its --max-* flags from this)."""

    member_bytes: int = field(  # uncompressed size of one member
        default=2 * GiB,
        metadata=_flag("--max-member-size", "Largest uncompressed file read from a download, e.g. 2G.", size=True),
    )
    total_bytes: int = field(  # uncompressed size of all members of one download
        default=200 * GiB,
        metadata=_flag("--max-total-size", "Largest uncompressed size of one whole download, e.g. 200G.", size=True),
    )
    compression_ratio: float = field(  # uncompressed / compressed for one zip member
        default=200.0, metadata=_flag("--max-ratio", "Largest compression ratio of one zip member (a zip-bomb guard).")
    )
    ratio_floor_bytes: int = field(default=1 * MiB, metadata=_NO_FLAG)  # smaller members are not ratio-checked
    members: int = field(  # members in one download
        default=1_000_000, metadata=_flag("--max-members", "Most files read from one download.")
    )
    # A JSON (or .js) member read whole (big record files are streamed instead).
    json_bytes: int = field(default=512 * MiB, metadata=_NO_FLAG)
    json_depth: int = field(  # nesting depth of a JSON document
        default=256, metadata=_flag("--max-json-depth", "Deepest nesting of a JSON document.")
    )
    json_string_chars: int = field(  # one JSON string
        default=16 * MiB, metadata=_flag("--max-json-string", "Longest JSON string, in characters as written.")
    )
    csv_field_chars: int = field(  # one CSV field
        default=16 * MiB, metadata=_flag("--max-csv-field", "Longest CSV field (and line), in characters.")
    )
    text_bytes: int = field(default=64 * MiB, metadata=_NO_FLAG)  # an HTML page or other text member
    html_tags: int = field(  # '<' in one HTML page; parsed, each tag costs some 600 bytes
        default=1_000_000,
        metadata=_flag("--max-html-tags", "Most tags in one HTML page (each costs memory once parsed)."),
    )
    image_pixels: int = field(  # decompression-bomb guard, per image
        default=120_000_000,
        metadata=_flag(
            "--max-image-pixels", "Largest image (width x height, in pixels) examined (a decompression-bomb guard)."
        ),
    )
    # Nesting of an unpacked download's folders (real ones are under 10 deep).
    folder_depth: int = field(default=200, metadata=_NO_FLAG)


def cap_flags() -> tuple[tuple[str, type, CapFlag], ...]:
    """(cap name, its type, its flag) of every cap a flag changes, in the order they are declared."""
    types = {"int": int, "float": float}
    return tuple(
        (f.name, types[str(f.type)], f.metadata[FLAG]) for f in fields(Limits) if f.metadata.get(FLAG) is not None
    )


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
