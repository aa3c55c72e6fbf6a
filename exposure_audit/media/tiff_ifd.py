"""A bounded reader of TIFF image file directories (IFDs), the structure EXIF is stored in.

Only what the audit needs is decoded: the tags of IFD0, the Exif sub-IFD and the GPS sub-IFD. Every
offset and count is checked against the block before it is used, an IFD may hold at most
`MAX_ENTRIES` entries, a chain at most `MAX_IFDS` directories, and a directory reached twice is a
loop. Anything malformed raises `MemberError`, so a hostile file ends as a skipped member, never as
a hang, a huge allocation or a traceback.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

from exposure_audit.errors import MemberError

MAX_ENTRIES = 1024  # real cameras write < 100; a count above this is a corrupt or hostile directory
MAX_IFDS = 64  # pages of a multi-page TIFF, thumbnails
MAX_TEXT = 256  # longest string value decoded (make, model, serial, dates)

# TIFF field types -> size of one value in bytes
TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4, 16: 8, 17: 8, 18: 8}
ASCII, SHORT, LONG, RATIONAL, SRATIONAL, IFD_TYPE = 2, 3, 4, 5, 10, 13

# IFD0 tags
MAKE, MODEL, ORIENTATION, DATETIME, XMP = 0x010F, 0x0110, 0x0112, 0x0132, 0x02BC
EXIF_POINTER, GPS_POINTER = 0x8769, 0x8825
# Exif sub-IFD tags
DATETIME_ORIGINAL, DATETIME_DIGITIZED = 0x9003, 0x9004
OFFSET_TIME, OFFSET_TIME_ORIGINAL, OFFSET_TIME_DIGITIZED = 0x9010, 0x9011, 0x9012
BODY_SERIAL = 0xA431
# GPS sub-IFD tags
GPS_LAT_REF, GPS_LAT, GPS_LON_REF, GPS_LON, GPS_ALT_REF, GPS_ALT = 1, 2, 3, 4, 5, 6


@dataclass(slots=True)  # not frozen: a frozen instance costs four times as much to make, per tag per photo
class Entry:
    """One tag of a TIFF directory: its type, count, and where its value is."""

    tag: int
    type: int
    count: int
    position: int  # where the 12-byte entry starts in the block
    value_at: int  # where the value bytes start (inline in the entry or at the offset it holds)

    @property
    def size(self) -> int:
        return TYPE_SIZES.get(self.type, 1) * self.count


@dataclass(frozen=True, slots=True)
class Directory:
    """One TIFF directory (IFD): the entries read from it and the offset of the next."""

    offset: int
    entries: dict[int, Entry]  # the first entry of each tag (only the tags asked for, when filtered)
    next_offset: int
    count: int  # entries as the directory declares them, which is what its size on disk follows

    @property
    def end(self) -> int:
        """First byte after the directory (entry count, entries and next pointer)."""
        return self.offset + 2 + 12 * self.count + 4


class TiffBlock:
    """A TIFF structure in memory: an EXIF payload, or a whole .tif file."""

    def __init__(self, data: bytes | bytearray | memoryview) -> None:
        self.data = data
        if len(data) < 8:
            raise MemberError("malformed EXIF (header too short)")
        order = bytes(data[:2])
        if order == b"II":
            self.endian = "<"
        elif order == b"MM":
            self.endian = ">"
        else:
            raise MemberError("malformed EXIF (no byte-order mark)")
        (magic,) = struct.unpack_from(self.endian + "H", data, 2)
        if magic != 42:
            raise MemberError("malformed EXIF (not a TIFF header)")
        (self.first_offset,) = struct.unpack_from(self.endian + "I", data, 4)
        self._seen: set[int] = set()

    def directory(self, offset: int, only: frozenset[int] | None = None) -> Directory:
        """The IFD at `offset`; raises MemberError when it is out of bounds, too large or already read.

        With `only`, entries of other tags are passed over (checked the same way, not decoded): a
        photo's Exif directory holds dozens of tags of which a metadata pass wants two or three."""
        data = self.data
        if offset < 8 or offset + 2 > len(data):
            raise MemberError("malformed EXIF (directory offset outside the block)")
        if offset in self._seen:
            raise MemberError("malformed EXIF (directories form a loop)")
        self._seen.add(offset)
        (count,) = struct.unpack_from(self.endian + "H", data, offset)
        if count > MAX_ENTRIES:
            raise MemberError(f"malformed EXIF (directory claims {count} entries)")
        end = offset + 2 + 12 * count
        if end > len(data):
            raise MemberError("malformed EXIF (directory runs past the end of the block)")
        entries: dict[int, Entry] = {}
        position = offset + 2
        for tag, kind, n, pointer in struct.iter_unpack(self.endian + "HHII", data[position:end]):
            if (only is None or tag in only) and tag not in entries:
                value_at = position + 8 if TYPE_SIZES.get(kind, 1) * n <= 4 else pointer
                entries[tag] = Entry(tag, kind, n, position, value_at)
            position += 12
        next_offset = struct.unpack_from(self.endian + "I", data, end)[0] if end + 4 <= len(data) else 0
        return Directory(offset, entries, next_offset, count)

    def chain(self) -> Iterator[Directory]:
        """IFD0, IFD1, ... following next pointers, bounded and loop-checked."""
        offset = self.first_offset
        for _ in range(MAX_IFDS):
            if offset == 0:
                return
            directory = self.directory(offset)
            yield directory
            offset = directory.next_offset
        raise MemberError("malformed EXIF (too many directories in the chain)")

    def sub_directory(self, parent: Directory, tag: int, only: frozenset[int] | None = None) -> Directory | None:
        entry = parent.entries.get(tag)
        if entry is None or entry.type not in (LONG, IFD_TYPE) or entry.count < 1:
            return None
        (offset,) = struct.unpack_from(self.endian + "I", self.data, entry.value_at) if self._fits(entry) else (0,)
        if offset == 0:
            return None
        return self.directory(offset, only)

    def _fits(self, entry: Entry) -> bool:
        try:
            self._checked(entry)
        except MemberError:
            return False
        return True

    def _checked(self, entry: Entry) -> int:
        """The size of the entry's value, which must lie inside the block; MemberError when not."""
        # The size worked out here, not by `Entry.size`: this runs for every value read, several a
        # photo, and the property's call cost as much as the comparison.
        size = TYPE_SIZES.get(entry.type, 1) * entry.count
        if entry.value_at < 0 or entry.value_at + size > len(self.data):
            raise MemberError(f"malformed EXIF (tag 0x{entry.tag:04x} points outside the block)")
        return size

    def numbers(self, entry: Entry, limit: int = 8) -> list[float | None]:
        """Numeric values (at most `limit`); a rational with a zero denominator is None."""
        self._checked(entry)
        count = min(entry.count, limit)
        at = entry.value_at
        e = self.endian
        if entry.type in (RATIONAL, SRATIONAL):
            pair_code = "I" if entry.type == RATIONAL else "i"
            pairs = struct.unpack_from(f"{e}{2 * count}{pair_code}", self.data, at)
            return [
                pairs[i] / pairs[i + 1] if pairs[i + 1] else (0.0 if pairs[i] == 0 else None)
                for i in range(0, 2 * count, 2)
            ]
        codes = {1: "B", 3: "H", 4: "I", 6: "b", 7: "B", 8: "h", 9: "i", 11: "f", 12: "d", 16: "Q", 17: "q"}
        code = codes.get(entry.type)
        if code is None:
            raise MemberError(f"malformed EXIF (tag 0x{entry.tag:04x} has a non-numeric type)")
        return [float(v) for v in struct.unpack_from(f"{e}{count}{code}", self.data, at)]

    def zero_denominators(self, entry: Entry, limit: int = 8) -> bool:
        """True when every rational of the entry is 0/0 (how phones write "no position")."""
        if entry.type not in (RATIONAL, SRATIONAL):
            return False
        self._checked(entry)
        count = min(entry.count, limit)
        values = struct.unpack_from(f"{self.endian}{2 * count}I", self.data, entry.value_at)
        return count > 0 and not any(values)

    def text(self, entry: Entry) -> str:
        """A string value, cut at the first NUL and at MAX_TEXT bytes."""
        size = self._checked(entry)
        raw = bytes(self.data[entry.value_at : entry.value_at + min(size, MAX_TEXT)])
        return raw.split(b"\x00", 1)[0].decode("utf-8", "replace").strip()
