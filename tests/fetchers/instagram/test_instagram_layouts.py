"""The Instagram fetcher on the older layout generations, the HTML download, and bad input."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exposure_audit.fetchers.common import media_kind
from exposure_audit.fetchers.downloads import detect
from exposure_audit.fetchers.instagram import files as instagram_files
from exposure_audit.fetchers.instagram.fetcher import InstagramFetcher
from exposure_audit.fetchers.instagram.html import html_date
from exposure_audit.media.metadata import read_photo_facts
from exposure_audit.model import Item, ItemKind, Platform, Skipped
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, fetch_all, zip_folder

IG = FIXTURES / "instagram"


def read_all(paths: list[Path]) -> tuple[list[Item], list[Skipped]]:
    items, skipped, tree = fetch_all(InstagramFetcher(), paths)
    tree.close()  # type: ignore[attr-defined]
    return items, skipped


def facts(items: list[Item]) -> set[tuple[str, str, str, frozenset[str]]]:
    return {(i.kind.value, i.field, i.text, i.labels) for i in items}


@pytest.mark.parametrize(
    "name",
    ["ig-2019-media-json", "ig-2021-content", "ig-2023-activity-content", "ig-2023-html", "ig-2025-activity-media"],
)
def test_every_generation_is_detected_and_reads_the_same_zipped(name: str, tmp_path: Path) -> None:
    folder = IG / name
    assert detect(Tree.open([folder])) is Platform.INSTAGRAM
    unzipped, _ = read_all([folder])
    zipped, _ = read_all([zip_folder(folder, tmp_path / "ig.zip", "instagram-imo-2024/")])
    assert unzipped and facts(unzipped) == facts(zipped)


@pytest.mark.parametrize(
    "name",
    ["ig-2019-media-json", "ig-2021-content", "ig-2023-activity-content", "ig-2023-html", "ig-2025-activity-media"],
)
def test_every_planted_member_yields_items(name: str) -> None:
    """Each member an expected finding points at is read into at least one item carrying the match
    (or, for a photo geotag, is a photo the engine will read)."""
    planted = json.loads((IG / f"{name}.expected.json").read_text())
    items, _ = read_all([IG / name])
    tree = Tree.open([IG / name])
    photos = InstagramFetcher().media_candidates(tree)
    for entry in planted:
        suffix, match = entry["member_suffix"], entry["match"]
        if suffix.endswith((".jpg", ".png", ".webp")) or "." not in suffix.rsplit("/", 1)[-1]:
            assert any(p.endswith(suffix) for p in photos), entry
            continue
        here = [i for i in items if i.source.member.endswith(suffix)]
        if entry["rule"] == "EXP501":
            wanted = tuple(round(float(v), 5) for v in match.split(","))
            points = [(g.lat, g.lon) for i in here for g in i.geo]
            for item in here:  # photos whose coordinates are in the image bytes, read by the photo phase
                if item.kind is ItemKind.PHOTO and item.media[0].member:
                    with tree.open_member(item.media[0].member) as handle:
                        exif = read_photo_facts(handle)
                    if exif.lat is not None and exif.lon is not None:
                        points.append((exif.lat, exif.lon))
            assert wanted in {(round(a, 5), round(b, 5)) for a, b in points}, entry
        else:
            assert any(match in i.text for i in here), entry


def test_html_download_reads_the_same_as_its_json_twin() -> None:
    json_items, json_skipped = read_all([IG / "ig-2023-activity-content"])
    html_items, html_skipped = read_all([IG / "ig-2023-html"])
    assert json_skipped == html_skipped == []
    assert facts(json_items) == facts(html_items)
    geo = {(i.kind, g.lat, g.lon, g.origin) for i in html_items for g in i.geo}
    assert geo == {(i.kind, g.lat, g.lon, g.origin) for i in json_items for g in i.geo}
    post = next(i for i in html_items if i.kind is ItemKind.POST and "Border Force" in i.text)
    assert post.created_at == datetime(2023, 6, 16, 7, 20, tzinfo=UTC)
    assert post.source.member.endswith("posts_1.html") and post.source.pointer == "block 1/title"


def test_2021_localised_labels_and_single_object_posts() -> None:
    items, skipped = read_all([IG / "ig-2021-content"])
    assert skipped == []
    logins = [i for i in items if i.kind is ItemKind.LOGIN and i.field == "email"]
    assert [i.text for i in logins] == ["imogen.castellari@abf.gov.au"]  # "E-Mail-Adresse"
    assert [i.text for i in items if i.field == "bio"] == ["Officer, Australian Border Force"]  # "Biografie"
    assert [i.text for i in items if i.field == "city"] == ["Wollongong"]  # "Stadt"
    (post,) = [i for i in items if i.kind is ItemKind.POST]
    assert post.source.pointer == "/media/0/title"  # posts_1.json holds one bare post object
    dm_photo = [i for i in items if i.kind is ItemKind.PHOTO and i.extra.get("album") == "messages with sam"]
    assert len(dm_photo) == 1 and dm_photo[0].media[0].member


def test_2019_media_json_profile_comments_and_messages() -> None:
    items, skipped = read_all([IG / "ig-2019-media-json"])
    assert skipped == []
    caption = next(i for i in items if i.kind is ItemKind.POST and i.field == "caption")
    assert caption.text == "First day at the Department of Immigration and Border Protection!"
    assert caption.created_at == datetime(2018, 12, 3, 6, 12, 40, tzinfo=UTC)
    assert [i.text for i in items if i.kind is ItemKind.PLACE] == ["Sydney Airport", "North Beach"]
    assert {i.text for i in items if i.kind is ItemKind.LOGIN} == {"imogen.castellari@border.gov.au", "+61491570157"}
    assert [i.text for i in items if i.field == "bio"] == ["Australian Border Force • Sydney"]
    comment = next(i for i in items if i.kind is ItemKind.COMMENT)
    assert comment.text == "Border Force rostering is a nightmare this week" and comment.extra["on"] == "jordan.example"
    assert len([i for i in items if i.kind is ItemKind.MESSAGE]) == 2
    assert {i.extra["album"] for i in items if i.kind is ItemKind.PHOTO and "album" in i.extra} == {
        "stories",
        "profile photos",
    }


def test_html_dates() -> None:
    assert html_date("Jun 04, 2025 6:46:10 pm") == datetime(2025, 6, 4, 18, 46, 10, tzinfo=UTC)
    assert html_date("Jul 01, 2023, 4:00 PM") == datetime(2023, 7, 1, 16, 0, tzinfo=UTC)
    assert html_date("Sep 29, 2026 1:39 am") == datetime(2026, 9, 29, 1, 39, tzinfo=UTC)
    assert html_date("yesterday") is None


def test_legacy_html_blocks(tmp_path: Path) -> None:
    root = tmp_path / "ig"
    (root / "content").mkdir(parents=True)
    (root / "content" / "posts_1.html").write_text(
        '<html><body><div class="_3-8y _3-95 _3b0b">'
        '<div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder">'
        '<div class="_3-96 _2pio _2lek _2lel">Back at the Border Force depot</div>'
        '<div class="_3-96 _2let"><div><a href="media/posts/201911/x.jpg"><img src="media/posts/201911/x.jpg"></a>'
        '</div></div><div class="_3-94 _2lem">Nov 05, 2019, 7:30 AM</div></div></div></body></html>'
    )
    (root / "personal_information.html").write_text(
        '<html><body><div class="pam _3-95 _2pi0 _2lej uiBoxWhite noborder"><div class="_3-96 _2let"><table>'
        "<tr><td>Email</td><td>imogen.castellari@abf.gov.au</td></tr></table></div></div></body></html>"
    )
    items, skipped = read_all([root])
    post = next(i for i in items if i.kind is ItemKind.POST)
    assert post.text == "Back at the Border Force depot"
    assert post.created_at == datetime(2019, 11, 5, 7, 30, tzinfo=UTC)
    assert [i.text for i in items if i.kind is ItemKind.LOGIN] == ["imogen.castellari@abf.gov.au"]
    assert [s.stage for s in skipped] == ["media"]  # the linked photo is not in this download


# -- bad input ------------------------------------------------------------------------------------


def test_truncated_wrong_shape_and_other_layout_pages_are_skipped(tmp_path: Path) -> None:
    root = tmp_path / "ig"
    shutil.copytree(IG / "ig-2025-activity-media", root)
    posts = root / "your_instagram_activity/media/posts_1.json"
    posts.write_text(posts.read_text()[:900])
    (root / "personal_information/information_about_you/profile_based_in.json").write_text('{"oops": 42}')
    (root / "your_instagram_activity/media/stories.json").write_text('{"ig_stories": [17, "x"]}')
    (root / "personal_information/personal_information/professional_information.html").write_text(
        "<html><body><p>A page of some other layout</p></body></html>"
    )
    items, skipped = read_all([root])
    reasons = {(s.source.member.rsplit("/", 1)[-1], s.source.pointer): s.reason for s in skipped}
    assert "truncated" in reasons[("posts_1.json", "")]
    assert "expected label/value data" in reasons[("profile_based_in.json", "")]
    assert "expected a post object" in reasons[("stories.json", "/ig_stories/0")]
    assert "another layout" in reasons[("professional_information.html", "")]
    # everything else is still read
    assert any(i.kind is ItemKind.LOGIN for i in items)
    assert any(i.kind is ItemKind.POST and i.field == "reel" for i in items)
    assert not [i for i in items if i.source.member.endswith("posts_1.json")]


def test_large_members_are_streamed_with_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    expected, _ = read_all([IG / "ig-2025-activity-media"])
    monkeypatch.setattr(instagram_files, "STREAM_BYTES", 16)
    streamed, skipped = read_all([IG / "ig-2025-activity-media"])
    assert [i.identity for i in streamed] == [i.identity for i in expected]
    assert [i.source.pointer for i in streamed] == [i.source.pointer for i in expected]
    assert len(skipped) == 1  # the one missing media file


def test_sniffing_media_kinds() -> None:
    assert media_kind.sniff(b"\xff\xd8\xff\xe0") is media_kind.MediaKind.IMAGE
    assert media_kind.sniff(b"\x89PNG\r\n\x1a\n") is media_kind.MediaKind.IMAGE
    assert media_kind.sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") is media_kind.MediaKind.IMAGE
    assert media_kind.sniff(b"\x00\x00\x00\x18ftypheic") is media_kind.MediaKind.IMAGE
    assert media_kind.sniff(b"\x00\x00\x00\x18ftypisom") is media_kind.MediaKind.VIDEO
    assert media_kind.sniff(b"1\n00:00:01,000 --> ") is media_kind.MediaKind.OTHER
    assert media_kind.coordinate_pair("0", "0.0") is None
    assert media_kind.coordinate_pair("-34.1", "150.9") == (-34.1, 150.9)
    assert media_kind.coordinate_pair("nan", "1") is None
    assert media_kind.coordinate_pair(95, 10) is None
