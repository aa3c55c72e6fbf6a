"""Google Takeout, Google Photos: media files and their JSON sidecars, folder by folder.

`Takeout/Google Photos/<album | Photos from YYYY>/` holds the media, a sidecar per media file (see
`sidecars.py` for how names are matched) and, for albums, `metadata.json`. A multi-part
Takeout may put a photo and its sidecar in different zips; the tree merges the parts, so they meet
in the same folder again.

Each media file becomes one PHOTO item: the sidecar's description is its text, `people[].name` its
people, `photoTakenTime` (else `creationTime`) its date, and `geoData` (the location as edited in
Google Photos) and `geoDataExif` (the camera's) its GeoPoints, 0.0/0.0 meaning none. The engine's
photo phase adds what the file's own EXIF says. A photo without a sidecar is still one item, from
the image alone.

A sidecar whose photo is not in the download (a part of the Takeout was not given, or the photo was
excluded) still becomes one PHOTO item with `media.member == ""` and `extra["sidecar_only"]`: the
location, people and description it records are in the person's Google account whether or not the
file came along, so they are reported rather than skipped.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any, ClassVar

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import (
    Match,
    Peek,
    Reading,
    Record,
    Route,
    RoutedFetcher,
    epoch_to_datetime,
    skip,
    stable_identity,
)
from exposure_audit.fetchers.common.jsonio import read_json
from exposure_audit.fetchers.google_photos.detection import MARKERS, SIDECAR_NAME
from exposure_audit.fetchers.google_photos.sidecars import ALBUM_METADATA_NAMES, is_media_path, pair_folder
from exposure_audit.model import GeoPoint, Item, ItemKind, MediaRef, Platform, Precision
from exposure_audit.sources.archive import Tree

_YEAR_FOLDER = re.compile(r"^(Photos from|Fotos von|Fotos de|Photos de|Foto dal|Foto's uit) \d{4}$", re.IGNORECASE)
_PHOTO_URL_ID = re.compile(r"/photo/([A-Za-z0-9_-]{8,})")
_GEO_FIELDS = ("geoData", "geoDataExif")
_SIDECAR_KEYS = ("title", "photoTakenTime", "creationTime", "geoData", "geoDataExif", "url", "people")


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _timestamp(sidecar: dict[str, Any], key: str) -> Any:
    value = sidecar.get(key)
    return value.get("timestamp") if isinstance(value, dict) else None


def sidecar_geo(sidecar: dict[str, Any], at: Any = None) -> tuple[GeoPoint, ...]:
    """geoData and geoDataExif as GeoPoints; 0.0/0.0, missing or impossible values mean none."""
    points = []
    for key in _GEO_FIELDS:
        value = sidecar.get(key)
        if not isinstance(value, dict):
            continue
        try:
            lat, lon = float(value.get("latitude", 0.0)), float(value.get("longitude", 0.0))
        except (TypeError, ValueError):
            continue
        if (lat == 0.0 and lon == 0.0) or not (math.isfinite(lat) and math.isfinite(lon)):
            continue
        if -90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0:
            points.append(GeoPoint(lat=lat, lon=lon, precision=Precision.GPS, origin=key, at=at))
    return tuple(points)


def sidecar_people(sidecar: dict[str, Any]) -> tuple[str, ...]:
    people = sidecar.get("people")
    names = [_text(p.get("name")) for p in people if isinstance(p, dict)] if isinstance(people, list) else []
    return tuple(n for n in names if n)


def _album(tree: Tree, folder: str, metadata: str) -> tuple[str, str, list[Record]]:
    """(album title, album description, skips) from the folder's metadata.json or its name."""
    name = PurePosixPath(folder).name
    title = "" if _YEAR_FOLDER.match(name) else name
    if not metadata:
        return title, "", []
    try:
        document = read_json(tree, metadata)
    except MemberError as exc:
        return title, "", [skip(tree, metadata, exc.reason)]
    if isinstance(document, dict) and isinstance(document.get("albumData"), dict):
        document = document["albumData"]  # the older shape
    if not isinstance(document, dict):
        return title, "", [skip(tree, metadata, "album metadata is not a JSON object")]
    return _text(document.get("title")) or title, _text(document.get("description")), []


