"""Tweets, deleted tweets, long-form note tweets and direct messages of an X archive -> items.

A tweet is `{"tweet": {...}}` (older archives: the tweet object itself). Every number is a string;
`full_text` is HTML-escaped and holds t.co links that `entities.urls` / `entities.media` expand.
Location, when a tweet has any, is GeoJSON `coordinates` ([lon, lat]), the deprecated `geo`
([lat, lon]) or a `place` with a bounding box. Attached photos are saved as
`tweets_media/<tweet id>-<file name of media_url>`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import PurePosixPath
from typing import Any

from exposure_audit.fetchers.base import Record, skip, stable_identity
from exposure_audit.fetchers.common.media_kind import MediaKind, coordinate_pair, member_kind
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.model import GeoPoint, Item, ItemKind, MediaRef, Platform, Precision
from exposure_audit.sources.archive import Tree
from exposure_audit.text.shared_content import SHARED, is_retweet

PLATFORM = Platform.X
_MEDIA_FILE = re.compile(r"(^|/)(tweets?_media|deleted_tweets_media)/(\d+)-([^/]+)$")


def text_of(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def x_time(value: object) -> datetime | None:
    """ "Fri Sep 08 09:01:00 +0000 2023" or ISO "2023-09-08T09:01:00.000Z" -> aware UTC."""
    text = text_of(value)
    if not text:
        return None
    try:
        return datetime.strptime(text, "%a %b %d %H:%M:%S %z %Y").astimezone(UTC)
    except ValueError:
        pass
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def media_index(tree: Tree) -> dict[str, list[tuple[str, str]]]:
    """tweet id -> [(file name after the id, member)] for every saved tweet media file."""
    index: dict[str, list[tuple[str, str]]] = {}
    for path in tree.members:
        match = _MEDIA_FILE.search(path)
        if match:
            index.setdefault(match.group(3), []).append((match.group(4), path))
    return index


def expand_links(text: str, entities: object) -> str:
    """Replace each t.co link with the address it stands for, then undo the HTML escaping."""
    if isinstance(entities, Mapping):
        for key in ("urls", "media"):
            for entity in entities.get(key) or []:
                if isinstance(entity, Mapping):
                    short = text_of(entity.get("url"))
                    long = text_of(entity.get("expanded_url")) or text_of(entity.get("expanded"))
                    if short and long:
                        text = text.replace(short, long)
    return html.unescape(text)


def tweet_geo(tweet: Mapping[str, Any]) -> tuple[GeoPoint, ...]:
    points: list[GeoPoint] = []
    coordinates = tweet.get("coordinates")
    if isinstance(coordinates, Mapping) and isinstance(coordinates.get("coordinates"), list):
        pair = coordinates["coordinates"]
        found = coordinate_pair(pair[1], pair[0]) if len(pair) == 2 else None  # GeoJSON is [lon, lat]
        if found:
            points.append(GeoPoint(lat=found[0], lon=found[1], precision=Precision.GPS, origin="tweet.coordinates"))
    geo = tweet.get("geo")
    if isinstance(geo, Mapping) and isinstance(geo.get("coordinates"), list):
        pair = geo["coordinates"]
        found = coordinate_pair(pair[0], pair[1]) if len(pair) == 2 else None  # legacy geo is [lat, lon]
        if found and not any((p.lat, p.lon) == found for p in points):
            points.append(GeoPoint(lat=found[0], lon=found[1], precision=Precision.GPS, origin="tweet.geo"))
    place = tweet.get("place")
    if isinstance(place, Mapping):
        point = _place_centre(place)
        if point is not None:
            points.append(point)
    return tuple(points)


def _place_centre(place: Mapping[str, Any]) -> GeoPoint | None:
    box = place.get("bounding_box")
    corners = box.get("coordinates") if isinstance(box, Mapping) else None
    ring = corners[0] if isinstance(corners, list) and corners and isinstance(corners[0], list) else []
    pairs = [p for c in ring if isinstance(c, list) and len(c) == 2 and (p := coordinate_pair(c[1], c[0]))]
    if not pairs:
        return None
    lats, lons = [p[0] for p in pairs], [p[1] for p in pairs]
    span = max(max(lats) - min(lats), max(lons) - min(lons))
    return GeoPoint(
        lat=sum(lats) / len(lats),
        lon=sum(lons) / len(lons),
        origin="tweet.place",
        precision=Precision.PLACE if span < 0.01 else Precision.CITY,
        name=text_of(place.get("full_name")),
    )


def _mentions(entities: object) -> tuple[str, ...]:
    if not isinstance(entities, Mapping):
        return ()
    people = []
    for mention in entities.get("user_mentions") or []:
        if isinstance(mention, Mapping):
            name = text_of(mention.get("name")) or ("@" + text_of(mention.get("screen_name"))).rstrip("@")
            if name and name not in people:
                people.append(name)
    return tuple(people)


def _media_entities(tweet: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    seen: set[str] = set()
    found = []
    for container in (tweet.get("extended_entities"), tweet.get("entities")):
        media = container.get("media") if isinstance(container, Mapping) else None
        for entity in media if isinstance(media, list) else []:
            if not isinstance(entity, Mapping):
                continue
            url = text_of(entity.get("media_url_https")) or text_of(entity.get("media_url"))
            if url and url not in seen:
                seen.add(url)
                found.append(entity)
    return found


def status_url(tweet_id: str) -> str:
    """The tweet's own page: x.com finds a tweet by its id alone, under any user name."""
    return f"https://x.com/i/status/{tweet_id}" if tweet_id.isdigit() else ""


