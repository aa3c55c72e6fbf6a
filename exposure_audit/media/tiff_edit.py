"""Remove tags from EXIF in place: same length, every other byte where it was.

Removing an entry rewrites its directory one entry shorter (entries stay sorted, the next-IFD
pointer follows them) and overwrites with zeros the bytes the entry pointed to, and the whole
sub-directory when the entry was a pointer (GPS, Exif, Interoperability). Nothing else moves, so
maker notes and thumbnails keep their offsets and the container around the block (JPEG segment
lengths, WebP chunk sizes, HEIF item extents) stays valid without any rewrite.
"""

from __future__ import annotations

import struct
from collections.abc import Collection

from exposure_audit.errors import MemberError
from exposure_audit.media import tiff_ifd as tiff
from exposure_audit.media.tiff_ifd import Directory, Entry, TiffBlock

POINTER_TAGS = frozenset({tiff.EXIF_POINTER, tiff.GPS_POINTER, 0xA005})  # 0xA005: Interoperability IFD


class TiffEditor:
    """Edits a TIFF block held in a writable buffer (a memoryview slice of the whole file)."""

    def __init__(self, block: memoryview) -> None:
        if block.readonly:
            raise ValueError("the block must be writable")
        self.block = block
        self.tiff = TiffBlock(block)
        self.changed = False

    def _zero(self, start: int, length: int) -> None:
        if start >= 0 and length > 0 and start + length <= len(self.block):
            self.block[start : start + length] = bytes(length)
            self.changed = True

    def _zero_value(self, entry: Entry) -> None:
        if entry.size > 4:
            self._zero(entry.value_at, entry.size)

    def zero_directory(self, directory: Directory) -> None:
        """Overwrite a directory, the data its entries point to and its own sub-directories."""
        for entry in directory.entries.values():
            if entry.tag in POINTER_TAGS:
                child = self._child(directory, entry.tag)
                if child is not None:
                    self.zero_directory(child)
            self._zero_value(entry)
        self._zero(directory.offset, directory.end - directory.offset)

    def _child(self, directory: Directory, tag: int) -> Directory | None:
        try:
            return self.tiff.sub_directory(directory, tag)
        except MemberError:
            return None  # a pointer to nowhere or into a loop: nothing there to zero

    def remove(self, directory: Directory, tags: Collection[int]) -> Directory:
        """Remove the entries with these tags from the directory; returns the rewritten directory."""
        gone = [e for e in directory.entries.values() if e.tag in tags]
        if not gone:
            return directory
        for entry in gone:
            if entry.tag in POINTER_TAGS:
                child = self._child(directory, entry.tag)
                if child is not None:
                    self.zero_directory(child)
            self._zero_value(entry)
        kept = sorted((e for e in directory.entries.values() if e.tag not in tags), key=lambda e: e.position)
        raw = [bytes(self.block[e.position : e.position + 12]) for e in kept]
        endian = self.tiff.endian
        at = directory.offset
        struct.pack_into(endian + "H", self.block, at, len(kept))
        for index, entry_bytes in enumerate(raw):
            self.block[at + 2 + 12 * index : at + 14 + 12 * index] = entry_bytes
        tail = at + 2 + 12 * len(kept)
        struct.pack_into(endian + "I", self.block, tail, directory.next_offset)
        self._zero(tail + 4, directory.end - tail - 4)
        self.changed = True
        entries = {}
        for index, entry in enumerate(kept):
            position = at + 2 + 12 * index
            value_at = position + 8 if entry.size <= 4 else entry.value_at
            entries[entry.tag] = Entry(entry.tag, entry.type, entry.count, position, value_at)
        return Directory(directory.offset, entries, directory.next_offset, len(kept))

    def cut_chain_after(self, directory: Directory) -> None:
        """Drop every directory after this one (IFD1 holds the thumbnail, which may show the place)."""
        if directory.next_offset == 0:
            return
        try:  # a fresh reader: this walk may revisit directories the editor has already read
            following = [d for d in TiffBlock(self.block).chain() if d.offset != directory.offset]
        except MemberError:
            following = []
        for other in following:
            for tag in (0x0201, 0x0111):  # JPEG thumbnail offset (+ length 0x0202), strip offsets (+ 0x0117)
                entry, length_entry = other.entries.get(tag), other.entries.get(tag + 1 if tag == 0x0201 else 0x0117)
                if entry is not None and length_entry is not None:
                    try:
                        (start,) = self.tiff.numbers(entry, 1)
                        (length,) = self.tiff.numbers(length_entry, 1)
                    except MemberError:
                        continue
                    if start is not None and length is not None:
                        self._zero(int(start), int(length))
            self.zero_directory(other)
        struct.pack_into(self.tiff.endian + "I", self.block, directory.end - 4, 0)
        self.changed = True


def remove_gps(block: memoryview) -> bool:
    """Remove the GPS directory (from IFD0, the Exif IFD and any later IFD); True when one was there."""
    editor = TiffEditor(block)
    found = False
    for directory in list(editor.tiff.chain()):
        if tiff.GPS_POINTER in directory.entries:
            editor.remove(directory, {tiff.GPS_POINTER})
            found = True
        if directory.offset == editor.tiff.first_offset:
            exif = editor._child(directory, tiff.EXIF_POINTER)
            if exif is not None and tiff.GPS_POINTER in exif.entries:
                editor.remove(exif, {tiff.GPS_POINTER})
                found = True
    return found


def has_gps_directory(block: bytes | memoryview) -> bool:
    """True when any directory of the block still points to a GPS directory."""
    reader = TiffBlock(block)
    for directory in reader.chain():
        if tiff.GPS_POINTER in directory.entries:
            return True
        if directory.offset == reader.first_offset:
            exif = reader.sub_directory(directory, tiff.EXIF_POINTER)
            if exif is not None and tiff.GPS_POINTER in exif.entries:
                return True
    return False
