"""Typed parsing of exactly the fields the live checks use from Mastodon and Bluesky API answers.

An API answer is untrusted input, like a download: a number where text was expected, a list where an
object was, a 5,000-digit id or a lone UTF-16 surrogate must not crash the run. Each answer is read
here into small frozen records; anything of the wrong shape raises SchemaError (a one-line reason,
which the source turns into a skipped entry), and every string is made safe to encode.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class SchemaError(ValueError):
    """The answer is not of the shape the API documents."""


def clean_text(value: str) -> str:
    """`value` with lone surrogates (valid in JSON escapes, not in UTF-8) replaced by U+FFFD."""
    return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def text(raw: dict[str, Any], key: str, *, required: bool = False) -> str:
    value = raw.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise SchemaError(f"'{key}' is not text")
    return clean_text(value)


def ident(raw: dict[str, Any], key: str) -> str:
    """An id: text or a whole number of modest size (the APIs give ids as text of digits)."""
    value = raw.get(key)
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise SchemaError(f"'{key}' is missing or not an id")
    result = clean_text(str(value))
    if not result or len(result) > 256:
        raise SchemaError(f"'{key}' is not a usable id")
    return result


def objects(raw: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The objects of a list field (absent or null: none); SchemaError when it is not a list."""
    value = raw.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise SchemaError(f"'{key}' is not a list")
    return [v for v in value if isinstance(v, dict)]


def obj(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SchemaError(f"{what} is not an object")
    return value


@dataclass(frozen=True, slots=True)
class MastodonField:
    name: str
    value: str


@dataclass(frozen=True, slots=True)
class MastodonAccount:
    id: str
    url: str
    display_name: str
    note: str
    fields: tuple[MastodonField, ...]
    avatar: str


@dataclass(frozen=True, slots=True)
class MastodonMedia:
    id: str
    type: str
    url: str
    description: str


@dataclass(frozen=True, slots=True)
class MastodonStatus:
    id: str
    url: str
    spoiler_text: str
    content: str
    created_at: str
    is_boost: bool
    media: tuple[MastodonMedia, ...]


def mastodon_account(value: Any) -> MastodonAccount:
    raw = obj(value, "the answer")
    fields = tuple(MastodonField(name=text(f, "name"), value=text(f, "value")) for f in objects(raw, "fields"))
    return MastodonAccount(
        id=ident(raw, "id"),
        url=text(raw, "url"),
        display_name=text(raw, "display_name"),
        note=text(raw, "note"),
        fields=fields,
        avatar=text(raw, "avatar_static") or text(raw, "avatar"),
    )


def mastodon_statuses(value: Any) -> list[MastodonStatus]:
    if not isinstance(value, list):
        raise SchemaError("the answer is not a list of posts")
    statuses = []
    for raw in value:
        status = obj(raw, "a post")
        media = tuple(
            MastodonMedia(
                id=text(m, "id") or str(i), type=text(m, "type"), url=text(m, "url"), description=text(m, "description")
            )
            for i, m in enumerate(objects(status, "media_attachments"))
        )
        statuses.append(
            MastodonStatus(
                id=ident(status, "id"),
                url=text(status, "url") or text(status, "uri"),
                spoiler_text=text(status, "spoiler_text"),
                content=text(status, "content"),
                created_at=text(status, "created_at"),
                is_boost=bool(status.get("reblog")),
                media=media,
            )
        )
    return statuses


@dataclass(frozen=True, slots=True)
class BlueskyProfile:
    did: str
    display_name: str
    description: str
    avatar: str


@dataclass(frozen=True, slots=True)
class BlueskyImage:
    url: str
    alt: str


@dataclass(frozen=True, slots=True)
class BlueskyPost:
    uri: str
    text: str
    created_at: str
    is_repost: bool
    images: tuple[BlueskyImage, ...]


def bluesky_profile(value: Any) -> BlueskyProfile:
    raw = obj(value, "the answer")
    return BlueskyProfile(
        did=ident(raw, "did"),
        display_name=text(raw, "displayName"),
        description=text(raw, "description"),
        avatar=text(raw, "avatar"),
    )


def _images(embed: Any, depth: int = 0) -> tuple[BlueskyImage, ...]:
    """Image views of a post's embed, including those inside a record-with-media embed."""
    if not isinstance(embed, dict) or depth > 2:
        return ()
    if "images" in embed:
        return tuple(
            BlueskyImage(url=text(i, "fullsize") or text(i, "thumb"), alt=text(i, "alt"))
            for i in objects(embed, "images")
        )
    return _images(embed.get("media"), depth + 1)


def bluesky_feed(value: Any) -> tuple[list[BlueskyPost], str]:
    """The posts of one getAuthorFeed page and the cursor of the next ("" at the end)."""
    raw = obj(value, "the answer")
    posts = []
    for entry in objects(raw, "feed"):
        post = obj(entry.get("post"), "a feed entry's post")
        raw_record = post.get("record")
        record = obj(raw_record, "a post's record") if raw_record is not None else {}
        posts.append(
            BlueskyPost(
                uri=text(post, "uri"),
                text=text(record, "text"),
                created_at=text(record, "createdAt") or text(post, "indexedAt"),
                is_repost=entry.get("reason") is not None,
                images=_images(post.get("embed")),
            )
        )
    return posts, text(raw, "cursor")
