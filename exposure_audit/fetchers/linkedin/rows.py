"""Turning one LinkedIn CSV row into items: source references, identities and small cell helpers.

LinkedIn has almost no record ids, so an item's identity is a hash of its kind, field, text and (for
records that can repeat with the same text) its date. Rows never contribute their position, so the
Basic and the Complete download of the same account give the same identities.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from exposure_audit.fetchers.base import stable_identity
from exposure_audit.fetchers.common.csvio import CsvHeader, CsvRow
from exposure_audit.fetchers.common.dates import parse_date
from exposure_audit.model import GeoPoint, Item, ItemKind, MediaRef, Platform
from exposure_audit.sources.archive import Tree

_TRUE = {"yes", "true", "1", "y"}
_LABELLED = re.compile(r"^([A-Za-z_ ]{2,20}):(.+)$")
_URN = re.compile(r"(?:activity|share|ugcPost|comment)(?::|%3A)(\d{6,})", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RowItems:
    """Builds the items of one member's rows."""

    tree: Tree
    member: str

    def item(
        self,
        row: CsvRow,
        kind: ItemKind,
        *,
        text: str,
        field: str,
        when: datetime | None = None,
        labels: Iterable[str] = (),
        people: tuple[str, ...] = (),
        geo: tuple[GeoPoint, ...] = (),
        media: tuple[MediaRef, ...] = (),
        extra: dict[str, str] | None = None,
        native_id: str = "",
        key: str = "",
        dated_identity: bool = True,
        url: str = "",
    ) -> Item:
        """One item; `key` replaces `text` in the identity when the text alone is not distinctive."""
        identity_time = when.isoformat() if when and dated_identity else ""
        return Item(
            kind=kind,
            platform=Platform.LINKEDIN,
            source=self.tree.ref(self.member, row.pointer),
            identity=stable_identity(
                Platform.LINKEDIN, kind, native_id=native_id, when=identity_time, content=f"{field}\x1f{key or text}"
            ),
            created_at=when,
            text=text,
            field=field,
            labels=frozenset(label for label in labels if label),
            people=people,
            geo=geo,
            media=media,
            extra={k: v for k, v in (extra or {}).items() if v},
            url=url if url.startswith("https://www.linkedin.com/") else "",
        )


RowHandler = Callable[[RowItems, CsvHeader, CsvRow], Iterator[Item]]


def row_date(row: CsvRow, *keys: str) -> datetime | None:
    return parse_date(row.get(*keys))


def is_true(value: str) -> bool:
    return value.strip().lower() in _TRUE


def person_name(row: CsvRow, first: str, last: str) -> str:
    return " ".join(part for part in (row.get(first), row.get(last)) if part)


def labelled_list(value: str) -> list[tuple[str, str]]:
    """`[PERSONAL:https://a.example,COMPANY:https://b.example]` -> [("personal", url), ("company", url)].

    Profile.csv writes websites, Twitter handles and messenger ids as a bracketed, comma-separated
    list whose entries may carry an upper-case type prefix.
    """
    inner = value.strip()
    if inner.startswith("[") and inner.endswith("]"):
        inner = inner[1:-1]
    entries: list[tuple[str, str]] = []
    for part in inner.split(","):
        part = part.strip()
        if not part:
            continue
        match = _LABELLED.match(part)
        if match and not part.lower().startswith(("http:", "https:")):
            entries.append((match.group(1).strip().lower(), match.group(2).strip()))
        else:
            entries.append(("", part))
    return entries


def direction(value: str) -> str:
    """2018 `Direction` (INCOMING / OUTGOING) -> "received" / "sent"; "" when not given."""
    return {"outgoing": "sent", "incoming": "received"}.get(value.strip().lower(), "")


def urn_id(*links: str) -> str:
    """The numeric activity/share id in a LinkedIn link, "" when there is none."""
    for link in links:
        match = _URN.search(link)
        if match:
            return match.group(1)
    return ""
