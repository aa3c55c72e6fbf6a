"""Instagram "Download your information" fetcher: JSON in every layout generation, and HTML.

| era | posts | account details |
|---|---|---|
| 2018-2020 | `media.json` | `profile.json` |
| 2021-2022 | `content/posts_1.json` | `account_information/personal_information.json` |
| 2022-2024 | `your_instagram_activity/content/posts_1.json` | `personal_information/personal_information.json` |
| 2024-> | `your_instagram_activity/media/posts_1.json` | `personal_information/personal_information/` (same name) |

Files are recognised by their name wherever they sit (the folders moved every year); each one is
read by one reader. Media files may have no extension, so photos are recognised by their bytes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import PurePosixPath
from typing import Any

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import (
    Match,
    Reader,
    Reading,
    Record,
    Route,
    RoutedFetcher,
    is_image_path,
    skip,
)
from exposure_audit.fetchers.common.meta_records import Field, flatten_record, is_record, pointer_join, record_time
from exposure_audit.fetchers.instagram import legacy
from exposure_audit.fetchers.instagram.activity import COMMENT_KEYS, FOLLOWING_KEYS, comment, following, read_messages
from exposure_audit.fetchers.instagram.detection import MARKERS
from exposure_audit.fetchers.instagram.files import extensionless_images, iter_record_list
from exposure_audit.fetchers.instagram.posts import CONTENT_FILES, CONTENT_LISTS, content_items, text_of
from exposure_audit.fetchers.instagram.profile import HANDLERS, Handler, RecordAt
from exposure_audit.model import Platform
from exposure_audit.sources.archive import Tree


def _pattern(expression: str) -> re.Pattern[str]:
    return re.compile(expression, re.IGNORECASE)


_CONTENT = r"(posts_\d+|" + "|".join(k for k in CONTENT_FILES if k != "posts") + ")"
_MESSAGE_THREAD = r"(^|/)messages/(inbox|message_requests|archived_threads|cross-app-inbox|broadcast)/[^/]+/message_\d+"

# (reader, pattern) in plan order: account details first, then content, activity, the old layout, HTML.
NAMES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("records", _pattern(r"(^|/)(" + "|".join(HANDLERS) + r")\.json$")),
    ("content", _pattern(r"(^|/)" + _CONTENT + r"\.json$")),
    ("comments", _pattern(r"(^|/)(post_comments(_\d+)?|reels_comments|story_comments|comments)\.json$")),
    ("messages", _pattern(_MESSAGE_THREAD + r"\.json$")),
    ("following", _pattern(r"(^|/)following(_\d+)?\.json$")),
    ("legacy_media", _pattern(r"(^|/)media\.json$")),
    ("legacy_profile", _pattern(r"(^|/)profile\.json$")),
    ("legacy_messages", _pattern(r"(^|/)messages\.json$")),
    (
        "html",
        _pattern(
            r"(^|/)("
            + "|".join(HANDLERS)
            + "|"
            + _CONTENT
            + r"|post_comments(_\d+)?|reels_comments|following(_\d+)?)\.html$"
        ),
    ),
    ("html", _pattern(_MESSAGE_THREAD + r"\.html$")),
)


def read_records(reading: Reading) -> Iterator[Record]:
    tree, member = reading.tree, reading.member
    stem = PurePosixPath(member).stem.lower()
    keys, handler = HANDLERS[stem]
    try:
        for pointer, record in iter_record_list(tree, member, keys, is_record):
            yield from _record_items(tree, member, stem, pointer, record, handler)
    except MemberError as exc:
        yield reading.skip(exc.reason)


def read_content(reading: Reading) -> Iterator[Record]:
    tree, member = reading.tree, reading.member
    stem = PurePosixPath(member).stem.lower()
    field, album = CONTENT_FILES.get(re.sub(r"_\d+$", "", stem), ("caption", ""))
    try:
        for pointer, record in iter_record_list(tree, member, tuple(CONTENT_LISTS), _is_post):
            key = pointer.split("/")[1] if pointer.count("/") > 1 else ""
            list_field, list_album = CONTENT_LISTS.get(key, (field, album))
            yield from content_items(tree, member, record, pointer, list_field, list_album)
    except MemberError as exc:
        yield reading.skip(exc.reason)


def read_comments(reading: Reading) -> Iterator[Record]:
    if PurePosixPath(reading.member).name.lower() == "comments.json" and _is_legacy_comments(
        reading.tree, reading.member
    ):
        yield from legacy.read_comments(reading.tree, reading.member)
        return
    yield from _labelled(reading, COMMENT_KEYS, comment)


def read_following(reading: Reading) -> Iterator[Record]:
    yield from _labelled(reading, FOLLOWING_KEYS, following)


def read_html(reading: Reading) -> Iterator[Record]:
    from exposure_audit.fetchers.instagram.html import read_html_page  # bs4: only for HTML downloads

    yield from read_html_page(reading.tree, reading.member)


def _labelled(reading: Reading, keys: tuple[str, ...], handler: Handler) -> Iterator[Record]:
    try:
        for pointer, record in iter_record_list(reading.tree, reading.member, keys, is_record):
            yield from _record_items(reading.tree, reading.member, "", pointer, record, handler)
    except MemberError as exc:
        yield reading.skip(exc.reason)


def _on_member(read: Callable[[Tree, str], Iterator[Record]]) -> Reader:
    """A reader of the helper modules, which take the tree and the member."""
    return lambda reading: read(reading.tree, reading.member)


READERS: dict[str, Reader] = {
    "records": read_records,
    "content": read_content,
    "comments": read_comments,
    "messages": _on_member(read_messages),
    "following": read_following,
    "legacy_media": _on_member(legacy.read_media),
    "legacy_profile": _on_member(legacy.read_profile),
    "legacy_messages": _on_member(legacy.read_messages),
    "html": read_html,
}
ROUTES = tuple(Route(reader, Match(name=pattern.search), READERS[reader]) for reader, pattern in NAMES)


class InstagramFetcher(RoutedFetcher):
    platform = Platform.INSTAGRAM
    markers = MARKERS
    known_irrelevant = tuple(
        _pattern(p)
        for p in (
            r"(^|/)(ads_information|apps_and_websites_off_of_instagram|preferences|logged_information|"
            r"device_information|monetization|your_topics|fundraisers|guides)/",
            r"(^|/)your_instagram_activity/(likes|saved|story_interactions|story_sticker_interactions|shopping|"
            r"subscriptions|events|avatars_store|other_activity|threads|gifts)/",
            r"(^|/)connections/followers_and_following/(?!following(_\d+)?\.)",
            r"(^|/)(contacts/synced_contacts|secret_conversations|account_information|linked_meta_accounts|"
            r"instagram_friend_map|reposts|devices|camera_information|account_privacy_changes|"
            r"profile_privacy_changes|password_change_activity|logout_activity|recently_viewed_items|"
            r"accounts_center|information_submitted_to_advertisers)\.(json|html)$",
            r"\.(mp4|mov|m4v|webm|3gp|srt|vtt|m4a|aac|mp3|opus|wav)$",
            r"(^|/)(start_here|index)\.html$",
            r"(^|/)(files|static)/[^/]+\.(css|js|png|svg|woff2?|ttf|ico)$",
            r"(^|/)(connections|searches|likes|settings|seen_content|devices|saved|stories_activities|"
            r"information_about_you|account_history|uploaded_contacts|archived_posts)\.json$",  # 2018-2020 side files
        )
    )
    routes = ROUTES
    by_route_order = True

    def media_candidates(self, tree: Tree) -> list[str]:
        """Photos by extension, and Instagram's extension-less media files whose bytes are an image."""
        return [p for p in tree.members if is_image_path(p)] + extensionless_images(tree)


