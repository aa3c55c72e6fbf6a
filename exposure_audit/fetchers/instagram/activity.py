"""What the person did on Instagram: comments, direct messages (with their photos), accounts followed."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import PurePosixPath
from typing import Any

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import Record, epoch_to_datetime, skip, stable_identity
from exposure_audit.fetchers.common.media_kind import MediaKind
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.fetchers.instagram.files import iter_record_list
from exposure_audit.fetchers.instagram.labels import Concept
from exposure_audit.fetchers.instagram.posts import photo_item, resolve_media, text_of
from exposure_audit.fetchers.instagram.profile import PLATFORM, RecordAt
from exposure_audit.model import Item, ItemKind
from exposure_audit.sources.archive import Tree
from exposure_audit.text.shared_content import SHARED, not_own_words

COMMENT_KEYS = ("comments_media_comments", "comments_reels_comments", "comments_story_comments")
FOLLOWING_KEYS = ("relationships_following", "relationships_following_hashtags")


def comment(record: RecordAt) -> Iterator[Record]:
    """A comment the person wrote: 2024+ labelled ("Comment", "Media Owner", "Time") or the older
    `string_list_data` entries under a title naming the post's owner."""
    labelled = [f for c, f in record.concepts() if c is Concept.COMMENT]
    texts = labelled or [f for f in record.fields if "/string_list_data/" in f.pointer and f.value.strip()]
    owner = next((f.value.strip() for c, f in record.concepts() if c is Concept.MEDIA_OWNER), record.title)
    timed = next((f.at for c, f in record.concepts() if c is Concept.TIME and f.at), None)
    for field in texts:
        when = field.at or timed or record.when
        extra = {"on": owner} if owner else {}
        yield Item(
            kind=ItemKind.COMMENT,
            platform=PLATFORM,
            source=record.tree.ref(record.member, field.pointer),
            identity=stable_identity(
                PLATFORM, ItemKind.COMMENT, when=when, content=f"{owner}\x1f{field.value.strip()}"
            ),
            created_at=when,
            text=field.value.strip(),
            field="comment",
            extra=extra,
        )


def following(record: RecordAt) -> Iterator[Record]:
    """An account the person follows (an employer's or a unit's account is a signal)."""
    names = [f.value.strip() for f in record.fields if f.value.strip()] or ([record.title] if record.title else [])
    for name in names[:1]:
        yield Item(
            kind=ItemKind.PAGE,
            platform=PLATFORM,
            source=record.tree.ref(record.member, record.pointer),
            identity=stable_identity(PLATFORM, ItemKind.PAGE, content=f"follow\x1f{name}"),
            created_at=record.when,
            text=name,
            field="follow",
        )


def _thread_name(member: str) -> str:
    """`messages/inbox/jordan_1234567890/message_1.json` -> "jordan"."""
    folder = PurePosixPath(member).parent.name
    head, _, tail = folder.rpartition("_")
    return head if head and tail.isdigit() else folder


def read_messages(tree: Tree, member: str) -> Iterator[Record]:
    """One direct-message file: MESSAGE items for text, PHOTO items for the photos sent."""
    thread = _thread_name(member)
    try:
        for pointer, message in iter_record_list(tree, member, ("messages",), lambda d: "sender_name" in d):
            yield from message_items(tree, member, thread, pointer, message)
    except MemberError as exc:
        yield skip(tree, member, exc.reason)


def message_items(tree: Tree, member: str, thread: str, pointer: str, message: Any) -> Iterator[Record]:
    """One message (Meta's shape: sender_name, timestamp_ms, content, photos, share) -> items."""
    if not isinstance(message, Mapping):
        yield skip(tree, member, "expected a message object here", pointer)
        return
    when = epoch_to_datetime(message.get("timestamp_ms"))
    sender = text_of(message.get("sender_name"))
    share = message.get("share")
    share_text = text_of(share.get("share_text")) if isinstance(share, Mapping) else ""
    text = "\n".join(t for t in (text_of(message.get("content")), share_text) if t)
    extra = {"sender": sender, "thread": thread}
    if text:
        yield Item(
            kind=ItemKind.MESSAGE,
            platform=PLATFORM,
            source=tree.ref(member, pointer_join(pointer, "content")),
            identity=stable_identity(PLATFORM, ItemKind.MESSAGE, when=when, content=f"{sender}\x1f{text}"),
            created_at=when,
            text=text,
            field="message",
            extra=extra,
            labels=frozenset({SHARED}) if not_own_words(sender, text) else frozenset(),
        )
    photos = message.get("photos")
    for index, photo in enumerate(photos if isinstance(photos, list) else []):
        if not isinstance(photo, Mapping):
            continue
        media = resolve_media(tree, photo, pointer_join(pointer, "photos", index))
        if media is None:
            continue
        if not media.member:
            yield skip(
                tree,
                member,
                f"media file {PurePosixPath(media.uri).name} is not in the download",
                pointer_join(media.pointer, "uri"),
                stage="media",
            )
        if media.kind is MediaKind.IMAGE:
            yield photo_item(
                tree, member, media, caption=text, album=f"messages with {thread}", when=media.created_at or when
            )
