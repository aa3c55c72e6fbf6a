"""Decoding at reduced scale: every awkward kind of image is decoded or refused with a reason."""

from __future__ import annotations

import pytest

from exposure_audit.media.vision.loading import ImageError, decode_reduced
from tests.media.vision import odd_images

LIMIT = 120_000_000


@pytest.mark.parametrize(
    "make",
    [
        odd_images.plain_jpeg,
        odd_images.cmyk_jpeg,
        odd_images.sixteen_bit_png,
        odd_images.animated_gif,
        odd_images.heic,
        odd_images.rgba_png,
        odd_images.hundred_megapixel_jpeg,
    ],
    ids=lambda f: f.__name__,
)
def test_readable_kinds_decode_to_reduced_rgb(make: object) -> None:
    decoded = decode_reduced(make(), 640, LIMIT)  # type: ignore[operator]
    assert decoded.image.mode == "RGB"
    assert max(decoded.image.size) <= 640
    assert decoded.width > 0 and decoded.height > 0


def test_hundred_megapixels_keeps_its_full_size_but_decodes_small() -> None:
    decoded = decode_reduced(odd_images.hundred_megapixel_jpeg(), 2048, LIMIT)
    assert (decoded.width, decoded.height) == (10_000, 10_000)
    assert decoded.image.size == (2048, 2048)


def test_sixteen_bit_grey_is_rescaled_not_clipped_to_white() -> None:
    image = decode_reduced(odd_images.sixteen_bit_png(), 640, LIMIT).image
    left, right = image.getpixel((0, 30)), image.getpixel((79, 30))
    assert isinstance(left, tuple) and isinstance(right, tuple)
    assert left[0] < 10 and right[0] > 245


def test_transparency_is_flattened_on_white() -> None:
    assert decode_reduced(odd_images.rgba_png(), 640, LIMIT).image.getpixel((5, 5)) == (255, 255, 255)


def test_exif_orientation_turns_the_picture_upright() -> None:
    decoded = decode_reduced(odd_images.rotated_jpeg(), 640, LIMIT)
    assert decoded.image.size == (40, 80)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (odd_images.garbage_with_jpeg_magic(), "not an image format"),
        (odd_images.truncated_jpeg(), "damaged or truncated"),
        (b"", "empty"),
        (b"just some text, not an image", "not an image format"),
        (odd_images.png_claiming(40_000, 40_000), "over the limit of 120 megapixels per image"),
    ],
)
def test_unreadable_images_raise_an_image_error_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(ImageError) as caught:
        decode_reduced(data, 640, LIMIT)
    assert reason in caught.value.reason


def test_the_pixel_limit_is_the_one_given_per_image() -> None:
    with pytest.raises(ImageError, match="limit of 1 megapixels"):
        decode_reduced(odd_images.png_claiming(2000, 1000), 640, 1_000_000)
    with pytest.raises(ImageError, match="damaged"):  # under the limit: the (empty) data is decoded and fails
        decode_reduced(odd_images.png_claiming(2000, 1000), 640, 3_000_000)
