"""The inputs a download is read from: a zip, a folder, or files held in memory (live checks).

Each source lists its members (refusing the ones that could hurt the machine, each as a `Skipped`
entry) and opens one member at a time through a reader that never returns more than the member
declared. Member names are only used as lookup keys, never as paths to write, so `..`, absolute
names, drive letters and backslashes are normalised into a clean posix key. A zip inside a download
is never opened: no platform nests its archives, and a nested zip is how a small bomb multiplies
(42.zip); it is listed as skipped with the advice to give it as an input of its own.
"""

from __future__ import annotations

import io
import lzma
import os
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import IO

from exposure_audit.errors import InputError, MemberError
from exposure_audit.limits import Limits
from exposure_audit.model import Skipped, SourceRef
from exposure_audit.sources.folder_walk import NotWalked, walk

_DRIVE = re.compile(r"^[A-Za-z]:")
NESTED_ZIP = (
    "a zip inside the download is not opened (nested archives can hide a zip bomb); "
    "give it to the scan as an input of its own"
)

# What a damaged or hostile zip can make the standard library raise, anywhere from reading the
# central directory to inflating a member. All of it means "this input (or member) is unreadable".
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    struct.error,
    OverflowError,
    KeyError,
    IndexError,
    zlib.error,
    lzma.LZMAError,
    UnicodeError,
    RuntimeError,
)


def is_nested_zip(name: str) -> bool:
    return name.lower().endswith(".zip")


def readable_name(name: str) -> str:
    """A file name as valid text: bytes that were not UTF-8 (kept by the OS as surrogates) become U+FFFD."""
    if name.isascii():  # nearly every name; a surrogate is never ASCII
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _already_clean(name: str) -> bool:
    """True when normalising would leave `name` as it is: no backslash, drive, empty, "." or ".." part.
    Nearly every name of a real download is clean, and this is checked once per member."""
    return not (
        not name
        or "\\" in name
        or "//" in name
        or "/." in name
        or name[0] in "./"
        or name[-1] == "/"
        or _DRIVE.match(name)
    )


def normalise_member_name(name: str) -> str:
    """Turn any member name into a clean relative posix key ("" when nothing is left)."""
    if _already_clean(name):
        return name
    name = name.replace("\\", "/")
    name = _DRIVE.sub("", name)
    parts: list[str] = []
    for part in name.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts:
                parts.pop()
            continue
        parts.append(part)
    return "/".join(parts)


@dataclass(frozen=True, slots=True)
class Member:
    """One file of a download, by its path in the merged tree."""

    path: str  # normalised key in the merged tree
    size: int  # uncompressed size in bytes
    source: int  # index of the source (input) it lives in
    raw_name: str  # the name as stored in the zip, or the relative path in a folder
    crc: int = 0  # zip CRC-32, 0 for folder files
    entry: int = -1  # position in the zip's directory: names can repeat, so open by position, not name
    mtime_ns: int = 0  # folder files: last modification (part of the scan cache's content key)

    @property
    def name(self) -> str:
        return PurePosixPath(self.path).name


class Source:
    """One input path: a zip file or a folder."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.label = str(path)
        self._listed: tuple[Limits, list[Member | Skipped]] | None = None

    def entries(self, limits: Limits, index: int) -> Iterator[Member | Skipped]:
        raise NotImplementedError

    def read_ahead(self, member: Member, length: int) -> None:
        """Ask the system to start reading the member's first `length` bytes (see Tree.read_ahead)."""

    def listing(self, limits: Limits, index: int) -> list[Member | Skipped]:
        """`entries`, read once: a path's tree is built to detect its platform and again for its
        download, and walking a folder of ten thousand photos (a stat each) twice cost a third of a
        second. Kept until the source is closed."""
        if self._listed is None or self._listed[0] != limits:
            self._listed = (limits, list(self.entries(limits, index)))
        listed = self._listed[1]
        first = next((e for e in listed if isinstance(e, Member)), None)
        if first is not None and first.source != index:  # the path's place among its download's parts
            listed = [replace(e, source=index) if isinstance(e, Member) else e for e in listed]
        return listed

    def open(self, member: Member) -> _CappedReader:
        raise NotImplementedError

    def close(self) -> None:
        """Release open handles and the listing; the source reopens lazily (e.g. in a worker process)."""
        self._listed = None


