"""Facebook post-like records: posts, group posts, archived stories, profile updates, albums, media lists.

A post is `{timestamp, title, data: [{post}|{update_timestamp}|...], tags, attachments: [{data: [...]}]}`
where each attachment entry is a single-key object: media, place, external_context, event,
life_event, for_sale_item, note, text, name (export-formats §1.4.3).

Where a post's place goes: a post with text or media carries the place's coordinates as its `geo`
(and the place name in `extra["place"]`); a post that is nothing but a place (a bare check-in)
becomes a CHECKIN item. One geotag therefore gives one item, not two.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from exposure_audit.fetchers.base import Reading, Record
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.fetchers.facebook.common import (
    as_dict,
    as_items,
    coordinate_of,
    each_record,
    first_time,
    flush_ips,
    guarded,
    name_of,
    new_item,
    read_document,
    text_of,
    type_name,
)
from exposure_audit.fetchers.facebook.media import AUTOMATIC_ALBUMS, photo_item
from exposure_audit.model import GeoPoint, Item, ItemKind, MediaRef


def read_post_records(
    reading: Reading, *keys: str, field_name: str = "post", titles_as_life_events: bool = False
) -> Iterator[Record]:
    """Every post-like record of the member (streamed when the member is large)."""
    return each_record(
        reading,
        "a post",
        lambda record, pointer: post_items(
            reading, record, pointer, field_name=field_name, titles_as_life_events=titles_as_life_events
        ),
        *keys,
    )


def post_items(
    reading: Reading,
    record: dict[str, Any],
    pointer: str,
    *,
    field_name: str = "post",
    titles_as_life_events: bool = False,
) -> Iterator[Record]:
    """The items of one post: POST (or CHECKIN), then its PHOTOs, life events and events."""
    if not any(key in record for key in ("data", "attachments", "title", "tags")):
        yield reading.skip("post record has none of data, attachments, title or tags", pointer)
        return
    when = first_time(record, "timestamp", "creation_timestamp")
    texts = []
    for entry in as_items(record.get("data")):
        body = text_of(as_dict(entry).get("post")).strip()
        if body:
            texts.append(body)
    body_text = "\n".join(texts)
    title = text_of(record.get("title")).strip()
    people = tuple(n for n in map(name_of, as_items(record.get("tags"))) if n)
    refs: list[MediaRef] = []
    extras: list[Record] = []
    geo: list[GeoPoint] = []
    extra: dict[str, str] = {"title": title}
    place_name = ""
    life_events = 0
    for a_index, attachment in enumerate(as_items(record.get("attachments"))):
        for d_index, entry in enumerate(as_items(as_dict(attachment).get("data"))):
            here = pointer_join(pointer, "attachments", a_index, "data", d_index)
            for key, value in as_dict(entry).items():
                at = pointer_join(here, key)
                if key == "media":
                    ref, photo = photo_item(reading, value, at, surrounding=body_text, fallback_time=when)
                    if ref is not None:
                        refs.append(ref)
                    if photo is not None:
                        extras.append(photo)
                elif key == "place" and isinstance(value, dict):
                    place_name = name_of(value)
                    extra["place"] = place_name
                    extra["address"] = text_of(value.get("address"))
                    point = coordinate_of(value, origin="place.coordinate", name=place_name, at=when)
                    if point is not None:
                        geo.append(point)
                elif key == "for_sale_item" and isinstance(value, dict):
                    location = as_dict(value.get("location"))
                    point = coordinate_of(location, origin="marketplace", name=name_of(location), at=when)
                    if point is not None:
                        geo.append(point)
                    extra["for_sale"] = " ".join(
                        t for t in (text_of(value.get("title")), text_of(value.get("description"))) if t
                    )
                elif key == "external_context" and isinstance(value, dict):
                    extra["link"] = text_of(value.get("url")) or text_of(value.get("source"))
                    extra["link_name"] = text_of(value.get("name"))
                elif key == "life_event" and isinstance(value, dict):
                    life_events += 1
                    extras.extend(_life_event(reading, value, at, when))
                elif key == "event" and isinstance(value, dict):
                    extras.extend(event_items(reading, value, at, labels=("post",)))
                elif key == "note" and isinstance(value, dict):
                    extras.extend(_note(reading, value, at, when))
    if body_text or refs:
        yield new_item(
            reading,
            ItemKind.POST,
            pointer,
            text=body_text,
            field_name=field_name,
            when=when,
            people=people,
            geo=geo,
            media=refs,
            extra=extra,
        )
    elif place_name or geo:
        yield new_item(
            reading,
            ItemKind.CHECKIN,
            pointer,
            text=place_name,
            field_name="checkin",
            when=when,
            people=people,
            geo=geo,
            extra=extra,
        )
    if titles_as_life_events and not life_events and title:
        yield new_item(
            reading, ItemKind.LIFE_EVENT, pointer_join(pointer, "title"), text=title, field_name="life_event", when=when
        )
    yield from extras


def _life_event(reading: Reading, value: dict[str, Any], pointer: str, when: datetime | None) -> Iterator[Item]:
    title = text_of(value.get("title")).strip()
    if not title:
        return
    start = as_dict(value.get("start_date"))
    parts = [start.get(k) for k in ("year", "month", "day")]
    start_text = "-".join(f"{p:02d}" for p in parts if isinstance(p, int) and p > 0)
    yield new_item(
        reading,
        ItemKind.LIFE_EVENT,
        pointer_join(pointer, "title"),
        text=title,
        field_name="life_event",
        when=when,
        extra={"start_date": start_text},
    )


def _note(reading: Reading, value: dict[str, Any], pointer: str, when: datetime | None) -> Iterator[Item]:
    text = "\n".join(t for t in (text_of(value.get("title")).strip(), text_of(value.get("text")).strip()) if t)
    when = first_time(value, "created_timestamp", "updated_timestamp") or when
    refs = []
    photos = []
    for index, media in enumerate(as_items(value.get("media"))):
        ref, photo = photo_item(
            reading, media, pointer_join(pointer, "media", index), surrounding=text, fallback_time=when
        )
        if ref is not None:
            refs.append(ref)
        if photo is not None:
            photos.append(photo)
    if text or refs:
        people = tuple(n for n in map(name_of, as_items(value.get("tags"))) if n)
        yield new_item(
            reading, ItemKind.POST, pointer, text=text, field_name="note", when=when, people=people, media=refs
        )
    yield from photos


def event_items(
    reading: Reading,
    event: dict[str, Any],
    pointer: str,
    *,
    labels: tuple[str, ...] = (),
    with_geo: bool = True,
) -> Iterator[Record]:
    """One EVENT item: the name (and description) with the place's coordinates."""
    name = text_of(event.get("name")).strip()
    description = text_of(event.get("description")).strip()
    text = f"{name}\n{description}" if name and description else name or description
    if not text:
        yield reading.skip("event record has no name or description", pointer)
        return
    when = first_time(event, "start_timestamp", "timestamp", "create_timestamp")
    place = as_dict(event.get("place"))
    place_name = name_of(place)
    point = coordinate_of(place, origin="event.place", name=place_name, at=when) if with_geo else None
    yield new_item(
        reading,
        ItemKind.EVENT,
        pointer,
        text=text,
        field_name="event",
        when=when,
        labels=labels,
        geo=(point,) if point else (),
        extra={"place": place_name, "address": text_of(place.get("address"))},
    )


