"""What marks a plain photo folder: loaded for detection without the reader.

A tree whose members are mostly images (videos and sidecar junk count with them) and that holds none
of the media folders of a platform download, so that a media-only part of a Facebook, Instagram, X or
Google download joins that download instead.
"""

from __future__ import annotations

import re
from itertools import filterfalse

from exposure_audit.fetchers.base import VIDEO_SUFFIXES, is_image_path, marker
from exposure_audit.sources.archive import Tree

JUNK = re.compile(r"(^|/)(\.DS_Store|Thumbs\.db|desktop\.ini|\.nomedia|__MACOSX/.*|\._[^/]*)$", re.IGNORECASE)
SIDECARS = re.compile(r"\.(aae|xmp|thm)$", re.IGNORECASE)
# Media folders of platform downloads: a media-only part of such a download is not a camera roll.
_PLATFORM_MEDIA = re.compile(
    r"(^|/)(your_facebook_activity|your_instagram_activity|photos_and_videos|messages/inbox|media/posts"
    r"|media/stories|posts/media|tweets_media|direct_messages_media|Takeout|Google Photos)/",
    re.IGNORECASE,
)

MARKERS = (marker("a folder of images (JPEG, PNG, WebP, TIFF, HEIC)", r"\.(jpe?g|png|webp|tiff?|heic|heif)$"),)


def is_video_path(path: str) -> bool:
    return path.lower().endswith(VIDEO_SUFFIXES)


# JUNK or SIDECARS in one search: detection looks at every member of every input (10,000 photos each).
_NOT_COUNTED = re.compile(f"(?:{JUNK.pattern})|(?:{SIDECARS.pattern})", re.IGNORECASE)


def detect(tree: Tree) -> int:
    members = list(filterfalse(_NOT_COUNTED.search, tree.members))  # the loops run in C
    images = sum(map(is_image_path, members))
    media = images + sum(map(is_video_path, members))
    if not images or media * 2 < len(members):
        return 0
    if any(map(_PLATFORM_MEDIA.search, members)):
        return 0
    return 1
