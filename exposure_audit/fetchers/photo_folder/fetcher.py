"""Plain photo folders: a phone's camera roll or a pictures folder copied to disk (or zipped).

Each image becomes one PHOTO item whose media points at the file; the engine's photo phase then
reads what the file itself says (EXIF GPS, capture time, camera make, model and serial number) for
JPEG, PNG, WebP, TIFF and HEIC/HEIF alike, and lists an unreadable image as skipped. What this
fetcher adds is the text around each photo: its folder names ("Holiday 2024", "Work do") and file
name (unless the camera gave it, as IMG_0001: media/file_names.py) go into `extra["context"]`, the
folder into `extra["album"]`, and a capture time written into the file name by the camera app into
`extra["filename.taken_local"]` (local time, zone unknown).

Detection (detection.py): a tree whose members are mostly images (videos and sidecar junk count with them) and
that holds none of the media folders of a platform download, so that a media-only part of a
Facebook, Instagram, X or Google download joins that download instead. The fetcher is last in the
detection order: any platform marker wins over it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from typing import ClassVar

from exposure_audit.fetchers.base import (
    Match,
    Reading,
    Record,
    Route,
    RoutedFetcher,
    is_image_path,
    stable_identity,
)
from exposure_audit.fetchers.photo_folder import detection
from exposure_audit.fetchers.photo_folder.detection import JUNK, MARKERS, SIDECARS
from exposure_audit.media.file_names import camera_made
from exposure_audit.model import Item, ItemKind, MediaRef, Platform
from exposure_audit.sources.archive import Tree

# Images per unit of work: no more than engine.PHOTOS_IN_TASK, so that the unit that lists them also
# puts them through the photo stage (engine.PhotosInTask) and they need not travel to the parent and
# back; and no fewer, as each unit costs the main process a little.
TASK_PHOTOS = 128

# Camera and messaging apps write the capture time into the name: IMG_20240302_081502, PXL_2024...,
# Screenshot_20240305-101500, "WhatsApp Image 2024-03-05 at 10.15.00", signal-2024-03-05-101500.
_NAME_TIME = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_.]?(\d{2})[-_.]?(\d{2})(?:[ _T-]|\sat\s)(\d{2})[-_.:]?(\d{2})[-_.:]?(\d{2})(?!\d)"
)
# Folder names that say nothing about the photo (device and app structure).
_GENERIC_FOLDERS = re.compile(r"^(dcim|camera|\d{3}[a-z_]{0,8}|pictures|photos|images|media)$", re.IGNORECASE)


def taken_from_name(name: str) -> datetime | None:
    """The capture time a camera or messaging app wrote into a file name (naive local time)."""
    match = _NAME_TIME.search(name)
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(part) for part in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None


def posix_parts(path: str) -> list[str]:
    """The parts of a member's path as PurePosixPath gives them, without building one: this runs
    on every photo of a folder, and the path object cost more than the rest of the record."""
    parts = [part for part in path.split("/") if part and part != "."]
    return ["/", *parts] if path.startswith("/") else parts


def photo_context(path: str) -> tuple[str, str]:
    """(context, album) of an image: its meaningful folder names and its file name, unless the camera
    gave that name (IMG_0001.jpg holds no word the person chose)."""
    parts = posix_parts(path)
    folders = [p for p in parts[:-1] if not _GENERIC_FOLDERS.match(p)]
    album = folders[-1] if folders else ""
    named = [] if camera_made(parts[-1]) else [parts[-1]]
    return " / ".join([*folders, *named]), album


def read_photo(reading: Reading) -> Iterator[Record]:
    tree, member, platform = reading.tree, reading.member, reading.platform
    size = tree.members[member].size if member in tree.members else 0
    name = posix_parts(member)[-1]
    context, album = photo_context(member)
    extra = {"context": context, "album": album}
    taken = taken_from_name(name)
    if taken is not None:
        extra["filename.taken_local"] = taken.isoformat()
    yield Item(
        kind=ItemKind.PHOTO,
        platform=platform,
        source=tree.ref(member),
        # The file name and size, not the path: the same photo keeps its identity when the
        # folder is zipped under another top folder or moved.
        identity=stable_identity(platform, ItemKind.PHOTO, content=f"{name}\x1f{size}"),
        field="photo",
        media=(MediaRef(uri=member, member=member),),
        extra={k: v for k, v in extra.items() if v},
    )


class PhotoFolderFetcher(RoutedFetcher):
    platform = Platform.PHOTOS
    markers = MARKERS
    known_irrelevant: ClassVar[tuple[re.Pattern[str], ...]] = (
        JUNK,
        SIDECARS,
        re.compile(r"\.(mp4|mov|m4v|3gp|avi|webm)$", re.IGNORECASE),
    )
    routes = (Route("photo", Match(name=is_image_path), read_photo, batch=TASK_PHOTOS),)

    def detect(self, tree: Tree) -> int:
        return detection.detect(tree)


FETCHER = PhotoFolderFetcher
