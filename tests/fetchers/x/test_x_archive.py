"""The X archive fetcher: the modern archive with manifest and parts, and a pre-2020 `tweet.js` archive."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from exposure_audit.fetchers.downloads import detect
from exposure_audit.fetchers.x import js as x_js
from exposure_audit.fetchers.x.fetcher import XArchiveFetcher
from exposure_audit.model import Item, ItemKind, Platform, Precision, Skipped
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, fetch_all, zip_folder

MODERN = FIXTURES / "x" / "x-2024-manifest"
OLD = FIXTURES / "x" / "x-2019-tweet-js"

Read = tuple[list[Item], list[Skipped], Tree]


def read_all(paths: list[Path]) -> Read:
    return fetch_all(XArchiveFetcher(), paths)  # type: ignore[return-value]


@pytest.fixture(params=["folder", "zip", "zip-with-top-folder"])
def modern(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Read]:
    path = MODERN
    if request.param != "folder":
        prefix = "twitter-2024-07-05-ab12cd/" if request.param == "zip-with-top-folder" else ""
        path = zip_folder(MODERN, tmp_path / "twitter.zip", prefix)
    read = read_all([path])
    yield read
    read[2].close()


def by(items: list[Item], kind: ItemKind, field: str) -> list[Item]:
    return [i for i in items if i.kind is kind and i.field == field]


def test_both_generations_are_detected_as_x() -> None:
    for folder in (MODERN, OLD):
        assert detect(Tree.open([folder])) is Platform.X


def test_account_profile_and_contact_files(modern: Read) -> None:
    items, skipped, _ = modern
    assert skipped == []
    (primary,) = [i for i in by(items, ItemKind.LOGIN, "email") if "primary" in i.labels]
    assert primary.text == "imogen.castellari@abf.gov.au"
    assert primary.created_at == datetime(2019, 3, 1, 8, tzinfo=UTC)
    assert primary.source.member.endswith("data/account.js")
    assert primary.source.pointer == "/0/account/email"
    previous = {i.text for i in by(items, ItemKind.LOGIN, "email") if "previous" in i.labels}
    assert previous == {"imo.castellari@example.com", "imogen.castellari@abf.gov.au"}
    assert [i.text for i in by(items, ItemKind.LOGIN, "phone")] == ["+61491570157"]
    assert [i.text for i in by(items, ItemKind.LOGIN, "username")] == ["imo_castellari"]
    assert [i.text for i in by(items, ItemKind.PROFILE, "bio")] == ["Australian Border Force. Views my own."]
    assert [i.text for i in by(items, ItemKind.PLACE, "location") if not i.labels] == ["Wollongong, NSW"]
    assert [i.text for i in by(items, ItemKind.PROFILE, "website")] == ["https://t.co/Ex4mpl3"]


def test_work_experience_and_business_contacts(modern: Read) -> None:
    items, _, _ = modern
    (work,) = by(items, ItemKind.WORK, "work.employer")
    assert work.text == "Australian Border Force"
    assert work.extra["title"] == "Border Force Officer"
    business = {(i.field, i.text) for i in items if i.kind is ItemKind.CONTACT and i.labels == {"business"}}
    assert business == {("phone", "(02) 5550 7314"), ("email", "imo.castellari@example.com")}


def test_address_book_is_never_reported_as_the_persons_own(modern: Read) -> None:
    items, _, tree = modern
    assert not [i for i in items if "kofi.marchetti" in i.text or "7399" in i.text]
    planned = {m for t in XArchiveFetcher().plan(tree) for m in t.members}
    assert any(m.endswith("data/contact.js") for m in planned)  # read, so it counts as understood


def test_ip_audit_is_deduplicated(modern: Read) -> None:
    items, _, _ = modern
    assert [i.text for i in by(items, ItemKind.IP, "login_ip")] == ["198.51.100.77", "203.0.113.24"]


def test_every_manifest_part_is_read_and_text_is_unescaped_and_expanded(modern: Read) -> None:
    items, _, _ = modern
    tweets = {i.identity: i for i in by(items, ItemKind.POST, "tweet")}
    assert len(tweets) == 6  # three in tweets.js, two in tweets-part1.js, one deleted
    parade = tweets["x:post:1790000000000000001"]
    assert parade.text == (
        "Proud to be part of the Australian Border Force team & the crew at Sydney Airport "
        "https://example.org/parade "
        "https://x.com/imo_castellari/status/1790000000000000001/photo/1"
    )
    assert parade.created_at == datetime(2024, 5, 2, 8, 53, 20, tzinfo=UTC)
    assert parade.source.pointer == "/0/tweet/full_text"
    reply = tweets["x:post:1790000000000000002"]
    assert reply.text == "@sam_example my border collie Pepper vs the beach <3"
    assert reply.people == ("Sam Example",)
    assert any(i.source.member.endswith("tweets-part1.js") for i in tweets.values())


def test_parts_are_planned_in_order() -> None:
    tree = Tree.open([MODERN])
    tasks = [t for t in XArchiveFetcher().plan(tree) if t.reader == "tweets"]
    assert [t.members[0] for t in tasks] == ["data/tweets.js", "data/tweets-part1.js"]
    assert XArchiveFetcher().plan(tree)[0].reader == "manifest"


def test_tweet_coordinates_geo_and_place(modern: Read) -> None:
    items, _, _ = modern
    tweets = {i.identity: i for i in by(items, ItemKind.POST, "tweet")}
    (point,) = tweets["x:post:1790000000000000001"].geo  # coordinates and geo name the same point once
    assert (point.lat, point.lon, point.origin, point.precision) == (
        -33.94612,
        151.17714,
        "tweet.coordinates",
        Precision.GPS,
    )
    assert tweets["x:post:1790000000000000002"].geo == ()  # "0.0", "0.0" is no location
    geo, place = tweets["x:post:1790000000000000005"].geo
    assert (geo.lat, geo.lon, geo.origin) == (-34.42517, 150.89311, "tweet.geo")
    assert place.origin == "tweet.place" and place.precision is Precision.CITY
    assert place.name == "Wollongong, New South Wales"


def test_tweet_photo_is_linked_to_its_media_file(modern: Read) -> None:
    items, _, _ = modern
    (photo,) = [i for i in items if i.kind is ItemKind.PHOTO]
    assert photo.media[0].member.endswith("data/tweets_media/1790000000000000001-GExamplePhoto1.jpg")
    assert photo.media[0].uri == "https://pbs.twimg.com/media/GExamplePhoto1.jpg"
    assert "Australian Border Force" in photo.extra["context"]
    assert photo.created_at == datetime(2024, 5, 2, 8, 53, 20, tzinfo=UTC)


def test_deleted_note_and_direct_messages(modern: Read) -> None:
    items, _, _ = modern
    (deleted,) = [i for i in items if "deleted" in i.labels]
    assert deleted.text == "Long day at the Border Force cargo hall, three containers held"
    assert deleted.extra["deleted_at"] == "Sat Jun 08 09:00:00 +0000 2024"
    (note,) = by(items, ItemKind.POST, "note")
    assert note.text.startswith("Roster swaps for the surf club: please email me at imogen.castellari@abf.gov.au")
    assert len(note.text) > 280
    (message,) = by(items, ItemKind.MESSAGE, "message")
    assert message.text == "See you at the Border Force briefing tomorrow & bring the roster"
    assert message.created_at == datetime(2024, 6, 21, 8, tzinfo=UTC)


def test_coverage_of_the_modern_archive() -> None:
    tree = Tree.open([MODERN])
    fetcher = XArchiveFetcher()
    planned = {m for t in fetcher.plan(tree) for m in t.members}
    photos = set(fetcher.media_candidates(tree))
    leftover = [
        p for p in tree.members if p not in planned | photos and not any(r.search(p) for r in fetcher.known_irrelevant)
    ]
    assert leftover == []


def test_old_archive_without_data_folder_and_manifest() -> None:
    items, skipped, tree = read_all([OLD])
    assert skipped == []
    tweets = by(items, ItemKind.POST, "tweet")
    assert [t.identity for t in tweets] == ["x:post:1100000000000000001", "x:post:1100000000000000002"]
    first = tweets[0]
    assert first.source.pointer == "/0/full_text"  # top-level tweet object, no {"tweet": ...} wrapper
    assert [(g.lat, g.lon, g.origin) for g in first.geo] == [(-33.93991, 151.17533, "tweet.coordinates")]
    (photo,) = [i for i in items if i.kind is ItemKind.PHOTO]
    assert photo.media[0].member == "tweet_media/1100000000000000001-DtOldExample1.jpg"
    (login,) = [i for i in by(items, ItemKind.LOGIN, "email")]
    assert login.text == "imogen.castellari@border.gov.au"
    assert [i.text for i in by(items, ItemKind.LOGIN, "phone")] == ["+61491570157"]
    tree.close()


# -- bad input ------------------------------------------------------------------------------------


def copy_modern(tmp_path: Path) -> Path:
    target = tmp_path / "archive"
    shutil.copytree(MODERN, target)
    return target


def test_js_without_wrapper_truncated_and_wrong_shape_are_skipped(tmp_path: Path) -> None:
    root = copy_modern(tmp_path)
    (root / "data/phone-number.js").write_text('[{"device": {"phoneNumber": "+61491570157"}}]\n')
    text = (root / "data/tweets-part1.js").read_text()
    (root / "data/tweets-part1.js").write_text(text[: len(text) // 2])
    (root / "data/profile.js").write_text('window.YTD.profile.part0 = {"profile": "not a list"}\n')
    (root / "data/ip-audit.js").write_text('window.YTD.ip_audit.part0 = [ 42, {"ipAudit": {"loginIp": "192.0.2.1"}} ]')
    items, skipped, tree = read_all([root])
    reasons = {s.source.member.rsplit("/", 1)[-1]: s.reason for s in skipped}
    assert "does not start with window.YTD" in reasons["phone-number.js"]
    assert "truncated" in reasons["tweets-part1.js"]
    assert "expected a list" in reasons["profile.js"]
    assert "expected an object" in reasons["ip-audit.js"]
    assert [i.text for i in by(items, ItemKind.IP, "login_ip")] == ["192.0.2.1"]
    assert len(by(items, ItemKind.POST, "tweet")) == 4  # tweets.js and deleted-tweets.js still read
    assert by(items, ItemKind.LOGIN, "phone") == []
    tree.close()


def test_missing_media_file_and_missing_manifest_part(tmp_path: Path) -> None:
    root = copy_modern(tmp_path)
    (root / "data/tweets_media/1790000000000000001-GExamplePhoto1.jpg").unlink()
    (root / "data/note-tweet.js").unlink()  # listed by the manifest, absent from the download
    items, skipped, tree = read_all([root])
    media = [s for s in skipped if s.stage == "media"]
    assert len(media) == 1 and "1790000000000000001-GExamplePhoto1.jpg" in media[0].reason
    assert media[0].source.pointer == "/0/tweet/entities/media/0"
    missing = [s for s in skipped if s.source.member.endswith("note-tweet.js")]
    assert missing and "not in the download" in missing[0].reason
    (parade,) = [i for i in items if i.identity == "x:post:1790000000000000001"]
    assert parade.media[0].member == ""
    tree.close()


def test_without_manifest_parts_are_found_by_name(tmp_path: Path) -> None:
    root = copy_modern(tmp_path)
    (root / "data/manifest.js").unlink()
    items, skipped, tree = read_all([root])
    assert skipped == []
    assert len(by(items, ItemKind.POST, "tweet")) == 6
    tree.close()


def test_damaged_manifest_is_reported_and_files_still_read(tmp_path: Path) -> None:
    root = copy_modern(tmp_path)
    (root / "data/manifest.js").write_text('window.__THAR_CONFIG = {"dataTypes": ')
    items, skipped, tree = read_all([root])
    (bad,) = skipped
    assert bad.source.member == "data/manifest.js" and "found by name" in bad.reason
    assert len(by(items, ItemKind.POST, "tweet")) == 6
    tree.close()


def test_large_members_are_streamed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(x_js, "STREAM_BYTES", 64)
    items, skipped, tree = read_all([MODERN])
    assert skipped == []
    assert len(by(items, ItemKind.POST, "tweet")) == 6
    root = copy_modern(tmp_path)
    text = (root / "data/tweets.js").read_text()
    (root / "data/tweets.js").write_text(text[: int(len(text) * 0.8)])
    items, skipped, tree = read_all([root])
    assert any("truncated" in s.reason for s in skipped if s.source.member.endswith("data/tweets.js"))
    before_damage = [i for i in by(items, ItemKind.POST, "tweet") if i.source.member.endswith("data/tweets.js")]
    assert 1 <= len(before_damage) < 3  # the tweets before the cut are kept
    tree.close()


@pytest.mark.parametrize("streamed", [False, True], ids=["whole", "streamed"])
def test_escaped_half_characters_are_read_and_lose_no_tweet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool
) -> None:
    """A tweet holding half a character escaped on its own is read with U+FFFD in its place; the
    streaming reader, whose parser would stop at a lone second half, reads every tweet too."""
    root = copy_modern(tmp_path)
    text = (root / "data/tweets.js").read_text()
    text = text.replace('"full_text" : "Proud to be', '"full_text" : "\\ude00 Proud to be', 1)
    text = text.replace('"full_text" : "Force of habit', '"full_text" : "\\ud83d\\ud83d Force of habit', 1)
    (root / "data/tweets.js").write_text(text)
    if streamed:
        monkeypatch.setattr(x_js, "STREAM_BYTES", 64)
    items, skipped, tree = read_all([root])
    assert skipped == []
    texts = [i.text for i in by(items, ItemKind.POST, "tweet")]
    assert len(texts) == 6
    assert any(t.startswith("\ufffd Proud to be part of the Australian Border Force") for t in texts)
    assert any(t.startswith("\ufffd\ufffd Force of habit") for t in texts)
    tree.close()
