"""Tree.read_ahead: advice to the system before a batch of photos is read, which must never change
what is read, fail, hold files open or touch the input."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from exposure_audit.sources import inputs
from exposure_audit.sources.archive import Tree
from tests.conftest import zip_folder


def open_files() -> int:
    return len(os.listdir("/proc/self/fd"))


@pytest.fixture
def photos(tmp_path: Path) -> Path:
    folder = tmp_path / "Pictures"
    (folder / "2024").mkdir(parents=True)
    for n in range(40):
        (folder / "2024" / f"IMG_{n:04d}.jpg").write_bytes(bytes([n]) * (20_000 + n))
    return folder


@pytest.mark.skipif(sys.platform != "linux", reason="the advice is Linux's; elsewhere read_ahead does nothing")
def test_on_linux_the_advice_is_given() -> None:
    assert inputs._WILL_NEED == os.POSIX_FADV_WILLNEED


def test_reading_ahead_changes_nothing_read_and_leaves_no_file_open(photos: Path) -> None:
    tree = Tree.open([photos])
    before = {p: (tree.read_bytes(p), os.stat(photos / p).st_mtime_ns) for p in tree.members}
    opened = open_files()
    tree.read_ahead(tree.members, 8192)
    assert open_files() == opened
    assert {p: (tree.read_bytes(p), os.stat(photos / p).st_mtime_ns) for p in tree.members} == before


def test_a_member_gone_since_the_listing_or_not_in_the_tree_is_passed_over(photos: Path) -> None:
    tree = Tree.open([photos])
    gone = next(iter(tree.members))
    (photos / gone).unlink()
    opened = open_files()
    tree.read_ahead([gone, "not/in/the/download.jpg", *tree.members], 8192)
    assert open_files() == opened


def test_members_of_a_zip_are_read_with_the_zip(photos: Path, tmp_path: Path) -> None:
    tree = Tree.open([zip_folder(photos, tmp_path / "photos.zip")])
    expected = {p: tree.read_bytes(p) for p in tree.members}
    tree.read_ahead(tree.members, 8192)
    assert {p: tree.read_bytes(p) for p in tree.members} == expected
