"""What marks a plain photo folder: loaded for detection without the reader.

A tree whose members are mostly images (videos and sidecar junk count with them) and that holds none
of the media folders of a platform download, so that a media-only part of a Facebook, Instagram, X or
Google download joins that download instead.
"""

from __future__ import annotations

import re

from exposure_audit.fetchers.base import VIDEO_SUFFIXES, Marker, is_image_path
from exposure_audit.sources.archive import Tree

JUNK = re.compile(r"(^|/)(\.DS_Store|Thumbs\.db|desktop\.ini|\.nomedia|__MACOSX/.*|\._[^/]*)$", re.IGNORECASE)
SIDECARS = re.compile(r"\.(aae|xmp|thm)$", re.IGNORECASE)
# Media folders of platform downloads: a media-only part of such a download is not a camera roll.
_PLATFORM_MEDIA = re.compile(
    r"(^|/)(your_facebook_activity|your_instagram_activity|photos_and_videos|messages/inbox|media/posts"
    r"|media/stories|posts/media|tweets_media|direct_messages_media|Takeout|Google Photos)/",
    re.IGNORECASE,
)

MARKERS = (
    Marker(
        "a folder of images (JPEG, PNG, WebP, TIFF, HEIC)",
        re.compile(r"\.(jpe?g|png|webp|tiff?|heic|heif)$", re.IGNORECASE),
    ),
)


def is_video_path(path: str) -> bool:
    return path.lower().endswith(VIDEO_SUFFIXES)


def detect(tree: Tree) -> int:
    members = [p for p in tree.members if not JUNK.search(p) and not SIDECARS.search(p)]
    images = sum(1 for p in members if is_image_path(p))
    media = images + sum(1 for p in members if is_video_path(p))
    if not images or media * 2 < len(members):
        return 0
    if any(_PLATFORM_MEDIA.search(p) for p in members):
        return 0
    return 1
