"""Hostile images: EXIF with bad offsets, loops and absurd counts; a PNG that declares 100,000 x 100,000 pixels."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from exposure_audit.limits import DEFAULT_LIMITS
from tests.hostile.harness import assert_complete, audit, reason_of
from tests.hostile.inputs import CAMERA_ROLL, fixture_zip, malformed_exif_jpegs, png_header_only

pytestmark = pytest.mark.timeout(60)

EXPECTED_REASONS = {
    "bad_offset.jpg": "directory offset outside the block",
    "ifd_loop.jpg": "loop",
    "huge_entry_count.jpg": "claims 65535 entries",
    "huge_value_count.jpg": "points outside the block",
    "not_tiff.jpg": "no byte-order mark",
    "many_segments.jpg": "too many marker segments",
    "cut_segment.jpg": "cut short",
}


@pytest.mark.parametrize("as_zip", [False, True], ids=["folder", "zip"])
def test_each_malformed_exif_is_one_skipped_photo_and_the_other_geotags_are_found(tmp_path: Path, as_zip: bool) -> None:
    folder = tmp_path / "photos"
    shutil.copytree(CAMERA_ROLL, folder)
    for name, data in malformed_exif_jpegs().items():
        (folder / "DCIM" / "Camera" / name).write_bytes(data)
    source = fixture_zip(folder, tmp_path / "photos.zip") if as_zip else folder
    run = audit([source])
    assert set(EXPECTED_REASONS) == set(malformed_exif_jpegs())
    for name, expected in EXPECTED_REASONS.items():
        assert expected in reason_of(run.value, name), name
    assert_complete(run, CAMERA_ROLL)


def test_a_png_declaring_ten_billion_pixels_is_reported_and_never_decoded(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    shutil.copytree(CAMERA_ROLL, folder)
    (folder / "DCIM" / "Camera" / "IMG_0001.png").write_bytes(png_header_only(100_000, 100_000))
    run = audit([folder])  # the default options examine image content, where decoding would happen
    reason = reason_of(run.value, "IMG_0001.png")
    assert "100000 x 100000 pixels" in reason and f"cap of {DEFAULT_LIMITS.image_pixels}" in reason
    assert "decompression bomb" in reason
    assert_complete(run, CAMERA_ROLL)
