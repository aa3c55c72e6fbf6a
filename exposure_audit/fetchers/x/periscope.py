"""`periscope-comments-made-by-user.js`: comments the person wrote on Periscope live broadcasts.

Each element wraps one comment in a single key (`{"periscopeCommentsMadeByUser": {...}}` in the
archives seen); the comment's words are under `text` (`body` or `comment` in some years) and its
time under `createdAt` or `timestamp`. The wrapper key is not relied on, only the one object inside.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from exposure_audit.fetchers.base import Record, epoch_to_datetime, skip, stable_identity
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.fetchers.x.tweets import PLATFORM, text_of, x_time
from exposure_audit.model import Item, ItemKind
from exposure_audit.sources.archive import Tree

_TEXT_KEYS = ("text", "body", "comment")


def periscope_comment_items(tree: Tree, member: str, element: object, pointer: str) -> Iterator[Record]:
    inner = next(iter(element.values()), None) if isinstance(element, Mapping) and len(element) == 1 else element
    key = next(iter(element)) if isinstance(element, Mapping) and len(element) == 1 else ""
    if not isinstance(inner, Mapping):
        yield skip(tree, member, "expected a Periscope comment object here", pointer)
        return
    field = next((k for k in _TEXT_KEYS if text_of(inner.get(k)).strip()), "")
    if not field:
        return  # a comment without words (a heart, a join notice)
    text = text_of(inner.get(field)).strip()
    when = x_time(inner.get("createdAt")) or epoch_to_datetime(inner.get("timestamp"))
    native = text_of(inner.get("id")) or text_of(inner.get("commentId"))
    yield Item(
        kind=ItemKind.COMMENT,
        platform=PLATFORM,
        source=tree.ref(member, pointer_join(pointer, key, field) if key else pointer_join(pointer, field)),
        identity=stable_identity(
            PLATFORM, ItemKind.COMMENT, native_id=f"periscope-{native}" if native else "", when=when, content=text
        ),
        created_at=when,
        text=text,
        field="periscope comment",
        extra={"broadcast": text_of(inner.get("broadcastId"))},
    )
