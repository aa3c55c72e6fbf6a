"""Plain photo folders: detection, one PHOTO item per image with its context, EXIF read in every format."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path, PurePosixPath

import pytest

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.fetchers.downloads import detect
from exposure_audit.fetchers.photo_folder.detection import _NOT_COUNTED, JUNK, SIDECARS
from exposure_audit.fetchers.photo_folder.fetcher import (
    PhotoFolderFetcher,
    photo_context,
    posix_parts,
    taken_from_name,
)
from exposure_audit.model import Item, ItemKind, Platform, Skipped
from exposure_audit.policy.model import load_policy
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, zip_folder

ROLL = FIXTURES / "photos" / "camera-roll"
EXPECTED = json.loads((FIXTURES / "photos" / "camera-roll.expected.json").read_text())


def items_of(path: Path) -> list[Item]:
    tree = Tree.open([path])
    fetcher = PhotoFolderFetcher()
    records = [r for task in fetcher.plan(tree) for r in fetcher.run(task, tree)]
    tree.close()
    assert not [r for r in records if isinstance(r, Skipped)]
    return [r for r in records if isinstance(r, Item)]


@pytest.fixture(params=["folder", "zip"])
def roll(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    if request.param == "folder":
        return ROLL
    return zip_folder(ROLL, tmp_path / "camera-roll.zip", prefix="Phone backup/")


def test_fixture_files_are_small() -> None:
    files = [p for p in ROLL.rglob("*") if p.is_file()]
    assert {p.suffix.lower() for p in files} == {".jpg", ".png", ".webp", ".tif", ".heic"}
    assert all(p.stat().st_size < 30_000 for p in files)


def test_detected_as_photo_folder(roll: Path) -> None:
    tree = Tree.open([roll])
    assert detect(tree) is Platform.PHOTOS
    tree.close()


@pytest.mark.parametrize(
    "members",
    [
        ["notes.txt", "report.docx", "data.csv", "a.jpg"],  # mostly not images
        ["your_facebook_activity/posts/media/a.jpg", "your_facebook_activity/posts/media/b.jpg"],  # a Meta part
        ["Takeout/Google Photos/Photos from 2024/a.jpg"],
        ["clip.mp4", "clip2.mov"],  # videos only
    ],
)
def test_not_a_photo_folder(tmp_path: Path, members: list[str]) -> None:
    for member in members:
        (tmp_path / member).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / member).write_bytes(b"x")
    assert PhotoFolderFetcher().detect(Tree.open([tmp_path])) == 0


def test_one_item_per_image_with_context(roll: Path) -> None:
    items = items_of(roll)
    assert len(items) == 7
    assert all(i.kind is ItemKind.PHOTO and i.platform is Platform.PHOTOS and i.field == "photo" for i in items)
    assert all(len(i.media) == 1 and i.media[0].member == i.source.member for i in items)
    holiday = next(i for i in items if i.source.member.endswith(".webp"))
    assert holiday.extra["album"] == "Holiday 2024"
    assert holiday.extra["context"].endswith("Holiday 2024")  # the camera's file name is not context
    assert holiday.extra["filename.taken_local"] == "2024-01-10T10:10:10"
    assert len({i.identity for i in items}) == 7


def test_identities_do_not_depend_on_the_top_folder(tmp_path: Path) -> None:
    zipped = zip_folder(ROLL, tmp_path / "roll.zip", prefix="Another name/")
    assert {i.identity for i in items_of(ROLL)} == {i.identity for i in items_of(zipped)}


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("IMG_20240302_081502.jpg", datetime(2024, 3, 2, 8, 15, 2)),
        ("PXL_20240110_101010123.jpg", None),  # milliseconds glued on: not a clean time
        ("Screenshot_20240305-101500.png", datetime(2024, 3, 5, 10, 15)),
        ("WhatsApp Image 2024-03-05 at 10.15.00.jpeg", datetime(2024, 3, 5, 10, 15)),
        ("signal-2024-03-05-101500.jpg", datetime(2024, 3, 5, 10, 15)),
        ("IMG_20241302_081502.jpg", None),  # month 13
        ("IMG_5501.HEIC", None),
    ],
)
def test_time_in_file_names(name: str, expected: datetime | None) -> None:
    assert taken_from_name(name) == expected


def test_context_skips_device_folders_and_names_the_camera_gave() -> None:
    assert photo_context("DCIM/100APPLE/IMG_0001.HEIC") == ("", "")
    assert photo_context("Pictures/Graduation day/IMG_0002.jpg") == ("Graduation day", "Graduation day")
    assert photo_context("Pictures/Work do/me in uniform.jpg") == ("Work do / me in uniform.jpg", "Work do")
    assert photo_context("Pictures/ABF_0001.jpg") == ("ABF_0001.jpg", "")


def test_scan_finds_exactly_the_planted_geotags(roll: Path) -> None:
    report = run_audit([roll], load_policy("dibp-2015"), AuditOptions(jobs=1))
    geotags = sorted((f.rule, f.match) for f in report.findings if f.rule.startswith("EXP5"))
    assert geotags == sorted((e["rule"], e["match"]) for e in EXPECTED)
    for finding in (f for f in report.findings if f.rule == "EXP501"):
        assert any(finding.source.member.endswith(e["member_suffix"]) and e["match"] == finding.match for e in EXPECTED)
    (summary,) = report.inputs
    assert summary.coverage.members_not_understood == () and summary.coverage.members_failed == 0
    assert report.skipped == ()


def test_camera_details_reach_the_items(tmp_path: Path) -> None:
    """The photo stage's metadata reader adds the EXIF of each format; the serial number survives."""
    from exposure_audit.media.enrich import MetadataEnricher
    from exposure_audit.runtime.units import UnitResult

    tree = Tree.open([ROLL])
    result = UnitResult()
    enriched = {
        i.source.member.rsplit("/", 1)[-1]: MetadataEnricher().enrich(tree, i, i.source.member, result)
        for i in items_of(ROLL)
    }
    assert result.skipped == []
    camera = {name: item.photo for name, item in enriched.items()}
    assert camera["IMG_20240302_081502.jpg"] is not None and camera["IMG_20240302_081502.jpg"].serial == "PX7-0042-1187"
    assert camera["scan_0001.tif"] is not None and camera["scan_0001.tif"].model == "SM-200"
    assert [g.origin for g in enriched["IMG_5501.HEIC"].geo] == ["exif"]
    assert enriched["IMG_20240303_120000.jpg"].geo == ()  # the control without a location
    assert getattr(camera["Screenshot_20240305-101500.png"], "make", "") == ""


