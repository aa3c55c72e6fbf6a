"""Reading Instagram members: what kind a media file is, and the record list inside a JSON member.

Instagram writes some media files without an extension (`media/posts/202403/FQIoAk..._1807...`),
so the kind of a file is decided by its first bytes when the name does not say. JSON members hold
their records in one of three shapes: a bare list, a single bare object (Meta's one-record quirk),
or an object whose one key ("ig_stories", "profile_user" ...) holds the list. Large members are
streamed so that memory does not grow with the number of records.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from enum import StrEnum
from pathlib import PurePosixPath
from typing import Any

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import IMAGE_SUFFIXES, VIDEO_SUFFIXES
from exposure_audit.fetchers.common.jsonio import iter_json_array, read_json
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.sources.archive import Tree

STREAM_BYTES = 8 * 1024 * 1024  # JSON members above this are streamed record by record
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


def extensionless_images(tree: Tree) -> list[str]:
    """Members without an extension whose bytes are an image (Instagram's nameless media files)."""
    return [
        path
        for path in tree.members
        if kind_by_name(path) is MediaKind.UNKNOWN and member_kind(tree, path) is MediaKind.IMAGE
    ]


_WRAPPER_KEY = re.compile(rb'^\s*\{\s*"((?:[^"\\]|\\.)*)"\s*:\s*\[')


def _streamable_prefix(tree: Tree, member: str, keys: tuple[str, ...]) -> tuple[str, str] | None:
    """(ijson prefix, pointer) of the record list of a large member, None when it cannot be streamed."""
    with tree.open_member(member) as handle:
        head = handle.read(4096).removeprefix(b"\xef\xbb\xbf")
    if head.lstrip().startswith(b"["):
        return "item", ""
    match = _WRAPPER_KEY.match(head)
    if match:
        key = match.group(1).decode("utf-8", "replace")
        if key in keys and "." not in key:
            return f"{key}.item", pointer_join("", key)
    return None


def iter_record_list(
    tree: Tree, member: str, keys: tuple[str, ...], is_record: Callable[[dict[str, Any]], bool]
) -> Iterator[tuple[str, Any]]:
    """(pointer, record) for every record of a JSON member, in order; MemberError if it is unreadable.

    The records are the document itself when it is a list, the value of the first of `keys` present,
    or the value of an unknown wrapper's only key (a renamed wrapper) when the object is not itself a
    record. A bare record stands for a one-record list (Meta's quirk).
    """
    size = tree.members[member].size if member in tree.members else 0
    if size > STREAM_BYTES:
        located = _streamable_prefix(tree, member, keys)
        if located is not None:
            prefix, base = located
            for index, element in enumerate(iter_json_array(tree, member, prefix, meta=True)):
                yield pointer_join(base, index), element
            return
    document = read_json(tree, member, meta=True)
    base, value = unwrap(document, keys, is_record)
    if isinstance(value, list):
        for index, element in enumerate(value):
            yield pointer_join(base, index), element
    elif value is not None:
        yield base, value


def unwrap(document: Any, keys: tuple[str, ...], is_record: Callable[[dict[str, Any]], bool]) -> tuple[str, Any]:
    """(pointer, value) of the part of a parsed document that holds the records; see `iter_record_list`."""
    if isinstance(document, dict):
        for key in keys:
            if key in document:
                return pointer_join("", key), document[key]
        if len(document) == 1 and not is_record(document):
            ((key, value),) = document.items()
            if isinstance(value, (list, dict)):
                return pointer_join("", str(key)), value
    return "", document


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
