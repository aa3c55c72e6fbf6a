"""The fetcher contract: detect a platform's download, plan units of work, turn members into items.

A fetcher never raises for one bad member or record: it yields a `Skipped` and goes on. Work is
planned as `Task`s (a reader name plus the members it reads) so that the engine can run tasks in
any process and merge their results in plan order.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import ClassVar

from exposure_audit.archive import Tree
from exposure_audit.model import Item, ItemKind, Platform, Skipped, SourceRef

Record = Item | Skipped


@dataclass(frozen=True, slots=True)
class Task:
    """One unit of work: a named reader of the fetcher applied to one or more members."""

    platform: Platform
    reader: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Marker:
    """A file whose presence identifies a platform's download, described for error messages."""

    description: str
    pattern: re.Pattern[str]


IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".tif", ".tiff", ".heic", ".heif", ".gif", ".bmp")
VIDEO_SUFFIXES = (".mp4", ".mov", ".m4v", ".3gp", ".avi", ".webm")


def is_image_path(path: str) -> bool:
    return path.lower().endswith(IMAGE_SUFFIXES)


class Fetcher(ABC):
    platform: ClassVar[Platform]
    markers: ClassVar[tuple[Marker, ...]]
    # Members that are known and deliberately not scanned (viewer assets, ads data ...): they count
    # as understood in the coverage section.
    known_irrelevant: ClassVar[tuple[re.Pattern[str], ...]] = ()

    def detect(self, tree: Tree) -> int:
        """How many markers the tree has; 0 means this is not this platform's download."""
        return sum(1 for marker in self.markers if any(marker.pattern.search(p) for p in tree.members))

    @abstractmethod
    def plan(self, tree: Tree) -> list[Task]:
        """The units of work for this download, in a deterministic order."""

    def run(self, task: Task, tree: Tree) -> Iterator[Record]:
        reader: Callable[[Tree, str], Iterator[Record]] | None = getattr(self, "read_" + task.reader, None)
        if reader is None:
            raise KeyError(f"{type(self).__name__} has no reader {task.reader!r}")
        for member in task.members:
            yield from reader(tree, member)

    def media_candidates(self, tree: Tree) -> list[str]:
        """Members that are photos to be scanned even if no record references them."""
        return [p for p in tree.members if is_image_path(p)]


def stable_identity(platform: Platform, kind: ItemKind, *, native_id: str = "", when: object = None,
                    content: str = "") -> str:
    """An item's identity that survives re-downloads and re-ordering: the platform's id if it has
    one, else a hash of kind, timestamp and content. Never a list position."""
    if native_id:
        return f"{platform.value}:{kind.value}:{native_id}"
    digest = hashlib.blake2b(f"{kind.value}\x1f{when}\x1f{content}".encode(), digest_size=12).hexdigest()
    return f"{platform.value}:{kind.value}:h{digest}"


def epoch_to_datetime(value: object) -> datetime | None:
    """Unix seconds (or milliseconds), as int, float or numeric string -> aware UTC datetime."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if number <= 0:
        return None
    if number > 1e11:  # milliseconds
        number /= 1000.0
    try:
        return datetime.fromtimestamp(number, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def skip(tree: Tree, member: str, reason: str, pointer: str = "", stage: str = "fetch") -> Skipped:
    return Skipped(source=SourceRef(archive=tree.label_of(member), member=member, pointer=pointer),
                   stage=stage, reason=reason)
