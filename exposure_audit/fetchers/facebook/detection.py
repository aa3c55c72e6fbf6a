"""What marks a Facebook download (JSON or HTML, every layout): loaded for detection without the readers."""

from __future__ import annotations

from exposure_audit.fetchers.base import count_markers, marker
from exposure_audit.fetchers.common.meta_signatures import has_meta_signature
from exposure_audit.sources.archive import Tree

MARKERS = (
    marker(
        "profile_information/profile_information.json (or .html)",
        r"(^|/)profile_information/profile_information\.(json|html?)$",
    ),
    marker(
        "posts/your_posts_N.json or your_posts__check_ins__photos_and_videos_N.json (or .html)",
        r"(^|/)your_posts(__check_ins__photos_and_videos)?(_\d+)?\.(json|html?)$",
    ),
    marker(
        "a your_facebook_activity/ or your_activity_across_facebook/ folder",
        r"(^|/)(your_facebook_activity|your_activity_across_facebook)/",
    ),
    marker(
        "friends/friends.json or connections/friends/your_friends.json (or .html)",
        r"(^|/)friends(_and_followers)?/(your_)?friends\.(json|html?)$",
    ),
    marker(
        "comments/comments.json or comments_and_reactions/comments.json (or .html)",
        r"(^|/)comments(_and_reactions)?/comments\.(json|html?)$",
    ),
)


def detect(tree: Tree) -> int:
    # Renamed or partial downloads (an album-only folder) are known by content; 2 outranks a photo folder.
    return count_markers(MARKERS, tree) or (2 if has_meta_signature(tree) else 0)
