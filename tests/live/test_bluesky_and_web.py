"""Bluesky and personal web pages against local servers shaped like the real ones."""

from __future__ import annotations

import io
import json
from typing import Any
from urllib.parse import parse_qs

import piexif
import pytest
from PIL import Image

from exposure_audit.live import LiveOptions, check_specs, collect_one
from exposure_audit.live.client import ClientSettings, PoliteClient
from exposure_audit.live.safety import AddressPolicy
from exposure_audit.media.metadata import read_photo_facts
from exposure_audit.model import ItemKind, Platform

pytestmark = pytest.mark.network

FAST = ClientSettings(per_host_interval_s=0.0, backoff_s=0.01, timeout_s=5.0)


def _client() -> PoliteClient:
    return PoliteClient(AddressPolicy(allow_private=True), FAST)


def geotagged_jpeg() -> bytes:
    gps = {
        piexif.GPSIFD.GPSLatitudeRef: b"S",
        piexif.GPSIFD.GPSLatitude: ((34, 1), (27, 1), (4620, 100)),
        piexif.GPSIFD.GPSLongitudeRef: b"E",
        piexif.GPSIFD.GPSLongitude: ((150, 1), (54, 1), (510, 100)),
    }
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (120, 60, 30)).save(out, "JPEG", exif=piexif.dump({"GPS": gps}))
    return out.getvalue()


def test_bluesky_pages_the_author_feed_and_skips_reposts(server: Any) -> None:
    server.json(
        "/xrpc/app.bsky.actor.getProfile",
        json.dumps(
            {
                "did": "did:plc:abc123",
                "handle": "quinn.bsky.social",
                "displayName": "Quinn",
                "description": "Border Force officer, views my own",
            }
        ),
    )

    def feed(request: Any) -> tuple[int, dict[str, str], bytes]:
        cursor = int(parse_qs(request.query).get("cursor", ["0"])[0])
        posts = [
            {
                "post": {
                    "uri": f"at://did:plc:abc123/app.bsky.feed.post/{i}",
                    "record": {"text": f"post {i}", "createdAt": "2026-05-01T07:30:00Z"},
                }
            }
            for i in range(cursor, min(cursor + 100, 250))
        ]
        posts.append(
            {
                "post": {"uri": "at://did:plc:other/app.bsky.feed.post/x", "record": {"text": "someone else"}},
                "reason": {"$type": "app.bsky.feed.defs#reasonRepost"},
            }
        )
        body: dict[str, Any] = {"feed": posts}
        if cursor + 100 < 250:
            body["cursor"] = str(cursor + 100)
        return 200, {"Content-Type": "application/json"}, json.dumps(body).encode()

    server.route("/xrpc/app.bsky.feed.getAuthorFeed", feed)
    options = LiveOptions(bluesky_appview=server.base, client=FAST)
    collected = collect_one(_client(), "bluesky:quinn.bsky.social", "bluesky", "quinn.bsky.social", options)
    posts = [i for i in collected.items if i.kind is ItemKind.POST]
    assert len(posts) == 250 and not any("someone else" in p.text for p in posts)
    assert server.hits("/xrpc/app.bsky.feed.getAuthorFeed") == 3
    assert collected.platform is Platform.BLUESKY and all(i.public for i in collected.items)


def test_web_pages_follow_same_site_links_honour_robots_and_read_feeds_and_images(server: Any) -> None:
    page = """<html><head><title>Quinn's swim blog</title>
      <link rel="alternate" type="application/rss+xml" href="/feed.xml"></head>
      <body><p>Hi! Off-duty I swim.</p><a href="/about">About</a><a href="/private/x">x</a>
      <a href="https://elsewhere.example/">other site</a><img src="/img/beach.jpg" alt="North beach">
      <script>document.title = "pwned"</script></body></html>"""
    server.route("/", lambda _r: (200, {"Content-Type": "text/html; charset=utf-8"}, page.encode()))
    server.route(
        "/about",
        lambda _r: (200, {"Content-Type": "text/html"}, b"<html><body>I work at the ABF cargo hall</body></html>"),
    )
    server.route("/private/x", lambda _r: (200, {"Content-Type": "text/html"}, b"<html>secret</html>"))
    robots = b"User-agent: *\nDisallow: /private/\n"
    server.route("/robots.txt", lambda _r: (200, {"Content-Type": "text/plain"}, robots))
    server.route("/img/beach.jpg", lambda _r: (200, {"Content-Type": "image/jpeg"}, geotagged_jpeg()))
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title>
      <item><title>New roster</title><link>https://x.example/1</link>
      <description>&lt;p&gt;Night shift at the terminal again&lt;/p&gt;</description>
      <pubDate>Mon, 04 May 2026 07:30:00 GMT</pubDate></item></channel></rss>"""
    server.route("/feed.xml", lambda _r: (200, {"Content-Type": "application/rss+xml"}, feed.encode()))
    options = LiveOptions(max_pages=10, client=FAST)
    collected = collect_one(_client(), f"{server.base}/", "web", f"{server.base}/", options)
    texts = " | ".join(i.text for i in collected.items)
    assert "ABF cargo hall" in texts and "Night shift at the terminal" in texts
    assert "secret" not in texts and server.hits("/private/x") == 0
    assert "pwned" not in texts
    assert any("robots.txt" in s.reason for s in collected.skipped)
    (photo,) = [i for i in collected.items if i.kind is ItemKind.PHOTO]
    facts = read_photo_facts(io.BytesIO(collected.files[photo.media[0].member]))
    assert facts.lat is not None and facts.lat < -34.4


@pytest.mark.parametrize("spec", ["myspace:quinn", "mastodon:quinn", "bluesky:", "ftp://x.example/"])
def test_malformed_specs_are_usage_errors(spec: str) -> None:
    from exposure_audit.errors import UsageError

    with pytest.raises(UsageError):
        check_specs([spec])