def folder_of(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def _named(path: str) -> bool:
    """A media file, a sidecar by its name, or an album's metadata.json."""
    return (
        is_media_path(path)
        or bool(SIDECAR_NAME.search(path))
        or PurePosixPath(path).name.lower() in ALBUM_METADATA_NAMES
    )


def _media_folders(tree: Tree) -> frozenset[str]:
    return frozenset(folder_of(path) for path in tree.members if is_media_path(path))


def _beside_media(peek: Peek) -> bool:
    """In a folder with media any JSON may be a sidecar whose name was cut beyond recognition."""
    return peek.path.lower().endswith(".json") and folder_of(peek.path) in peek.fact(_media_folders)


def read_folder(reading: Reading) -> Iterator[Record]:
    """A folder's media, sidecars and album metadata (planned as one task): one item per photo."""
    tree, platform, members = reading.tree, reading.platform, reading.members
    folder = folder_of(members[0])
    prefix = folder + "/" if folder else ""
    pairing = pair_folder([PurePosixPath(p).name for p in members])
    metadata = prefix + pairing.album_metadata if pairing.album_metadata else ""
    title, description, skips = _album(tree, folder, metadata)
    yield from skips
    if title or description:  # an album's name and description are words the person wrote
        text = "\n".join(p for p in (title, description) if p)
        yield Item(
            kind=ItemKind.POST,
            platform=platform,
            source=tree.ref(metadata or members[0]),
            identity=stable_identity(platform, ItemKind.POST, content=f"album\x1f{text}"),
            text=text,
            field="album",
        )
    album = {"album": title, "album_description": description}
    for sidecar_name, media in pairing.groups:
        yield from _group(tree, platform, prefix, sidecar_name, media, album)


def _group(
    tree: Tree, platform: Platform, prefix: str, sidecar_name: str, media: list[str], album: dict[str, str]
) -> Iterator[Record]:
    sidecar: dict[str, Any] = {}
    sidecar_path = prefix + sidecar_name if sidecar_name else ""
    if sidecar_path:
        try:
            document = read_json(tree, sidecar_path)
        except MemberError as exc:
            document = None
            yield skip(tree, sidecar_path, exc.reason)
        if isinstance(document, dict) and any(key in document for key in _SIDECAR_KEYS):
            sidecar = document
        elif document is not None:
            yield skip(tree, sidecar_path, "not a Google Photos sidecar (no title, times or location)")
    if sidecar_path and not media:
        if sidecar:
            yield _item(tree, platform, sidecar_path, "", sidecar, album)
        return
    for name in media:
        yield _item(tree, platform, sidecar_path, prefix + name, sidecar, album)


def _item(
    tree: Tree, platform: Platform, sidecar_path: str, media_path: str, sidecar: dict[str, Any], album: dict[str, str]
) -> Item:
    title = _text(sidecar.get("title"))
    description = _text(sidecar.get("description"))
    taken = epoch_to_datetime(_timestamp(sidecar, "photoTakenTime")) or epoch_to_datetime(
        _timestamp(sidecar, "creationTime")
    )
    file_name = PurePosixPath(media_path).name if media_path else title
    origin = sidecar.get("googlePhotosOrigin")
    device = origin.get("mobileUpload") if isinstance(origin, dict) else None
    device_folder = device.get("deviceFolder") if isinstance(device, dict) else None
    local_folder = _text(device_folder.get("localFolderName")) if isinstance(device_folder, dict) else ""
    context = " / ".join(
        p for p in (album["album"], album["album_description"], local_folder, file_name, description) if p
    )
    extra = {
        "context": context,
        "album": album["album"],
        "title": title,
        "sidecar": sidecar_path,
        "device_type": _text(device.get("deviceType")) if isinstance(device, dict) else "",
        "sidecar_only": "the photo file is not in this download" if not media_path else "",
    }
    url_id = _PHOTO_URL_ID.search(_text(sidecar.get("url")))
    native = url_id.group(1) if url_id else ""
    content = (
        f"{title}\x1f{_timestamp(sidecar, 'photoTakenTime')}"
        if sidecar
        else f"{file_name}\x1f{tree.members[media_path].size}"
    )
    if sidecar and media_path and file_name != title:
        # An edited copy or a Live photo's video shares the sidecar; its file name tells it apart.
        native, content = (native + ":" + file_name if native else ""), content + "\x1f" + file_name
    return Item(
        kind=ItemKind.PHOTO,
        platform=platform,
        source=tree.ref(media_path or sidecar_path),
        identity=stable_identity(platform, ItemKind.PHOTO, native_id=native, content=content),
        created_at=taken,
        text=description,
        field="photo",
        people=sidecar_people(sidecar),
        geo=sidecar_geo(sidecar, taken),
        media=(MediaRef(uri=media_path or title or sidecar_path, member=media_path),),
        extra={k: v for k, v in extra.items() if v},
        url=f"https://photos.google.com/photo/{url_id.group(1)}" if url_id else "",
    )


class GooglePhotosFetcher(RoutedFetcher):
    platform = Platform.GOOGLE_PHOTOS
    markers = MARKERS
    known_irrelevant: ClassVar[tuple[re.Pattern[str], ...]] = (
        re.compile(
            r"(^|/)(archive_browser\.html|print-subscriptions\.json|user-generated-memory-titles\.json)$", re.IGNORECASE
        ),
    )

    # One task per folder that holds media or sidecars (the engine batches the photos' EXIF), folders
    # in order and each folder's members sorted. Whether a JSON file with another name is a sidecar
    # depends on what else its folder holds: `_beside_media` asks the plan's download-wide facts.
    routes = (Route("folder", Match(name=_named, content=_beside_media), read_folder, whole=True, group=folder_of),)
    by_route_order = True

    def path_order(self, path: str) -> object:
        return folder_of(path), path


FETCHER = GooglePhotosFetcher