def _is_post(document: dict[str, Any]) -> bool:
    return "media" in document or "uri" in document


def _is_legacy_comments(tree: Tree, member: str) -> bool:
    """The 2018-2020 comments.json is an object of [time, text, owner] lists."""
    try:
        with tree.open_member(member) as handle:
            head = handle.read(2048).lstrip(b"\xef\xbb\xbf \t\r\n")
    except (MemberError, OSError):
        return False
    return head.startswith(b"{") and re.search(rb'"(media|live)_comments"\s*:\s*\[\s*\[', head) is not None


def plain_fields(record: Mapping[str, Any], pointer: str) -> list[Field]:
    """A flat object ({"email": "...", "tel": ["..."]}) as fields labelled by their keys."""
    fields = []
    for key, value in record.items():
        here = pointer_join(pointer, str(key))
        values = value if isinstance(value, list) else [value]
        for index, entry in enumerate(values):
            entry = entry.get("value") if isinstance(entry, Mapping) else entry
            text = text_of(entry) if isinstance(entry, str) else (str(entry) if isinstance(entry, int) else "")
            if text:
                fields.append(
                    Field(
                        labels=(str(key),),
                        value=text,
                        pointer=pointer_join(here, index) if isinstance(value, list) else here,
                    )
                )
    return fields


def _record_items(
    tree: Tree, member: str, stem: str, pointer: str, record: object, handler: Handler
) -> Iterator[Record]:
    if not isinstance(record, Mapping):
        yield skip(tree, member, "expected a record object here", pointer)
        return
    fields = flatten_record(record, pointer)
    if not fields and stem == "autofill_information":
        fields = plain_fields(record, pointer)
    if not fields and not is_record(record):
        yield skip(tree, member, "record has none of the expected label/value data", pointer)
        return
    yield from handler(
        RecordAt(tree, member, pointer, fields, record_time(record, fields), title=text_of(record.get("title")))
    )
    photos = record.get("media_map_data")
    if isinstance(photos, Mapping):  # the profile photo of personal_information.json
        for label, photo in photos.items():
            yield from content_items(
                tree, member, photo, pointer_join(pointer, "media_map_data", str(label)), "", "profile photos"
            )


FETCHER = InstagramFetcher
