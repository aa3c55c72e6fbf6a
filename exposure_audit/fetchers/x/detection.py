"""What marks an X (Twitter) archive: loaded for detection without the readers."""

from __future__ import annotations

from exposure_audit.fetchers.base import marker

MARKERS = (
    marker("data/manifest.js (window.__THAR_CONFIG)", r"(^|/)manifest\.js$"),
    marker("tweets.js or tweet.js", r"(^|/)tweets?(-part\d+)?\.js$"),
    marker("account.js", r"(^|/)account\.js$"),
    marker("Your archive.html", r"(^|/)your archive\.html$"),
    marker("tweets_media/ folder", r"(^|/)tweets?_media/"),
)
