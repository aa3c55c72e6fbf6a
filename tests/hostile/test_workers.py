"""Hostile parts are refused the same way in worker processes: one or two workers, the same report."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.hostile.harness import assert_complete, audit
from tests.hostile.inputs import (
    CAMERA_ROLL,
    FACEBOOK_JSON,
    MiB,
    fixture_zip,
    malformed_exif_jpegs,
    noise_text,
    png_header_only,
)

pytestmark = pytest.mark.timeout(90)


def test_one_and_two_workers_refuse_the_same_parts_and_report_the_same(tmp_path: Path) -> None:
    photos = tmp_path / "photos"
    shutil.copytree(CAMERA_ROLL, photos)
    for name, data in {**malformed_exif_jpegs(), "IMG_0001.png": png_header_only(100_000, 100_000)}.items():
        (photos / "DCIM" / "Camera" / name).write_bytes(data)
    facebook = fixture_zip(
        FACEBOOK_JSON,
        tmp_path / "facebook.zip",
        {
            "your_facebook_activity/groups/your_groups.json": b"[" * 100_000 + b"]" * 100_000,
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_2.json": [
                b'[{"title": "',
                *noise_text(20 * MiB),
                b'"}]',
            ],
        },
    )
    one, two = audit([photos, facebook], jobs=1), audit([photos, facebook], jobs=2)
    assert len(one.value.skipped) == len(malformed_exif_jpegs()) + 3
    assert one.value.skipped == two.value.skipped
    assert [f.fingerprint for f in one.value.findings] == [f.fingerprint for f in two.value.findings]
    assert_complete(two, FACEBOOK_JSON)
    assert_complete(two, CAMERA_ROLL)
