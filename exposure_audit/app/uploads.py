"""Files dropped on the page: streamed into a private folder, capped while they arrive.

The folder is made by `tempfile.mkdtemp` (owner-only, 0700) and removed when the scan is discarded
or the app stops. A file is written as `<name>.part` and renamed only once it is complete, so a
cancelled or refused upload never leaves something that looks like a download.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

from python_multipart.multipart import MultipartParser, parse_options_header

if TYPE_CHECKING:
    from python_multipart.multipart import MultipartCallbacks

ACCEPTED_SUFFIXES = (".zip", ".toml")
MAX_POLICY_BYTES = 1024 * 1024  # a policy is a small text file
_UNSAFE = re.compile(r"[^A-Za-z0-9._() -]+")


class UploadRefused(Exception):
    """The whole request is refused (too big, too many files, not a form)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass(frozen=True, slots=True)
class UploadCaps:
    max_files: int = 50  # files kept at once
    max_bytes: int = 200 * 1024**3  # one zip; the scan's cap on a whole download's size


def safe_name(raw: str) -> str | None:
    """The file's own name without any folder part, in plain characters; None if not acceptable."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")[-120:]
    if not name or not name.lower().endswith(ACCEPTED_SUFFIXES):
        return None
    return name


class UploadFolder:
    def __init__(self, caps: UploadCaps = UploadCaps()) -> None:
        self.caps = caps
        self.root = Path(tempfile.mkdtemp(prefix="exposure-audit-uploads-"))

    def files(self) -> list[Path]:
        if not self.root.exists():
            return []
        return sorted(p for p in self.root.iterdir() if p.is_file() and not p.name.endswith(".part"))

    def _target(self, name: str) -> Path:
        stem, dot, suffix = name.rpartition(".")
        candidate, n = self.root / name, 1
        while candidate.exists() or candidate.with_name(candidate.name + ".part").exists():
            n += 1
            candidate = self.root / f"{stem}-{n}{dot}{suffix}"
        return candidate

    async def receive(self, content_type: str, body: AsyncIterator[bytes]) -> tuple[list[Path], list[str]]:
        """Store every file part of a multipart form; returns (stored files, one line per part not kept)."""
        kind, params = parse_options_header(content_type)
        boundary = params.get(b"boundary")
        if kind != b"multipart/form-data" or not boundary:
            raise UploadRefused(400, "Send the files as a form upload.")
        self.root.mkdir(mode=0o700, exist_ok=True)
        parts = _Parts(self)
        parser = MultipartParser(boundary, cast("MultipartCallbacks", parts.callbacks()))
        try:
            async for chunk in body:
                parser.write(chunk)
                if parts.refused is not None:
                    raise parts.refused
            parser.finalize()
        except BaseException:
            parts.abort()
            raise
        if parts.refused is not None:
            parts.abort()
            raise parts.refused
        return parts.stored, parts.notes

    def remove(self, path: Path) -> None:
        if path.parent == self.root:
            path.unlink(missing_ok=True)

    def clear(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class _Parts:
    """python-multipart callbacks: one part at a time, written straight to disk."""

    def __init__(self, folder: UploadFolder) -> None:
        self.folder = folder
        self.stored: list[Path] = []
        self.notes: list[str] = []
        self.refused: UploadRefused | None = None
        self._field = b""
        self._value = b""
        self._disposition = b""
        self._handle: IO[bytes] | None = None
        self._partial: Path | None = None
        self._name = ""
        self._size = 0
        self._cap = 0

    def callbacks(self) -> dict[str, Any]:
        return {
            "on_part_begin": self._begin,
            "on_header_field": self._header_field,
            "on_header_value": self._header_value,
            "on_header_end": self._header_end,
            "on_headers_finished": self._headers_done,
            "on_part_data": self._data,
            "on_part_end": self._end,
        }

    def _begin(self) -> None:
        self._disposition = b""
        self._field = self._value = b""

    def _header_field(self, data: bytes, start: int, end: int) -> None:
        self._field += data[start:end]

    def _header_value(self, data: bytes, start: int, end: int) -> None:
        self._value += data[start:end]

    def _header_end(self) -> None:
        if self._field.lower() == b"content-disposition":
            self._disposition = self._value
        self._field = self._value = b""

    def _headers_done(self) -> None:
        _, params = parse_options_header(self._disposition)
        raw = params.get(b"filename")
        if raw is None:
            return  # an ordinary form field: ignored
        shown = raw.decode("utf-8", "replace")
        name = safe_name(shown)
        if not shown:
            return  # an empty file input
        if name is None:
            self.notes.append(
                f"{shown}: not a .zip download or a .toml policy. Add the .zip file exactly as the platform sent it"
            )
            return
        if len(self.folder.files()) + len(self.stored) >= self.folder.caps.max_files:
            self.refused = UploadRefused(413, f"At most {self.folder.caps.max_files} files can be added at once.")
            return
        self._cap = MAX_POLICY_BYTES if name.lower().endswith(".toml") else self.folder.caps.max_bytes
        target = self.folder._target(name)
        self._name = target.name
        self._partial = target.with_name(target.name + ".part")
        self._handle = os.fdopen(os.open(self._partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb")
        self._size = 0

    def _data(self, data: bytes, start: int, end: int) -> None:
        if self._handle is None or self.refused is not None:
            return
        self._size += end - start
        if self._size > self._cap:
            self.refused = UploadRefused(
                413, f"{self._name}: larger than the cap of {self._cap} bytes. Check it is the download itself"
            )
            return
        self._handle.write(data[start:end])

    def _end(self) -> None:
        if self._handle is None or self._partial is None or self.refused is not None:
            return
        self._handle.close()
        self._handle = None
        final = self._partial.with_name(self._name)
        os.replace(self._partial, final)
        self._partial = None
        self.stored.append(final)

    def abort(self) -> None:
        """Drop the part being written and every file of this request."""
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        if self._partial is not None:
            self._partial.unlink(missing_ok=True)
        for path in self.stored:
            with contextlib.suppress(OSError):
                path.unlink()
        self.stored = []