def read_album(reading: Reading) -> Iterator[Record]:
    """posts/album/N.json: {name, description, photos: [media...], cover_photo}."""
    album, failed = read_document(reading)
    if failed:
        yield failed
        return
    if not isinstance(album, dict):
        yield reading.skip(f"expected an album object, found {type_name(album)}")
        return
    name = text_of(album.get("name")).strip()
    description = text_of(album.get("description")).strip()
    when = first_time(album, "last_modified_timestamp", "timestamp")
    if description or (name and name.casefold() not in AUTOMATIC_ALBUMS):
        yield new_item(
            reading,
            ItemKind.POST,
            "/name",
            text="\n".join(t for t in (name, description) if t),
            field_name="caption",
            when=when,
            extra={"album": name},
        )
    photos = album.get("photos")
    if photos is not None and not isinstance(photos, list):
        yield reading.skip(f"expected a list of photos, found {type_name(photos)}", "/photos")
        photos = []
    surrounding = "\n".join(t for t in (name, description) if t)
    for index, media in enumerate(photos or ()):
        pointer = pointer_join("/photos", index)
        if not isinstance(media, dict):
            yield reading.skip(f"expected a photo object, found {type_name(media)}", pointer)
            continue
        yield from guarded(reading, pointer, _album_photo(reading, media, pointer, surrounding, name))
    yield from flush_ips(reading)


def _album_photo(reading: Reading, media: dict[str, Any], pointer: str, surrounding: str, album: str) -> Iterator[Item]:
    _, photo = photo_item(reading, media, pointer, surrounding=surrounding, album=album)
    if photo is not None:
        yield photo


def read_media_list(reading: Reading, *keys: str) -> Iterator[Record]:
    """your_uncategorized_photos.json / your_videos.json: a list of bare media objects."""
    return each_record(reading, "a media", lambda media, pointer: _album_photo(reading, media, pointer, "", ""), *keys)
