"""The 2018-2020 Instagram download: `media.json`, `profile.json`, `comments.json`, `messages.json`.

Before May 2021 the download had flat files with ISO times ("2018-12-31T08:05:13", UTC) instead of
epoch seconds, and posts as `{"caption", "taken_at", "path", "location"}`. Each shape is converted to
the current record shape and handed to the same builders, so items look the same whatever the era.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import Record, skip, stable_identity
from exposure_audit.fetchers.common.jsonio import read_json
from exposure_audit.fetchers.common.meta_records import Field, pointer_join
from exposure_audit.fetchers.instagram.posts import content_items, text_of
from exposure_audit.fetchers.instagram.profile import PLATFORM, RecordAt, personal_information
from exposure_audit.model import Item, ItemKind, Skipped
from exposure_audit.sources.archive import Tree

# media.json list -> (POST field, album); "" field: photos without post text of their own
MEDIA_LISTS = {
    "photos": ("caption", ""),
    "videos": ("caption", ""),
    "stories": ("story", "stories"),
    "profile": ("", "profile photos"),
    "direct": ("", "direct messages"),
}
# profile.json key -> the label the current download uses for it
PROFILE_KEYS = {
    "biography": "Bio",
    "bio": "Bio",
    "email": "Email",
    "phone_number": "Phone Number",
    "name": "Name",
    "username": "Username",
    "website": "Website",
    "city": "City Name",
}


def iso_time(value: object) -> datetime | None:
    """ "2018-12-31T08:05:13" (UTC in these files), with or without an offset -> aware UTC."""
    text = text_of(value)
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _epoch(value: object) -> int | None:
    when = iso_time(value)
    return int(when.timestamp()) if when else None


def _load(tree: Tree, member: str, shape: type | tuple[type, ...]) -> Any:
    """The parsed member, or a Skipped when it is unreadable or not of the expected JSON type."""
    try:
        document = read_json(tree, member, meta=True)
    except MemberError as exc:
        return skip(tree, member, exc.reason)
    if not isinstance(document, shape):
        return skip(tree, member, f"not the 2018-2020 {PurePosixPath(member).name} shape")
    return document


def read_media(tree: Tree, member: str) -> Iterator[Record]:
    document = _load(tree, member, dict)
    if not isinstance(document, dict) or not any(k in document for k in MEDIA_LISTS):
        yield (
            document
            if isinstance(document, Skipped)
            else skip(tree, member, "not the 2018-2020 media.json shape (no photos/videos/stories lists)")
        )
        return
    for key, (field, album) in MEDIA_LISTS.items():
        entries = document.get(key)
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            pointer = pointer_join("", key, index)
            if not isinstance(entry, Mapping):
                yield skip(tree, member, "expected a media object here", pointer)
                continue
            stamp = _epoch(entry.get("taken_at"))
            # A bare media item in the current shape (its pointers name the entry, not "caption"/"path").
            record = {
                "uri": text_of(entry.get("path")),
                "title": text_of(entry.get("caption")),
                "creation_timestamp": stamp,
            }
            yield from content_items(tree, member, record, pointer, field, album)
            place = text_of(entry.get("location"))
            if place:
                yield Item(
                    kind=ItemKind.PLACE,
                    platform=PLATFORM,
                    source=tree.ref(member, pointer_join(pointer, "location")),
                    identity=stable_identity(
                        PLATFORM, ItemKind.PLACE, when=stamp, content=f"location\x1f{place}\x1f{entry.get('path')}"
                    ),
                    created_at=iso_time(entry.get("taken_at")),
                    text=place,
                    field="location",
                    extra={"on": text_of(entry.get("path"))},
                )


def read_profile(tree: Tree, member: str) -> Iterator[Record]:
    document = _load(tree, member, dict)
    if isinstance(document, Skipped):
        yield document
        return
    fields = [
        Field(labels=(label,), value=text_of(document.get(key)), pointer=pointer_join("", key))
        for key, label in PROFILE_KEYS.items()
        if text_of(document.get(key))
    ]
    yield from personal_information(RecordAt(tree, member, "", fields, iso_time(document.get("date_joined"))))


def read_comments(tree: Tree, member: str) -> Iterator[Record]:
    """`{"media_comments": [[time, text, owner], ...], "live_comments": [...]}`."""
    document = _load(tree, member, dict)
    if isinstance(document, Skipped):
        yield document
        return
    for key, entries in document.items():
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            pointer = pointer_join("", str(key), index)
            if not (isinstance(entry, list) and len(entry) >= 2):
                yield skip(tree, member, "expected [time, comment, owner] here", pointer)
                continue
            when, text = iso_time(entry[0]), text_of(entry[1])
            owner = text_of(entry[2]) if len(entry) > 2 else ""
            if text:
                yield Item(
                    kind=ItemKind.COMMENT,
                    platform=PLATFORM,
                    source=tree.ref(member, pointer_join(pointer, 1)),
                    identity=stable_identity(PLATFORM, ItemKind.COMMENT, when=when, content=f"{owner}\x1f{text}"),
                    created_at=when,
                    text=text,
                    field="comment",
                    extra={"on": owner} if owner else {},
                )


def read_messages(tree: Tree, member: str) -> Iterator[Record]:
    """`[{"participants": [...], "conversation": [{"sender", "created_at", "text"}]}]`."""
    document = _load(tree, member, (list, dict))
    if isinstance(document, Skipped):
        yield document
        return
    for index, thread in enumerate(document if isinstance(document, list) else [document]):
        conversation = thread.get("conversation") if isinstance(thread, Mapping) else None
        if not isinstance(conversation, list):
            yield skip(tree, member, "expected a conversation list here", pointer_join("", index))
            continue
        others = ", ".join(p for p in thread.get("participants", []) if isinstance(p, str))
        for position, message in enumerate(conversation):
            text = text_of(message.get("text")) if isinstance(message, Mapping) else ""
            if not text:
                continue
            assert isinstance(message, Mapping)
            when, sender = iso_time(message.get("created_at")), text_of(message.get("sender"))
            yield Item(
                kind=ItemKind.MESSAGE,
                platform=PLATFORM,
                source=tree.ref(member, pointer_join("", index, "conversation", position, "text")),
                identity=stable_identity(PLATFORM, ItemKind.MESSAGE, when=when, content=f"{sender}\x1f{text}"),
                created_at=when,
                text=text,
                field="message",
                extra={"sender": sender, "thread": others},
            )
