"""Facebook media objects: the file reference, the metadata Meta keeps in JSON, and PHOTO items.

A media object is `{uri, creation_timestamp, title, description, media_metadata, thumbnail?}`.
Its metadata comes in two shapes (export-formats §1.4.4): the 2018-2019 flat
`photo_metadata{latitude, longitude, taken_timestamp, camera_make, ...}` and the 2020+ list
`photo_metadata{exif_data: [{...}]}` (also `video_metadata`). Both are read; coordinates get the
origin "photo_metadata" or "exif_data" so a finding can say where they came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from exposure_audit.fetchers.base import Reading, is_image_path
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.fetchers.facebook.common import as_dict, first_time, geo_point, name_of, new_item, note_ip, text_of
from exposure_audit.model import GeoPoint, Item, ItemKind, MediaRef, Precision

_METADATA_KINDS = ("photo_metadata", "video_metadata")
# Album titles Facebook gives by itself: they say nothing the person wrote, so they stay out of
# the text around a photo.
AUTOMATIC_ALBUMS = frozenset(
    {
        "mobile uploads",
        "timeline photos",
        "profile pictures",
        "cover photos",
        "instagram photos",
        "untitled album",
        "videos",
    }
)


@dataclass(frozen=True, slots=True)
class MediaMeta:
    geo: GeoPoint | None = None
    taken: datetime | None = None
    upload_ip: str = ""
    camera_make: str = ""
    camera_model: str = ""
    pointer: str = ""  # where the metadata entry with the coordinates (or the first entry) is


def media_metadata(media: dict[str, Any], pointer: str) -> MediaMeta:
    """What `media_metadata` says, in either shape; an empty MediaMeta when there is none."""
    holder = as_dict(media.get("media_metadata"))
    for kind in _METADATA_KINDS:
        block = holder.get(kind)
        if not isinstance(block, dict):
            continue
        base = pointer_join(pointer, "media_metadata", kind)
        entries = block.get("exif_data")
        if isinstance(entries, list):
            dicts = [(pointer_join(base, "exif_data", i), e) for i, e in enumerate(entries) if isinstance(e, dict)]
            if dicts:
                return _merge(dicts, "exif_data")
        elif isinstance(entries, dict):  # one entry written bare
            return _merge([(pointer_join(base, "exif_data"), entries)], "exif_data")
        else:
            return _merge([(base, block)], "photo_metadata")
    return MediaMeta()


def _merge(entries: list[tuple[str, dict[str, Any]]], origin: str) -> MediaMeta:
    geo = None
    where = entries[0][0]
    taken = None
    values: dict[str, str] = {}
    for pointer, entry in entries:
        when = first_time(entry, "taken_timestamp")
        taken = taken or when
        if geo is None:
            geo = geo_point(
                entry.get("latitude"), entry.get("longitude"), origin=origin, precision=Precision.GPS, at=when
            )
            if geo is not None:
                where = pointer
        for key in ("upload_ip", "camera_make", "camera_model"):
            if key not in values and text_of(entry.get(key)).strip() not in ("", "-"):
                values[key] = text_of(entry.get(key)).strip()
    return MediaMeta(
        geo=geo,
        taken=taken,
        upload_ip=values.get("upload_ip", ""),
        camera_make=values.get("camera_make", ""),
        camera_model=values.get("camera_model", ""),
        pointer=where,
    )


def media_ref(reading: Reading, uri: object) -> MediaRef | None:
    text = text_of(uri).strip()
    if not text:
        return None
    return MediaRef(uri=text, member=reading.tree.resolve_uri(text))


def _file_name(uri: str) -> str:
    return PurePosixPath(uri.split("?", 1)[0]).name


def photo_item(
    reading: Reading,
    media: object,
    pointer: str,
    *,
    surrounding: str = "",
    album: str = "",
    fallback_time: datetime | None = None,
) -> tuple[MediaRef | None, Item | None]:
    """The media's reference (for the post that carries it) and its PHOTO item.

    The PHOTO item's text is only the photo's own description when it differs from the text around
    it (Meta copies a post's text into each photo's description); `extra["context"]` holds all the
    text around the photo. Its `people` are those tagged on the media itself: the people a post is
    "with" are on the POST item, so that one tag gives one finding. A video becomes a PHOTO item
    through its thumbnail, or without a file when it has only metadata worth keeping. Upload IPs go
    to the reading's IP tally.
    """
    if not isinstance(media, dict):
        return None, None
    ref = media_ref(reading, media.get("uri"))
    meta = media_metadata(media, pointer)
    upload_time = first_time(media, "creation_timestamp", "timestamp")
    if meta.upload_ip:
        note_ip(
            reading, meta.upload_ip, upload_time or fallback_time, "upload_ip", pointer_join(meta.pointer, "upload_ip")
        )
    description = text_of(media.get("description")).strip()
    title = text_of(media.get("title")).strip()
    if title.casefold() in AUTOMATIC_ALBUMS:
        title = ""
    own_text = description if description and description != surrounding.strip() else ""
    shown = ref
    if ref is not None and not is_image_path(ref.uri.split("?", 1)[0]):
        thumbnail = media_ref(reading, as_dict(media.get("thumbnail")).get("uri"))
        if thumbnail is not None and is_image_path(thumbnail.uri.split("?", 1)[0]):
            shown = thumbnail
        elif meta.geo is None and not own_text:
            return ref, None  # a video with nothing to scan beyond its post
        else:
            shown = MediaRef(uri=ref.uri, member="")  # keep the reference; its bytes are not an image
    if shown is None and meta.geo is None and not own_text:
        return None, None
    context = " \n".join(
        part for part in (surrounding.strip(), own_text, album, title, _file_name(shown.uri) if shown else "") if part
    )
    when = meta.taken or upload_time or fallback_time
    extra = {
        "context": context,
        "album": album,
        "upload_ip": meta.upload_ip,
        "camera.make": meta.camera_make,
        "camera.model": meta.camera_model,
        "taken": meta.taken.isoformat() if meta.taken else "",
        "uploaded": upload_time.isoformat() if upload_time else "",
    }
    if shown is not None and ref is not None and shown.uri != ref.uri:
        extra["video"] = ref.uri
    tags = media.get("tags")
    tagged = tuple(n for n in map(name_of, tags) if n) if isinstance(tags, list) else ()
    item = new_item(
        reading,
        ItemKind.PHOTO,
        pointer,
        text=own_text,
        field_name="photo",
        when=when,
        native_id=_file_name(shown.uri) if shown else "",
        people=tagged,
        geo=(meta.geo,) if meta.geo else (),
        media=(shown,) if shown else (),
        extra=extra,
    )
    return ref, item
