"""Small JPEGs for demo downloads, with EXIF written the way a phone writes it."""

from __future__ import annotations

import io
from datetime import datetime

from PIL import Image, ImageDraw

from exposure_audit.geo.samples import exif_bytes

__all__ = ["demo_jpeg", "exif_bytes"]


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