class _NameRepairingFile(io.FileIO):
    """A zip read through one repair. A name marked UTF-8 that is not valid UTF-8 makes the standard
    library refuse the whole zip; while the directory is read, such names are unmarked instead (so
    they decode as cp437, byte for byte) and their positions kept, to be re-decoded as UTF-8 with
    replacement characters. Member data is never touched: only the first directory read and the local
    headers of the repaired members are edited."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, "rb")
        self.repaired: set[int] = set()
        self._local_headers: set[int] = set()
        self._directory_read = False

    def read(self, size: int | None = -1) -> bytes:
        at = self.tell()
        data = super().read(size)
        if not self._directory_read and data[:4] == b"PK\x01\x02":
            self._directory_read = True
            data = self._unmark_bad_names(data)
        elif at in self._local_headers and data[:4] == b"PK\x03\x04" and len(data) >= 8:
            (flags,) = struct.unpack_from("<H", data, 6)
            data = data[:6] + struct.pack("<H", flags & ~0x800) + data[8:]
        return data

    def _unmark_bad_names(self, data: bytes) -> bytes:
        directory = bytearray(data)
        at = position = 0
        while at + 46 <= len(directory) and directory[at : at + 4] == b"PK\x01\x02":
            (flags,) = struct.unpack_from("<H", directory, at + 8)
            name_length, extra_length, comment_length = struct.unpack_from("<HHH", directory, at + 28)
            if flags & 0x800:
                try:
                    bytes(directory[at + 46 : at + 46 + name_length]).decode("utf-8")
                except UnicodeDecodeError:
                    struct.pack_into("<H", directory, at + 8, flags & ~0x800)
                    self.repaired.add(position)
                    self._local_headers.add(struct.unpack_from("<I", directory, at + 42)[0])
            at += 46 + name_length + extra_length + comment_length
            position += 1
        return bytes(directory)


DIRECTORY_BYTES_PER_MEMBER = 100  # a directory entry is 46 bytes plus its name and extras: ~150 in exports


def directory_extent(path: Path) -> tuple[int, int]:
    """(members, bytes) that a zip's end record declares for its directory; (0, 0) when there is none."""
    try:
        with path.open("rb") as handle:
            length = handle.seek(0, os.SEEK_END)
            handle.seek(max(0, length - (22 + 0xFFFF)))
            tail = handle.read()
            at = tail.rfind(b"PK\x05\x06")
            if at < 0 or at + 22 > len(tail):
                return 0, 0
            members, size = struct.unpack_from("<HI", tail, at + 10)
            locator = at - 20
            zip64 = locator >= 0 and tail[locator : locator + 4] == b"PK\x06\x07"
            if zip64 and (members == 0xFFFF or size == 0xFFFFFFFF):
                (record,) = struct.unpack_from("<Q", tail, locator + 8)  # the Zip64 end record
                handle.seek(record)
                head = handle.read(56)
                if len(head) == 56 and head[:4] == b"PK\x06\x06":
                    members, size = struct.unpack_from("<QQ", head, 32)
            return members, size
    except (OSError, ValueError, OverflowError):
        return 0, 0


def _open_zip(path: Path) -> tuple[zipfile.ZipFile, _NameRepairingFile | None]:
    """The zip, and the repairing file it reads through when a name was not valid UTF-8."""
    try:
        return zipfile.ZipFile(path), None
    except UnicodeDecodeError:
        handle = _NameRepairingFile(path)
        try:
            return zipfile.ZipFile(handle), handle
        except BaseException:
            handle.close()
            raise


