"""Escapes of half a character in JSON text, mended before any parser sees them.

JSON may escape any UTF-16 code unit, so `"\\ud83d"` (the first half of an emoji, as a text cut
short leaves it) is valid JSON but not valid Unicode. Python's parser keeps such a half as a lone
surrogate, which no UTF-8 encoder accepts: the record's identity, the scan cache and every report
would fail on it, and the record would be lost. The streaming parser (ijson's C backend) does worse:
a lone second half raises UnicodeDecodeError and ends the member, and two first halves in a row are
read as one unrelated character. So the bytes are mended first: the escape of a half that has no
partner becomes `\\ufffd` (the replacement character, which a report shows as "�"), six bytes for
six, and a first and second half escaped together, one real character, are kept as written.

Only escapes count: a backslash escaped as `\\\\` is followed by plain text, so `\\\\ud83d` is left
alone. Texts without any such escape (nearly all) are passed through without a copy.
"""

from __future__ import annotations

import re

from exposure_audit.fetchers.common.json_guard import ByteSource

_ESCAPES = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2}"  # both halves: one real character
    rb"|(\\u[dD][89a-fA-F][0-9a-fA-F]{2})"  # a half on its own
    rb"|\\\\"  # an escaped backslash: what follows it is text, not an escape
)
_ANY_HALF = re.compile(rb"\\u[dD][89a-fA-F]")  # the quick test: no match, nothing to mend
REPLACEMENT = rb"\ufffd"
LONGEST = 12  # bytes of the longest escape the pattern matches (both halves)


def _mended(match: re.Match[bytes]) -> bytes:
    return REPLACEMENT if match.group(1) else match.group(0)


def mend_lone_halves(data: bytes) -> bytes:
    """`data` with the escape of each half character without its partner made `\\ufffd`."""
    if not _ANY_HALF.search(data):
        return data
    return _ESCAPES.sub(_mended, data)


def _mend_head(data: bytes) -> tuple[bytes, bytes]:
    """The part of `data` that can be mended now, mended, and the rest, which an escape cut by the end
    of the chunk may continue. The rest starts where no matched escape is open, so reading on from it
    pairs every backslash as the whole text would."""
    cut = len(data) - LONGEST  # an escape that starts before this ends within `data`
    if cut <= 0:
        return b"", data
    if not _ANY_HALF.search(data) and b"\\" not in data[cut - 1 :]:
        return data, b""
    parts: list[bytes] = []
    end = 0
    for match in _ESCAPES.finditer(data):
        if match.start() >= cut:
            break
        parts += (data[end : match.start()], _mended(match))
        end = match.end()
    held = max(cut, end)
    parts.append(data[end:held])
    return b"".join(parts), data[held:]


class MendedStream:
    """A binary stream of JSON text that mends what `mend_lone_halves` mends, chunk by chunk: the bytes
    it gives are those `mend_lone_halves` gives for the whole text, however the chunks fall, and never
    more at a time than were asked for."""

    def __init__(self, inner: ByteSource) -> None:
        self._inner = inner
        self._ready = b""  # mended, not yet read
        self._held = b""  # not yet mended: an escape cut by the end of a chunk may continue it
        self._ended = False

    def read(self, size: int = -1) -> bytes:
        if size == 0:  # ijson asks for nothing first, to learn whether the stream gives bytes or text
            return b""
        while not self._ready and not self._ended:
            chunk = self._inner.read(size)
            if chunk:
                self._ready, self._held = _mend_head(self._held + chunk)
            else:  # the end: what was held back is whole now
                self._ready, self._held, self._ended = mend_lone_halves(self._held), b"", True
        if size < 0 or size >= len(self._ready):
            given, self._ready = self._ready, b""
        else:
            given, self._ready = self._ready[:size], self._ready[size:]
        return given
