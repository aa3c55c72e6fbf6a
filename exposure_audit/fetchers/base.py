"""The fetcher contract: detect a platform's download, plan units of work, turn members into items.

A fetcher never raises for one bad member or record: it yields a `Skipped` and goes on. Work is
planned as `Task`s (a route name plus the members it reads) so that the engine can run tasks in
any process and merge their results in plan order.

A platform's fetcher is a `RoutedFetcher`: a table of `Route`s, each a match (a name pattern and/or
a content signature) and a reader. The plan and the run are generic, so a platform is its markers,
its routes and its readers; every reader takes the same `Reading`.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import IO, ClassVar, TypeVar, cast

from exposure_audit.errors import MemberError
from exposure_audit.limits import Limits
from exposure_audit.model import Item, ItemKind, Platform, Skipped, SourceRef
from exposure_audit.sources.archive import Tree

Record = Item | Skipped
T = TypeVar("T")
S = TypeVar("S")


@dataclass(frozen=True, slots=True)
class Task:
    """One unit of work: a named route of the fetcher applied to one or more members."""

    platform: Platform
    reader: str
    members: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Marker:
    """A file whose presence identifies a platform's download, described for error messages."""

    description: str
    expression: str  # matched anywhere in a member's path, ignoring case

    # Both compiled when first asked for (`re` keeps what it compiled): every platform's markers are
    # defined on every scan, and most are never looked for path by path.
    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.expression, re.IGNORECASE)

    @property
    def over_lines(self) -> re.Pattern[str] | None:
        """The same test over every member path at once (`Tree.member_lines`: each path after a "/",
        one a line): a path the pattern matches is matched there too, so no match there means no
        member has it. None when the expression uses something for which that may not hold."""
        return _over_lines(self.expression)


PATH_PART = "(^|/)"  # how a marker says "at the start of a path or of one of its parts"
# What can hold in one path alone but not where it is one line among others, after a "/": a start
# anchor, the text's end, a negative look around (it could see the line break or the "/"), and a
# numbered back-reference (removing the leading group renumbers the rest).
_NOT_OVER_LINES = re.compile(r"\\[AZ1-9]|\(\?<?!|\^")


@lru_cache(maxsize=256)
def _over_lines(expression: str) -> re.Pattern[str] | None:
    # "(^|/)name" becomes "/name": a literal start, which the regex engine finds without trying the
    # expression at every character (ten times faster). Multi-line, $ holds at each path's end.
    rest = expression.removeprefix(PATH_PART)
    if _NOT_OVER_LINES.search(rest):
        return None
    return re.compile(("/" if rest != expression else "") + rest, re.IGNORECASE | re.MULTILINE)


def marker(description: str, expression: str) -> Marker:
    """A marker matched anywhere in a member's path, ignoring case."""
    return Marker(description, expression)


def count_markers(markers: Iterable[Marker], tree: Tree) -> int:
    """How many of the markers the tree has a member for."""
    return sum(1 for m in markers if _has_member(m, tree))


def _has_member(found: Marker, tree: Tree) -> bool:
    # Every platform's markers are looked for in every download, of 10,000 photos as of anything: one
    # search of all the paths at once rules a marker out in a tenth of the time the paths one by one take.
    over_lines = found.over_lines
    if over_lines is not None and over_lines.search(tree.member_lines()) is None:
        return False
    # filter() walks the members in C; a match over the lines may not be one in a single path.
    return next(filter(found.pattern.search, tree.members), None) is not None


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
        return count_markers(self.markers, tree)

    @abstractmethod
    def plan(self, tree: Tree) -> list[Task]:
        """The units of work for this download, in a deterministic order."""

    @abstractmethod
    def run(self, task: Task, tree: Tree) -> Iterator[Record]:
        """The records of one planned task."""

    def media_candidates(self, tree: Tree) -> list[str]:
        """Members that are photos to be scanned even if no record references them."""
        return [p for p in tree.members if is_image_path(p)]


