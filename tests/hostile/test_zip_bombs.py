"""Zip bombs: by ratio, by a lying header, nested, and a 2 GB one-line JSON string; all refused unread."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from exposure_audit.sources.archive import NESTED_ZIP
from tests.hostile.harness import assert_complete, audit, reason_of
from tests.hostile.inputs import FACEBOOK_JSON, MiB, fixture_zip, noise_text, repeated, set_declared_size

pytestmark = pytest.mark.timeout(60)

POSTS_2 = "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_2.json"
GROUPS = "your_facebook_activity/groups/your_groups.json"


def test_a_high_ratio_member_is_refused_before_it_is_inflated(tmp_path: Path) -> None:
    bomb = repeated(b'[{"title": "', b"0", 256 * MiB, b'"}]')  # 256 MiB that deflates to 250 KiB
    download = fixture_zip(FACEBOOK_JSON, tmp_path / "facebook.zip", {POSTS_2: bomb})
    run = audit([download])
    reason = reason_of(run.value, POSTS_2)
    assert "compression ratio" in reason and "possible zip bomb" in reason
    assert_complete(run, FACEBOOK_JSON)


def test_a_member_that_inflates_past_its_declared_size_is_cut_off(tmp_path: Path) -> None:
    # The header claims 100 bytes; the data inflates to 64 MiB. Reading stops at the claim.
    download = fixture_zip(FACEBOOK_JSON, tmp_path / "facebook.zip", {GROUPS: repeated(b"[", b"1,", 64 * MiB, b"1]")})
    set_declared_size(download, GROUPS, 100)
    run = audit([download])
    assert "corrupt" in reason_of(run.value, GROUPS)
    assert_complete(run, FACEBOOK_JSON)


def _nested_bomb(target: Path) -> Path:
    """A zip holding a 512 MiB member of zeros: small, and a bomb if anything opened it."""
    with (
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as inner,
        inner.open("inner.json", "w", force_zip64=True) as member,
    ):
        for chunk in repeated(b"", b"\x00", 512 * MiB, b""):
            member.write(chunk)
    return target


def test_a_zip_inside_a_zip_is_listed_and_never_opened(tmp_path: Path) -> None:
    inner = _nested_bomb(tmp_path / "inner.zip").read_bytes()
    name = "your_facebook_activity/posts/media/archive.zip"
    download = fixture_zip(FACEBOOK_JSON, tmp_path / "facebook.zip", {name: inner})
    run = audit([download])
    assert reason_of(run.value, name) == NESTED_ZIP
    assert_complete(run, FACEBOOK_JSON)


def test_a_zip_inside_a_download_folder_is_listed_and_never_opened(tmp_path: Path) -> None:
    folder = tmp_path / "facebook"
    shutil.copytree(FACEBOOK_JSON, folder)
    _nested_bomb(folder / "your_facebook_activity" / "posts" / "part2.zip")
    run = audit([folder])
    assert reason_of(run.value, "posts/part2.zip") == NESTED_ZIP
    assert_complete(run, FACEBOOK_JSON)


def test_a_2_gb_single_line_json_string_is_refused_without_reading_it(tmp_path: Path) -> None:
    huge = repeated(b'[{"title": "', b"a", 2 * 1024 * MiB, b'"}]')  # streamed: never 2 GB in memory
    download = fixture_zip(FACEBOOK_JSON, tmp_path / "facebook.zip", {POSTS_2: huge}, compresslevel=1)
    run = audit([download])
    (refusal,) = [s for s in run.value.skipped if s.source.member == POSTS_2]
    assert refusal.stage == "archive"  # refused from the zip directory alone: not a byte inflated
    assert "member cap" in refusal.reason or "compression ratio" in refusal.reason
    assert_complete(run, FACEBOOK_JSON)


def test_a_long_string_that_compresses_like_text_is_refused_by_the_string_cap(tmp_path: Path) -> None:
    # 20 MiB of hex passes the ratio cap; the file is streamed (over 8 MiB) and the string cap stops it.
    record = noise_text(20 * MiB)
    content = [b'[{"timestamp": 1700000000, "title": "', *record, b'"}]']
    download = fixture_zip(FACEBOOK_JSON, tmp_path / "facebook.zip", {POSTS_2: content})
    run = audit([download])
    assert "JSON string is longer than the cap" in reason_of(run.value, POSTS_2)
    assert_complete(run, FACEBOOK_JSON)
