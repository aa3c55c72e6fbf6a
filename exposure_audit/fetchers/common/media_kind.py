"""What kind a media file in a download is, by its name or, when the name has no extension, by its
first bytes; and a geotag's latitude and longitude as the platforms write them (numbers or strings).
Instagram and X both read media this way."""

from __future__ import annotations

from enum import StrEnum
from pathlib import PurePosixPath

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import IMAGE_SUFFIXES, VIDEO_SUFFIXES
from exposure_audit.sources.archive import Tree

SNIFF_BYTES = 32

_IMAGE_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif", b"avis"}
_OTHER_SUFFIXES = (".srt", ".vtt", ".json", ".html", ".txt", ".js", ".css", ".m4a", ".aac", ".mp3", ".opus")


class MediaKind(StrEnum):
    IMAGE = "image"
    VIDEO = "video"
    OTHER = "other"
    UNKNOWN = "unknown"  # no extension and no bytes to look at


def sniff(head: bytes) -> MediaKind:
    """The kind of a file from its first bytes: JPEG, PNG, GIF, WebP, HEIC/AVIF are images; MP4/MOV video."""
    if head.startswith(b"\xff\xd8\xff") or head.startswith(b"\x89PNG\r\n\x1a\n") or head.startswith(b"GIF8"):
        return MediaKind.IMAGE
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return MediaKind.IMAGE
    if head[4:8] == b"ftyp":
        return MediaKind.IMAGE if head[8:12] in _IMAGE_BRANDS else MediaKind.VIDEO
    return MediaKind.OTHER


def kind_by_name(path: str) -> MediaKind:
    """The kind a file's extension declares; UNKNOWN when the name has no extension."""
    lowered = path.lower()
    if lowered.endswith(IMAGE_SUFFIXES):
        return MediaKind.IMAGE
    if lowered.endswith(VIDEO_SUFFIXES):
        return MediaKind.VIDEO
    if "." not in PurePosixPath(lowered).name:
        return MediaKind.UNKNOWN
    return MediaKind.OTHER


def member_kind(tree: Tree, member: str) -> MediaKind:
    """The kind of a member: by extension, else by its magic bytes (OTHER when unreadable)."""
    declared = kind_by_name(member)
    if declared is not MediaKind.UNKNOWN:
        return declared
    try:
        with tree.open_member(member) as handle:
            return sniff(handle.read(SNIFF_BYTES))
    except (MemberError, OSError, ValueError):
        return MediaKind.OTHER


def coordinate_pair(lat: object, lon: object) -> tuple[float, float] | None:
    """Latitude and longitude as numbers or numeric strings -> floats; None for 0/0, junk or out of range."""
    try:
        lat_f = float(lat)  # type: ignore[arg-type]
        lon_f = float(lon)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not (-90.0 <= lat_f <= 90.0 and -180.0 <= lon_f <= 180.0):  # also rejects NaN
        return None
    if lat_f == 0.0 and lon_f == 0.0:
        return None
    return lat_f, lon_f
