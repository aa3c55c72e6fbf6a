"""What a photo file itself says: EXIF GPS, capture time, camera make/model and serial number.

Only the metadata is read (JPEG APP1, PNG eXIf, WebP EXIF, TIFF directories, HEIF Exif item), never
the pixels, so this is cheap enough to run on every image of a download. The size the image declares
is read too (by Pillow, from the header bytes already read), so that a decompression bomb is known
before anything decodes it. The EXIF itself is decoded
by a bounded TIFF-directory reader (`exposure_audit.media.tiff_ifd`) that looks only at the handful of
tags needed, so a hostile file with looping directories or absurd counts is refused, not followed.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import datetime
from typing import IO, cast

from exposure_audit.errors import MemberError
from exposure_audit.media import tiff_ifd as tiff
from exposure_audit.media.containers import jpeg_in_memory, locate_exif
from exposure_audit.media.pillow_warnings import quiet_pillow
from exposure_audit.media.tiff_ifd import Directory, TiffBlock


@dataclass(frozen=True, slots=True, kw_only=True)
class PhotoFacts:
    """What a photo's metadata says: position, time, camera and size."""

    lat: float | None = None
    lon: float | None = None
    altitude: float | None = None
    taken_at: datetime | None = None  # naive local camera time
    make: str = ""
    model: str = ""
    serial: str = ""
    width: int = 0  # as the image's header declares it; 0 when unknown
    height: int = 0

    @property
    def has_gps(self) -> bool:
        return self.lat is not None and self.lon is not None

    @property
    def pixels(self) -> int:
        return self.width * self.height


HEAD_BYTES = 1 << 20  # every format states its size in its first headers; more is not kept


FIRST_READ = 1 << 16  # a phone's JPEG has all its metadata segments in the first 64 KiB
# Read first: a JPEG without a thumbnail has its metadata in the first few KiB. A small first read
# also keeps the kernel's read-ahead small (16 KiB instead of 128 KiB), which is most of the time
# of a folder of photos that is not in the page cache.
PEEK = 1 << 13


class _HeadCopy(io.RawIOBase):
    """Passes reads through (after the bytes already read, `first`) and keeps a copy of the first
    HEAD_BYTES for the size check."""

    def __init__(self, inner: IO[bytes], first: bytes = b"") -> None:
        self._inner = inner
        self._first = first
        self.head = bytearray()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        if self._first:
            data, self._first = self._first[: len(buffer)], self._first[len(buffer) :]
        else:
            data = self._inner.read(len(buffer))
        buffer[: len(data)] = data
        if len(self.head) < HEAD_BYTES:
            self.head += data[: HEAD_BYTES - len(self.head)]
        return len(data)


@contextmanager
def _size_only() -> Iterator[None]:
    """Pillow refuses to even open an image over its bomb limit; only the header is read here, so its
    check is off while the size is read and the caller compares it with the configured cap."""
    from PIL import Image  # only for formats whose size is not read here directly

    saved = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None
    try:
        with quiet_pillow():  # Pillow warns of damage it reads past; the EXIF reader reports it
            yield
    finally:
        Image.MAX_IMAGE_PIXELS = saved


_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}  # frame headers; C4/C8/CC are not


def _jpeg_size(header: bytes | bytearray) -> tuple[int, int] | None:
    """A JPEG's frame size from its SOF segment, walking segment lengths (no Pillow: this runs on every
    photo of a download and must stay far cheaper than the EXIF read itself)."""
    pos = 2
    end = len(header)
    while pos + 9 <= end:
        if header[pos] != 0xFF:
            return None
        marker = header[pos + 1]
        if marker == 0xFF:  # fill byte
            pos += 1
            continue
        if marker in _SOF_MARKERS:
            height, width = struct.unpack(">HH", header[pos + 5 : pos + 9])
            return width, height
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            pos += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image / start of scan before any frame header
            return None
        pos += 2 + int.from_bytes(header[pos + 2 : pos + 4], "big")
    return None


