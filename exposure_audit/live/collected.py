"""What one live source gathered: items marked public, the images it downloaded, and what it skipped.

Each source becomes a `Download` with an in-memory tree, so live items flow through the same
fetcher -> scanner -> photo -> report path as a downloaded archive.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import ClassVar

from bs4 import BeautifulSoup

from exposure_audit.fetchers.base import Fetcher, Marker, Record, Task
from exposure_audit.fetchers.common.html_guard import check_tags
from exposure_audit.limits import DEFAULT_LIMITS, Limits
from exposure_audit.model import Item, ItemKind, MediaRef, Platform, Skipped, SourceRef
from exposure_audit.sources.archive import Tree

IMAGE_TYPES = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/webp": ".webp",
    "image/tiff": ".tif",
    "image/heic": ".heic",
    "image/gif": ".gif",
}


@dataclass(slots=True)
class Collected:
    label: str  # the --public spec as given
    platform: Platform
    items: list[Item] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)  # downloaded images, by member path
    skipped: list[Skipped] = field(default_factory=list)

    def ref(self, url: str, pointer: str = "") -> SourceRef:
        return SourceRef(archive=self.label, member=url, pointer=pointer)

    def skip(self, url: str, reason: str) -> None:
        self.skipped.append(Skipped(source=self.ref(url), stage="live", reason=reason))

    def add_image(self, url: str, body: bytes, content_type: str) -> str:
        """Keep a downloaded image; returns its member path in the in-memory tree."""
        digest = hashlib.blake2b(url.encode(), digest_size=8).hexdigest()
        name = f"images/{digest}{IMAGE_TYPES.get(content_type, '')}"
        self.files[name] = body
        return name


def html_to_text(html: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Visible text of an HTML fragment or page, one space between blocks; MemberError over the tag cap
    (a bio or post of millions of tags would take minutes and gigabytes to parse)."""
    check_tags(html, limits.html_tags)
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template"]):
        tag.decompose()
    for br in soup.find_all(["br", "p", "li", "div", "h1", "h2", "h3"]):
        br.insert_after(" ")
    return " ".join(soup.get_text(" ").split())


def parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def public_item(
    collected: Collected,
    *,
    kind: ItemKind,
    url: str,
    identity: str,
    text: str,
    field_name: str,
    created_at: datetime | None = None,
    media: tuple[MediaRef, ...] = (),
    extra: dict[str, str] | None = None,
) -> Item:
    return Item(
        kind=kind,
        platform=collected.platform,
        source=collected.ref(url),
        identity=identity,
        created_at=created_at,
        text=text,
        field=field_name,
        media=media,
        extra=extra or {},
        public=True,
    )


class PrefetchedFetcher(Fetcher):
    """Hands the engine the items a live source already gathered (one task, no members to parse)."""

    platform: ClassVar[Platform] = Platform.WEB
    markers: ClassVar[tuple[Marker, ...]] = ()

    def __init__(self, collected: Collected) -> None:
        self.collected = collected

    def plan(self, tree: Tree) -> list[Task]:
        return [Task(platform=self.collected.platform, reader="prefetched", members=())]

    def run(self, task: Task, tree: Tree) -> Iterator[Record]:
        yield from self.collected.skipped
        yield from self.collected.items

    def media_candidates(self, tree: Tree) -> list[str]:
        return []  # every downloaded image is already referenced by an item


def as_tree(collected: Collected, limits: Limits) -> Tree:
    return Tree.from_memory(collected.label, collected.files, limits)
