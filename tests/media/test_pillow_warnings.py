"""A damaged photo is reported once, in the report's words, never again as a warning from Pillow."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import pytest
from PIL import Image

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.media.pillow_warnings import quiet_pillow
from exposure_audit.media.vision.loading import ImageError, decode_reduced
from exposure_audit.policy.model import load_policy
from exposure_audit.reporters.formats.thumbnails import make_thumbnail

# A JPEG whose EXIF points its first directory past the end: Pillow warns "Corrupt EXIF data".
DAMAGED_EXIF = b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00II*\x00\xff\xff\xff\xff"


def _with_damaged_exif() -> bytes:
    """A real, decodable JPEG carrying the damaged EXIF block."""
    out = io.BytesIO()
    Image.new("RGB", (64, 48), (120, 140, 160)).save(out, format="JPEG")
    jpeg = out.getvalue()
    return jpeg[:2] + DAMAGED_EXIF[2:] + jpeg[2:]


def test_pillow_does_warn_of_this_damage_when_left_alone() -> None:
    # The premise of the tests below: without quiet_pillow these bytes make Pillow warn.
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with Image.open(io.BytesIO(_with_damaged_exif())) as image:
            image.load()
    assert any("EXIF" in str(w.message) for w in caught)


def test_decoding_and_thumbnails_of_a_damaged_photo_raise_no_warning() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        decoded = decode_reduced(_with_damaged_exif(), max_side=256, max_pixels=1_000_000)
        thumbnail = make_thumbnail(_with_damaged_exif())
        with pytest.raises(ImageError):
            decode_reduced(DAMAGED_EXIF, max_side=256, max_pixels=1_000_000)
    assert decoded.width == 64 and thumbnail is not None
    assert [str(w.message) for w in caught] == []


def test_a_scan_of_damaged_photos_reports_them_without_a_warning(tmp_path: Path) -> None:
    (tmp_path / "IMG_1.jpg").write_bytes(DAMAGED_EXIF)
    (tmp_path / "IMG_2.jpg").write_bytes(_with_damaged_exif())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        report = run_audit([tmp_path], load_policy(None), AuditOptions(jobs=1))
    assert [str(w.message) for w in caught] == []
    assert {(s.source.member, s.stage) for s in report.skipped} >= {("IMG_1.jpg", "media"), ("IMG_2.jpg", "media")}


def test_only_pillow_is_silenced() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with quiet_pillow():
            warnings.warn("a warning of the tool's own", UserWarning, stacklevel=1)
    assert [str(w.message) for w in caught] == ["a warning of the tool's own"]