def declared_size(header: bytes | bytearray) -> tuple[int, int]:
    """(width, height) as an image's header bytes declare them, no pixel decoded; (0, 0) when unknown."""
    if header[:3] == b"\xff\xd8\xff":
        size = _jpeg_size(header)
        if size is not None:
            return size
    if header[:8] == b"\x89PNG\r\n\x1a\n" and header[12:16] == b"IHDR" and len(header) >= 24:
        width, height = struct.unpack(">II", header[16:24])
        return width, height
    from PIL import Image

    try:
        with _size_only(), Image.open(io.BytesIO(header)) as image:
            width, height = image.size
            return int(width), int(height)
    except Exception:  # Pillow raises many types for headers it cannot read; the size is then unknown
        return 0, 0


def dms_to_degrees(parts: list[float | None], ref: str) -> float | None:
    """EXIF degrees[, minutes[, seconds]] and an N/S/E/W ref -> signed decimal degrees.

    None when a component is malformed (n/0 with n != 0) or there are no components. A negative
    value (signed rationals from some writers) keeps its sign when the ref does not say otherwise.
    """
    if not parts or len(parts) > 3:
        return None
    # A plain loop: this runs twice a photo, and generator expressions cost more than the sums.
    degrees = 0.0
    negative = False
    for value, factor in zip(parts, (1.0, 60.0, 3600.0), strict=False):
        if value is None:
            return None
        if value < 0:
            negative = True
        degrees += abs(value) / factor
    ref = ref.strip()
    if ref.upper()[:1] in ("S", "W") or (negative and not ref):
        degrees = -degrees
    return degrees


def _exif_datetime(text: str) -> datetime | None:
    digits = text[:4] + text[5:7] + text[8:10] + text[11:13] + text[14:16] + text[17:19]
    if (
        len(text) >= 19
        and digits.isascii()
        and digits.isdigit()
        and text[4] + text[7] + text[10] + text[13] + text[16] == ":: ::"
    ):  # the usual layout, read directly (strptime costs ten times more)
        try:
            return datetime(
                int(digits[:4]),
                int(digits[4:6]),
                int(digits[6:8]),
                int(digits[8:10]),
                int(digits[10:12]),
                int(digits[12:14]),
            )
        except ValueError:
            return None
    try:
        return datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def _coordinate(block: TiffBlock, gps: Directory, value_tag: int, ref_tag: int) -> float | None:
    entry = gps.entries.get(value_tag)
    if entry is None or block.zero_denominators(entry, 3):
        return None
    ref_entry = gps.entries.get(ref_tag)
    ref = block.text(ref_entry) if ref_entry is not None and ref_entry.type == tiff.ASCII else ""
    return dms_to_degrees(block.numbers(entry, 3), ref)


def _altitude(block: TiffBlock, gps: Directory) -> float | None:
    entry = gps.entries.get(tiff.GPS_ALT)
    if entry is None or entry.count < 1:
        return None
    (value,) = block.numbers(entry, 1)
    if value is None:
        return None
    ref_entry = gps.entries.get(tiff.GPS_ALT_REF)
    below = ref_entry is not None and ref_entry.type in (1, 7) and block.numbers(ref_entry, 1)[0] == 1
    return -abs(value) if below else value


# The only tags decoded (the directories hold dozens more).
_IFD0_TAGS = frozenset({tiff.MAKE, tiff.MODEL, tiff.DATETIME, tiff.EXIF_POINTER, tiff.GPS_POINTER})
_EXIF_TAGS = frozenset({tiff.DATETIME_ORIGINAL, tiff.BODY_SERIAL, tiff.GPS_POINTER})
_GPS_TAGS = frozenset({tiff.GPS_LAT_REF, tiff.GPS_LAT, tiff.GPS_LON_REF, tiff.GPS_LON, tiff.GPS_ALT_REF, tiff.GPS_ALT})


