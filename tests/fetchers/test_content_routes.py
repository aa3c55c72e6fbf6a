"""Members known by what they hold: renamed Meta JSON, album-only folders and Instagram's other inboxes."""

from __future__ import annotations

from collections import Counter

from exposure_audit.fetchers.common.meta_signatures import reader_by_content
from exposure_audit.fetchers.downloads import detect
from exposure_audit.fetchers.facebook.fetcher import FacebookFetcher
from exposure_audit.fetchers.instagram.fetcher import InstagramFetcher
from exposure_audit.model import ItemKind, Platform
from exposure_audit.sources.archive import Tree
from tests.conftest import FIXTURES, fetch_all

REPACKED = FIXTURES / "facebook" / "2021-repacked-json"
ALBUM_ONLY = FIXTURES / "facebook" / "2022-album-only"
THREADS = FIXTURES / "instagram" / "ig-2024-html-threads"


def _per_member(items: list) -> Counter[str]:
    return Counter(i.source.member.rsplit("/", 1)[-1] for i in items)


def test_renamed_meta_json_is_routed_by_its_top_level_key() -> None:
    tree = Tree.open([REPACKED])
    assert reader_by_content(tree, "comments_and_reactions.json") == "comments"
    assert reader_by_content(tree, "v2_profile_information.json") == "profile"
    assert detect(tree) is Platform.FACEBOOK  # no marker file name, known by content


def test_renamed_meta_json_is_read() -> None:
    items, skipped, _ = fetch_all(FacebookFetcher(), [REPACKED])
    assert not skipped
    counts = _per_member(items)
    assert counts["comments_and_reactions.json"] == 2
    assert counts["your_posts_in_groups.json"] == 2
    assert counts["v2_profile_information.json"] >= 5
    emails = {i.text for i in items if i.source.member == "v2_profile_information.json" and "@" in i.text}
    assert "zoe.castellanos-reid@abf.gov.au" in emails
    posts = {i.text for i in items if i.source.member.endswith("your_posts_in_groups.json")}
    assert "Who is up for the headland loop on Saturday?" in posts


def test_an_album_only_folder_is_facebook_and_its_geotags_are_found() -> None:
    tree = Tree.open([ALBUM_ONLY])
    assert detect(tree) is Platform.FACEBOOK  # not a plain photo folder
    items, skipped, _ = fetch_all(FacebookFetcher(), [ALBUM_ONLY])
    assert not skipped
    geo = [(g.lat, g.lon) for i in items for g in i.geo]
    assert (-34.0412, 151.1533) in geo


def test_a_file_without_a_meta_signature_is_not_routed() -> None:
    tree = Tree.from_memory(
        "x.zip", {"notes.json": b'{"notes": [1, 2]}', "list.json": b"[]", "nested.json": b'{"a": {"profile_v2": {}}}'}
    )
    assert [reader_by_content(tree, m) for m in ("notes.json", "list.json", "nested.json")] == [None, None, None]


def test_instagram_cross_app_and_broadcast_threads_are_read() -> None:
    items, skipped, _ = fetch_all(InstagramFetcher(), [THREADS])
    assert not skipped
    messages = Counter(i.source.member.split("/")[2] for i in items if i.kind is ItemKind.MESSAGE)
    assert messages == {"inbox": 1, "cross-app-inbox": 2, "broadcast": 1}
    texts = {i.text for i in items if i.kind is ItemKind.MESSAGE}
    assert "Saturday parkrun meet at the north gate, 7am" in texts


def test_meta_usage_explanation_is_not_a_place() -> None:
    folder = FIXTURES / "instagram" / "ig-2025-locations-boilerplate"
    items, skipped, _ = fetch_all(InstagramFetcher(), [folder])
    assert not skipped
    places = sorted(i.text for i in items if i.kind is ItemKind.PLACE)
    assert places == ["Bulli", "Kiama"]
