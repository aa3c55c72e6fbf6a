"""The Instagram fetcher on the 2024+ download (your_instagram_activity/media/), zipped and unzipped."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exposure_audit.fetchers.downloads import detect
from exposure_audit.fetchers.instagram.fetcher import InstagramFetcher
from exposure_audit.model import Item, ItemKind, Platform, Precision, Skipped
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, fetch_all, zip_folder

FOLDER = FIXTURES / "instagram" / "ig-2025-activity-media"


def read_all(paths: list[Path]) -> tuple[list[Item], list[Skipped], Tree]:
    return fetch_all(InstagramFetcher(), paths)  # type: ignore[return-value]


@pytest.fixture(params=["folder", "zip", "zip-with-top-folder"])
def download(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[list[Item], list[Skipped], Tree]]:
    if request.param == "folder":
        path = FOLDER
    else:
        prefix = "instagram-imo.castellari-2024-07-05/" if request.param == "zip-with-top-folder" else ""
        path = zip_folder(FOLDER, tmp_path / "instagram.zip", prefix)
    items, skipped, tree = read_all([path])
    yield items, skipped, tree
    tree.close()


def find(items: list[Item], kind: ItemKind, field: str, text: str = "") -> list[Item]:
    return [i for i in items if i.kind is kind and i.field == field and (not text or i.text == text)]


def one(items: list[Item], kind: ItemKind, field: str, text: str = "") -> Item:
    found = find(items, kind, field, text)
    assert len(found) == 1, (kind, field, text, found)
    return found[0]


def test_detected_as_instagram() -> None:
    tree = Tree.open([FOLDER])
    assert detect(tree) is Platform.INSTAGRAM


def test_account_details(download: tuple[list[Item], list[Skipped], Tree]) -> None:
    items, _, _ = download
    (login,) = [i for i in find(items, ItemKind.LOGIN, "email") if "registration" not in i.labels]
    assert login.text == "imogen.castellari@abf.gov.au"
    assert login.labels == {"primary"}
    assert login.source.member.endswith("personal_information/personal_information/personal_information.json")
    assert login.source.pointer == "/profile_user/0/string_map_data/Email/value"
    assert one(items, ItemKind.LOGIN, "phone").labels == {"confirmed"}
    assert one(items, ItemKind.PROFILE, "bio").text == "Australian Border Force officer. Views my own 🇦🇺🐕"
    assert one(items, ItemKind.PROFILE, "username").text == "imo.castellari"
    assert one(items, ItemKind.PROFILE, "name").text == "Imogen Castellari"
    assert one(items, ItemKind.PROFILE, "website").text == "https://example.com/imo"
    assert one(items, ItemKind.PLACE, "city").text == "Wollongong"
    other = one(items, ItemKind.PROFILE, "other")  # a label no dictionary knows is kept, not dropped
    assert other.extra["label"] == "Lieblingsfarbe"
    assert not find(items, ItemKind.PROFILE, "other", "female")  # known, irrelevant labels are left out


def test_professional_inferred_and_autofill_contacts(download: tuple[list[Item], list[Skipped], Tree]) -> None:
    items, _, _ = download
    assert one(items, ItemKind.CONTACT, "phone", "(02) 5550 7314").labels == {"business"}
    assert one(items, ItemKind.CONTACT, "email", "imo.castellari@example.com").labels == {"business"}
    assert one(items, ItemKind.PROFILE, "industry").text == "Personal blog"
    inferred = {i.text for i in items if i.kind is ItemKind.CONTACT and i.labels == {"inferred"}}
    assert inferred == {"i.castellari@homeaffairs.gov.au", "imo.c@example.net", "+61491570157"}
    autofill = {(i.kind, i.field, i.text) for i in items if "autofill" in i.labels}
    assert autofill == {
        (ItemKind.CONTACT, "email", "imogen.castellari@abf.gov.au"),
        (ItemKind.CONTACT, "phone", "+61491570157"),
        (ItemKind.WORK, "work.employer", "Australian Border Force"),
        (ItemKind.PLACE, "location", "14 Example Parade"),
        (ItemKind.PLACE, "zip_code", "2500"),
    }


def test_signup_login_and_places(download: tuple[list[Item], list[Skipped], Tree]) -> None:
    items, _, _ = download
    registered = [i for i in items if i.kind is ItemKind.LOGIN and "registration" in i.labels]
    assert {(i.field, i.text) for i in registered} == {
        ("email", "imogen.castellari@abf.gov.au"),
        ("username", "imo.castellari"),
    }
    assert registered[0].created_at == datetime(2019, 1, 1, tzinfo=UTC)
    assert one(items, ItemKind.IP, "registration_ip").text == "203.0.113.24"
    assert one(items, ItemKind.IP, "login_ip").text == "198.51.100.77"
    assert one(items, ItemKind.PLACE, "profile_based_in").text == "Wollongong, New South Wales"
    assert {i.text for i in find(items, ItemKind.PLACE, "locations_of_interest")} == {"Wollongong", "Mascot"}


def test_last_known_location_precise_and_imprecise(download: tuple[list[Item], list[Skipped], Tree]) -> None:
    items, _, _ = download
    location = one(items, ItemKind.LOCATION, "last_known_location")
    precise, imprecise = location.geo
    assert (precise.lat, precise.lon, precise.precision) == (-34.410231, 150.887112, Precision.GPS)
    assert (imprecise.lat, imprecise.lon, imprecise.precision) == (-34.42, 150.89, Precision.CITY)
    assert precise.origin == "last_known_location"
    assert location.created_at == datetime.fromtimestamp(1717900000, tz=UTC)


def test_single_media_post_caption_and_exif_data(download: tuple[list[Item], list[Skipped], Tree]) -> None:
    items, _, _ = download
    post = one(items, ItemKind.POST, "caption", "Passing out parade today — officially Australian Border Force 🇦🇺")
    assert post.source.pointer == "/0/media/0/title"
    assert post.created_at == datetime.fromtimestamp(1714640000, tz=UTC)
    photo = next(i for i in items if i.kind is ItemKind.PHOTO and i.source.pointer == "/0/media/0")
    assert photo.media[0].member.endswith("media/posts/202405/440000001_1001_n_18030000000000001.jpg")
    assert photo.text == ""
    assert "Australian Border Force" in photo.extra["context"]
    (geo,) = photo.geo
    assert (geo.lat, geo.lon, geo.origin, geo.precision) == (-33.94013, 151.17491, "exif_data", Precision.GPS)
    assert geo.at == datetime(2024, 5, 2, 18, 47, 28)
    assert photo.extra["device_id"] == "A1B2C3D4-0000-4000-8000-00000000F00D"
    assert photo.extra["exif.taken_local"] == "2024-05-02T18:47:28"


def test_carousel_caption_zero_coordinates_and_extensionless_photo(
    download: tuple[list[Item], list[Skipped], Tree],
) -> None:
    items, _, tree = download
    post = one(items, ItemKind.POST, "caption", "Our border collie Pepper turned three today 🎂")
    assert post.source.pointer == "/1/title"
    assert len(post.media) == 2
    photos = [i for i in items if i.kind is ItemKind.PHOTO and i.source.pointer.startswith("/1/")]
    assert len(photos) == 2
    assert all(p.geo == () for p in photos)  # 0/0 means no coordinates
    nameless = "media/posts/202405/AQPbNoExtension_18030000000000003"
    (member,) = [p.media[0].member for p in photos if p.media[0].member.endswith(nameless)]
    assert member in InstagramFetcher().media_candidates(tree)


def test_video_geotag_stays_on_the_post_and_no_photo_item(download: tuple[list[Item], list[Skipped], Tree]) -> None:
    items, _, _ = download
    reel = one(items, ItemKind.POST, "reel")
    assert reel.text == "Binge-watching Border Security again, the airport episodes are wild"
    assert [(g.lat, g.lon, g.origin) for g in reel.geo] == [(-34.40417, 150.88402, "exif_data")]
    assert reel.extra["album"] == "reels"
    assert not [i for i in items if i.kind is ItemKind.PHOTO and any(m.uri.endswith(".mp4") for m in i.media)]
    coffee = one(items, ItemKind.POST, "caption", "Force of habit: coffee before anything else ☕")
    assert coffee.media[0].member.endswith(".mp4")


def test_story_archived_profile_photos(download: tuple[list[Item], list[Skipped], Tree]) -> None:
    items, _, _ = download
    story = one(items, ItemKind.POST, "story")
    assert story.text == "Night shift with the Border Force crew at the airport"
    story_photo = next(i for i in items if i.kind is ItemKind.PHOTO and i.extra.get("album") == "stories")
    assert [(g.lat, g.lon) for g in story_photo.geo] == [(-33.9387, 151.1662)]
    archived = one(items, ItemKind.POST, "caption", "Academy intake photo, Department of Home Affairs class of 2019")
    assert archived.extra["album"] == "archived posts"
    profile_photos = [i for i in items if i.kind is ItemKind.PHOTO and i.extra.get("album") == "profile photos"]
    assert {p.identity for p in profile_photos} and len({p.identity for p in profile_photos}) == 1
    assert not find(items, ItemKind.POST, "")


def test_comments_messages_and_follows(download: tuple[list[Item], list[Skipped], Tree]) -> None:
    items, _, _ = download
    comment = one(items, ItemKind.COMMENT, "comment", "Say hi to everyone at Border Force Port Kembla!")
    assert comment.extra["on"] == "jordan.example"
    assert comment.created_at == datetime.fromtimestamp(1717600000, tz=UTC)
    message = one(
        items, ItemKind.MESSAGE, "message", "Use my work address imogen.castellari@abf.gov.au for the roster swap"
    )
    assert message.extra["sender"] == "Imogen Castellari"
    assert message.extra["thread"] == "jordan"
    assert message.created_at == datetime.fromtimestamp(1717800000, tz=UTC)
    dm_photo = next(i for i in items if i.kind is ItemKind.PHOTO and "messages" in i.extra.get("album", ""))
    assert dm_photo.media[0].member.endswith("photos/490000001_6001_n_18080000000000001.jpg")
    assert one(items, ItemKind.PAGE, "follow").text == "bordercollie_daily"


def test_missing_media_file_is_skipped_and_the_post_kept(download: tuple[list[Item], list[Skipped], Tree]) -> None:
    items, skipped, _ = download
    (missing,) = skipped
    assert missing.stage == "media"
    assert missing.source.pointer == "/5/media/0/uri"
    assert "not in the download" in missing.reason
    post = one(items, ItemKind.POST, "caption", "Beach clean-up crew")
    assert post.media[0].member == ""


def test_identities_are_stable_and_unique_per_record(download: tuple[list[Item], list[Skipped], Tree]) -> None:
    items, _, _ = download
    again, _, tree = read_all([FOLDER])
    tree.close()
    assert [i.identity for i in items] == [i.identity for i in again]
    non_photo = [i.identity for i in items if i.kind is not ItemKind.PHOTO]
    assert len(non_photo) == len(set(non_photo))


def test_coverage_known_irrelevant_and_planned_members() -> None:
    tree = Tree.open([FOLDER])
    fetcher = InstagramFetcher()
    planned = {m for t in fetcher.plan(tree) for m in t.members}
    photos = set(fetcher.media_candidates(tree))
    leftover = [
        p
        for p in tree.members
        if p not in planned and p not in photos and not any(r.search(p) for r in fetcher.known_irrelevant)
    ]
    assert leftover == []
    assert "personal_information/personal_information/account_information.json" not in planned
