"""Google Photos Takeout: sidecar pairing, geoData/geoDataExif, people, parts, and broken input."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from exposure_audit.engine import AuditOptions, run_audit
from exposure_audit.fetchers.downloads import detect
from exposure_audit.fetchers.google_photos.fetcher import GooglePhotosFetcher, sidecar_geo
from exposure_audit.fetchers.google_photos.sidecars import original_of_edited, pair_folder, sidecar_key
from exposure_audit.model import Item, ItemKind, Platform, Skipped
from exposure_audit.policy.model import load_policy
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, split_zip, zip_folder

TAKEOUT = FIXTURES / "google-photos" / "takeout"
EXPECTED = json.loads((FIXTURES / "google-photos" / "takeout.expected.json").read_text())
YEAR = "Takeout/Google Photos/Photos from 2024/"


def read(*paths: Path) -> tuple[dict[str, Item], list[Skipped]]:
    tree = Tree.open(list(paths))
    fetcher = GooglePhotosFetcher()
    records = [r for task in fetcher.plan(tree) for r in fetcher.run(task, tree)]
    tree.close()
    items = {r.source.member.rsplit("/", 1)[-1]: r for r in records if isinstance(r, Item)}
    return items, [r for r in records if isinstance(r, Skipped)]


@pytest.fixture(params=["folder", "zip", "two parts"])
def takeout(request: pytest.FixtureRequest, tmp_path: Path) -> list[Path]:
    if request.param == "folder":
        return [TAKEOUT]
    if request.param == "zip":
        return [zip_folder(TAKEOUT, tmp_path / "takeout-20240701T000000Z-001.zip")]
    return list(
        split_zip(
            TAKEOUT, (tmp_path / "takeout-20240701T000000Z-001.zip", tmp_path / "takeout-20240701T000000Z-002.zip")
        )
    )


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("IMG_1.jpg.json", ("IMG_1.jpg", "")),
        ("IMG_1.jpg.supplemental-metadata.json", ("IMG_1.jpg", "")),
        ("IMG_1.jpg.supplemental-metad.json", ("IMG_1.jpg", "")),
        ("IMG_1.jpg.suppl.json", ("IMG_1.jpg", "")),
        ("IMG_1.jpg.s.json", ("IMG_1.jpg", "")),
        ("IMG_1.jpg..json", ("IMG_1.jpg", "")),
        ("img.png.supplemental-metadata(1).json", ("img.png", "(1)")),
        ("img.png(1).json", ("img.png", "(1)")),
        ("Screenshot_20240413-091500_Maps_Navigation_Rou.json", ("Screenshot_20240413-091500_Maps_Navigation_Rou", "")),
    ],
)
def test_sidecar_keys(name: str, key: tuple[str, str]) -> None:
    assert sidecar_key(name) == key


def test_edited_names() -> None:
    assert original_of_edited("IMG_1-edited.jpg") == "IMG_1.jpg"
    assert original_of_edited("IMG_1-bearbeitet.jpg") == "IMG_1.jpg"
    assert original_of_edited("IMG_1.jpg") == ""


def test_pairing_of_a_folder() -> None:
    pairing = pair_folder(
        [
            "a.jpg",
            "a-edited.jpg",
            "a.jpg.supplemental-metadata.json",
            "img.png",
            "img(1).png",
            "img.png.json",
            "img.png(1).json",
            "IMG_7.HEIC",
            "IMG_7.MP4",
            "IMG_7.HEIC.json",
            "lonely.jpg",
            "gone.jpg.json",
            "metadata.json",
        ]
    )
    assert pairing.album_metadata == "metadata.json"
    assert dict(pairing.groups) == {
        "a.jpg.supplemental-metadata.json": ["a-edited.jpg", "a.jpg"],
        "img.png.json": ["img.png"],
        "img.png(1).json": ["img(1).png"],
        "IMG_7.HEIC.json": ["IMG_7.HEIC", "IMG_7.MP4"],
        "gone.jpg.json": [],
        "": ["lonely.jpg"],
    }


def test_geo_fields() -> None:
    assert sidecar_geo({"geoData": {"latitude": 0.0, "longitude": 0.0}}) == ()
    assert sidecar_geo({"geoData": {"latitude": "x", "longitude": 1}}) == ()
    assert sidecar_geo({"geoData": {"latitude": 95.0, "longitude": 1.0}}) == ()
    points = sidecar_geo(
        {"geoData": {"latitude": -35.1, "longitude": 149.1}, "geoDataExif": {"latitude": -35.2, "longitude": 149.2}}
    )
    assert [(p.origin, p.lat) for p in points] == [("geoData", -35.1), ("geoDataExif", -35.2)]


def test_detected(takeout: list[Path]) -> None:
    for path in takeout:
        tree = Tree.open([path])
        assert detect(tree) is Platform.GOOGLE_PHOTOS  # each part alone too
        tree.close()


def test_items(takeout: list[Path]) -> None:
    items, skipped = read(*takeout)
    assert skipped == []
    photos = {name: item for name, item in items.items() if item.kind is ItemKind.PHOTO}
    assert len(photos) == 13
    coffee = photos["IMG_20240302_081502.jpg"]
    assert coffee.text == "Saturday morning coffee on the balcony"
    assert coffee.people == ("Jarrah Pemberton",)
    assert coffee.created_at == datetime(2024, 3, 2, 8, 15, 2, tzinfo=UTC)
    assert [g.origin for g in coffee.geo] == ["geoData", "geoDataExif"]
    assert coffee.media[0].member == YEAR + "IMG_20240302_081502.jpg"
    assert coffee.extra["sidecar"] == YEAR + "IMG_20240302_081502.jpg.supplemental-metadata.json"
    edited = photos["IMG_20240302_081502-edited.jpg"]
    assert edited.geo == coffee.geo and edited.identity != coffee.identity
    assert photos["IMG_0042.png"].geo == ()  # 0.0 means no location
    assert [g.origin for g in photos["IMG_0042(1).png"].geo] == ["geoDataExif"]
    assert [g.origin for g in photos["IMG_0007.JPG"].geo] == ["geoData"]
    moved = photos["PXL_20240701_061500.jpg"]  # location edited in Google Photos: both positions kept
    assert [(g.origin, g.lat) for g in moved.geo] == [("geoData", -35.29), ("geoDataExif", -35.3105)]
    for cut in (
        "IMG_20240412_143000_HDR.jpg",
        "PXL_20240412_150000_PORTRAIT_NIGHT_SIGHT.jpg",
        "PXL_20240412_151500_PORTRAIT_NIGHT_SIGHTS.jpg",
        "Screenshot_20240413-091500_Maps_Navigation_Route.png",
    ):
        assert len(photos[cut].geo) >= 1 and "sidecar" in photos[cut].extra
    no_sidecar = photos["IMG_0099.jpg"]
    assert no_sidecar.geo == () and no_sidecar.media[0].member == YEAR + "IMG_0099.jpg"
    assert "sidecar" not in no_sidecar.extra
    lost = photos["IMG_0100.jpg.supplemental-metadata.json"]
    assert lost.media[0].member == "" and lost.media[0].uri == "IMG_0100.jpg" and "sidecar_only" in lost.extra
    hobart = photos["PXL_20240110_101010.jpg"]
    assert hobart.extra["album"] == "Trip to Hobart"
    assert "Long weekend with friends" in hobart.extra["context"]
    album = items["metadata.json"]
    assert album.kind is ItemKind.POST and album.field == "album" and album.text.startswith("Trip to Hobart")
    assert "album" not in photos["IMG_0007.JPG"].extra  # "Photos from 2024" is not a name anyone gave


def test_parts_give_the_same_items(tmp_path: Path) -> None:
    whole, _ = read(TAKEOUT)
    parts, _ = read(*split_zip(TAKEOUT, (tmp_path / "a.zip", tmp_path / "b.zip")))
    assert {i.identity: i.geo for i in whole.values()} == {i.identity: i.geo for i in parts.values()}


def test_scan_finds_exactly_the_planted_geotags(takeout: list[Path]) -> None:
    report = run_audit(takeout, load_policy("dibp-2015"), AuditOptions(jobs=1))
    found = sorted(
        (f.rule, f.source.member.rsplit("/", 2)[-2:][-1], f.match) for f in report.findings if f.rule.startswith("EXP5")
    )
    planted = sorted((e["rule"], e["member_suffix"].rsplit("/", 1)[-1], e["match"]) for e in EXPECTED)
    assert found == planted
    (summary,) = report.inputs
    assert summary.platform is Platform.GOOGLE_PHOTOS
    assert summary.coverage.members_not_understood == () and summary.coverage.members_failed == 0


def test_broken_sidecars_and_images(tmp_path: Path) -> None:
    copy = tmp_path / "takeout"
    shutil.copytree(TAKEOUT, copy)
    folder = copy / YEAR
    (folder / "IMG_0007.JPG.json").write_text('{"title": "IMG_0007.JPG", "geoData": {"lat')  # truncated
    (folder / "IMG_0042.png.supplemental-metadata.json").write_text('["not", "a", "sidecar"]')
    (folder / "IMG_0099.jpg").write_bytes(b"\xff\xd8\xff\xe1\x00\x10Exif\x00\x00MM\x00*")  # corrupt image
    items, skipped = read(copy)
    reasons = {s.source.member.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert "truncated" in reasons["IMG_0007.JPG.json"]
    assert "not a Google Photos sidecar" in reasons["IMG_0042.png.supplemental-metadata.json"]
    assert items["IMG_0007.JPG"].geo == () and items["IMG_0007.JPG"].media[0].member  # the image still counts
    assert len([i for i in items.values() if i.kind is ItemKind.PHOTO]) == 13
    report = run_audit([copy], load_policy("dibp-2015"), AuditOptions(jobs=1))
    assert any(s.stage == "media" and s.source.member.endswith("IMG_0099.jpg") for s in report.skipped)
    assert len([f for f in report.findings if f.rule == "EXP501"]) == len(EXPECTED) - 2


_NAMES = st.lists(
    st.sampled_from(["a", "IMG_1", "img(1)", "b-edited", "x" * 30, "IMG_1-edited(1)"]).flatmap(
        lambda stem: st.sampled_from(
            [
                f"{stem}.jpg",
                f"{stem}.jpg.json",
                f"{stem}.jpg.s.json",
                f"{stem}.mp4",
                f"{stem}.jpg.supplemental-metadata(1).json",
                f"{stem}..json",
                "metadata.json",
            ]
        )
    ),
    max_size=12,
    unique=True,
)


@given(_NAMES)
def test_pairing_places_every_media_file_once(names: list[str]) -> None:
    pairing = pair_folder(names)
    placed = [m for _, media in pairing.groups for m in media]
    assert sorted(placed) == sorted(n for n in names if not n.endswith(".json"))


def test_copies_sharing_a_sidecar_without_url_keep_distinct_identities(tmp_path: Path) -> None:
    folder = tmp_path / "Photos from 2024"
    folder.mkdir()
    source = TAKEOUT / YEAR
    for name in ("IMG_20240302_081502.jpg", "IMG_20240302_081502-edited.jpg"):
        shutil.copy(source / name, folder / name)
    document = json.loads((source / "IMG_20240302_081502.jpg.supplemental-metadata.json").read_text())
    del document["url"]
    (folder / "IMG_20240302_081502.jpg.json").write_text(json.dumps(document))
    items, skipped = read(folder)
    assert skipped == [] and len(items) == 2
    assert len({i.identity for i in items.values()}) == 2
