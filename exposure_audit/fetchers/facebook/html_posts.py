"""Facebook HTML records that carry free text and media: posts, stories, albums, comments, messages.

The pages render the JSON records (see `posts.py`) as blocks; what JSON keeps in keys, HTML
shows as a label table: a place as Place/Address/Coordinates (or Latitude/Longitude) rows, a photo's
metadata as a table beside the image (Taken, Camera Make, Latitude, Longitude, Upload IP Address),
a life event as a "Life event" row. Labels are matched case-insensitively in English; a localised
page still yields its text, media and times.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, tzinfo
from pathlib import PurePosixPath

from exposure_audit.fetchers.base import Reading, Record, is_image_path
from exposure_audit.fetchers.facebook.common import geo_point, new_item, note_ip
from exposure_audit.fetchers.facebook.html_parse import NEW, HtmlMedia, HtmlPage, HtmlRecord, pair_value, parse_when
from exposure_audit.fetchers.facebook.html_titles import people_in_title
from exposure_audit.model import GeoPoint, Item, ItemKind, MediaRef, Precision

PLACE_LABELS = ("Place", "Location", "Check-in", "Checked in at")
LIFE_EVENT_LABELS = ("Life event", "Life Event")
TAG_LABELS = ("Tags", "Tagged", "With")


def coordinates(
    pairs: list[tuple[str, str]], *, origin: str, precision: Precision, name: str = "", at: datetime | None = None
) -> GeoPoint | None:
    """Coordinates from Latitude/Longitude rows or one "lat, lon" Coordinates row; None for 0/0."""
    lat, lon = pair_value(pairs, "Latitude"), pair_value(pairs, "Longitude")
    if not (lat and lon):
        both = pair_value(pairs, "Coordinates", "Coordinate", "Location coordinates")
        if "," in both:
            lat, lon = (part.strip() for part in both.split(",", 1))
    if not (lat and lon):
        return None
    return geo_point(lat, lon, origin=origin, precision=precision, name=name, at=at)


def html_photo(
    reading: Reading,
    media: HtmlMedia,
    pointer: str,
    zone: tzinfo,
    *,
    style: str,
    surrounding: str = "",
    own_text: str = "",
    album: str = "",
    fallback_time: datetime | None = None,
    people: tuple[str, ...] = (),
) -> tuple[MediaRef, Item | None]:
    """The image's reference and its PHOTO item, with the metadata table beside it."""
    ref = MediaRef(uri=media.uri, member=reading.tree.resolve_uri(media.uri))
    taken = parse_when(pair_value(media.pairs, "Taken", "Date taken", "Taken on"), zone)
    origin = "exif_data" if style == NEW else "photo_metadata"
    geo = coordinates(media.pairs, origin=origin, precision=Precision.GPS, at=taken)
    upload_ip = pair_value(media.pairs, "Upload IP Address", "Upload IP", "IP address")
    if upload_ip:
        note_ip(reading, upload_ip, fallback_time, "upload_ip", pointer)
    if not is_image_path(ref.uri):
        return ref, None
    name = PurePosixPath(media.uri).name
    context = " \n".join(p for p in (surrounding, own_text, album, name) if p)
    item = new_item(
        reading,
        ItemKind.PHOTO,
        pointer,
        text=own_text,
        field_name="photo",
        when=taken or fallback_time,
        native_id=name,
        people=people,
        geo=(geo,) if geo else (),
        media=(ref,),
        extra={
            "context": context,
            "album": album,
            "upload_ip": upload_ip,
            "camera.make": pair_value(media.pairs, "Camera Make"),
            "camera.model": pair_value(media.pairs, "Camera Model"),
            "taken": taken.isoformat() if taken else "",
        },
    )
    return ref, item


def post_records(reading: Reading, page: HtmlPage, zone: tzinfo, field_name: str = "post") -> Iterator[Record]:
    for record in page.records:
        yield from _post(reading, record, zone, page.style, field_name)


