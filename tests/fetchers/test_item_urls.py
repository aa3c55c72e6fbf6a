"""Each record's own address on its platform, where the download gives one (Item.url): X tweets by
id, LinkedIn shares by their ShareLink and comments by the post they are on, Google Photos by the
sidecar's url. Instagram and Facebook downloads give none for posts."""

from __future__ import annotations

import re

from exposure_audit.fetchers.google_photos.fetcher import GooglePhotosFetcher
from exposure_audit.fetchers.linkedin.fetcher import LinkedInFetcher
from exposure_audit.fetchers.x.fetcher import XArchiveFetcher
from exposure_audit.model import ItemKind
from tests.conftest import FIXTURES, fetch_all


def test_tweets_link_to_their_status_page() -> None:
    items, _, tree = fetch_all(XArchiveFetcher(), [FIXTURES / "x" / "x-2024-manifest"])
    tree.close()
    posts = [i for i in items if i.kind is ItemKind.POST and i.field == "tweet"]
    assert posts and all(re.fullmatch(r"https://x\.com/i/status/\d+", i.url) for i in posts)
    photos = [i for i in items if i.kind is ItemKind.PHOTO]
    assert photos and all(i.url.startswith("https://x.com/i/status/") for i in photos)
    assert all(i.url == "" for i in items if i.kind is ItemKind.PROFILE)


def test_linkedin_shares_and_comments_link_to_the_post() -> None:
    items, _, tree = fetch_all(LinkedInFetcher(), [FIXTURES / "linkedin" / "complete"])
    tree.close()
    shares = [i for i in items if i.field == "share"]
    assert shares and all(i.url.startswith("https://www.linkedin.com/") for i in shares if i.extra.get("link"))
    assert any(i.url for i in shares)
    comments = [i for i in items if i.field == "comment"]
    assert all(i.url == i.extra.get("on", "") or not i.url for i in comments)
    assert all(i.url == "" for i in items if i.kind in (ItemKind.PROFILE, ItemKind.CONTACT))


def test_google_photos_link_to_the_photo() -> None:
    items, _, tree = fetch_all(GooglePhotosFetcher(), [FIXTURES / "google-photos" / "takeout"])
    tree.close()
    linked = [i for i in items if i.url]
    assert linked and all(re.fullmatch(r"https://photos\.google\.com/photo/[A-Za-z0-9_-]{8,}", i.url) for i in linked)
