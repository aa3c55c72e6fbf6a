"""Hostile unpacked folders: links out of the download, link loops, a named pipe, names that are not UTF-8."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.hostile.harness import assert_complete, assert_every_report_renders, audit, reason_of
from tests.hostile.inputs import CAMERA_ROLL, FACEBOOK_JSON

pytestmark = pytest.mark.timeout(60)

POSTS = "your_facebook_activity/posts"


def test_links_out_of_the_folder_loops_and_pipes_are_never_followed(tmp_path: Path) -> None:
    secret = tmp_path / "outside"
    secret.mkdir()
    leaked = secret / "posts.json"
    leaked.write_text('[{"timestamp": 1700000000, "data": [{"post": "Australian Border Force secret"}]}]')
    folder = tmp_path / "facebook"
    shutil.copytree(FACEBOOK_JSON, folder)
    posts = folder / POSTS
    (posts / "your_posts__check_ins__photos_and_videos_2.json").symlink_to(leaked)
    (posts / "elsewhere").symlink_to(secret, target_is_directory=True)
    (posts / "loop_a.json").symlink_to(posts / "loop_b.json")
    (posts / "loop_b.json").symlink_to(posts / "loop_a.json")
    os.mkfifo(posts / "your_posts__check_ins__photos_and_videos_3.json")  # opening it would block forever
    run = audit([folder])
    assert "points outside the download" in reason_of(run.value, "photos_and_videos_2.json")
    assert "points outside the download" in reason_of(run.value, "posts/elsewhere")
    assert "loop" in reason_of(run.value, "loop_a.json") and "loop" in reason_of(run.value, "loop_b.json")
    assert "not a regular file" in reason_of(run.value, "photos_and_videos_3.json")
    assert not [f for f in run.value.findings if "secret" in f.excerpt]
    assert_complete(run, FACEBOOK_JSON)


def test_file_names_that_are_not_utf8_are_read_and_every_report_renders(tmp_path: Path) -> None:
    folder = tmp_path / "photos"
    shutil.copytree(CAMERA_ROLL, folder)
    camera = os.fsencode(folder / "DCIM" / "Camera")
    # A copy of a geotagged photo under a Latin-1 name, as an old zip tool unpacks it on Linux.
    shutil.copy(os.path.join(camera, b"IMG_20240302_081502.jpg"), os.path.join(camera, b"\xe9t\xe9_2024.jpg"))
    run = audit([folder])
    assert not run.value.skipped
    assert [f.source.member for f in run.value.findings if "\ufffd" in f.source.member] == [
        "DCIM/Camera/\ufffdt\ufffd_2024.jpg"
    ]  # found, under a name every report can print
    assert_complete(run, CAMERA_ROLL)
    assert_every_report_renders(folder, tmp_path / "reports")