def test_corrupt_image_is_skipped_and_the_rest_read(tmp_path: Path) -> None:
    copy = tmp_path / "roll"
    shutil.copytree(ROLL, copy)
    jpeg = copy / "DCIM" / "Camera" / "IMG_20240302_081502.jpg"
    jpeg.write_bytes(jpeg.read_bytes()[:40])  # cut inside the EXIF segment
    (copy / "DCIM" / "Camera" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 10)
    report = run_audit([copy], load_policy("dibp-2015"), AuditOptions(jobs=1))
    skipped = {s.source.member.rsplit("/", 1)[-1]: s.reason for s in report.skipped if s.stage == "media"}
    assert set(skipped) == {"IMG_20240302_081502.jpg", "broken.png"}
    # An empty PNG has no EXIF to lose, but its pixels cannot be examined for uniform cues: that is said.
    assert "uniform" in skipped["broken.png"]
    assert len([f for f in report.findings if f.rule == "EXP501"]) == len(EXPECTED) - 1


@pytest.mark.parametrize(
    "path",
    [
        "DCIM/IMG_0001.JPG",
        "DCIM/.DS_Store",
        "a/Thumbs.db",
        "desktop.INI",
        "__MACOSX/DCIM/._IMG_0001.JPG",
        "DCIM/._IMG_0002.JPG",
        "DCIM/IMG_0001.AAE",
        "DCIM/IMG_0001.xmp",
        "clip.THM",
        "notes.txt",
        "x.nomedia/IMG.jpg",
        ".nomedia",
    ],
)
def test_one_search_skips_what_junk_or_sidecars_skip(path: str) -> None:
    assert bool(_NOT_COUNTED.search(path)) == bool(JUNK.search(path) or SIDECARS.search(path))


@pytest.mark.parametrize(
    "path",
    [
        "DCIM/100APPLE/IMG_0001.HEIC",
        "a.jpg",
        "a//b/./c.jpg",
        "./Work do/x.jpg",
        "/abs/y.jpg",
        "a/../b.jpg",
        "Ünï/çødé.jpg",
    ],
)
def test_a_members_path_splits_as_a_posix_path_does(path: str) -> None:
    assert posix_parts(path) == list(PurePosixPath(path).parts)
