"""What anyone can see of a Mastodon account, through the instance's public API (no login).

`/api/v1/accounts/lookup?acct=NAME` gives the profile (display name, bio, profile fields, avatar);
`/api/v1/accounts/{id}/statuses` pages back through the public posts with `max_id`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote, urlsplit

from exposure_audit.errors import MemberError
from exposure_audit.live.api_schema import (
    MastodonAccount,
    MastodonStatus,
    SchemaError,
    mastodon_account,
    mastodon_statuses,
)
from exposure_audit.live.client import FetchError, PoliteClient, json_answer
from exposure_audit.live.collected import Collected, html_to_text, parse_time, public_item
from exposure_audit.live.images import ImageFetcher
from exposure_audit.live.safety import RefusedAddress
from exposure_audit.model import ItemKind, Platform

PAGE_SIZE = 40


def split_handle(handle: str) -> tuple[str, str]:
    """ "@alice@social.example" -> ("alice", "https://social.example"); the instance may be a URL."""
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

    def _json(self, url: str) -> Any:
        return json_answer(self.client.get(url), self.client.limits)

    def _text(self, collected: Collected, url: str, html: str) -> str:
        try:
            return html_to_text(html, self.client.limits)
        except MemberError as exc:
            collected.skip(url, f"a bio or post was not read: {exc.reason}")
            return ""

    def collect(self, label: str) -> Collected:
        collected = Collected(label=label, platform=Platform.MASTODON)
        lookup = f"{self.base}/api/v1/accounts/lookup?acct={quote(self.name)}"
        try:
            try:
                account = mastodon_account(self._json(lookup))
            except SchemaError as exc:
                raise FetchError(f"{lookup}: the answer is not an account ({exc})") from None
            self._profile(collected, account)
            self._statuses(collected, account.id)
        except (FetchError, RefusedAddress) as exc:
            collected.skip(lookup, str(exc))
        return collected

    def _profile(self, collected: Collected, account: MastodonAccount) -> None:
        url = account.url or f"{self.base}/@{self.name}"
        ident = f"mastodon:{account.id}"
        for field_name, value in (("name", account.display_name), ("bio", account.note)):
            text = self._text(collected, url, value)
            if text:
                collected.items.append(
                    public_item(
                        collected,
                        kind=ItemKind.PROFILE,
                        url=url,
                        text=text,
                        identity=f"{ident}:{field_name}",
                        field_name=field_name,
                    )
                )
        for index, entry in enumerate(account.fields):
            text = f"{self._text(collected, url, entry.name)}: {self._text(collected, url, entry.value)}"
            collected.items.append(
                public_item(
                    collected,
                    kind=ItemKind.PROFILE,
                    url=url,
                    text=text,
                    identity=f"{ident}:field:{entry.name or index}",
                    field_name="about",
                )
            )
        if account.avatar:
            self.images.fetch(
                collected, image_url=account.avatar, page_url=url, identity=f"{ident}:avatar", context="profile photo"
            )

    def _statuses(self, collected: Collected, account_id: str) -> None:
        seen = 0
        max_id = ""
        cursors: set[str] = set()
        # The id is the server's text: encoded whole, so "../../admin" cannot climb out of the path.
        statuses_url = f"{self.base}/api/v1/accounts/{quote(account_id, safe='')}/statuses"
        while seen < self.max_items:
            limit = min(PAGE_SIZE, self.max_items - seen)
            page_url = f"{statuses_url}?limit={limit}" + (f"&max_id={quote(max_id, safe='')}" if max_id else "")
            try:
                page = mastodon_statuses(self._json(page_url))
            except SchemaError as exc:
                collected.skip(page_url, f"the answer is not a list of posts ({exc}); later posts not read")
                return
            except (FetchError, RefusedAddress) as exc:
                collected.skip(page_url, str(exc))
                return
            if not page:
                return
            for status in page[:limit]:
                self._status(collected, status)
                seen += 1
            max_id = page[-1].id
            if len(page) < limit:  # a short page is the last one
                return
            if max_id in cursors:
                collected.skip(page_url, "the server sent the same page again; later posts not read")
                return
            cursors.add(max_id)

    def _status(self, collected: Collected, status: MastodonStatus) -> None:
        if status.is_boost:
            return  # a boost is someone else's post
        ident = f"mastodon:status:{status.id}"
        text = " ".join(
            filter(
                None,
                (
                    self._text(collected, status.url, status.spoiler_text),
                    self._text(collected, status.url, status.content),
                ),
            )
        )
        collected.items.append(
            public_item(
                collected,
                kind=ItemKind.POST,
                url=status.url,
                identity=ident,
                text=text,
                field_name="post",
                created_at=parse_time(status.created_at),
            )
        )
        for media in status.media:
            if media.type == "image" and media.url:
                self.images.fetch(
                    collected,
                    image_url=media.url,
                    page_url=status.url,
                    context=text,
                    identity=f"{ident}:media:{media.id}",
                    description=media.description,
                )
