"""The X (Twitter) archive's `.js` data files and its manifest.

Every data file is JSON behind a JavaScript assignment, `window.YTD.tweets.part0 = [ ... ]`, and
`data/manifest.js` is `window.__THAR_CONFIG = { ... }`. The assignment is stripped from the raw bytes
and the rest parsed as JSON (streamed for large members). A `.js` file without the assignment is not
an archive data file and is refused with a reason.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

import ijson

from exposure_audit.errors import MemberError
from exposure_audit.fetchers.common.jsonio import guarded_stream, parse_json_bytes, stream_error
from exposure_audit.sources.archive import Tree

STREAM_BYTES = 8 * 1024 * 1024
_ASSIGNMENT = re.compile(rb"^\s*window\s*\.\s*(YTD\s*\.\s*[\w$]+\s*\.\s*part\d+|__THAR_CONFIG)\s*=\s*")


def strip_wrapper(data: bytes) -> bytes:
    """The JSON text of a data file, without BOM, assignment and trailing semicolon."""
    return _after_assignment(data).rstrip().removesuffix(b";")


def _after_assignment(data: bytes) -> bytes:
    """What follows the BOM and the assignment; the end is left as it is (`data` may be a file's start)."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    match = _ASSIGNMENT.match(data)
    if match is None:
        raise MemberError("not an X archive data file: it does not start with window.YTD.<name>.partN = ...")
    return data[match.end() :]


_YTD_NAME = re.compile(rb"^\s*window\s*\.\s*YTD\s*\.\s*([\w$]+)\s*\.\s*part(\d+)\s*=")


def ytd_file_name(member: str, head: bytes) -> str:
    """The file name X gives the data a `.js` member holds, from its `window.YTD.<name>` assignment
    in the member's opening bytes (`YTD.community_tweet.part0` -> "community-tweet.js"), so a
    renamed copy is still routed; "" when the member is not `.js` or not a data file."""
    if not member.lower().endswith(".js"):
        return ""
    match = _YTD_NAME.match(head[:256].removeprefix(b"\xef\xbb\xbf"))
    if match is None:
        return ""
    name = match.group(1).decode("ascii", "replace").replace("_", "-")
    part = int(match.group(2))
    return f"{name}.js" if part == 0 else f"{name}-part{part}.js"


def read_js(tree: Tree, member: str) -> Any:
    """A whole `.js` data file, parsed; MemberError when it is unreadable."""
    data = tree.read_bytes(member, tree.limits.json_bytes)
    return parse_json_bytes(
        strip_wrapper(data), max_depth=tree.limits.json_depth, max_string=tree.limits.json_string_chars
    )


class _Prefixed(io.RawIOBase):
    """A stream that yields `head` and then the rest of `inner` (the part after the assignment), without
    the semicolon after the array: a streaming parser calls it trailing garbage, and `strip_wrapper`
    drops it for a member read whole, so both readers must."""

    _HELD_MAX = 4096  # a longer run of semicolons is garbage either way: let the parser refuse it

    def __init__(self, head: bytes, inner: IO[bytes]) -> None:
        self._ready = b""
        self._held = head  # from the first ';' of the trailing run of ';' and white space on
        self._inner = inner
        self._ended = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        view = memoryview(buffer)
        while not self._ready and not self._ended:
            self._fill(max(len(view), 1))
        size = min(len(view), len(self._ready))
        view[:size] = self._ready[:size]
        self._ready = self._ready[size:]
        return size

    def _fill(self, size: int) -> None:
        chunk = self._inner.read(size)
        if not chunk:
            self._ended = True
            self._ready = self._held.rstrip().removesuffix(b";")  # as strip_wrapper does
            return
        data = self._held + chunk
        run = len(data.rstrip(b" \t\r\n;"))
        semicolon = data.find(b";", run)
        keep = len(data) if semicolon < 0 else semicolon
        if len(data) - keep > self._HELD_MAX:
            keep = len(data)
        self._ready, self._held = data[:keep], data[keep:]


def iter_js_array(tree: Tree, member: str) -> Iterator[Any]:
    """The elements of a data file's top-level array, streamed when the member is large."""
    size = tree.members[member].size if member in tree.members else 0
    if size <= STREAM_BYTES:
        document = read_js(tree, member)
        if not isinstance(document, list):
            raise MemberError("expected a list after the window.YTD assignment")
        yield from document
        return
    with tree.open_member(member) as handle:
        head = handle.read(4096)
        body = _after_assignment(head)  # raises for a file without the assignment
        if not body.lstrip().startswith(b"["):  # streamed, an object would silently yield no records
            raise MemberError("expected a list after the window.YTD assignment")
        stream = io.BufferedReader(_Prefixed(body, handle))
        guarded = guarded_stream(stream, tree.limits)
        try:
            yield from ijson.items(guarded, "item", use_float=True)  # the guard checks depth as it reads
        except ijson.common.JSONError as exc:
            raise stream_error(exc) from exc


@dataclass(frozen=True, slots=True)
class Manifest:
    """What `manifest.js` says: every data type's files (all parts) and media folders."""

    files: dict[str, tuple[str, ...]] = field(default_factory=dict)  # data type -> file names as written
    media_directories: tuple[str, ...] = ()
    account_id: str = ""


def parse_manifest(document: Any) -> Manifest:
    if not isinstance(document, dict):
        raise MemberError("manifest is not an object")
    data_types = document.get("dataTypes")
    if not isinstance(data_types, dict):
        raise MemberError("manifest has no dataTypes")
    files: dict[str, tuple[str, ...]] = {}
    media: list[str] = []
    for name, spec in data_types.items():
        if not isinstance(spec, dict):
            continue
        listed = spec.get("files")
        if isinstance(listed, list):
            names = tuple(f["fileName"] for f in listed if isinstance(f, dict) and isinstance(f.get("fileName"), str))
            if names:
                files[str(name)] = names
        if isinstance(spec.get("mediaDirectory"), str):
            media.append(spec["mediaDirectory"])
    user = document.get("userInfo")
    account_id = str(user.get("accountId", "")) if isinstance(user, dict) else ""
    return Manifest(files=files, media_directories=tuple(media), account_id=account_id)
