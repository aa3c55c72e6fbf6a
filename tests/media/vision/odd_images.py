"""Image files of awkward kinds, made on the fly: what a real download may hold besides plain JPEGs."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pillow_heif
from PIL import Image


def jpeg(image: Image.Image, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", **options)
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def plain_jpeg() -> bytes:
    return jpeg(Image.new("RGB", (64, 48), (90, 120, 150)))


def truncated_jpeg() -> bytes:
    noisy = Image.fromarray(np.random.default_rng(1).integers(0, 255, (120, 160, 3), dtype=np.uint8))
    data = jpeg(noisy, quality=90)
    return data[: len(data) // 2]


def garbage_with_jpeg_magic() -> bytes:
    return b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8


def hundred_megapixel_jpeg() -> bytes:
    return jpeg(Image.new("RGB", (10_000, 10_000), (120, 130, 140)), quality=50)


def cmyk_jpeg() -> bytes:
    return jpeg(Image.new("CMYK", (80, 60), (200, 40, 0, 30)))


def sixteen_bit_png() -> bytes:
    ramp = np.tile(np.linspace(0, 65535, 80, dtype=np.uint16), (60, 1))
    return png(Image.fromarray(ramp))


def animated_gif() -> bytes:
    frames = [Image.new("P", (40, 30), colour) for colour in (1, 2, 3)]
    out = io.BytesIO()
    frames[0].save(out, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return out.getvalue()


def heic() -> bytes:
    out = io.BytesIO()
    pillow_heif.from_pillow(Image.new("RGB", (64, 48), (30, 60, 90))).save(out, format="HEIF", quality=60)
    return out.getvalue()


def rgba_png() -> bytes:
    return png(Image.new("RGBA", (40, 30), (255, 0, 0, 0)))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims a huge size (a decompression bomb's first step) and holds nothing."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00")) + chunk(b"IEND", b"")


def rotated_jpeg() -> bytes:
    """A landscape JPEG whose EXIF says: turn me 90 degrees (as phones write portrait photos)."""
    image = Image.new("RGB", (80, 40), (10, 200, 10))
    exif = Image.Exif()
    exif[0x0112] = 6
    return jpeg(image, exif=exif.tobytes())


ODD_FILES = {
    "corrupt.jpg": garbage_with_jpeg_magic,
    "truncated.jpg": truncated_jpeg,
    "huge-100mp.jpg": hundred_megapixel_jpeg,
    "cmyk.jpg": cmyk_jpeg,
    "depth16.png": sixteen_bit_png,
    "animated.gif": animated_gif,
    "phone.heic": heic,
    "bomb.png": lambda: png_claiming(40_000, 40_000),
    "empty.jpg": lambda: b"",
}
