"""Facebook activity lists: comments, groups, pages, friends and follows, events, check-ins, place tags.

These files come in three generations of shape (export-formats §1.4.6-§1.4.8): bare `{name,
timestamp}` objects, `{timestamp, title, data: [{name}]}` activity records, and 2023+ `label_values`
records. `record_name` reads a name from any of them so each reader only says which list it wants.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import partial
from typing import Any

from exposure_audit.fetchers.base import Reading, Record
from exposure_audit.fetchers.common.meta_records import Field, flatten_record, pick, pick_all, pointer_join, record_time
from exposure_audit.fetchers.facebook.common import (
    as_dict,
    as_items,
    coordinate_of,
    each_record,
    first_time,
    geo_point,
    guarded,
    name_of,
    new_item,
    read_document,
    text_of,
    type_name,
    versioned_key,
)
from exposure_audit.fetchers.facebook.media import photo_item
from exposure_audit.fetchers.facebook.posts import event_items
from exposure_audit.model import GeoPoint, ItemKind, Precision

_NAME_LABELS = ("Name", "Group name", "Page name", "Place", "Place name", "Title", "Location")


def record_name(record: Any, pointer: str) -> tuple[str, str]:
    """(name, pointer of the name) of a list record in any of its generations; ("", "") if none."""
    if isinstance(record, str):
        return record.strip(), pointer
    if not isinstance(record, dict):
        return "", ""
    name = name_of(record)
    if name:
        return name, pointer_join(pointer, "name")
    for index, entry in enumerate(as_items(record.get("data"))):
        name = name_of(entry)
        if name:
            return name, pointer_join(pointer, "data", index, "name")
    fields = flatten_record(record, pointer)
    found = pick(fields, *_NAME_LABELS)
    if found is not None and found.value:
        return found.value.strip(), found.pointer
    named = text_of(record.get("ent_name")).strip()
    if named:
        return named, pointer_join(pointer, "ent_name")
    return "", ""


ListTarget = tuple[ItemKind, str, tuple[str, ...]]  # kind, field, labels of the items a list gives


def read_named_list(reading: Reading, keys: Mapping[str, ListTarget]) -> Iterator[Record]:
    """Lists of named things: each key of `keys` (any of its versions) gives (kind, field, labels)."""
    document, failed = read_document(reading)
    if failed:
        yield failed
        return
    found = False
    for key, (kind, field_name, labels) in keys.items():
        actual = versioned_key(document, key) if isinstance(document, dict) else None
        if actual is None:
            continue
        found = True
        base = pointer_join("", actual)
        value = document[actual]
        if isinstance(value, dict):
            value = [value]
        if not isinstance(value, list):
            yield reading.skip(f"expected a list under {actual}, found {type_name(value)}", base)
            continue
        for index, record in enumerate(value):
            pointer = pointer_join(base, index)
            name, at = record_name(record, pointer)
            if not name:
                if not isinstance(record, (dict, str)):
                    yield reading.skip(f"expected an object, found {type_name(record)}", pointer)
                elif not (isinstance(record, dict) and record.get("title")):
                    yield reading.skip("record has no name", pointer)
                continue  # "You left the group" entries carry a title and no name
            when = first_time(record, "timestamp") if isinstance(record, dict) else None
            yield new_item(reading, kind, at, text=name, field_name=field_name, labels=labels, when=when)
    if not found and isinstance(document, list):  # 2023+: a bare list of label_values records
        kind, field_name, labels = next(iter(keys.values()))
        for index, record in enumerate(document):
            pointer = pointer_join("", index)
            name, at = record_name(record, pointer)
            if name:
                yield new_item(
                    reading,
                    kind,
                    at,
                    text=name,
                    field_name=field_name,
                    labels=labels,
                    when=record_time(record, flatten_record(record, pointer)),
                )
        found = True
    if not found:
        yield reading.skip("unexpected shape: expected one of " + ", ".join(keys) + ", found " + type_name(document))


GROUP_LISTS: dict[str, ListTarget] = {
    "groups_joined": (ItemKind.GROUP, "group", ()),
    "groups_admined": (ItemKind.GROUP, "group", ("admin",)),
    "groups": (ItemKind.GROUP, "group", ()),
}
PAGE_LISTS: dict[str, ListTarget] = {
    "page_likes": (ItemKind.PAGE, "page", ()),
    "pages_followed": (ItemKind.PAGE, "follow", ()),
    "liked_pages": (ItemKind.PAGE, "page", ()),
    "pages": (ItemKind.PAGE, "page", ("admin",)),
}
CONNECTION_LISTS: dict[str, ListTarget] = {
    "friends": (ItemKind.CONNECTION, "friend", ()),
    "following": (ItemKind.CONNECTION, "following", ()),
    "followers": (ItemKind.CONNECTION, "follower", ()),
}


def read_comments(reading: Reading) -> Iterator[Record]:
    """comments_v2 / group_comments_v2: {timestamp, title, data: [{comment: {comment, author, group}}]}."""
    return each_record(reading, "a comment", partial(_comment_items, reading), "comments", "group_comments")


def _comment_items(reading: Reading, record: dict[str, Any], pointer: str) -> Iterator[Record]:
    title = text_of(record.get("title")).strip()
    record_when = first_time(record, "timestamp")
    texts: list[str] = []
    for index, entry in enumerate(as_items(record.get("data"))):
        comment = as_dict(entry).get("comment")
        if not isinstance(comment, dict):
            continue
        text = text_of(comment.get("comment")).strip()
        if not text:
            continue
        texts.append(text)
        group = text_of(comment.get("group")).strip()
        yield new_item(
            reading,
            ItemKind.COMMENT,
            pointer_join(pointer, "data", index, "comment", "comment"),
            text=text,
            field_name="comment",
            when=first_time(comment, "timestamp") or record_when,
            extra={"on": group or title, "group": group, "author": text_of(comment.get("author"))},
        )
    if (
        not any(isinstance(as_dict(entry).get("comment"), dict) for entry in as_items(record.get("data")))
        and "label_values" not in record
        and "attachments" not in record
    ):
        yield reading.skip("comment record has no comment", pointer)
    if not texts and "label_values" in record:  # 2023+ shape
        fields = flatten_record(record, pointer)
        found = pick(fields, "Comment", "Text", "Message")
        if found is not None and found.value.strip():
            texts.append(found.value.strip())
            where = pick(fields, "Group", "Group name", "Title")
            yield new_item(
                reading,
                ItemKind.COMMENT,
                found.pointer,
                text=found.value.strip(),
                field_name="comment",
                when=record_time(record, fields),
                extra={"on": where.value if where else title},
            )
    for a_index, attachment in enumerate(as_items(record.get("attachments"))):
        for d_index, data in enumerate(as_items(as_dict(attachment).get("data"))):
            media = as_dict(data).get("media")
            if media is not None:
                _, photo = photo_item(
                    reading,
                    media,
                    pointer_join(pointer, "attachments", a_index, "data", d_index, "media"),
                    surrounding="\n".join(texts),
                    fallback_time=record_when,
                )
                if photo is not None:
                    yield photo


def read_events(reading: Reading) -> Iterator[Record]:
    """event_responses_v2 {events_joined, events_interested, events_declined}; your_events_v2 [...]."""
    document, failed = read_document(reading)
    if failed:
        yield failed
        return
    responses_key = versioned_key(document, "event_responses") if isinstance(document, dict) else None
    hosted_key = versioned_key(document, "your_events") if isinstance(document, dict) else None
    groups: list[tuple[str, Any, tuple[str, ...], bool]] = []
    if responses_key is not None:
        responses = as_dict(document[responses_key])
        for key, label in (
            ("events_joined", "joined"),
            ("events_interested", "interested"),
            ("events_declined", "declined"),
        ):
            # A declined event's place says nothing about where the person goes.
            groups.append((pointer_join("", responses_key, key), responses.get(key), (label,), label != "declined"))
    if hosted_key is not None:
        groups.append((pointer_join("", hosted_key), document[hosted_key], ("host",), True))
    if not groups:
        yield reading.skip(
            "unexpected shape: expected event_responses_v2 or your_events_v2, found " + type_name(document)
        )
        return
    for base, events, labels, with_geo in groups:
        for index, event in enumerate(as_items(events)):
            pointer = pointer_join(base, index)
            if not isinstance(event, dict):
                yield reading.skip(f"expected an event object, found {type_name(event)}", pointer)
                continue
            yield from guarded(reading, pointer, event_items(reading, event, pointer, labels=labels, with_geo=with_geo))


def read_checkins(reading: Reading) -> Iterator[Record]:
    """your_places/*.json: places created or cities checked into (label_values, or older objects)."""
    yield from _place_records(
        reading, ItemKind.CHECKIN, "checkin", "place.coordinate", ("your_places", "places_created", "cities")
    )


def read_tagged_places(reading: Reading) -> Iterator[Record]:
    """places_you_have_been_tagged_in.json (label_values: label, value, timestamp_value)."""
    yield from _place_records(reading, ItemKind.TAG, "tag", "place.coordinate", ("places_tagged",))


def _place_records(
    reading: Reading, kind: ItemKind, field_name: str, origin: str, keys: tuple[str, ...]
) -> Iterator[Record]:
    return each_record(
        reading,
        "a place",
        lambda record, pointer: _place_items(reading, record, pointer, kind, field_name, origin),
        *keys,
    )


def _place_items(
    reading: Reading, record: dict[str, Any], pointer: str, kind: ItemKind, field_name: str, origin: str
) -> Iterator[Record]:
    if "label_values" not in record:  # 2018-2021: {name, address, coordinate, create_timestamp}
        name = name_of(record)
        when = first_time(record, "create_timestamp", "timestamp", "creation_timestamp")
        point = coordinate_of(record, origin=origin, name=name, at=when)
        if name or point:
            yield new_item(
                reading,
                kind,
                pointer,
                text=name,
                field_name=field_name,
                when=when,
                geo=(point,) if point else (),
                extra={"address": text_of(record.get("address"))},
            )
        return
    fields = flatten_record(record, pointer)
    when = record_time(record, fields)
    point = _label_point(fields, origin, when)
    names = [f for f in pick_all(fields, *_NAME_LABELS, "City", "Cities", "Places") if f.value.strip()]
    if not names:
        named = text_of(record.get("ent_name")).strip()
        if named or point:
            yield new_item(
                reading, kind, pointer, text=named, field_name=field_name, when=when, geo=(point,) if point else ()
            )
        return
    for found in names:
        yield new_item(
            reading,
            kind,
            found.pointer,
            text=found.value.strip(),
            field_name=field_name,
            when=when,
            geo=(point,) if point else (),
        )


def _label_point(fields: list[Field], origin: str, when: Any) -> GeoPoint | None:
    lat, lon = pick(fields, "Latitude"), pick(fields, "Longitude")
    if lat is not None and lon is not None:
        return geo_point(lat.value, lon.value, origin=origin, precision=Precision.PLACE, at=when)
    pair = pick(fields, "Coordinates", "Coordinate", "Location coordinates")
    if pair is not None and "," in pair.value:
        lat_text, lon_text = pair.value.split(",", 1)
        return geo_point(lat_text, lon_text, origin=origin, precision=Precision.PLACE, at=when)
    return None
