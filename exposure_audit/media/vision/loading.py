"""Decode an image at reduced scale, safely: any format Pillow (and pillow-heif) reads, one frame, RGB.

JPEG is decoded with Pillow's `draft` mode, which lets libjpeg skip detail (1/2 to 1/8 scale) so a
12-megapixel photo decodes in a fraction of the time a full decode and resize takes. Other formats
are decoded whole and reduced. The decompression-bomb guard is applied per image, from the pixel
count in the header, before any pixel is decoded. Every failure is an `ImageError` with a reason a
person can read; nothing here raises anything else for bad input.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from exposure_audit.media.pillow_warnings import quiet_pillow

_HEIF_BRANDS = (b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1", b"avif")


class ImageError(Exception):
    """The image cannot be examined; `reason` says why in words a person understands."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


@dataclass(frozen=True, slots=True)
class Decoded:
    image: Image.Image  # RGB, longest side at most the requested size
    width: int  # the full size of the image as stored
    height: int


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS


def _open_heif(data: bytes, max_pixels: int) -> Image.Image:
    try:
        import pillow_heif
    except ImportError as exc:
        raise ImageError("HEIC/HEIF image and pillow-heif is not installed; it was not examined") from exc
    try:
        heif = pillow_heif.open_heif(io.BytesIO(data), convert_hdr_to_8bit=True)
        width, height = heif.size
        _check_pixels(width, height, max_pixels)
        return heif.to_pillow()
    except ImageError:
        raise
    except Exception as exc:  # libheif raises its own error types for damaged files
        raise ImageError(f"HEIC/HEIF image cannot be decoded ({type(exc).__name__})") from exc


def _check_pixels(width: int, height: int, max_pixels: int) -> None:
    if width <= 0 or height <= 0:
        raise ImageError("image has no pixels")
    if width * height > max_pixels:
        raise ImageError(
            f"image is {width}x{height} pixels, over the limit of {max_pixels / 1e6:.0f} megapixels "
            "per image (possible decompression bomb); not decoded"
        )


def _to_rgb(image: Image.Image) -> Image.Image:
    """Any Pillow mode -> 8-bit RGB: 16-bit and float greys rescaled, transparency flattened on white."""
    mode = image.mode
    if mode == "RGB":
        return image
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        values = np.asarray(image, dtype=np.float64)
        top = float(values.max()) if values.size else 0.0
        scale = 255.0 / top if top > 255.0 else 1.0
        grey = np.clip(values * scale, 0, 255).astype(np.uint8)
        return Image.fromarray(grey).convert("RGB")
    if mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "PA", "La", "RGBa"):
        rgba = image.convert("RGBA")
        canvas = Image.new("RGB", rgba.size, (255, 255, 255))
        canvas.paste(rgba, mask=rgba.getchannel("A"))
        return canvas
    return image.convert("RGB")


def decode_reduced(data: bytes, max_side: int, max_pixels: int) -> Decoded:
    """The first frame of the image, upright (EXIF orientation), RGB, longest side <= max_side."""
    if not data:
        raise ImageError("image file is empty")
    try:
        with quiet_pillow():  # damage is reported below as an ImageError, not as Pillow's warning
            if _is_heif(data):
                image = _open_heif(data, max_pixels)
                width, height = image.size
            else:
                image = Image.open(io.BytesIO(data))
                width, height = image.size
                _check_pixels(width, height, max_pixels)
                if image.format == "JPEG":
                    scale = max_side / max(width, height)
                    if scale < 1.0:
                        image.draft("RGB", (max(1, int(width * scale)), max(1, int(height * scale))))
                image.load()
            image = ImageOps.exif_transpose(image) or image
            image = _to_rgb(image)
            if max(image.size) > max_side:
                image.thumbnail((max_side, max_side), Image.Resampling.BILINEAR, reducing_gap=2.0)
    except ImageError:
        raise
    except Image.DecompressionBombError as exc:  # Pillow's own guard, for sizes it refuses before we can look
        limit = min(max_pixels, 2 * (Image.MAX_IMAGE_PIXELS or max_pixels))
        raise ImageError(
            f"image is over the limit of {limit / 1e6:.0f} megapixels per image (possible "
            "decompression bomb); not decoded"
        ) from exc
    except UnidentifiedImageError as exc:
        raise ImageError("not an image format that can be read") from exc
    except MemoryError as exc:
        raise ImageError("image is too large to decode in memory") from exc
    except Exception as exc:  # Pillow raises OSError, SyntaxError, ValueError, struct.error ... for damaged files
        raise ImageError(f"image data is damaged or truncated ({type(exc).__name__})") from exc
    return Decoded(image=image, width=width, height=height)