class _ZipSource(Source):
    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self._zip: zipfile.ZipFile | None = None
        self._repairing: _NameRepairingFile | None = None

    def _handle(self) -> zipfile.ZipFile:
        if self._zip is None:
            self._zip, self._repairing = _open_zip(self.path)
        return self._zip

    def entries(self, limits: Limits, index: int) -> Iterator[Member | Skipped]:
        declared, size = directory_extent(self.path)
        members = max(declared, size // DIRECTORY_BYTES_PER_MEMBER)
        if members > limits.members:  # checked before the standard library builds an object per entry
            raise InputError(
                self.label,
                f"the zip lists about {members} members, over the cap of {limits.members}",
                "If this really is one download, raise the cap with --max-members",
            )
        try:
            infos = self._handle().infolist()
        except ZIP_ERRORS as exc:
            raise InputError(
                self.label, f"the zip cannot be read ({type(exc).__name__}: {exc})", "Download it again"
            ) from exc
        seen: set[str] = set()
        for position, info in enumerate(infos):
            if info.filename.endswith("/"):  # ZipInfo.is_dir() fails on an empty name
                continue
            name = info.filename
            if self._repairing is not None and position in self._repairing.repaired:
                name = name.encode("cp437").decode("utf-8", "replace")
            key = normalise_member_name(name)
            ref = SourceRef(archive=self.label, member=key or info.filename)
            if not key:
                yield Skipped(source=ref, stage="archive", reason="member name is empty after normalisation")
                continue
            if info.flag_bits & 0x1:
                yield Skipped(source=ref, stage="archive", reason="member is encrypted; it cannot be read")
                continue
            if stat.S_ISLNK(info.external_attr >> 16):
                yield Skipped(source=ref, stage="archive", reason="member is a symbolic link; not followed")
                continue
            if is_nested_zip(key):
                yield Skipped(source=ref, stage="archive", reason=NESTED_ZIP)
                continue
            if info.file_size > limits.member_bytes:
                yield Skipped(
                    source=ref,
                    stage="archive",
                    reason=f"uncompressed size {info.file_size} bytes exceeds the member cap "
                    f"of {limits.member_bytes} bytes (possible zip bomb)",
                )
                continue
            ratio = info.file_size / max(1, info.compress_size)
            if info.file_size >= limits.ratio_floor_bytes and ratio > limits.compression_ratio:
                yield Skipped(
                    source=ref,
                    stage="archive",
                    reason=f"compression ratio {ratio:.0f}:1 exceeds the cap of "
                    f"{limits.compression_ratio:.0f}:1 (possible zip bomb)",
                )
                continue
            if key in seen:
                yield Skipped(source=ref, stage="archive", reason="duplicate member name in the zip; first copy read")
                continue
            seen.add(key)
            yield Member(
                path=key, size=info.file_size, source=index, raw_name=info.filename, crc=info.CRC, entry=position
            )

    def open(self, member: Member) -> _CappedReader:
        return _CappedReader(self._handle().open(self._handle().infolist()[member.entry]), member.size)

    def close(self) -> None:
        super().close()
        if self._zip is not None:
            self._zip.close()
            self._zip = None
        if self._repairing is not None:
            self._repairing.close()
            self._repairing = None

    def __getstate__(self) -> dict[str, object]:
        return {"path": self.path, "label": self.label, "_listed": None, "_zip": None, "_repairing": None}

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            setattr(self, key, value)


def _link_problem(link: Path, root: Path) -> str:
    """Why a symbolic link in a download folder is not followed, or "" when it names a file inside it."""
    try:
        target = link.resolve()
    except (RuntimeError, OSError):  # a loop of links (RuntimeError up to Python 3.12)
        return "symbolic link loop; not followed"
    if not target.is_relative_to(root):
        return "symbolic link points outside the download; not followed"
    if not target.is_file():
        what = "a folder" if target.is_dir() else "nothing readable"
        return f"symbolic link to {what}; not followed"
    return ""


def _relative(folder: str, top: Path) -> str:
    """`folder` (ending in a separator) relative to `top`, ending in "/" unless it is `top` itself."""
    rel = Path(folder).relative_to(top).as_posix()
    return "" if rel == "." else rel + "/"


# Linux's "this will be read soon": the read is queued without waiting for it.
_WILL_NEED: int | None = getattr(os, "POSIX_FADV_WILLNEED", None) if hasattr(os, "posix_fadvise") else None


class _FolderSource(Source):
    def entries(self, limits: Limits, index: int) -> Iterator[Member | Skipped]:
        root = self.path.resolve()
        top = str(self.path)
        prefix = top if top.endswith(os.sep) else top + os.sep
        for listed in walk(top, limits.folder_depth):
            if isinstance(listed, NotWalked):
                rel = Path(listed.folder).relative_to(self.path).as_posix()
                yield self._skip(readable_name(rel), listed.reason)
                continue
            dirpath, dirnames = listed.folder, listed.folders
            # Plain strings, worked out once per folder, and one lstat per ordinary file: this loop
            # runs for every photo of a folder.
            base = os.path.join(dirpath, "")
            rel_base = base[len(prefix) :] if base.startswith(prefix) else _relative(base, self.path)
            if os.sep != "/":
                rel_base = rel_base.replace(os.sep, "/")
            for name in listed.files + [d for d in dirnames if os.path.islink(base + d)]:
                full = base + name
                rel = rel_base + name
                shown = readable_name(rel)
                try:
                    status = os.lstat(full)
                    if stat.S_ISLNK(status.st_mode):
                        problem = _link_problem(Path(full), root)
                        if problem:
                            yield self._skip(shown, problem)
                            continue
                        status = os.stat(full)
                    size = status.st_size
                except OSError:
                    try:  # the error of following the name, as a plain stat reports it
                        status = os.stat(full)
                        size = status.st_size
                    except OSError as exc:
                        yield self._skip(shown, f"cannot stat: {exc.strerror}")
                        continue
                if not stat.S_ISREG(status.st_mode):
                    yield self._skip(shown, "not a regular file")
                    continue
                if size > limits.member_bytes:
                    yield self._skip(shown, f"size {size} bytes exceeds the member cap of {limits.member_bytes} bytes")
                    continue
                if is_nested_zip(rel):
                    yield self._skip(shown, NESTED_ZIP)
                    continue
                # The key must be valid text for every report; the raw name still opens the file.
                yield Member(
                    path=normalise_member_name(shown),
                    size=size,
                    source=index,
                    raw_name=rel,
                    mtime_ns=status.st_mtime_ns,
                )

    def _skip(self, member: str, reason: str) -> Skipped:
        return Skipped(source=SourceRef(archive=self.label, member=member), stage="archive", reason=reason)

    def read_ahead(self, member: Member, length: int) -> None:
        if _WILL_NEED is None:  # not offered by this system (macOS, Windows): files are read as they come
            return
        try:
            handle = os.open(os.path.join(self.path, member.raw_name), os.O_RDONLY)
        except OSError:
            return  # the read itself reports the problem
        try:
            os.posix_fadvise(handle, 0, length, _WILL_NEED)
        except OSError:
            pass  # only advice: a file system that does not take it is read as it comes
        finally:
            os.close(handle)

    def open(self, member: Member) -> _CappedReader:
        # Unbuffered: the tree buffers above the cap (Tree.open_member); a second buffer below it only
        # copies every byte once more, which is felt over a folder of thousands of photos.
        return _CappedReader(open(os.path.join(self.path, member.raw_name), "rb", buffering=0), member.size)


class _CappedReader(io.RawIOBase):
    """A reader that refuses to return more bytes than the member declared."""

    def __init__(self, inner: IO[bytes], declared: int) -> None:
        self._inner = inner
        self._left = declared

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        want = min(len(view), self._left + 1)
        chunk = self._inner.read(want)
        if len(chunk) > self._left:
            raise MemberError("member is larger than its declared size")
        self._left -= len(chunk)
        view[: len(chunk)] = chunk
        return len(chunk)

    def close(self) -> None:
        self._inner.close()
        super().close()


class MemorySource(Source):
    """Files fetched by a live check, kept in memory and read through the same Tree interface."""

    def __init__(self, label: str, files: dict[str, bytes]) -> None:
        super().__init__(Path("."))
        self.label = label
        self._files = files

    def entries(self, limits: Limits, index: int) -> Iterator[Member | Skipped]:
        for name in sorted(self._files):
            size = len(self._files[name])
            if size > limits.member_bytes:
                yield Skipped(
                    source=SourceRef(archive=self.label, member=name),
                    stage="archive",
                    reason=f"size {size} bytes exceeds the member cap of {limits.member_bytes} bytes",
                )
                continue
            yield Member(path=normalise_member_name(name), size=size, source=index, raw_name=name)

    def open(self, member: Member) -> _CappedReader:
        return _CappedReader(io.BytesIO(self._files[member.raw_name]), member.size)


def _starts_like_a_zip(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(4) == b"PK\x03\x04"
    except OSError:
        return False


_TAR_SUFFIXES = (".tgz", ".tar.gz", ".tar", ".tar.bz2", ".tbz2", ".tar.xz")


def _is_tar(path: Path) -> bool:
    """A tar archive, by its name or its content (gzip magic, or tar's "ustar" mark at offset 257)."""
    if path.name.lower().endswith(_TAR_SUFFIXES):
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(262)
    except OSError:
        return False
    return head.startswith(b"\x1f\x8b") or head[257:262] == b"ustar"


def open_source(path: Path) -> Source:
    """Open one command-line path, or raise InputError with a one-line fix."""
    if not path.exists():
        raise InputError(str(path), "no such file or folder", "Check the path and try again")
    if path.is_dir():
        if not any(path.iterdir()):
            raise InputError(
                str(path), "this folder is empty", "Give the folder you unpacked your download into, or the .zip itself"
            )
        return _FolderSource(path)
    try:
        is_zip = zipfile.is_zipfile(path)
    except ZIP_ERRORS as exc:  # an end record it cannot follow (a zip "spanning several disks")
        raise InputError(
            str(path), f"the zip cannot be read ({type(exc).__name__}: {exc})", "Download it again"
        ) from exc
    if is_zip:
        return _ZipSource(path)  # its directory is read, and checked, when the tree is built
    if _starts_like_a_zip(path):
        raise InputError(
            str(path),
            "the zip is incomplete or damaged: its directory (the index at its end) is missing or cut short",
            "Download it again; an interrupted download leaves this",
        )
    if _is_tar(path):
        raise InputError(
            str(path),
            "a .tgz, .tar.gz or other compressed archive, which is not read",
            "Choose .zip when you request the download (Google Takeout offers both), or unpack it and give the folder",
        )
    raise InputError(
        str(path),
        "not a zip file or a folder",
        "Give the .zip you downloaded from the platform, or the folder you unpacked it into",
    )