def facts_from_tiff(data: bytes | bytearray | memoryview, width: int = 0, height: int = 0) -> PhotoFacts:
    """GPS, capture time and camera from a TIFF-structured EXIF block (with the image size read
    elsewhere); MemberError when malformed."""
    block = TiffBlock(data)
    ifd0 = block.directory(block.first_offset, _IFD0_TAGS)
    sub = block.sub_directory(ifd0, tiff.EXIF_POINTER, _EXIF_TAGS)
    gps = block.sub_directory(ifd0, tiff.GPS_POINTER, _GPS_TAGS)
    if gps is None and sub is not None:  # a few writers hang the GPS IFD off the Exif IFD
        gps = block.sub_directory(sub, tiff.GPS_POINTER, _GPS_TAGS)
    lat = lon = alt = None
    if gps is not None:
        lat = _coordinate(block, gps, tiff.GPS_LAT, tiff.GPS_LAT_REF)
        lon = _coordinate(block, gps, tiff.GPS_LON, tiff.GPS_LON_REF)
        if lat is None or lon is None or (lat == 0.0 and lon == 0.0) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            lat = lon = None
        else:
            alt = _altitude(block, gps)

    def text(directory: Directory | None, tag: int) -> str:
        entry = directory.entries.get(tag) if directory is not None else None
        return block.text(entry) if entry is not None and entry.type in (tiff.ASCII, 7) else ""

    taken = _exif_datetime(text(sub, tiff.DATETIME_ORIGINAL)) or _exif_datetime(text(ifd0, tiff.DATETIME))
    return PhotoFacts(
        lat=lat,
        lon=lon,
        altitude=alt,
        taken_at=taken,
        make=text(ifd0, tiff.MAKE),
        model=text(ifd0, tiff.MODEL),
        serial=text(sub, tiff.BODY_SERIAL),
        width=width,
        height=height,
    )


def read_photo_facts(handle: IO[bytes]) -> PhotoFacts:
    """Metadata of one image; MemberError when the file is not a readable image or its EXIF is malformed.

    Unsupported but harmless formats (GIF, BMP, video) give empty facts.
    """
    try:
        first = handle.read(PEEK)
        located = jpeg_in_memory(first)
        size = _jpeg_size(first) if located is not None else None
        if located is None or size is None:  # the same answer as one read of FIRST_READ bytes
            first += handle.read(FIRST_READ - len(first))
            located = jpeg_in_memory(first)
            size = _jpeg_size(first) if located is not None else None
        if located is None or size is None:  # not a JPEG, or one with big or odd segments: the careful walk
            copy = _HeadCopy(handle, first)
            located = locate_exif(cast(IO[bytes], io.BufferedReader(copy)))
    except (OSError, EOFError, ValueError, zipfile.BadZipFile, zlib.error) as exc:  # damaged file or zip entry
        raise MemberError(f"image cannot be read ({type(exc).__name__})") from exc
    if size is not None:
        width, height = size
    else:
        width, height = declared_size(located.exif if located.format == "tiff" and located.exif else copy.head)
    facts = PhotoFacts(width=width, height=height)
    if located.exif:
        try:
            facts = facts_from_tiff(located.exif, width, height)
        except (struct.error, ValueError, OverflowError) as exc:  # bounds are checked; this is a last guard
            raise MemberError(f"malformed EXIF ({type(exc).__name__})") from exc
    if not facts.has_gps and located.xmp:
        position = xmp_position(located.xmp)
        if position is not None:
            facts = replace(facts, lat=position[0], lon=position[1])
    return facts


_XMP_COORDINATE = {
    name: re.compile(rb"exif:" + name.encode() + rb"""\s*(?:=\s*["']([^"']{1,40})["']|>\s*([^<]{1,40})<)""")
    for name in ("GPSLatitude", "GPSLongitude")
}


def _xmp_coordinate(text: str) -> float | None:
    """XMP GPSCoordinate: "DDD,MM,SSk" or "DDD,MM.mmk" with k one of N, S, E, W."""
    text = text.strip()
    if len(text) < 2 or text[-1].upper() not in "NSEW":
        return None
    try:
        parts: list[float | None] = [float(p) for p in text[:-1].split(",")]
    except ValueError:
        return None
    return dms_to_degrees(parts, text[-1])


def xmp_position(packet: bytes) -> tuple[float, float] | None:
    """GPS position from an XMP packet (as photo editors write it), None when absent or malformed."""
    values = []
    for pattern in _XMP_COORDINATE.values():
        match = pattern.search(packet)
        raw = (match.group(1) or match.group(2)) if match else None
        values.append(_xmp_coordinate(raw.decode("ascii", "replace")) if raw else None)
    lat, lon = values
    if lat is None or lon is None or (lat == 0 and lon == 0) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon
