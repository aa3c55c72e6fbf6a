"""What a photo file itself says: EXIF GPS, capture time, camera make/model and serial number.

Only the metadata segment is read (for JPEG the APP1 segment near the start of the file), never the
pixels, so this is cheap enough to run on every image of a download.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from datetime import datetime
from typing import IO, Any

import piexif
from PIL import Image

from exposure_audit.errors import MemberError

_JPEG_HEAD = 256 * 1024  # EXIF lives in APP1, at most 64 KiB, right after SOI (and maybe APP0)


@dataclass(frozen=True, slots=True, kw_only=True)
class PhotoFacts:
    lat: float | None = None
    lon: float | None = None
    altitude: float | None = None
    taken_at: datetime | None = None  # naive local camera time
    make: str = ""
    model: str = ""
    serial: str = ""

    @property
    def has_gps(self) -> bool:
        return self.lat is not None and self.lon is not None


def _rational(value: Any) -> float:
    if isinstance(value, tuple) and len(value) == 2:
        num, den = value
        return float(num) / float(den) if den else 0.0
    return float(value)


def dms_to_degrees(dms: Any, ref: bytes | str | None) -> float | None:
    """EXIF (deg, min, sec) rationals and an N/S/E/W ref -> signed decimal degrees, None if malformed."""
    try:
        parts = [_rational(v) for v in dms]
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    if len(parts) != 3:
        return None
    degrees = parts[0] + parts[1] / 60.0 + parts[2] / 3600.0
    ref_text = ref.decode("ascii", "replace") if isinstance(ref, bytes) else (ref or "")
    if ref_text.strip().upper() in ("S", "W"):
        degrees = -degrees
    return degrees


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.split(b"\x00", 1)[0].decode("utf-8", "replace")
    return str(value).strip() if value is not None else ""


def _exif_datetime(value: Any) -> datetime | None:
    text = _text(value)
    try:
        return datetime.strptime(text[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None


def facts_from_exif_dict(exif: dict[str, Any]) -> PhotoFacts:
    zeroth = exif.get("0th") or {}
    sub = exif.get("Exif") or {}
    gps = exif.get("GPS") or {}
    lat = lon = alt = None
    if piexif.GPSIFD.GPSLatitude in gps and piexif.GPSIFD.GPSLongitude in gps:
        lat = dms_to_degrees(gps[piexif.GPSIFD.GPSLatitude], gps.get(piexif.GPSIFD.GPSLatitudeRef))
        lon = dms_to_degrees(gps[piexif.GPSIFD.GPSLongitude], gps.get(piexif.GPSIFD.GPSLongitudeRef))
        if lat is not None and lon is not None:
            if (lat == 0.0 and lon == 0.0) or not (-90 <= lat <= 90 and -180 <= lon <= 180):
                lat = lon = None
        else:
            lat = lon = None
    if piexif.GPSIFD.GPSAltitude in gps:
        try:
            alt = _rational(gps[piexif.GPSIFD.GPSAltitude])
            if gps.get(piexif.GPSIFD.GPSAltitudeRef) in (1, b"\x01"):
                alt = -alt
        except (TypeError, ValueError, ZeroDivisionError):
            alt = None
    return PhotoFacts(
        lat=lat,
        lon=lon,
        altitude=alt,
        taken_at=_exif_datetime(sub.get(piexif.ExifIFD.DateTimeOriginal) or zeroth.get(piexif.ImageIFD.DateTime)),
        make=_text(zeroth.get(piexif.ImageIFD.Make)),
        model=_text(zeroth.get(piexif.ImageIFD.Model)),
        serial=_text(sub.get(piexif.ExifIFD.BodySerialNumber)),
    )


def _jpeg_app1(head: bytes) -> bytes | None:
    """The EXIF payload of a JPEG's APP1 segment, walking segments from SOI; None if there is none."""
    if not head.startswith(b"\xff\xd8"):
        return None
    pos = 2
    while pos + 4 <= len(head):
        if head[pos] != 0xFF:
            return None
        marker = head[pos + 1]
        if marker in (0xD9, 0xDA):  # end of image, start of scan: no metadata after this
            return None
        (length,) = struct.unpack(">H", head[pos + 2 : pos + 4])
        if length < 2:
            return None
        segment = head[pos + 4 : pos + 2 + length]
        if marker == 0xE1 and segment.startswith(b"Exif\x00\x00"):
            return segment
        pos += 2 + length
    return None


def read_photo_facts(handle: IO[bytes]) -> PhotoFacts:
    """Metadata of one image; MemberError when the file is not a readable image."""
    head = handle.read(_JPEG_HEAD)
    if head.startswith(b"\xff\xd8"):
        segment = _jpeg_app1(head)
        if segment is None:
            return PhotoFacts()
        try:
            return facts_from_exif_dict(piexif.load(segment))
        except Exception as exc:  # piexif raises bare ValueError/struct.error/KeyError on bad IFDs
            raise MemberError(f"malformed EXIF ({type(exc).__name__})") from exc
    data = head + handle.read()
    try:
        with Image.open(io.BytesIO(data)) as image:
            raw = image.info.get("exif")
            if not raw:
                exif = image.getexif()
                raw = exif.tobytes() if len(exif) else b""
    except Exception as exc:  # PIL raises many types for broken files
        raise MemberError(f"not a readable image ({type(exc).__name__})") from exc
    if not raw:
        return PhotoFacts()
    try:
        return facts_from_exif_dict(piexif.load(raw if raw.startswith(b"Exif") else b"Exif\x00\x00" + raw))
    except Exception as exc:
        raise MemberError(f"malformed EXIF ({type(exc).__name__})") from exc
