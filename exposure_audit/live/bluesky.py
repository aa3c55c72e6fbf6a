"""What anyone can see of a Bluesky account, through the public AppView (no login).

`app.bsky.actor.getProfile` gives display name, description and avatar; `app.bsky.feed.getAuthorFeed`
pages through the account's posts with a cursor. Reposts are other people's posts and are left out.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from exposure_audit.live.client import FetchError, PoliteClient, json_answer
from exposure_audit.live.collected import Collected, parse_time, public_item
from exposure_audit.live.images import ImageFetcher
from exposure_audit.live.safety import RefusedAddress
from exposure_audit.model import ItemKind, Platform

DEFAULT_APPVIEW = "https://public.api.bsky.app"
PAGE_SIZE = 100


def _post_url(handle: str, uri: str) -> str:
    rkey = uri.rsplit("/", 1)[-1]
    return f"https://bsky.app/profile/{handle}/post/{rkey}"


def _images(embed: Any) -> list[dict[str, Any]]:
    """Image views of a post's embed, including images inside a record-with-media embed."""
    if not isinstance(embed, dict):
        return []
    images = embed.get("images")
    if isinstance(images, list):
        return [i for i in images if isinstance(i, dict)]
    return _images(embed.get("media"))


class BlueskySource:
    def __init__(self, client: PoliteClient, handle: str, *, appview: str, max_items: int,
                 images: ImageFetcher) -> None:
        self.client = client
        self.handle = handle.strip().removeprefix("@")
        if not self.handle:
            raise ValueError("expected a handle such as name.bsky.social")
        self.appview = appview.rstrip("/")
        self.max_items = max_items
        self.images = images

    def _xrpc(self, method: str, **params: str | int) -> str:
        return f"{self.appview}/xrpc/{method}?{urlencode(params)}"

    def collect(self, label: str) -> Collected:
        collected = Collected(label=label, platform=Platform.BLUESKY)
        url = self._xrpc("app.bsky.actor.getProfile", actor=self.handle)
        try:
            profile = json_answer(self.client.get(url))
            if not isinstance(profile, dict) or "did" not in profile:
                raise FetchError(f"{url}: the answer is not a profile")
        except (FetchError, RefusedAddress) as exc:
            collected.skip(url, str(exc))
            return collected
        self._profile(collected, profile)
        self._feed(collected, str(profile["did"]))
        return collected

    def _profile(self, collected: Collected, profile: dict[str, Any]) -> None:
        page = f"https://bsky.app/profile/{self.handle}"
        ident = f"bluesky:{profile['did']}"
        for field_name, key in (("name", "displayName"), ("bio", "description")):
            value = profile.get(key)
            if isinstance(value, str) and value.strip():
                collected.items.append(public_item(collected, kind=ItemKind.PROFILE, url=page, text=value.strip(),
                                                   identity=f"{ident}:{field_name}", field_name=field_name))
        if isinstance(profile.get("avatar"), str):
            self.images.fetch(collected, image_url=profile["avatar"], page_url=page, identity=f"{ident}:avatar",
                              context="profile photo")

    def _feed(self, collected: Collected, did: str) -> None:
        seen = 0
        cursor = ""
        while seen < self.max_items:
            params: dict[str, str | int] = {"actor": did, "limit": min(PAGE_SIZE, self.max_items - seen)}
            if cursor:
                params["cursor"] = cursor
            url = self._xrpc("app.bsky.feed.getAuthorFeed", **params)
            try:
                answer = json_answer(self.client.get(url))
            except (FetchError, RefusedAddress) as exc:
                collected.skip(url, str(exc))
                return
            feed = answer.get("feed") if isinstance(answer, dict) else None
            if not isinstance(feed, list) or not feed:
                return
            for entry in feed:
                if seen >= self.max_items:
                    return
                if isinstance(entry, dict) and isinstance(entry.get("post"), dict) and not entry.get("reason"):
                    self._post(collected, entry["post"])
                    seen += 1
            cursor = str(answer.get("cursor") or "")
            if not cursor:
                return

    def _post(self, collected: Collected, post: dict[str, Any]) -> None:
        raw_record = post.get("record")
        record: dict[str, Any] = raw_record if isinstance(raw_record, dict) else {}
        uri = str(post.get("uri", ""))
        url = _post_url(self.handle, uri)
        text = str(record.get("text") or "")
        created = parse_time(record.get("createdAt") or post.get("indexedAt"))
        collected.items.append(public_item(collected, kind=ItemKind.POST, url=url, identity=f"bluesky:{uri}",
                                           text=text, field_name="post", created_at=created))
        for index, image in enumerate(_images(post.get("embed"))):
            source = image.get("fullsize") or image.get("thumb")
            if isinstance(source, str):
                self.images.fetch(collected, image_url=source, page_url=url, identity=f"bluesky:{uri}:image:{index}",
                                  context=text, description=str(image.get("alt") or ""))
