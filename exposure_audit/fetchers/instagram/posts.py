"""Instagram posts, stories, reels, archived posts, profile photos and other media -> POST and PHOTO items.

A post is `{"media": [...], "title", "creation_timestamp"}`; a story or profile photo is a bare media
item `{"uri", "creation_timestamp", "title", "media_metadata"}`. A single-media post keeps its caption
in `media[0].title`, a carousel in the top-level `title` (its items' titles are usually ""). What
survived of the photo's EXIF is in `media_metadata.{photo,video}_metadata.exif_data[]`.

A photo becomes its own PHOTO item (so the engine reads its bytes); a video's JSON geotag stays on
the POST, because a video file has no EXIF for the photo phase to read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from exposure_audit.fetchers.base import Record, epoch_to_datetime, skip, stable_identity
from exposure_audit.fetchers.common.media_kind import MediaKind, coordinate_pair, kind_by_name, member_kind
from exposure_audit.fetchers.common.meta_records import pointer_join
from exposure_audit.model import GeoPoint, Item, ItemKind, MediaRef, Platform, Precision
from exposure_audit.sources.archive import Tree

PLATFORM = Platform.INSTAGRAM

# Wrapper key of each media list -> (POST field, album name shown with its photos)
CONTENT_LISTS: dict[str, tuple[str, str]] = {
    "ig_stories": ("story", "stories"),
    "ig_reels_media": ("reel", "reels"),
    "ig_archived_post_media": ("caption", "archived posts"),
    "ig_profile_picture": ("", "profile photos"),
    "ig_other_media": ("caption", "other content"),
    "ig_igtv_media": ("caption", "IGTV videos"),
    "ig_recently_deleted_media": ("caption", "recently deleted"),
}
# File stem -> (POST field, album); used when a member holds a bare list or a single record.
CONTENT_FILES: dict[str, tuple[str, str]] = {
    "posts": ("caption", ""),
    "stories": ("story", "stories"),
    "reels": ("reel", "reels"),
    "archived_posts": ("caption", "archived posts"),
    "profile_photos": ("", "profile photos"),
    "other_content": ("caption", "other content"),
    "igtv_videos": ("caption", "IGTV videos"),
    "recently_deleted_content": ("caption", "recently deleted"),
}


@dataclass(frozen=True, slots=True)
class Media:
    """One media item of a post, resolved against the download."""

    uri: str
    member: str  # "" when the file is not in the download
    kind: MediaKind
    title: str
    pointer: str
    created_at: datetime | None
    geo: tuple[GeoPoint, ...]
    extra: dict[str, str]

    @property
    def ref(self) -> MediaRef:
        return MediaRef(uri=self.uri, member=self.member)

    @property
    def stem(self) -> str:
        return PurePosixPath(self.uri).stem


def text_of(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def exif_taken(value: object) -> datetime | None:
    """EXIF's "2024:05:02 22:47:28" (camera-local, no zone) -> a naive datetime."""
    text = text_of(value)
    for pattern in ("%Y:%m:%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text[:19], pattern)
        except ValueError:
            continue
    return None


def media_facts(metadata: object) -> tuple[tuple[GeoPoint, ...], dict[str, str]]:
    """GPS points and device facts from a media item's `media_metadata`."""
    geo: list[GeoPoint] = []
    extra: dict[str, str] = {}
    if not isinstance(metadata, Mapping):
        return (), extra
    for family in ("photo_metadata", "video_metadata"):
        block = metadata.get(family)
        if not isinstance(block, Mapping):
            continue
        entries = block.get("exif_data")
        origin = "exif_data"
        if not isinstance(entries, list):
            entries, origin = [block], "photo_metadata"  # the flat 2019 shape
        for entry in entries:
            if not isinstance(entry, Mapping):
                continue
            taken = exif_taken(entry.get("date_time_original"))
            if taken is not None:
                extra.setdefault("exif.taken_local", taken.isoformat())
            device = text_of(entry.get("device_id"))
            if device:
                extra.setdefault("device_id", device)
            for key in ("lens_model", "software", "source_type"):
                if text_of(entry.get(key)):
                    extra.setdefault(f"exif.{key}", text_of(entry.get(key)))
            pair = coordinate_pair(entry.get("latitude"), entry.get("longitude"))
            if pair is not None:
                geo.append(GeoPoint(lat=pair[0], lon=pair[1], precision=Precision.GPS, origin=origin, at=taken))
    return tuple(geo), extra


def resolve_media(tree: Tree, item: Mapping[str, Any], pointer: str) -> Media | None:
    uri = text_of(item.get("uri"))
    if not uri:
        return None
    member = tree.resolve_uri(uri)
    kind = member_kind(tree, member) if member else kind_by_name(uri)
    metadata = item.get("media_metadata")
    if kind is MediaKind.UNKNOWN:  # a nameless file that is not in the download: trust the metadata
        video = isinstance(metadata, Mapping) and "video_metadata" in metadata
        kind = MediaKind.VIDEO if video else MediaKind.IMAGE
    geo, extra = media_facts(metadata)
    return Media(
        uri=uri,
        member=member,
        kind=kind,
        title=text_of(item.get("title")),
        pointer=pointer,
        created_at=epoch_to_datetime(item.get("creation_timestamp")),
        geo=geo,
        extra=extra,
    )


def content_items(tree: Tree, member: str, record: object, pointer: str, field: str, album: str) -> Iterator[Record]:
    """One post-like record (a post with `media`, or a bare media item) -> POST and PHOTO items.

    `field` "" means the list has no post text of its own (profile photos): only PHOTO items.
    """
    if not isinstance(record, Mapping):
        yield skip(tree, member, "expected a post object here", pointer)
        return
    raw_media = record.get("media")
    if isinstance(raw_media, list):
        entries = [(pointer_join(pointer, "media", i), m) for i, m in enumerate(raw_media) if isinstance(m, Mapping)]
    elif "uri" in record:
        entries = [(pointer, record)]
    else:
        entries = []
    caption, caption_pointer = text_of(record.get("title")), pointer_join(pointer, "title")
    if not caption and len(entries) == 1:
        caption, caption_pointer = text_of(entries[0][1].get("title")), pointer_join(entries[0][0], "title")
    media = [m for p, e in entries if (m := resolve_media(tree, e, p)) is not None]
    if not media and not caption:
        yield skip(tree, member, "post has neither media nor a caption", pointer)
        return
    when = epoch_to_datetime(record.get("creation_timestamp")) or next(
        (m.created_at for m in media if m.created_at), None
    )
    for item in media:
        if not item.member and not item.uri.startswith(("http://", "https://")):
            yield skip(
                tree,
                member,
                f"media file {PurePosixPath(item.uri).name} is not in the download",
                pointer_join(item.pointer, "uri"),
                stage="media",
            )
    if field:
        video_geo = tuple(g for m in media if m.kind is MediaKind.VIDEO for g in m.geo)
        extra = {"album": album} if album else {}
        native = media[0].stem if media else ""
        yield Item(
            kind=ItemKind.POST,
            platform=PLATFORM,
            source=tree.ref(member, caption_pointer if caption else pointer),
            identity=stable_identity(PLATFORM, ItemKind.POST, native_id=native, when=when, content=caption),
            created_at=when,
            text=caption,
            field=field,
            geo=video_geo,
            media=tuple(m.ref for m in media),
            extra=extra,
        )
    for item in media:
        if item.kind is MediaKind.IMAGE:
            yield photo_item(tree, member, item, caption=caption, album=album, when=when)


def photo_item(tree: Tree, member: str, media: Media, *, caption: str, album: str, when: datetime | None) -> Item:
    own_text = media.title if media.title and media.title != caption else ""
    context = " ".join(t for t in (caption, own_text, album, PurePosixPath(media.uri).name) if t)
    extra = {"context": context, **media.extra}
    if album:
        extra["album"] = album
    return Item(
        kind=ItemKind.PHOTO,
        platform=PLATFORM,
        source=tree.ref(member, media.pointer),
        identity=stable_identity(PLATFORM, ItemKind.PHOTO, native_id=media.stem, when=when, content=media.uri),
        created_at=media.created_at or when,
        text=own_text,
        field="photo",
        geo=media.geo,
        media=(media.ref,),
        extra=extra,
    )
