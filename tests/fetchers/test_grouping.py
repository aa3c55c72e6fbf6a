"""Grouping command-line paths into downloads: one per platform, parts joined to their download."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from exposure_audit.errors import InputError
from exposure_audit.fetchers.downloads import group_downloads
from exposure_audit.limits import DEFAULT_LIMITS
from exposure_audit.model import Platform


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _facebook_part_one(folder: Path) -> Path:
    return _zip(
        folder / "facebook-jo-2026-10-04-Ab12-part1.zip",
        {
            "personal_information/profile_information/profile_information.json": b'{"profile_v2": {}}',
            "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": b"[]",
        },
    )


def _media_only_part(folder: Path, name: str) -> Path:
    return _zip(folder / name, {"your_facebook_activity/posts/media/Album_1/p.jpg": b"\xff\xd8\xff\xd9"})


def _linkedin(folder: Path) -> Path:
    return _zip(
        folder / "Complete_LinkedInDataExport_10-04-2026.zip",
        {
            "Positions.csv": b"Company Name,Title,Description,Location,Started On,Finished On\n",
            "Connections.csv": b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n",
            "Profile.csv": b"First Name,Last Name,Headline\n",
        },
    )


def test_a_media_only_part_joins_the_download_whose_name_it_shares(tmp_path: Path) -> None:
    one = _facebook_part_one(tmp_path)
    two = _media_only_part(tmp_path, "facebook-jo-2026-10-04-Ab12-part2.zip")
    downloads = group_downloads([one, _linkedin(tmp_path), two], DEFAULT_LIMITS)
    by_platform = {d.platform: d for d in downloads}
    assert by_platform[Platform.FACEBOOK].paths == [one, two]
    assert "your_facebook_activity/posts/media/Album_1/p.jpg" in by_platform[Platform.FACEBOOK].tree.members
    assert by_platform[Platform.LINKEDIN].paths == [tmp_path / "Complete_LinkedInDataExport_10-04-2026.zip"]


def test_an_unrecognised_part_with_no_clear_owner_is_an_error(tmp_path: Path) -> None:
    mystery = _zip(tmp_path / "stuff.zip", {"notes/readme.txt": b"hello", "data/blob.bin": b"\x00\x01"})
    with pytest.raises(InputError, match="not recognised"):
        group_downloads([_facebook_part_one(tmp_path), _linkedin(tmp_path), mystery], DEFAULT_LIMITS)


def test_with_one_download_every_unrecognised_part_joins_it(tmp_path: Path) -> None:
    one = _facebook_part_one(tmp_path)
    other = _media_only_part(tmp_path, "download (2).zip")
    (download,) = group_downloads([one, other], DEFAULT_LIMITS)
    assert download.platform is Platform.FACEBOOK and download.paths == [one, other]
