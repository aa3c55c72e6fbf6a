"""Geotagged sample images in every format the audit reads, written the way cameras and phones
write them. Used by the fixture generator, the benchmarks and the tests (all coordinates invented)."""

from __future__ import annotations

import io
from datetime import datetime
from fractions import Fraction

import piexif
from PIL import Image

FORMATS = ("jpeg", "png", "webp", "tiff", "heic")
SUFFIX = {"jpeg": ".jpg", "png": ".png", "webp": ".webp", "tiff": ".tif", "heic": ".heic"}


def dms(value: float) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]]:
    """Decimal degrees -> EXIF (degrees, minutes, seconds) rationals, seconds to 1/10000."""
    value = abs(value)
    degrees = int(value)
    minutes_full = (value - degrees) * 60
    minutes = int(minutes_full)
    seconds = Fraction((minutes_full - minutes) * 60).limit_denominator(10000)
    return ((degrees, 1), (minutes, 1), (seconds.numerator, seconds.denominator))


def exif_dict(
    *,
    lat: float | None,
    lon: float | None,
    taken: datetime | None = None,
    altitude: float | None = None,
    make: str = "Pixelcraft",
    model: str = "PX-7",
    serial: str = "",
    orientation: int = 0,
) -> dict[str, object]:
    zeroth: dict[int, object] = {piexif.ImageIFD.Make: make.encode(), piexif.ImageIFD.Model: model.encode()}
    if orientation:
        zeroth[piexif.ImageIFD.Orientation] = orientation
    sub: dict[int, object] = {}
    if taken is not None:
        stamp = taken.strftime("%Y:%m:%d %H:%M:%S").encode()
        sub[piexif.ExifIFD.DateTimeOriginal] = stamp
        zeroth[piexif.ImageIFD.DateTime] = stamp
    if serial:
        sub[piexif.ExifIFD.BodySerialNumber] = serial.encode()
    gps: dict[int, object] = {}
    if lat is not None and lon is not None:
        gps = {
            piexif.GPSIFD.GPSVersionID: (2, 3, 0, 0),
            piexif.GPSIFD.GPSLatitudeRef: b"S" if lat < 0 else b"N",
            piexif.GPSIFD.GPSLatitude: dms(lat),
            piexif.GPSIFD.GPSLongitudeRef: b"W" if lon < 0 else b"E",
            piexif.GPSIFD.GPSLongitude: dms(lon),
        }
        if altitude is not None:
            gps[piexif.GPSIFD.GPSAltitudeRef] = 1 if altitude < 0 else 0
            gps[piexif.GPSIFD.GPSAltitude] = (round(abs(altitude) * 100), 100)
    return {"0th": zeroth, "Exif": sub, "GPS": gps, "1st": {}, "thumbnail": None}


def exif_bytes(**kwargs: object) -> bytes:
    """A TIFF-structured EXIF block prefixed with "Exif\\0\\0" (what Pillow's `exif=` expects)."""
    data: bytes = piexif.dump(exif_dict(**kwargs))  # type: ignore[arg-type]
    return data


def picture(seed: int, size: tuple[int, int] = (96, 64), noise: bool = False) -> Image.Image:
    """A small RGB picture; with `noise`, random pixels that JPEG cannot compress (for big files)."""
    if noise:
        import numpy as np

        rng = np.random.default_rng(seed)
        return Image.fromarray(rng.integers(0, 256, (size[1], size[0], 3), dtype=np.uint8), "RGB")
    shade = (seed * 37) % 200
    image = Image.new("RGB", size, (30 + shade // 2, 120, 220 - shade))
    image.paste((shade, 90, 40), (size[0] // 4, size[1] // 3, size[0] // 2, size[1] // 2))
    return image


def encode(image: Image.Image, fmt: str, exif: bytes, icc: bytes | None = None) -> bytes:
    """The picture in `fmt` with the EXIF block; lossless where the format allows (PNG, TIFF, WebP)."""
    out = io.BytesIO()
    extra: dict[str, object] = {"icc_profile": icc} if icc else {}
    if fmt == "jpeg":
        image.save(out, "JPEG", quality=85, exif=exif, **extra)
    elif fmt == "png":
        image.save(out, "PNG", exif=exif, **extra)
    elif fmt == "webp":
        image.save(out, "WEBP", lossless=True, exif=exif, **extra)
    elif fmt == "tiff":
        image.save(out, "TIFF", exif=exif, **extra)
    elif fmt == "heic":
        import pillow_heif

        pillow_heif.from_pillow(image).save(out, format="HEIF", quality=80, exif=exif, **extra)
    else:
        raise ValueError(f"unknown format {fmt}")
    return out.getvalue()


def geotagged(
    fmt: str,
    *,
    seed: int,
    lat: float | None,
    lon: float | None,
    taken: datetime | None = None,
    altitude: float | None = None,
    size: tuple[int, int] = (96, 64),
    noise: bool = False,
    orientation: int = 0,
) -> bytes:
    return encode(
        picture(seed, size, noise),
        fmt,
        exif_bytes(lat=lat, lon=lon, taken=taken, altitude=altitude, orientation=orientation),
    )