@dataclass(frozen=True, slots=True)
class Reading:
    """What every reader is given: the member to read, where it comes from, and the skip factory.

    The tree carries the download's limits (`reading.limits`); a reader reports a member or record
    it cannot read by yielding `reading.skip(reason, pointer)`, never by raising. What a reader
    gathers across the member's records before yielding it (Facebook's IP tally) is its `state`.
    """

    tree: Tree
    member: str
    platform: Platform
    members: tuple[str, ...] = ()  # the task's members: a reader of a group (a Takeout folder) reads them all
    _states: dict[type, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def state(self, kind: type[S]) -> S:
        """This member's `kind()`, made on first use and shared by every helper the reader calls.

        A platform's readers keep per-member state here rather than in a reading of their own, so
        that every reader takes this `Reading`."""
        if kind not in self._states:
            self._states[kind] = kind()
        return cast(S, self._states[kind])  # stored under its own type

    @property
    def limits(self) -> Limits:
        return self.tree.limits

    def open(self) -> IO[bytes]:
        return self.tree.open_member(self.member)

    def ref(self, pointer: str = "") -> SourceRef:
        return self.tree.ref(self.member, pointer)

    def skip(self, reason: str, pointer: str = "", stage: str = "fetch") -> Skipped:
        return skip(self.tree, self.member, reason, pointer, stage)


Reader = Callable[[Reading], Iterator[Record]]


Facts = dict[Callable[[Tree], object], object]


class Peek:
    """A member as content signatures see it: its opening bytes, read once however many look, and
    facts about the download around it (which folders hold photos), worked out once per plan."""

    __slots__ = ("_derived", "_facts", "_head", "path", "tree")
    HEAD_BYTES = 8192  # the most any signature reads (a CSV header after LinkedIn's notes preamble)

    def __init__(self, tree: Tree, path: str, facts: Facts | None = None) -> None:
        self.tree = tree
        self.path = path
        self._head: bytes | None = None
        self._derived: dict[Callable[[Peek], object], object] = {}
        self._facts: Facts = {} if facts is None else facts  # shared by every member of one plan

    def head(self, size: int = HEAD_BYTES) -> bytes:
        """The first `size` bytes; b"" when the member cannot be opened."""
        if self._head is None:
            try:
                with self.tree.open_member(self.path) as handle:
                    self._head = handle.read(self.HEAD_BYTES)
            except (MemberError, OSError):
                self._head = b""
        return self._head[:size]

    def derived(self, compute: Callable[[Peek], T]) -> T:
        """`compute(self)`, worked out once for this member (several signatures parse the same head)."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return cast(T, self._derived[compute])  # stored by `compute` itself, so of its type

    def fact(self, compute: Callable[[Tree], T]) -> T:
        """`compute(tree)`, worked out once for the whole plan: what a member's neighbours say about
        it (a Takeout JSON beside photos is a sidecar) without a scan of the download per member."""
        if compute not in self._facts:
            self._facts[compute] = compute(self.tree)
        return cast(T, self._facts[compute])  # stored by `compute` itself, so of its type


@dataclass(frozen=True, slots=True)
class Match:
    """When a route applies: a name test on the member's path and/or a signature in its content.

    Names are tried first, over every route; a member no name matches (and not known irrelevant) is
    then offered to the content signatures, so a renamed copy of a file is still read. A content
    test may also ask what the download holds around the member (`Peek.fact`)."""

    name: Callable[[str], object] | None = None
    content: Callable[[Peek], bool] | None = None


@dataclass(frozen=True, slots=True)
class Route:
    """Members a reader reads. `name` is the task's reader name: stable, as the scan cache keys on it."""

    name: str
    match: Match
    read: Reader
    together: bool = False  # every member it matches is one task, each item identity once (copies of a file)
    batch: int = 1  # members per task, in plan order (a camera roll's photos)
    whole: bool = False  # the reader reads the task's members as one unit, through `Reading.members`
    group: Callable[[str], str] | None = None  # members with the same key are one task (a Takeout folder)


class RoutedFetcher(Fetcher):
    """A fetcher made of a route table: the plan and the run are the same for every platform."""

    routes: ClassVar[tuple[Route, ...]]
    # Plan order: the route table's, then `path_order`; else the download's member order.
    by_route_order: ClassVar[bool] = False
    # Errors a reader may raise on content of an unexpected shape: a skip of that member, not a failure.
    contained: ClassVar[tuple[type[Exception], ...]] = ()

    def plan(self, tree: Tree) -> list[Task]:
        return self.tasks_for(tree, tree.members)

    def route_for(self, tree: Tree, path: str, facts: Facts | None = None) -> tuple[int, Route] | None:
        """(position in the table, route) of the route that reads `path`, or None. `facts` is the
        plan's cache of download-wide facts that content tests ask for."""
        for index, route in enumerate(self.routes):
            if route.match.name is not None and route.match.name(path):
                return index, route
        if any(pattern.search(path) for pattern in self.known_irrelevant):
            return None
        peek: Peek | None = None
        for index, route in enumerate(self.routes):
            if route.match.content is not None:
                peek = peek or Peek(tree, path, facts)
                if route.match.content(peek):
                    return index, route
        return None

    def path_order(self, path: str) -> object:
        return path

    def tasks_for(self, tree: Tree, paths: Iterable[str]) -> list[Task]:
        facts: Facts = {}
        routed = [(found, path) for path in paths if (found := self.route_for(tree, path, facts)) is not None]
        if self.by_route_order:
            routed.sort(key=lambda entry: (entry[0][0], self.path_order(entry[1])))
        groups: dict[tuple[str, str], list[str]] = {}  # (route name, group key) -> members of a grouped route
        slots: list[tuple[Route, list[str]]] = []
        for (_, route), path in routed:
            if not route.together and route.batch == 1 and route.group is None:
                slots.append((route, [path]))
                continue
            key = (route.name, route.group(path) if route.group is not None else "")
            if key in groups:
                groups[key].append(path)
            else:
                groups[key] = [path]
                slots.append((route, groups[key]))
        tasks = []
        for route, members in slots:
            if route.together or route.group is not None:
                tasks.append(Task(self.platform, route.name, tuple(sorted(members))))
            else:
                tasks += [
                    Task(self.platform, route.name, tuple(members[start : start + route.batch]))
                    for start in range(0, len(members), route.batch)
                ]
        return tasks

    def route_named(self, name: str) -> Route:
        found = next((route for route in self.routes if route.name == name), None)
        if found is None:
            raise KeyError(f"{type(self).__name__} has no route {name!r}")
        return found

    def run(self, task: Task, tree: Tree) -> Iterator[Record]:
        route = self.route_named(task.reader)
        if route.whole:
            yield from self._read(route, Reading(tree, task.members[0], self.platform, task.members))
            return
        seen: set[str] | None = set() if route.together else None
        for member in task.members:
            for record in self._read(route, Reading(tree, member, self.platform, task.members)):
                if seen is not None and isinstance(record, Item):
                    if record.identity in seen:
                        continue
                    seen.add(record.identity)
                yield record

    def _read(self, route: Route, reading: Reading) -> Iterator[Record]:
        """One reader over one member; whatever a damaged member makes it raise becomes a Skipped."""
        try:
            yield from route.read(reading)
        except MemberError as exc:
            yield reading.skip(exc.reason)
        except self.contained as exc:
            yield reading.skip(f"could not be read: unexpected content ({type(exc).__name__})")


def stable_identity(
    platform: Platform, kind: ItemKind, *, native_id: str = "", when: object = None, content: str = ""
) -> str:
    """An item's identity that survives re-downloads and re-ordering: the platform's id if it has
    one, else a hash of kind, timestamp and content. Never a list position."""
    if native_id:
        return f"{platform.value}:{kind.value}:{native_id}"
    # surrogatepass: a text that still holds half a character must not cost the record its identity.
    key = f"{kind.value}\x1f{when}\x1f{content}".encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(key, digest_size=12).hexdigest()
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
    return Skipped(
        source=SourceRef(archive=tree.label_of(member), member=member, pointer=pointer), stage=stage, reason=reason
    )