def tweet_items(
    tree: Tree,
    member: str,
    element: object,
    pointer: str,
    media: dict[str, list[tuple[str, str]]],
    *,
    deleted: bool = False,
) -> Iterator[Record]:
    """One tweet (wrapped in {"tweet": ...} or bare) -> a POST item and a PHOTO item per saved photo."""
    tweet = element.get("tweet", element) if isinstance(element, Mapping) else None
    base = pointer_join(pointer, "tweet") if isinstance(element, Mapping) and "tweet" in element else pointer
    if not isinstance(tweet, Mapping) or not (tweet.get("full_text") or tweet.get("text") or tweet.get("id_str")):
        yield skip(tree, member, "expected a tweet object here", pointer)
        return
    tweet_id = text_of(tweet.get("id_str")) or text_of(str(tweet.get("id", "")))
    when = x_time(tweet.get("created_at"))
    text = expand_links(text_of(tweet.get("full_text")) or text_of(tweet.get("text")), tweet.get("entities"))
    files = dict(media.get(tweet_id, []))
    refs: list[MediaRef] = []
    for index, entity in enumerate(_media_entities(tweet)):
        url = text_of(entity.get("media_url_https")) or text_of(entity.get("media_url"))
        found = files.pop(PurePosixPath(url).name, "")
        if not found and entity.get("type") in ("video", "animated_gif"):
            found = next((files.pop(name) for name in list(files) if name.endswith(".mp4")), "")
        refs.append(MediaRef(uri=url, member=found))
        if not found:
            yield skip(
                tree,
                member,
                f"media file {tweet_id}-{PurePosixPath(url).name} is not in the download",
                pointer_join(base, "entities", "media", index),
                stage="media",
            )
    refs.extend(MediaRef(uri=path, member=path) for path in files.values())  # files no entity names
    extra = {"deleted_at": text_of(tweet.get("deleted_at"))} if deleted and tweet.get("deleted_at") else {}
    labels = {"deleted"} if deleted else set()
    if is_retweet(tweet, text):
        labels.add(SHARED)
    reply = text_of(tweet.get("in_reply_to_screen_name"))
    if reply:
        extra["in_reply_to"] = reply
    yield Item(
        kind=ItemKind.POST,
        platform=PLATFORM,
        source=tree.ref(member, pointer_join(base, "full_text")),
        identity=stable_identity(PLATFORM, ItemKind.POST, native_id=tweet_id, when=when, content=text),
        created_at=when,
        text=text,
        field="tweet",
        labels=frozenset(labels),
        people=_mentions(tweet.get("entities")),
        geo=tweet_geo(tweet),
        media=tuple(refs),
        extra=extra,
        url=status_url(tweet_id),
    )
    for ref in refs:
        if ref.member and member_kind(tree, ref.member) is MediaKind.IMAGE:
            yield Item(
                kind=ItemKind.PHOTO,
                platform=PLATFORM,
                source=tree.ref(member, base),
                identity=stable_identity(PLATFORM, ItemKind.PHOTO, native_id=PurePosixPath(ref.member).name),
                created_at=when,
                text="",
                field="photo",
                media=(ref,),
                extra={"context": f"{text} {PurePosixPath(ref.member).name}".strip(), "tweet_id": tweet_id},
                url=status_url(tweet_id),
            )


def note_items(tree: Tree, member: str, element: object, pointer: str) -> Iterator[Record]:
    """A long-form note tweet: `{"noteTweet": {"noteTweetId", "createdAt", "core": {"text", "urls"}}}`."""
    note = element.get("noteTweet") if isinstance(element, Mapping) else None
    core = note.get("core") if isinstance(note, Mapping) else None
    if not isinstance(note, Mapping) or not isinstance(core, Mapping) or not text_of(core.get("text")):
        yield skip(tree, member, "expected a noteTweet with core.text here", pointer)
        return
    when = x_time(note.get("createdAt"))
    text = expand_links(text_of(core.get("text")), core)
    note_id = text_of(note.get("noteTweetId"))
    yield Item(
        kind=ItemKind.POST,
        platform=PLATFORM,
        source=tree.ref(member, pointer_join(pointer, "noteTweet", "core", "text")),
        identity=stable_identity(
            PLATFORM, ItemKind.POST, native_id=f"note-{note_id}" if note_id else "", when=when, content=text
        ),
        created_at=when,
        text=text,
        field="note",
    )


def message_items(tree: Tree, member: str, element: object, pointer: str) -> Iterator[Record]:
    """A direct-message conversation: one MESSAGE item per message text."""
    conversation = element.get("dmConversation") if isinstance(element, Mapping) else None
    messages = conversation.get("messages") if isinstance(conversation, Mapping) else None
    if not isinstance(conversation, Mapping) or not isinstance(messages, list):
        yield skip(tree, member, "expected a dmConversation with messages here", pointer)
        return
    thread = text_of(conversation.get("conversationId"))
    for index, entry in enumerate(messages):
        create = entry.get("messageCreate") if isinstance(entry, Mapping) else None
        if not isinstance(create, Mapping) or not text_of(create.get("text")):
            continue
        when = x_time(create.get("createdAt"))
        text = expand_links(text_of(create.get("text")), create)
        message_id = text_of(create.get("id"))
        yield Item(
            kind=ItemKind.MESSAGE,
            platform=PLATFORM,
            source=tree.ref(
                member, pointer_join(pointer, "dmConversation", "messages", index, "messageCreate", "text")
            ),
            identity=stable_identity(PLATFORM, ItemKind.MESSAGE, native_id=message_id, when=when, content=text),
            created_at=when,
            text=text,
            field="message",
            extra={"sender": text_of(create.get("senderId")), "thread": thread},
        )
