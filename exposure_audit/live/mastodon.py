"""What anyone can see of a Mastodon account, through the instance's public API (no login).

`/api/v1/accounts/lookup?acct=NAME` gives the profile (display name, bio, profile fields, avatar);
`/api/v1/accounts/{id}/statuses` pages back through the public posts with `max_id`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from exposure_audit.live.client import FetchError, PoliteClient, json_answer
from exposure_audit.live.collected import Collected, html_to_text, parse_time, public_item
from exposure_audit.live.images import ImageFetcher
from exposure_audit.live.safety import RefusedAddress
from exposure_audit.model import ItemKind, Platform

PAGE_SIZE = 40


def split_handle(handle: str) -> tuple[str, str]:
    """"@alice@social.example" -> ("alice", "https://social.example"); the instance may be a URL."""
    text = handle.strip().removeprefix("@")
    name, _, instance = text.partition("@")
    if not name or not instance:
        raise ValueError("expected @name@instance")
    base = instance if "://" in instance else f"https://{instance}"
    if not urlsplit(base).hostname:
        raise ValueError("the instance has no host name")
    return name, base.rstrip("/")


class MastodonSource:
    def __init__(self, client: PoliteClient, handle: str, *, max_items: int, images: ImageFetcher) -> None:
        self.client = client
        self.name, self.base = split_handle(handle)
        self.max_items = max_items
        self.images = images

    def collect(self, label: str) -> Collected:
        collected = Collected(label=label, platform=Platform.MASTODON)
        lookup = f"{self.base}/api/v1/accounts/lookup?acct={quote(self.name)}"
        try:
            account = json_answer(self.client.get(lookup))
            if not isinstance(account, dict) or "id" not in account:
                raise FetchError(f"{lookup}: the answer is not an account")
            self._profile(collected, account)
            self._statuses(collected, str(account["id"]))
        except (FetchError, RefusedAddress) as exc:
            collected.skip(lookup, str(exc))
        return collected

    def _profile(self, collected: Collected, account: dict[str, Any]) -> None:
        url = str(account.get("url") or f"{self.base}/@{self.name}")
        ident = f"mastodon:{account['id']}"
        for field_name, value in (("name", account.get("display_name")), ("bio", account.get("note"))):
            text = html_to_text(str(value or ""))
            if text:
                collected.items.append(public_item(collected, kind=ItemKind.PROFILE, url=url, text=text,
                                                   identity=f"{ident}:{field_name}", field_name=field_name))
        for index, entry in enumerate(account.get("fields") or []):
            if isinstance(entry, dict):
                text = f"{html_to_text(str(entry.get('name', '')))}: {html_to_text(str(entry.get('value', '')))}"
                collected.items.append(public_item(collected, kind=ItemKind.PROFILE, url=url, text=text,
                                                   identity=f"{ident}:field:{entry.get('name', index)}",
                                                   field_name="about"))
        avatar = account.get("avatar_static") or account.get("avatar")
        if isinstance(avatar, str):
            self.images.fetch(collected, image_url=avatar, page_url=url, identity=f"{ident}:avatar",
                              context="profile photo")

    def _statuses(self, collected: Collected, account_id: str) -> None:
        seen = 0
        max_id = ""
        while seen < self.max_items:
            limit = min(PAGE_SIZE, self.max_items - seen)
            page_url = f"{self.base}/api/v1/accounts/{account_id}/statuses?limit={limit}" + (
                f"&max_id={max_id}" if max_id else "")
            try:
                page = json_answer(self.client.get(page_url))
            except (FetchError, RefusedAddress) as exc:
                collected.skip(page_url, str(exc))
                return
            if not isinstance(page, list) or not page:
                return
            for status in page[:limit]:
                if isinstance(status, dict) and "id" in status:
                    self._status(collected, status)
                    seen += 1
            max_id = str(page[-1].get("id", "")) if isinstance(page[-1], dict) else ""
            if not max_id or len(page) < limit:  # a short page is the last one
                return

    def _status(self, collected: Collected, status: dict[str, Any]) -> None:
        if status.get("reblog"):
            return  # a boost is someone else's post
        url = str(status.get("url") or status.get("uri") or "")
        ident = f"mastodon:status:{status['id']}"
        text = " ".join(filter(None, (html_to_text(str(status.get("spoiler_text") or "")),
                                      html_to_text(str(status.get("content") or "")))))
        created = parse_time(status.get("created_at"))
        collected.items.append(public_item(collected, kind=ItemKind.POST, url=url, identity=ident, text=text,
                                           field_name="post", created_at=created))
        for index, media in enumerate(status.get("media_attachments") or []):
            if isinstance(media, dict) and media.get("type") == "image" and isinstance(media.get("url"), str):
                self.images.fetch(collected, image_url=media["url"], page_url=url, context=text,
                                  identity=f"{ident}:media:{media.get('id', index)}",
                                  description=str(media.get("description") or ""))
