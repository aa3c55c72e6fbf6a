"""Reusing work across scans of the same (or a re-downloaded, mostly unchanged) download.

What is cached, and why only that. A scan's per-member results are findings with matched values and
excerpts, correlator observations with coordinates, and photo items with their text: raw personal
data that would outlive the download the person deletes. So none of it is kept. What is kept is the
one thing that is both expensive and impersonal: *which records contributed nothing*. Most records
of a download (the holiday posts, the likes, the photos without GPS) produce no finding, no skip and
no observation; a re-run skips all work on them and does everything else again from the download.

- For each fetcher task, keyed by the content of its members (zip CRC-32 and size; for files in a
  folder, see below), the cache keeps the number of items and a keyed
  8-byte digest of the identity of every item that was null. When every item was null and nothing
  was skipped or deferred, the task is not even read again.
- For each photo, keyed by a digest of the photo item and its image's content, the bare fact that it
  was null: its file is not opened again.
- Image features that are impersonal by design (the vision analysis' people boxes, clothing cues and
  recognised lexicon words, never pixels or text read), keyed by the image's content and the analysis
  settings, through `CacheSession.image_features`.

Content is known by a zip member's CRC-32 and size, or by a file's size, modification time and a hash
of its first 64 KiB (where an image keeps its metadata).

Every key is a keyed BLAKE2b under a random secret kept next to the cache (owner-only), every value
carries a keyed tag of its key and content (an edited or swapped entry is a miss, never a verdict
that hides findings; a secret that is missing, empty or malformed is replaced), and every key
includes the scope: the program version, the installed code and data, the policy (with its sites) and
the audit's options, so a changed policy or rule set never reuses a stale verdict. Values hold counts,
keyed digests and impersonal features only: no text, no image, no coordinate, no file name. The
cache is a SQLite file in
the user's cache folder (`platformdirs`), folder 0700 and files 0600, bounded in size (least recently
used entries go first), and switched off with --no-cache. Any cache failure only costs speed.

Records that did produce something are processed again in full on every run, so a re-run costs the
fetchers' parsing plus the work on flagged records; how much that saves depends on how many records
of a download are flagged (see benchmarks/rerun_bench.py).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sqlite3
import struct
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path

import platformdirs

from exposure_audit import __version__
from exposure_audit.errors import MemberError
from exposure_audit.fetchers.base import Task
from exposure_audit.model import Item
from exposure_audit.output.atomic import make_private_dir, write_private
from exposure_audit.policy.model import Policy
from exposure_audit.runtime.units import UnitResult
from exposure_audit.sources.archive import Tree

CACHE_VERSION = 2  # 2: values authenticated
DEFAULT_MAX_BYTES = 32 * 1024 * 1024
HEAD_BYTES = 64 * 1024
_DIGEST = 8
_TAG = 16
SECRET_BYTES = 32
_TASK_HEADER = struct.Struct(">BI")  # flags, item count
_COMPLETE = 1  # every item was null and nothing was skipped or deferred: the task need not be read

CacheEntry = tuple[bytes, bytes | None]  # (key, new value) or (key, None) for a hit


def default_cache_dir() -> Path:
    return platformdirs.user_cache_path("exposure-audit")


def _code_state() -> str:
    """Names, sizes and modification times of the installed package's files: a changed scanner,
    fetcher, policy or data file starts a new scope."""
    root = Path(__file__).resolve().parent
    parts = []
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".toml", ".txt", ".json", ".csv", ".gz", ".bin", ".tsv") and path.is_file():
            status = path.stat()
            parts.append(f"{path.relative_to(root).as_posix()}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(parts)


def _policy_state(policy: Policy) -> str:
    return "\n".join(f"{f.name}={getattr(policy, f.name)!r}" for f in fields(policy) if f.name != "path")


def member_key(tree: Tree, path: str) -> bytes:
    """What a member's content is known by: a zip's CRC-32 and size; a file's size, modification time
    and a hash of its first 64 KiB (where an image keeps its metadata); anything else by a full hash."""
    member = tree.members[path]
    if member.crc:
        return struct.pack(">QI", member.size, member.crc)
    digest = hashlib.blake2b(digest_size=16)
    with tree.open_member(path) as handle:
        if member.mtime_ns:
            digest.update(handle.read(HEAD_BYTES))
        else:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    return struct.pack(">QQ", member.size, member.mtime_ns) + digest.digest()


def item_digest(item: Item) -> bytes:
    """Everything a scanner may look at, in a canonical order (not the item's location on disk)."""
    parts = (
        item.kind.value,
        item.platform.value,
        item.identity,
        item.created_at.isoformat() if item.created_at else "",
        item.text,
        item.field,
        "\x1e".join(sorted(item.labels)),
        "\x1e".join(item.people),
        repr([(g.lat, g.lon, g.precision.value, g.origin, g.name, g.at.isoformat() if g.at else "") for g in item.geo]),
        repr([m.uri for m in item.media]),
        repr(sorted(item.extra.items())),
        str(item.public),
    )
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _footprint(result: UnitResult) -> int:
    return len(result.findings) + len(result.skipped) + sum(len(o) for o in result.observations)


@dataclass(slots=True)
class TaskMemo:
    """The cache's view of one fetcher task while it runs (in whichever process runs it)."""

    session: CacheSession
    key: bytes
    items: int = 0
    known_null: frozenset[bytes] | None = None  # from an earlier run; None on a miss
    complete: bool = False
    null: set[bytes] = field(default_factory=set)
    busy: set[bytes] = field(default_factory=set)

    def apply(self, item: Item, result: UnitResult, process: Callable[[Item, UnitResult], None]) -> None:
        digest = self.session.digest(item.identity.encode("utf-8", "surrogatepass"))
        if self.known_null is not None and digest in self.known_null:
            result.items += 1
            return
        before = _footprint(result)
        process(item, result)
        (self.null if _footprint(result) == before else self.busy).add(digest)

    def finish(self, result: UnitResult, failed: bool) -> None:
        if failed:
            return
        if self.known_null is not None:
            result.cache.append((self.key, None))
            return
        null = self.null - self.busy  # two items with one identity: keep processing both
        complete = not self.busy and not result.photos and not result.skipped
        value = _TASK_HEADER.pack(_COMPLETE if complete else 0, result.items) + b"".join(sorted(null))
        result.cache.append((self.key, value))


@dataclass(slots=True)
class PhotoMemo:
    key: bytes
    was_null: bool
    before: int  # the result's footprint before this photo

    def reuse(self, result: UnitResult) -> None:
        result.items += 1
        result.cache.append((self.key, None))

    def finish(self, result: UnitResult) -> None:
        if _footprint(result) == self.before:
            result.cache.append((self.key, b""))


@dataclass(slots=True)
class FeatureMemo:
    """Impersonal features of one image (e.g. `vision.features.encode(...)`), cached by the image's
    content and the analysis settings. Only for records designed to hold nothing personal."""

    key: bytes
    value: str | None  # the features from an earlier run, or None

    def keep(self, result: UnitResult, encoded: str) -> None:
        result.cache.append((self.key, encoded.encode("utf-8")))

    def reuse(self, result: UnitResult) -> None:
        result.cache.append((self.key, None))


@dataclass(slots=True)
class CacheSession:
    """One audit's use of the cache: picklable, so it travels to worker processes."""

    path: Path
    secret: bytes
    scope: bytes
    _db: sqlite3.Connection | None = None
    _pid: int = 0

    def __getstate__(self) -> tuple[Path, bytes, bytes]:
        return (self.path, self.secret, self.scope)

    def __setstate__(self, state: tuple[Path, bytes, bytes]) -> None:
        self.path, self.secret, self.scope = state
        self._db, self._pid = None, 0

    def digest(self, data: bytes) -> bytes:
        return hashlib.blake2b(data, key=self.secret, digest_size=_DIGEST).digest()

    def _key(self, *parts: bytes) -> bytes:
        return hashlib.blake2b(b"\x00".join((self.scope, *parts)), key=self.secret, digest_size=20).digest()

    def _tag(self, key: bytes, value: bytes) -> bytes:
        return hashlib.blake2b(b"value\x00" + key + value, key=self.secret, digest_size=_TAG).digest()

    def seal(self, key: bytes, value: bytes) -> bytes:
        """The stored form of a value: a tag binding it to its key and this cache's secret, then it."""
        return self._tag(key, value) + value

    def unseal(self, key: bytes, stored: bytes) -> bytes | None:
        """The value, or None (a miss) when the entry was edited, swapped or written under another secret."""
        tag, value = stored[:_TAG], stored[_TAG:]
        return value if len(tag) == _TAG and hmac.compare_digest(tag, self._tag(key, value)) else None

    def _read(self, key: bytes) -> bytes | None:
        if self._db is None or self._pid != os.getpid():  # a forked worker opens its own connection
            try:
                self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=5)
            except sqlite3.Error:
                return None
            self._pid = os.getpid()
        try:
            row = self._db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return self.unseal(key, bytes(row[0])) if row else None

    def task(self, tree: Tree, task: Task) -> TaskMemo | None:
        try:
            content = b"".join(member_key(tree, m) for m in task.members)
        except (MemberError, KeyError):
            return None
        key = self._key(
            b"task", task.platform.value.encode(), task.reader.encode(), "\x1f".join(task.members).encode(), content
        )
        memo = TaskMemo(session=self, key=key)
        value = self._read(key)
        if value is not None and len(value) >= _TASK_HEADER.size:
            flags, memo.items = _TASK_HEADER.unpack_from(value)
            memo.complete = bool(flags & _COMPLETE)
            body = value[_TASK_HEADER.size :]
            memo.known_null = frozenset(body[i : i + _DIGEST] for i in range(0, len(body), _DIGEST))
        return memo

    def photo(self, tree: Tree, item: Item, member: str, result: UnitResult) -> PhotoMemo | None:
        """The cache's view of one photo, taken before it is processed into `result`."""
        try:
            content = member_key(tree, member)
        except (MemberError, KeyError):
            return None
        key = self._key(b"photo", item_digest(item), content)
        return PhotoMemo(key=key, was_null=self._read(key) is not None, before=_footprint(result))

    def image_features(self, tree: Tree, member: str, analysis: str) -> FeatureMemo | None:
        """Features of the image `member` computed by `analysis` (a digest of the analysis settings)."""
        try:
            content = member_key(tree, member)
        except (MemberError, KeyError):
            return None
        key = self._key(b"features", analysis.encode(), content)
        value = self._read(key)
        return FeatureMemo(key=key, value=value.decode("utf-8", "replace") if value is not None else None)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None


