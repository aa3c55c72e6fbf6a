"""What anyone can see of a Bluesky account, through the public AppView (no login).

`app.bsky.actor.getProfile` gives display name, description and avatar; `app.bsky.feed.getAuthorFeed`
pages through the account's posts with a cursor. Reposts are other people's posts and are left out.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from exposure_audit.live.api_schema import BlueskyPost, BlueskyProfile, SchemaError, bluesky_feed, bluesky_profile
from exposure_audit.live.client import FetchError, PoliteClient, json_answer
from exposure_audit.live.collected import Collected, parse_time, public_item
from exposure_audit.live.images import ImageFetcher
from exposure_audit.live.safety import RefusedAddress
from exposure_audit.model import ItemKind, Platform

DEFAULT_APPVIEW = "https://public.api.bsky.app"
PAGE_SIZE = 100


def _post_url(handle: str, uri: str) -> str:
    rkey = uri.rsplit("/", 1)[-1]
    return f"https://bsky.app/profile/{quote(handle, safe='.:')}/post/{quote(rkey, safe='')}"


class BlueskySource:
    def __init__(
        self, client: PoliteClient, handle: str, *, appview: str, max_items: int, images: ImageFetcher
    ) -> None:
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
            try:
                profile = bluesky_profile(json_answer(self.client.get(url), self.client.limits))
            except SchemaError as exc:
                raise FetchError(f"{url}: the answer is not a profile ({exc})") from None
        except (FetchError, RefusedAddress) as exc:
            collected.skip(url, str(exc))
            return collected
        self._profile(collected, profile)
        self._feed(collected, profile.did)
        return collected

    def _profile(self, collected: Collected, profile: BlueskyProfile) -> None:
        page = f"https://bsky.app/profile/{quote(self.handle, safe='.:')}"
        ident = f"bluesky:{profile.did}"
        for field_name, value in (("name", profile.display_name), ("bio", profile.description)):
            if value.strip():
                collected.items.append(
                    public_item(
                        collected,
                        kind=ItemKind.PROFILE,
                        url=page,
                        text=value.strip(),
                        identity=f"{ident}:{field_name}",
                        field_name=field_name,
                    )
                )
        if profile.avatar:
            self.images.fetch(
                collected, image_url=profile.avatar, page_url=page, identity=f"{ident}:avatar", context="profile photo"
            )

    def _feed(self, collected: Collected, did: str) -> None:
        seen = 0
        cursor = ""
        cursors: set[str] = set()
        while seen < self.max_items:
            params: dict[str, str | int] = {"actor": did, "limit": min(PAGE_SIZE, self.max_items - seen)}
            if cursor:
                params["cursor"] = cursor
            url = self._xrpc("app.bsky.feed.getAuthorFeed", **params)
            try:
                posts, cursor = bluesky_feed(json_answer(self.client.get(url), self.client.limits))
            except SchemaError as exc:
                collected.skip(url, f"the answer is not a feed ({exc}); later posts not read")
                return
            except (FetchError, RefusedAddress) as exc:
                collected.skip(url, str(exc))
                return
            if not posts:
                return
            for post in posts:
                if seen >= self.max_items:
                    return
                if not post.is_repost:
                    self._post(collected, post)
                    seen += 1
            if not cursor:
                return
            if cursor in cursors:
                collected.skip(url, "the server sent the same page again; later posts not read")
                return
            cursors.add(cursor)

    def _post(self, collected: Collected, post: BlueskyPost) -> None:
        url = _post_url(self.handle, post.uri)
        collected.items.append(
            public_item(
                collected,
                kind=ItemKind.POST,
                url=url,
                identity=f"bluesky:{post.uri}",
                text=post.text,
                field_name="post",
                created_at=parse_time(post.created_at),
            )
        )
        for index, image in enumerate(post.images):
            if image.url:
                self.images.fetch(
                    collected,
                    image_url=image.url,
                    page_url=url,
                    identity=f"bluesky:{post.uri}:image:{index}",
                    context=post.text,
                    description=image.alt,
                )
