"""Facebook message threads: messages/<folder>/<thread>/message_N.json (export-formats §1.4.9).

`{participants, messages: [{sender_name, timestamp_ms, content, photos: [{uri}], share}], title, ...}`.
Threads can be large, so big members are streamed message by message. Every message with text is
a MESSAGE item (the sender in `extra`); its photos are PHOTO items with the message as context.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

from exposure_audit.fetchers.base import Reading, Record
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.fetchers.facebook.common import as_dict, as_items, each_record, first_time, new_item, text_of
from exposure_audit.fetchers.facebook.media import photo_item
from exposure_audit.model import ItemKind
from exposure_audit.text.shared_content import SHARED, not_own_words


def read_thread(reading: Reading) -> Iterator[Record]:
    thread = PurePosixPath(reading.member).parent.name
    return each_record(
        reading,
        "a message",
        lambda message, pointer: _message_items(reading, message, pointer, thread),
        "messages",
        stream_key="messages",
    )


def _message_items(reading: Reading, message: dict[str, Any], pointer: str, thread: str) -> Iterator[Record]:
    if "sender_name" not in message and "timestamp_ms" not in message:
        yield reading.skip("message record has no sender_name or timestamp_ms", pointer)
        return
    when = first_time(message, "timestamp_ms", "timestamp")
    sender = text_of(message.get("sender_name")).strip()
    text = text_of(message.get("content")).strip()
    share = as_dict(message.get("share"))
    shared = text_of(share.get("share_text")).strip()
    extra = {"sender": sender, "thread": thread, "link": text_of(share.get("link"))}
    if text or shared:
        yield new_item(
            reading,
            ItemKind.MESSAGE,
            pointer_join(pointer, "content" if text else "share"),
            text="\n".join(t for t in (text, shared) if t),
            field_name="message",
            when=when,
            extra=extra,
            labels=(SHARED,) if not text or not_own_words(sender, text) else (),
        )
    for key in ("photos", "gifs", "videos"):
        for index, media in enumerate(as_items(message.get(key))):
            _, photo = photo_item(
                reading, media, pointer_join(pointer, key, index), surrounding=text, fallback_time=when
            )
            if photo is not None:
                yield photo
