"""The Facebook JSON fetcher on the three layout generations: folder, zip and two-part zip alike."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exposure_audit.errors import InputError
from exposure_audit.fetchers.downloads import group_downloads
from exposure_audit.fetchers.facebook.fetcher import FacebookFetcher
from exposure_audit.limits import DEFAULT_LIMITS
from exposure_audit.model import Item, ItemKind, Platform, Skipped
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, fetch_all, split_zip, zip_folder

LAYOUTS = ("2019-json", "2022-json", "2025-json")
NAME = "Zoë Castellanos-Reid"
OFFICIAL = "zoe.castellanos-reid@abf.gov.au"


def read(paths: list[Path]) -> tuple[list[Item], list[Skipped], Tree]:
    return fetch_all(FacebookFetcher(), paths)  # type: ignore[return-value]


def comparable(items: list[Item], strip: str = "") -> list[tuple[object, ...]]:
    """Everything about an item but the archive label (which names the zip or folder)."""

    def member(path: str) -> str:
        return path[len(strip) :] if strip and path.startswith(strip) else path

    return sorted(
        (
            i.kind.value,
            i.field,
            i.text,
            tuple(sorted(i.labels)),
            i.people,
            tuple((g.lat, g.lon, g.origin, g.precision.value) for g in i.geo),
            tuple((m.uri, member(m.member)) for m in i.media),
            str(i.created_at),
            member(i.source.member),
            i.source.pointer,
            i.identity,
            tuple(sorted(i.extra.items())),
        )
        for i in items
    )


def find(items: list[Item], kind: ItemKind, text: str, field: str = "") -> Item:
    hits = [i for i in items if i.kind is kind and i.text == text and (not field or i.field == field)]
    assert len(hits) == 1, f"{kind.value} {text!r}: {len(hits)} items"
    return hits[0]


def at(epoch: int) -> datetime:
    return datetime.fromtimestamp(epoch, UTC)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_folder_zip_and_split_zip_give_the_same_items(layout: str, tmp_path: Path) -> None:
    folder = FIXTURES / "facebook" / layout
    items, skipped, _ = read([folder])
    assert skipped == []
    zipped, zip_skipped, _ = read([zip_folder(folder, tmp_path / "fb.zip", prefix="facebook-zoecr-2026/")])
    assert zip_skipped == []
    one, two = split_zip(folder, (tmp_path / "part1.zip", tmp_path / "part2.zip"))
    parts, part_skipped, _ = read([one, two])
    assert part_skipped == []
    assert comparable(items) == comparable(zipped, "facebook-zoecr-2026/") == comparable(parts)
    assert len(items) > 40
    # Identities are unique, except an IP address: it is the same thing wherever it was logged.
    others = [i for i in items if i.kind is not ItemKind.IP]
    assert len({i.identity for i in others}) == len(others)


@pytest.mark.parametrize("layout", LAYOUTS)
def test_profile_work_contact_and_login(layout: str) -> None:
    items, _, _ = read([FIXTURES / "facebook" / layout])
    assert find(items, ItemKind.PROFILE, NAME, "name").source.pointer.endswith("/name/full_name")  # mojibake fixed
    work = [i for i in items if i.kind is ItemKind.WORK and i.field == "work.employer" and not i.extra.get("autofill")]
    assert [w.text for w in work] == ["Australian Border Force"]
    assert work[0].extra["title"] == "Border Force Officer"
    assert work[0].extra["location"] == "Sydney Airport"
    assert work[0].extra["description"] == "Passenger processing, international terminal"
    assert work[0].created_at == at(1451606400)
    login = find(items, ItemKind.LOGIN, OFFICIAL)
    assert login.field == "email"
    assert login.labels == ({"confirmed"} if layout == "2019-json" else {"previous"})
    assert find(items, ItemKind.LOGIN, "zoe.cr@example.com").labels == {"confirmed"}
    mobile = find(items, ItemKind.CONTACT, "+61 491 570 006")
    assert mobile.field == "phone" and mobile.labels == frozenset()
    education = find(items, ItemKind.EDUCATION, "Eastlakes Institute of TAFE")
    assert education.extra["concentration"] == "Justice Studies"
    assert find(items, ItemKind.PLACE, "Maroubra, New South Wales", "current_city")
    assert find(items, ItemKind.PLACE, "Tamworth, New South Wales", "hometown")
    if layout != "2019-json":
        assert find(items, ItemKind.CONTACT, "(02) 5550 4127").labels == {"work"}
        assert find(items, ItemKind.PLACE, "Perth, Western Australia", "places_lived")
        assert find(items, ItemKind.PROFILE, "Runner, dog mum, flat white enthusiast").field == "bio"
        assert find(items, ItemKind.PROFILE, "https://zoe-runs.example.net").field == "website"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_autofill_fields(layout: str) -> None:
    items, _, _ = read([FIXTURES / "facebook" / layout])
    autofill = [i for i in items if i.extra.get("autofill")]
    by_key = {i.extra["autofill"]: i for i in autofill}
    assert by_key["WORK_EMAIL"].kind is ItemKind.CONTACT and by_key["WORK_EMAIL"].text == OFFICIAL
    assert by_key["WORK_EMAIL"].labels == {"work", "autofill"} and by_key["WORK_EMAIL"].field == "email"
    assert by_key["WORK_PHONE"].text == "(02) 7010 3318" and by_key["WORK_PHONE"].labels == {"work", "autofill"}
    assert by_key["WORK_PHONE"].field == "phone"
    assert (by_key["COMPANY_NAME"].kind, by_key["COMPANY_NAME"].field) == (ItemKind.WORK, "work.employer")
    assert (by_key["JOB_TITLE"].kind, by_key["JOB_TITLE"].field, by_key["JOB_TITLE"].text) == (
        ItemKind.WORK,
        "work.title",
        "Border Force Officer",
    )
    assert by_key["EMAIL"].labels == {"autofill"} and by_key["EMAIL"].kind is ItemKind.CONTACT
    assert (by_key["CITY"].kind, by_key["CITY"].field, by_key["CITY"].text) == (ItemKind.PLACE, "city", "Maroubra")
    assert not any(i.text == NAME for i in autofill)  # names are not contact details


@pytest.mark.parametrize("layout", LAYOUTS)
def test_posts_photos_and_geotags(layout: str) -> None:
    items, _, tree = read([FIXTURES / "facebook" / layout])
    post = find(
        items, ItemKind.POST, "Three years with the Australian Border Force today. Proud of this team at the airport 💪"
    )
    assert post.field == "post" and post.people == ("Jordan Whitlock",) and post.created_at == at(1614670920)
    assert len(post.media) == 1 and post.media[0].member.endswith("MobileUploads_q7Wm/48213_91824_n.jpg")
    assert post.media[0].member in tree.members
    photo = next(i for i in items if i.kind is ItemKind.PHOTO and i.media == post.media)
    assert photo.text == ""  # its description only repeats the post
    assert "Australian Border Force" in photo.extra["context"]
    assert [(g.lat, g.lon, g.origin) for g in photo.geo] == [(-33.9399, 151.1753, "exif_data")]
    assert photo.created_at == at(1614670860)  # taken, not uploaded
    assert (photo.extra["camera.make"], photo.extra["upload_ip"]) == ("Pixelcraft", "203.0.113.45")

    place_post = find(items, ItemKind.POST, "Sunday swim then brunch ☕")
    assert [(g.lat, g.lon, g.origin, g.name) for g in place_post.geo] == [
        (-33.9921, 151.241, "place.coordinate", "Tidewater Café")
    ]

    collie = find(items, ItemKind.POST, "Our border collie Biscuit finally learned to fetch")
    collie_photo = next(i for i in items if i.kind is ItemKind.PHOTO and i.media == collie.media)
    assert collie_photo.geo == ()  # 0/0 means no location

    album_photo = find(items, ItemKind.PHOTO, "Cliff walk at sunset")
    assert [(g.lat, g.lon, g.origin) for g in album_photo.geo] == [(-33.8915, 151.2767, "photo_metadata")]
    assert album_photo.extra["album"] == "Weekend away"
    assert album_photo.media[0].member.endswith("WeekendAway_k2Pz/55120_77341_n.jpg")

    video = find(items, ItemKind.PHOTO, "Biscuit at the beach")
    assert video.media[0].member == "" and video.media[0].uri.startswith("https://scontent")  # fbcdn: not local

    life = find(items, ItemKind.LIFE_EVENT, "Started New Job at Australian Border Force")
    assert life.field == "life_event" and life.extra["start_date"] == "2016-01-04"

    email_post = find(
        items,
        ItemKind.POST,
        "Found a set of keys near the T1 car park, email zoe.castellanos-reid@abf.gov.au if they are yours",
    )
    assert email_post.created_at == at(1571203800)
    for control in (
        "Force of habit: second coffee before 9am",
        "Absolutely abfab night out at the Enmore with the girls",
        "Lived in Perth 03/2015 - 03/2016, still miss the sunsets",
    ):
        assert find(items, ItemKind.POST, control).geo == ()


@pytest.mark.parametrize("layout", LAYOUTS)
def test_checkins_events_and_locations(layout: str) -> None:
    items, _, _ = read([FIXTURES / "facebook" / layout])
    checkin = find(items, ItemKind.CHECKIN, "Gull Point Bowls Club")
    assert [(g.lat, g.lon) for g in checkin.geo] == [(-34.0187, 151.2302)]
    event = find(items, ItemKind.EVENT, "Harbourline Fun Run\n5 km along the harbour, all welcome")
    assert [(g.lat, g.lon, g.origin) for g in event.geo] == [(-33.857, 151.205, "event.place")]
    assert event.labels == {"joined"} and event.created_at == at(1568502000)
    if layout == "2019-json":
        declined = find(items, ItemKind.EVENT, "Trivia at the Coogee Bay")
        assert declined.geo == () and declined.labels == {"declined"}
    if layout == "2022-json":
        last = next(i for i in items if i.field == "last_location")
        assert (last.kind, [(g.lat, g.lon, g.origin) for g in last.geo]) == (
            ItemKind.LOCATION,
            [(-33.9105, 151.154, "last_location")],
        )
        sold = next(i for i in items if i.field == "marketplace")
        assert [(g.lat, g.lon, g.origin) for g in sold.geo] == [(-33.918, 151.16, "marketplace")]
        assert find(items, ItemKind.PLACE, "2035").field == "zip_code"
    if layout == "2025-json":
        assert find(items, ItemKind.TAG, "Gull Point Bowls Club").created_at == at(1566100000)
        assert find(items, ItemKind.PLACE, "Sydney, New South Wales").field == "profile_based_in"
        assert {i.text for i in items if i.field == "locations_of_interest"} == {"Maroubra", "Mascot"}
        assert {i.text for i in items if i.kind is ItemKind.CHECKIN} == {
            "Gull Point Bowls Club",
            "Sydney, New South Wales",
            "Perth, Western Australia",
        }


@pytest.mark.parametrize("layout", LAYOUTS)
def test_comments_groups_pages_friends_messages_and_ips(layout: str) -> None:
    items, _, _ = read([FIXTURES / "facebook" / layout])
    comment = find(items, ItemKind.COMMENT, "Thanks Priya! Loving the new role at Border Force")
    assert comment.field == "comment" and "Priya Nandakumar" in comment.extra["on"]
    assert comment.created_at == at(1452300000)
    group = find(items, ItemKind.GROUP, "ABF Sydney Airport Social Club")
    assert group.field == "group" and group.created_at == at(1455000000)
    assert find(items, ItemKind.PAGE, "Border Security Fans").field in ("page", "follow")
    assert {i.text for i in items if i.kind is ItemKind.CONNECTION and i.field == "friend"} == {
        "Jordan Whitlock",
        "Priya Nandakumar",
        "Tomasz Greaves",
    }
    message = find(items, ItemKind.MESSAGE, "Running late, stuck in the ABF shift briefing")
    assert message.extra["sender"] == NAME and message.created_at == at(1566202000)
    message_photo = next(i for i in items if i.kind is ItemKind.PHOTO and i.source.member == message.source.member)
    assert message_photo.media[0].member.endswith("jordanwhitlock_k3j9d2/photos/60012_88123_n.jpg")
    login_ips = {i.text: i for i in items if i.kind is ItemKind.IP and i.field == "login_ip"}
    assert "203.0.113.45" in login_ips
    if layout == "2019-json":  # one item per address, with the earliest time it was seen
        assert login_ips["203.0.113.45"].created_at == at(1565000000)
    if layout == "2022-json":
        assert (
            find(items, ItemKind.COMMENT, "Count me in for trivia night!").extra["on"]
            == "ABF Sydney Airport Social Club"
        )
    if layout == "2025-json":
        assert find(items, ItemKind.GROUP, "Maroubra Dog Owners").labels == {"admin"}
        assert find(items, ItemKind.CONNECTION, "Priya Nandakumar", "following")
        assert find(items, ItemKind.POST, "Sunrise run along the cliffs").field == "story"


@pytest.mark.parametrize("layout", LAYOUTS)
def test_detected_and_coverage_is_honest(layout: str) -> None:
    folder = FIXTURES / "facebook" / layout
    downloads = group_downloads([folder], DEFAULT_LIMITS)
    assert [d.platform for d in downloads] == [Platform.FACEBOOK]
    tree = downloads[0].tree
    fetcher = downloads[0].fetcher
    planned = {m for task in fetcher.plan(tree) for m in task.members}
    photos = set(fetcher.media_candidates(tree))
    unknown = {
        p
        for p in tree.members
        if p not in planned and p not in photos and not any(pattern.search(p) for pattern in fetcher.known_irrelevant)
    }
    assert (
        unknown
        == {
            "2019-json": {"about_you/face_recognition.json"},
            "2022-json": set(),
            "2025-json": {"your_facebook_activity/avatars/your_avatar.json"},
        }[layout]
    )


def test_unrecognised_folder_names_the_markers(tmp_path: Path) -> None:
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "shopping.json").write_text("[]", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        group_downloads([tmp_path], DEFAULT_LIMITS)
    message = str(caught.value)
    assert "not recognised" in message
    for marker in FacebookFetcher.markers:
        assert marker.description in message


def _write(folder: Path, member: str, value: object) -> None:
    path = folder / member
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(value), encoding="utf-8")


def test_other_attachments_and_media_lists(tmp_path: Path) -> None:
    activity = "your_facebook_activity/"
    _write(
        tmp_path,
        activity + "posts/your_posts__check_ins__photos_and_videos_1.json",
        [
            {
                "timestamp": 1700000000,
                "attachments": [
                    {
                        "data": [
                            {
                                "for_sale_item": {
                                    "title": "Surfboard",
                                    "location": {"coordinate": {"latitude": -33.95, "longitude": 151.25}},
                                }
                            },
                            {"external_context": {"name": "Tide times", "url": "https://tides.example.net"}},
                        ]
                    }
                ],
                "data": [{"post": "Selling my board"}],
            },
            {
                "timestamp": 1700000100,
                "attachments": [
                    {
                        "data": [
                            {
                                "event": {
                                    "name": "Cliff clean-up",
                                    "start_timestamp": 1700500000,
                                    "place": {
                                        "name": "North Head",
                                        "coordinate": {"latitude": -33.82, "longitude": 151.29},
                                    },
                                }
                            }
                        ]
                    }
                ],
            },
            {
                "timestamp": 1700000200,
                "attachments": [
                    {
                        "data": [
                            {
                                "note": {
                                    "title": "Packing list",
                                    "text": "Towel, hat",
                                    "created_timestamp": 1700000150,
                                    "tags": [{"name": "Sam Okafor"}],
                                }
                            }
                        ]
                    }
                ],
            },
        ],
    )
    _write(
        tmp_path,
        activity + "posts/your_uncategorized_photos.json",
        {
            "other_photos_v2": [
                {
                    "uri": "https://scontent.example.net/photo.jpg",
                    "creation_timestamp": 1700000300,
                    "description": "Sunset from the headland",
                    "media_metadata": {
                        "photo_metadata": {
                            "exif_data": [{"latitude": -33.8, "longitude": 151.3, "taken_timestamp": 1700000250}]
                        }
                    },
                }
            ]
        },
    )
    _write(
        tmp_path,
        activity + "groups/group_posts_and_comments.json",
        {
            "group_posts_v2": [
                {"timestamp": 1700000400, "title": "Kim posted in Harbour Swimmers.", "data": [{"post": "6am swim?"}]}
            ]
        },
    )
    _write(tmp_path, "groups/your_posts_and_comments_in_groups.json", {})  # unread name: not understood
    _write(
        tmp_path,
        "groups/group_posts_and_comments.json",
        {"group_posts": {"activity_log_data": [{"timestamp": 1500000000, "data": [{"post": "Old group post"}]}]}},
    )
    items, skipped, _ = read([tmp_path])
    assert skipped == []
    sale = find(items, ItemKind.POST, "Selling my board")
    assert [(g.lat, g.lon, g.origin) for g in sale.geo] == [(-33.95, 151.25, "marketplace")]
    assert sale.extra["link"] == "https://tides.example.net" and sale.extra["for_sale"] == "Surfboard"
    event = find(items, ItemKind.EVENT, "Cliff clean-up")
    assert (event.labels, [(g.lat, g.lon, g.origin) for g in event.geo]) == (
        {"post"},
        [(-33.82, 151.29, "event.place")],
    )
    note = find(items, ItemKind.POST, "Packing list\nTowel, hat")
    assert (note.field, note.people, note.created_at) == ("note", ("Sam Okafor",), at(1700000150))
    loose = find(items, ItemKind.PHOTO, "Sunset from the headland")
    assert loose.media[0].member == "" and loose.created_at == at(1700000250)
    assert [(g.lat, g.lon, g.origin) for g in loose.geo] == [(-33.8, 151.3, "exif_data")]
    assert find(items, ItemKind.POST, "6am swim?").extra["title"] == "Kim posted in Harbour Swimmers."
    assert find(items, ItemKind.POST, "Old group post").source.pointer == "/group_posts/activity_log_data/0"
