"""Escaped half characters in JSON: mended to U+FFFD before parsing, whole or streamed in any chunks."""

from __future__ import annotations

import io
import json

import ijson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from exposure_audit.fetchers.common.json_escapes import MendedStream, mend_lone_halves

HIGH, LOW = r"\ud83d", r"\ude00"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (rf"{HIGH} cut short", "\ufffd cut short"),
        (rf"{LOW} alone", "\ufffd alone"),
        (rf"{HIGH}{LOW} smile", "\U0001f600 smile"),  # both halves: the character itself
        (r"\uD83D\uDE00", "\U0001f600"),  # capitals
        (rf"{LOW}{HIGH}", "\ufffd\ufffd"),  # the wrong way round
        (r"\ud800\ud800", "\ufffd\ufffd"),  # two first halves (ijson's C reader makes one character of them)
        (rf"caf\u00e9 {HIGH}", "café \ufffd"),
        (r"a\\ud83d", "a\\ud83d"),  # an escaped backslash, then plain text
        (r"a\\\ud83d", "a\\\ufffd"),  # an escaped backslash, then an escape
        (rf"{HIGH}\\ude00", "\ufffd\\ude00"),  # a half, an escaped backslash, plain text
        (rf"{HIGH}\\{LOW}", "\ufffd\\\ufffd"),  # a half, an escaped backslash, a half
    ],
)
def test_each_half_without_its_partner_is_read_as_the_replacement_character(written: str, read: str) -> None:
    document = f'["{written}"]'.encode()
    mended = mend_lone_halves(document)
    assert json.loads(mended) == [read]
    assert list(ijson.items(io.BytesIO(mended), "item")) == [read]  # the streaming parser agrees
    assert len(mended) == len(document)  # six bytes for six: offsets and string lengths are kept
    read.encode("utf-8")  # every report can write it


def test_a_text_without_lone_halves_is_given_back_as_it_is() -> None:
    document = rb'[{"post": "caf\u00c3\u00a9 \\u00e9 \n \\\\ \"quoted\""}]'
    assert mend_lone_halves(document) is document  # no half escaped at all: not even copied
    paired = document.replace(b"quoted", rb"\ud83d\ude00")
    assert mend_lone_halves(paired) == paired


# JSON string content made of the pieces that matter: plain text, escaped backslashes and quotes,
# escapes of ordinary characters, and escapes of halves, in any order.
_PIECES = st.one_of(
    st.sampled_from(["a", " ", "é", "\\\\", '\\"', "\\n", "\\u00e9", "\\u005c", "u", "d83d"]),
    st.integers(0xD800, 0xDFFF).map(lambda unit: f"\\u{unit:04x}"),
    st.integers(0xD800, 0xDFFF).map(lambda unit: f"\\u{unit:04X}"),
)
_DOCUMENTS = st.lists(st.lists(_PIECES, max_size=12).map("".join), min_size=1, max_size=4).map(
    lambda texts: ("[" + ", ".join(f'"{t}"' for t in texts) + "]").encode()
)


def _without_lone_surrogates(text: str) -> str:
    """What Python's own parser reads, with each surrogate it leaves alone (a half without its
    partner: it joins the halves of a pair into one character) made U+FFFD."""
    return "".join("\ufffd" if 0xD800 <= ord(c) <= 0xDFFF else c for c in text)


@given(_DOCUMENTS)
def test_mending_reads_what_python_reads_with_the_lone_halves_replaced(document: bytes) -> None:
    expected = [_without_lone_surrogates(text) for text in json.loads(document)]
    mended = mend_lone_halves(document)
    assert json.loads(mended) == expected
    assert list(ijson.items(io.BytesIO(mended), "item")) == expected
    assert len(mended) == len(document)


class _Chunks(io.RawIOBase):
    """A stream that gives at most the next of `sizes` bytes per read, as a file or a zip member may."""

    def __init__(self, data: bytes, sizes: list[int]) -> None:
        self._data, self._sizes, self._at = data, sizes, 0

    def read(self, size: int = -1) -> bytes:
        step = self._sizes[self._at % len(self._sizes)] if self._sizes else size
        self._at += 1
        chunk, self._data = self._data[:step], self._data[step:]
        return chunk


@given(_DOCUMENTS, st.lists(st.integers(1, 40), min_size=1, max_size=6), st.integers(1, 64))
def test_the_stream_gives_the_bytes_of_the_whole_text_however_the_chunks_fall(
    document: bytes, chunk_sizes: list[int], asked: int
) -> None:
    stream = MendedStream(_Chunks(document, chunk_sizes))
    given_back = []
    while chunk := stream.read(asked):
        assert len(chunk) <= asked
        given_back.append(chunk)
    assert b"".join(given_back) == mend_lone_halves(document)
    assert stream.read(asked) == b""
