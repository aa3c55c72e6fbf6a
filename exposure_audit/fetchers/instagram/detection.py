"""What marks an Instagram download (every layout since 2018): loaded for detection without the readers."""

from __future__ import annotations

from exposure_audit.fetchers.base import marker

MARKERS = (
    marker("your_instagram_activity/", r"(^|/)your_instagram_activity/"),
    marker("personal_information.json or .html", r"(^|/)personal_information\.(json|html)$"),
    marker("content/posts_1.json or media/posts_1.json", r"(^|/)(content|media)/posts_\d+\.(json|html)$"),
    marker("media.json with profile.json (2018-2020)", r"(^|/)media\.json$"),
    marker("media/posts/YYYYMM/ files", r"(^|/)media/(posts|stories|reels|profile)/\d{6}/"),
)
