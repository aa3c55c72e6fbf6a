"""Nesting depth and string length of JSON text, checked on the raw bytes before any parser sees them.

A parser builds what it reads: a string of a gigabyte, or `[[[[...` nested 100,000 deep, is in
memory before any check on the parsed value could refuse it (ijson even keeps a path string per
level, so deep nesting costs memory quadratic in the depth). `JsonGuard` reads the same bytes first,
chunk by chunk, and raises `MemberError` as soon as a cap is crossed, so at most one chunk past the
cap is ever read.

The scan is exact for valid JSON: a quote preceded by an odd number of backslashes is escaped, every
other quote opens or closes a string, and only brackets outside strings count towards the depth. It
works on whole chunks with numpy (the per-byte work never runs in Python), so it keeps up with the
parser. A string's length is counted as written in the file (an escape such as `\\u00e9` counts six),
which is never less than its length in characters.
"""

from __future__ import annotations

from typing import Protocol

import numpy as np
import numpy.typing as npt

from exposure_audit.errors import MemberError

QUOTE, BACKSLASH = 0x22, 0x5C
OPENERS, CLOSERS = (0x5B, 0x7B), (0x5D, 0x7D)  # [ {   ] }
SLICE_BYTES = 1 << 20  # whole documents are checked a slice at a time

Bytes = npt.NDArray[np.uint8]


class JsonGuard:
    """Feed it consecutive chunks of one JSON text; it raises MemberError when a cap is exceeded."""

    def __init__(self, max_depth: int, max_string: int) -> None:
        self.max_depth = max_depth
        self.max_string = max_string
        self.depth = 0  # open arrays and objects at the end of what was fed
        self.in_string = False
        self.string_bytes = 0  # bytes of the string still open at the end of what was fed
        self.backslashes = 0  # backslashes that ended what was fed (an escape may continue)

    def feed(self, chunk: bytes | bytearray | memoryview) -> None:
        data: Bytes = np.frombuffer(chunk, dtype=np.uint8)
        if data.size == 0:
            return
        quotes = self._real_quotes(data)
        self._check_depth(data, quotes)
        self._check_strings(data.size, quotes)

    def _real_quotes(self, data: Bytes) -> npt.NDArray[np.intp]:
        """Positions of the quotes that open or close a string (not escaped ones)."""
        quotes = np.flatnonzero(data == QUOTE)
        is_backslash = data == BACKSLASH
        carried = self.backslashes
        if is_backslash[-1]:
            plain = np.flatnonzero(~is_backslash)
            self.backslashes = data.size - 1 - int(plain[-1]) if plain.size else carried + data.size
        else:
            self.backslashes = 0
        if quotes.size == 0 or not (carried or is_backslash.any()):
            return quotes
        # For each position, the last position at or before it that is not a backslash (-1: none yet).
        positions = np.arange(data.size)
        last_plain = np.maximum.accumulate(np.where(is_backslash, -1, positions))
        before = np.maximum(quotes - 1, 0)
        previous_plain = np.where(quotes > 0, last_plain[before], -1)
        run = quotes - 1 - previous_plain  # backslashes right before each quote within this chunk
        run = run + np.where(previous_plain < 0, carried, 0)  # ... continuing from the chunk before
        escaped: npt.NDArray[np.intp] = quotes[run % 2 == 1]
        return np.setdiff1d(quotes, escaped, assume_unique=True)

    def _check_depth(self, data: Bytes, quotes: npt.NDArray[np.intp]) -> None:
        opens = (data == OPENERS[0]) | (data == OPENERS[1])
        closes = (data == CLOSERS[0]) | (data == CLOSERS[1])
        if not (opens.any() or closes.any()):
            return
        step = opens.astype(np.int32) - closes.astype(np.int32)
        if quotes.size or self.in_string:
            toggles = np.zeros(data.size, dtype=np.int32)
            toggles[quotes] = 1
            inside = (np.cumsum(toggles) + int(self.in_string)) & 1
            step[inside == 1] = 0  # brackets inside strings are text
        levels = np.cumsum(step) + self.depth
        if int(levels.max()) > self.max_depth:
            raise MemberError(f"JSON nesting is deeper than the cap of {self.max_depth} levels")
        if int(levels.min()) < 0:
            raise MemberError("invalid JSON (a closing bracket without its opening one)")
        self.depth = int(levels[-1])

    def _check_strings(self, size: int, quotes: npt.NDArray[np.intp]) -> None:
        if quotes.size == 0:
            if self.in_string:
                self.string_bytes += size
                self._check_length(self.string_bytes)
            return
        if self.in_string:  # the first quote closes the string left open by the chunk before
            self._check_length(self.string_bytes + int(quotes[0]))
            quotes = quotes[1:]
        opening, closing = quotes[0::2], quotes[1::2]
        paired = closing.size
        if paired:
            self._check_length(int((closing - opening[:paired]).max()) - 1)
        self.in_string = opening.size > paired
        self.string_bytes = size - int(opening[-1]) - 1 if self.in_string else 0
        self._check_length(self.string_bytes)

    def _check_length(self, length: int) -> None:
        if length > self.max_string:
            raise MemberError(f"a JSON string is longer than the cap of {self.max_string} characters")


def check_json_bytes(data: bytes | bytearray | memoryview, *, max_depth: int, max_string: int) -> None:
    """Refuse a whole JSON text held in memory before it is parsed; MemberError when over a cap."""
    guard = JsonGuard(max_depth, max_string)
    view = memoryview(data)
    for start in range(0, len(view), SLICE_BYTES):
        guard.feed(view[start : start + SLICE_BYTES])


class ByteSource(Protocol):
    """What a streaming parser reads from: a file opened in binary mode, or a stream standing in for it."""

    def read(self, size: int = -1, /) -> bytes: ...


class GuardedStream:
    """A binary stream that checks every chunk it hands to a streaming parser (ijson) first."""

    def __init__(self, inner: ByteSource, guard: JsonGuard) -> None:
        self._inner = inner
        self._guard = guard

    def read(self, size: int = -1) -> bytes:
        chunk = self._inner.read(size)
        self._guard.feed(chunk)
        return chunk