class ScanCache:
    """The cache folder: its secret, its SQLite file, writing new verdicts and keeping it bounded."""

    def __init__(self, folder: Path | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.folder = folder or default_cache_dir()
        self.max_bytes = max_bytes
        self.problem = ""  # why the cache could not be used, for a one-line note

    @property
    def db_path(self) -> Path:
        return self.folder / f"scan-cache-v{CACHE_VERSION}.sqlite3"

    def _secret(self) -> bytes:
        """The cache's secret; a missing, unreadable, empty or wrong-sized one is replaced (its entries then
        no longer verify and are rebuilt: a bad secret costs speed, never a scan)."""
        path = self.folder / "secret"
        try:
            secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
            if len(secret) == SECRET_BYTES:
                return secret
        except (OSError, ValueError):
            pass
        secret = secrets.token_bytes(SECRET_BYTES)
        write_private(path, secret.hex())
        return secret

    def _connect(self) -> sqlite3.Connection:
        if not self.db_path.exists():
            os.close(os.open(self.db_path, os.O_WRONLY | os.O_CREAT, 0o600))
        db = sqlite3.connect(self.db_path, timeout=10)
        db.execute(
            "CREATE TABLE IF NOT EXISTS entries (key BLOB PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL)"
        )
        db.execute("CREATE INDEX IF NOT EXISTS entries_used ON entries (used)")
        return db

    def session(self, policy: Policy, context: str = "") -> CacheSession | None:
        """The cache for one audit with this policy; `context` adds options that change results."""
        try:
            make_private_dir(self.folder)
            secret = self._secret()
            self._connect().close()
        except (OSError, sqlite3.Error) as exc:
            self.problem = f"the cache in {self.folder} cannot be used ({exc})"
            return None
        scope = hashlib.blake2b(
            "\x1e".join((str(CACHE_VERSION), __version__, _code_state(), _policy_state(policy), context)).encode(),
            key=secret,
            digest_size=16,
        ).digest()
        return CacheSession(path=self.db_path, secret=secret, scope=scope)

    def store(self, session: CacheSession, entries: Iterable[CacheEntry]) -> None:
        """Write new verdicts, mark hits as used, and trim the oldest entries beyond the size bound."""
        session.close()
        now = time.time_ns()
        listed = list(entries)
        fresh = [(key, session.seal(key, value), now) for key, value in listed if value is not None]
        hits = [(now, key) for key, value in listed if value is None]
        try:
            db = self._connect()
            try:
                with db:
                    db.executemany("INSERT OR REPLACE INTO entries (key, value, used) VALUES (?, ?, ?)", fresh)
                    db.executemany("UPDATE entries SET used = ? WHERE key = ?", hits)
                    self._trim(db)
            finally:
                db.close()
        except (OSError, sqlite3.Error) as exc:
            self.problem = f"the cache in {self.folder} could not be updated ({exc})"

    def _trim(self, db: sqlite3.Connection) -> None:
        (total,) = db.execute("SELECT COALESCE(SUM(LENGTH(key) + LENGTH(value) + 16), 0) FROM entries").fetchone()
        if total <= self.max_bytes:
            return
        excess = total - int(self.max_bytes * 0.8)  # trim well below the bound, not one row per run
        rows = db.execute("SELECT key, LENGTH(key) + LENGTH(value) + 16 FROM entries ORDER BY used").fetchall()
        doomed = []
        for key, size in rows:
            if excess <= 0:
                break
            doomed.append((key,))
            excess -= size
        db.executemany("DELETE FROM entries WHERE key = ?", doomed)
