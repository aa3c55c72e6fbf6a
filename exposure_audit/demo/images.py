"""Small JPEGs for demo downloads, with EXIF written the way a phone writes it."""

from __future__ import annotations

import io
from datetime import datetime
from fractions import Fraction

import piexif
from PIL import Image, ImageDraw


def _dms(value: float) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    value = abs(value)
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = Fraction((minutes_full - minutes) * 60).limit_denominator(10000)
    return ((degrees, 1), (minutes, 1), (seconds.numerator, seconds.denominator))


def exif_bytes(*, lat: float | None, lon: float | None, taken: datetime, make: str = "Pixelcraft",
               model: str = "PX-7") -> bytes:
    zeroth = {piexif.ImageIFD.Make: make.encode(), piexif.ImageIFD.Model: model.encode()}
    sub = {piexif.ExifIFD.DateTimeOriginal: taken.strftime("%Y:%m:%d %H:%M:%S").encode()}
    gps: dict[int, object] = {}
    if lat is not None and lon is not None:
        gps = {
            piexif.GPSIFD.GPSLatitudeRef: b"S" if lat < 0 else b"N",
            piexif.GPSIFD.GPSLatitude: _dms(lat),
            piexif.GPSIFD.GPSLongitudeRef: b"W" if lon < 0 else b"E",
            piexif.GPSIFD.GPSLongitude: _dms(lon),
        }
    result: bytes = piexif.dump({"0th": zeroth, "Exif": sub, "GPS": gps, "1st": {}, "thumbnail": None})
    return result


def demo_jpeg(*, seed: int, lat: float | None, lon: float | None, taken: datetime, label: str = "") -> bytes:
    """A 160x120 picture (sky, ground and a figure) with phone-style EXIF."""
    shade = (seed * 37) % 120
    image = Image.new("RGB", (160, 120), (90 + shade // 2, 140, 200 - shade // 3))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 80, 160, 120), fill=(70 + shade // 3, 110, 60))
    draw.ellipse((70, 30, 90, 50), fill=(200, 160, 130))
    draw.rectangle((66, 50, 94, 95), fill=(25, 35, 70))
    if label:
        draw.text((4, 4), label, fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=70, exif=exif_bytes(lat=lat, lon=lon, taken=taken))
    return out.getvalue()