def _post(reading: Reading, record: HtmlRecord, zone: tzinfo, style: str, field_name: str) -> Iterator[Record]:
    titled = field_name == "note" and record.title  # a note's title is the person's own words
    text = "\n".join(([record.title] if titled else []) + record.texts)
    pairs = record.pairs
    place = pair_value(pairs, *PLACE_LABELS)
    geo = coordinates(pairs, origin="place.coordinate", precision=Precision.PLACE, name=place, at=record.when)
    life_event = pair_value(pairs, *LIFE_EVENT_LABELS)
    refs: list[MediaRef] = []
    photos: list[Item] = []
    for index, media in enumerate(record.media):
        ref, photo = html_photo(
            reading,
            media,
            f"{record.pointer}, media {index + 1}",
            zone,
            style=style,
            surrounding=text,
            fallback_time=record.when,
        )
        refs.append(ref)
        if photo is not None:
            photos.append(photo)
    extra = {"title": record.title, "place": place, "address": pair_value(pairs, "Address")}
    tagged = pair_value(pairs, *TAG_LABELS)
    people = tuple(name.strip() for name in tagged.split(",") if name.strip()) or people_in_title(record.title)
    if text or refs:
        yield new_item(
            reading,
            ItemKind.POST,
            record.pointer,
            text=text,
            field_name=field_name,
            when=record.when,
            people=people,
            geo=(geo,) if geo else (),
            media=refs,
            extra=extra,
        )
    elif place or geo:
        yield new_item(
            reading,
            ItemKind.CHECKIN,
            record.pointer,
            text=place,
            field_name="checkin",
            when=record.when,
            geo=(geo,) if geo else (),
            extra=extra,
        )
    if life_event:
        yield new_item(
            reading,
            ItemKind.LIFE_EVENT,
            record.pointer,
            text=life_event,
            field_name="life_event",
            when=record.when,
            extra={"start_date": pair_value(pairs, "Start date")},
        )
    if not (text or refs or place or geo or life_event):
        yield reading.skip("record has no text, media, place or life event", record.pointer)
    yield from photos


def album_records(reading: Reading, page: HtmlPage, zone: tzinfo, album: str) -> Iterator[Record]:
    """An album page (heading = album name) or a page of loose photos and videos."""
    for record in page.records:
        own_text = "\n".join(record.texts)
        if not record.media:
            yield reading.skip("record has no photo or video", record.pointer)
        for index, media in enumerate(record.media):
            _, photo = html_photo(
                reading,
                media,
                f"{record.pointer}, media {index + 1}",
                zone,
                style=page.style,
                surrounding=album,
                own_text=own_text,
                album=album,
                fallback_time=record.when,
            )
            if photo is not None:
                yield photo


def comment_records(reading: Reading, page: HtmlPage) -> Iterator[Record]:
    for record in page.records:
        group = record.value("Group")
        text = "\n".join(record.texts)
        if not text:
            yield reading.skip("record has no comment text", record.pointer)
            continue
        yield new_item(
            reading,
            ItemKind.COMMENT,
            record.pointer,
            text=text,
            field_name="comment",
            when=record.when,
            extra={"on": group or record.title, "group": group},
        )


def message_records(reading: Reading, page: HtmlPage, zone: tzinfo) -> Iterator[Record]:
    thread = PurePosixPath(reading.member).parent.name
    for record in page.records:
        text = "\n".join(record.texts)
        if text:
            yield new_item(
                reading,
                ItemKind.MESSAGE,
                record.pointer,
                text=text,
                field_name="message",
                when=record.when,
                extra={"sender": record.title, "thread": thread},
            )
        for index, media in enumerate(record.media):
            _, photo = html_photo(
                reading,
                media,
                f"{record.pointer}, media {index + 1}",
                zone,
                style=page.style,
                surrounding=text,
                fallback_time=record.when,
            )
            if photo is not None:
                yield photo
